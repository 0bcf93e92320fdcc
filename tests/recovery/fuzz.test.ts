// Fuzzing: random command lines into the parser, random devargs into check()/warnings/pre-flight
// triggers (no exception escapes), and a short bounded run of random devargs into REAL probes
// (scripts/fuzz-probes.mjs; longer runs by hand): every probe ends with a cause, and the shell
// and its EAL stay alive, watched from outside by pid.
import fc from 'fast-check';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { matchCommand } from '../../src/commands/registry.js';
import { parseDevargs } from '../../src/devargs/parse.js';
import { parseCliArgs } from '../../src/cli/args.js';
import { checkDevargs } from '../../src/diagnose/check.js';
import { probeWarnings } from '../../src/diagnose/warnings.js';
import { riskyParts } from '../../src/recovery/preflight.js';
import { Session } from '../../src/session/session.js';
import type { DriverInfo } from '../../src/session/drivers.js';
import { projectRoot } from '../../src/util/paths.js';
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
    await fc.assert(fc.asyncProperty(devargsText, async (s) => {
      const r = await checkDevargs(session, s);
      expect(r.input).toBe(s);
    }), { numRuns: 150 });
  });
});

describe('fuzz: random devargs into real probes (short run)', () => {
  it('every probe ends with a cause, and the shell and its EAL stay alive as seen from outside', () => {
    // The shell runs as its own process, driven line by line; the script checks every result's
    // class and, by pid in /proc, the shell and its EAL after every input.
    const r = spawnSync(process.execPath, [path.join(projectRoot, 'scripts', 'fuzz-probes.mjs'), '--runs', '24', '--seed', '7', '--timeout', '1500', '--json'],
      { encoding: 'utf8', timeout: 300_000 });
    const rep = JSON.parse(r.stdout.trim().split('\n').pop() || '{}');
    expect(rep.unclassified, r.stderr).toEqual([]);
    expect(rep.liveness, r.stderr).toEqual([]);
    expect(rep.livenessChecked).toBe(24);
    // Host safety: no interface but vdsh* ones appeared while it ran (a tap under DPDK's default
    // name would), watched in the run's own network namespace so no other process's count.
    expect(rep.netns).toBe('own');
    expect(rep.foreignIfaces, r.stderr).toEqual([]);
    // Every fix a diagnosis printed runs as printed.
    expect(fixProblems(rep.diagnoses as { fixes: PrintedFix[] }[])).toEqual([]);
    expect(rep.shellExit).toMatchObject({ signal: null });
    expect(r.status, r.stdout + r.stderr).toBe(0);
  });
});
