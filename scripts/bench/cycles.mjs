#!/usr/bin/env node
// The attach+detach cycle of net_null, per cycle: N cycles in one process minus an empty run
// (start-up subtracted), vdev-shell (probe / port detach) against testpmd (port attach / port
// stop / port detach). Start-up's run-to-run spread (~20 ms) is ~0.1 ms per cycle over 200:
// medians of interleaved runs keep that noise out of the ratio.
// Standalone: node scripts/bench/cycles.mjs [--build SRC:TYPE]
import fs from 'node:fs';
import path from 'node:path';
import { benchBuilds, cliPath, isMain, median, reps, tempDir, testpmdPath, timeRun, TESTPMD_EAL } from './lib.mjs';

export const order = 20;
export const perBuild = true;

export default async function benchCycles({ build, env = process.env, cycles = 200, n = reps() } = {}) {
  const tmp = tempDir('cycles');
  const testpmd = await testpmdPath(build);
  const file = (name, lines) => { const f = path.join(tmp, name); fs.writeFileSync(f, lines.join('\n') + '\n'); return f; };
  const tpCmds = [], vsCmds = [];
  for (let i = 0; i < cycles; i++) {
    tpCmds.push('port attach net_null0', 'port stop 0', 'port detach 0');
    vsCmds.push('probe net_null0', 'port detach 0');
  }
  const tp0 = file('tp0.cmd', ['quit']), tpN = file('tpN.cmd', [...tpCmds, 'quit']);
  const vs0 = file('vs0.vsh', ['info eal']), vsN = file('vsN.vsh', ['info eal', ...vsCmds]);
  const tp = (f) => timeRun(testpmd, [...TESTPMD_EAL, '--', '-i', '--total-num-mbufs=2048', `--cmdline-file=${f}`], { cwd: tmp, env });
  const vs = (f) => timeRun(process.execPath, [cliPath, '-batch', f], { cwd: tmp, env });
  const runs = { tp0: [], tpN: [], vs0: [], vsN: [] };
  for (let i = 0; i < n; i++) {
    runs.tp0.push(tp(tp0)); runs.tpN.push(tp(tpN));
    runs.vs0.push(vs(vs0)); runs.vsN.push(vs(vsN));
  }
  const m = Object.fromEntries(Object.entries(runs).map(([k, v]) => [k, median(v)]));
  return { cycles, testpmdPerCycleMs: (m.tpN - m.tp0) / cycles, vdevPerCycleMs: (m.vsN - m.vs0) / cycles, reps: n };
}

export function rows(r) {
  return [[`attach + detach net_null, per cycle (${r.cycles})`, `${r.vdevPerCycleMs.toFixed(2)} ms`, `testpmd ${r.testpmdPerCycleMs.toFixed(2)} ms`, `${(r.vdevPerCycleMs / r.testpmdPerCycleMs).toFixed(2)}x`, '<= 0.7x']];
}

if (isMain(import.meta.url)) for (const b of await benchBuilds()) console.log(b.label, JSON.stringify(await benchCycles(b), null, 2));
