// A short soak (the full one is `node --expose-gc scripts/soak.mjs`, 10,000 cycles): attach/detach
// across every vdev driver of the build leaves no port, fd or kernel interface behind.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '../../src/util/paths.js';

describe('soak (short)', () => {
  it('280 cycles over 7 devices: no failures, no leaked ports, fds or interfaces', () => {
    const r = spawnSync(process.execPath, ['--expose-gc', path.join(projectRoot, 'scripts', 'soak.mjs'), '--cycles', '280', '--warmup', '70', '--json'], { encoding: 'utf8', timeout: 120_000 });
    const rep = JSON.parse(r.stdout.trim().split('\n').pop()!);
    expect(rep.failures, JSON.stringify(rep.failedSamples)).toBe(0);
    expect(rep.leakedPorts).toBe(0);
    expect(rep.leakedFds).toBeLessThanOrEqual(0);
    expect(rep.leakedInterfaces).toEqual([]);
    expect(rep.drivers).toEqual(expect.arrayContaining(['net_null0', 'net_ring0', 'net_pcap0', 'net_tap0', 'net_af_packet0', 'net_vhost0', 'eth_null1']));
  });
});
