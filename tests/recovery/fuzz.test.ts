// Fuzzing: random command lines into the parser, random devargs into check()/warnings/pre-flight
// triggers (no exception escapes), and a short bounded run of random devargs into REAL probes
// (scripts/fuzz-probes.mjs is the long one): every probe ends classified, the shell stays alive.
import fc from 'fast-check';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { matchCommand } from '../../src/commands/registry.js';
import { parseDevargs } from '../../src/devargs/parse.js';
import { parseCliArgs } from '../../src/cli/args.js';
import { checkDevargs } from '../../src/diagnose/check.js';
import { probeWarnings } from '../../src/diagnose/warnings.js';
import { riskyParts } from '../../src/recovery/preflight.js';
import { randomDevargs, rng } from '../../src/recovery/devargs-gen.js';
import { recoveryState } from '../../src/recovery/state.js';
import { Session } from '../../src/session/session.js';
import { Runner } from '../../src/script/runner.js';
import type { DriverInfo } from '../../src/session/drivers.js';
import { tmpDir } from '../helpers/tmp.js';
import { ownLink, veth } from './host.js';
import { fixProblems, type PrintedFix } from '../helpers/printed-commands.js';

// Devargs-ish strings: the alphabet that matters (separators, brackets, quotes, spaces).
const devargsText = fc.array(fc.constantFrom(...'net_pcap0tap,=[]"\' :-/xv1'.split(''), 'net_', 'eth_', 'rte_eal_hotplug_add(', '--vdev=', 'dpdk-devargs='), { maxLength: 40 }).map((a) => a.join(''));

let session: Session;
let drivers: DriverInfo[];
beforeAll(async () => { session = new Session(); await session.ready(); drivers = await session.drivers(); });
afterAll(async () => { await session.close(); });

describe('fuzz: parser, check, warnings', () => {
  it('the command parser and devargs parser never throw', () => {
    fc.assert(fc.property(fc.oneof(fc.string(), devargsText), (s) => {
      matchCommand(s);
      const p = parseDevargs(s);
      expect(typeof p.ok).toBe('boolean');
      parseCliArgs(s.split(' '));
    }), { numRuns: 2000 });
  });

  it('warnings and pre-flight triggers never throw on random devargs against every driver', () => {
    fc.assert(fc.property(devargsText, fc.nat(drivers.length - 1), (s, di) => {
      const p = parseDevargs(s);
      if (!p.ok) return;
      const w = probeWarnings({ devargs: p.devargs, driver: drivers[di], drivers, ports: [], others: [] });
      for (const x of w) expect(x.message).toBeTruthy();
      riskyParts(p.devargs, drivers[di]);
    }), { numRuns: 1000 });
  });

  it('check() against the real EAL never throws', async () => {
    let n = 0;
    await fc.assert(fc.asyncProperty(devargsText, async (s) => {
      const r = await checkDevargs(session, s);
      expect(r.input).toBe(s);
      n++;
    }), { numRuns: 150 });
    expect(n).toBe(150);
  });
});

describe('fuzz: random devargs into real probes (short run)', () => {
  it('every probe ends classified and the shell lives', async () => {
    const tmp = tmpDir('vdsh-fuzz-');
    const iface = veth('fz');
    const fifo = path.join(tmp, 'fifo');
    execFileSync('mkfifo', [fifo]);
    const s = new Session();
    try {
      recoveryState(s).timeoutMs = 1500;
      const runner = new Runner(s);
      await s.ready();
      const r = rng(7);
      const counts: Record<string, number> = {};
      const host = { tmp, fifo, iface, tapName: (i: number) => ownLink(`vdshft${i}`) };
      for (let i = 0; i < 24; i++) {
        const devargs = randomDevargs(r, drivers, host, i);
        const res = (await runner.run(`probe ${r() < 0.3 ? '--force ' : ''}${devargs}`))!;
        const code = res.ok ? 'ok' : res.error!.code;
        expect(code, devargs).not.toBe('internal');
        expect(res.ok || !!res.error?.message).toBe(true);
        counts[code] = (counts[code] ?? 0) + 1;
        // Every fix a diagnosis prints runs as printed.
        expect(fixProblems([(res.data as { diagnosis?: { fixes: PrintedFix[] } } | null)?.diagnosis]), devargs).toEqual([]);
        for (const p of await s.ports()) await runner.run(`port detach ${p.port}`);
      }
      const last = (await runner.run('show port summary all'))!;
      expect(last.ok).toBe(true);
      expect(s.inferior.alive).toBe(true);
      expect(Object.values(counts).reduce((a, b) => a + b, 0)).toBe(24);
    } finally {
      await s.close();
    }
  });
});
