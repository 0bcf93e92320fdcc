// A short soak (the full one is `node --expose-gc scripts/soak.mjs`, 10,000 cycles): attach/detach
// across every vdev driver of the build leaves no port, fd (inferior and shell), kernel interface
// or RSS growth behind; the script's own verdict (exit status, pass) must agree.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '../../src/util/paths.js';

const CYCLES = 700;

describe('soak (short)', () => {
  it(`${CYCLES} cycles over 7 devices: no failures, no leaked ports, fds, interfaces or memory`, () => {
    const r = spawnSync(process.execPath, ['--expose-gc', path.join(projectRoot, 'scripts', 'soak.mjs'), '--cycles', String(CYCLES), '--warmup', '350', '--json'], { encoding: 'utf8', timeout: 180_000 });
    const rep = JSON.parse(r.stdout.trim().split('\n').pop() || '{}');
    expect(rep.failures, JSON.stringify(rep.failedSamples)).toBe(0);
    expect(rep.samePid).toBe(true);
    // Every device really went through the EAL, claimed by the driver its name prefix names.
    const devices = Object.entries(rep.devices as Record<string, { attached: number; detached: number; drivers: string[]; matched: string }>);
    expect(devices).toHaveLength(7);
    for (const [name, d] of devices) {
      expect({ name, attached: d.attached, detached: d.detached }).toEqual({ name, attached: CYCLES / 7, detached: CYCLES / 7 });
      expect(d.drivers).toHaveLength(1);
      expect(name.startsWith(d.matched), `${name} claimed by ${d.drivers[0]} through ${d.matched}`).toBe(true);
    }
    expect(rep.leakedPorts).toBe(0);
    expect(rep.leakedFds, JSON.stringify(rep.trend)).toBeLessThanOrEqual(0);
    expect(rep.shellLeakedFds, JSON.stringify(rep.trend)).toBeLessThanOrEqual(0);
    expect(rep.leakedInterfaces).toEqual([]);
    expect(rep.rssGrowth, JSON.stringify(rep.trend)).toBeLessThan(5);
    expect(rep.shellRssGrowth, JSON.stringify(rep.trend)).toBeLessThan(5);
    expect(rep.pass).toBe(true);
    expect(r.status, r.stderr).toBe(0);
  });
});
