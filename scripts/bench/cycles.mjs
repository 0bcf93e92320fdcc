#!/usr/bin/env node
// The attach+detach cycle of net_null, per cycle: N cycles in one process minus an empty run
// (start-up subtracted), vdev-shell (probe / port detach) against testpmd (port attach / port
// stop / port detach). Start-up's run-to-run spread (~20 ms for us, ~40 ms for testpmd) is 0.1 to
// 0.2 ms per cycle over 200, as much as the cycle itself: with 7 runs the ratio moved between
// 0.64x and 1.5x from one run to the next. So this measure takes more runs than the others
// (BENCH_CYCLE_REPS, 21 by default) and reports the spread of its paired runs. More cycles would
// not help: testpmd's cycle slows as it goes (about 1.1 ms at 400 cycles against 0.45 at 200),
// and they would thin out our one-time first-probe cost, which this measure must include.
// Standalone: node scripts/bench/cycles.mjs [--build SRC:TYPE]
import fs from 'node:fs';
import path from 'node:path';
import { benchBuilds, cliPath, isMain, median, tempDir, testpmdPath, timeRun, TESTPMD_EAL } from './lib.mjs';

const cycleReps = () => Number(process.env.BENCH_CYCLE_REPS ?? 21);
/** First and third quartile of a list. */
const quartiles = (xs) => { const s = [...xs].sort((a, b) => a - b); return [s[Math.floor((s.length - 1) / 4)], s[Math.floor((3 * (s.length - 1)) / 4)]]; };

export const order = 20;
export const perBuild = true;

export default async function benchCycles({ build, env = process.env, cycles = 200, n = cycleReps() } = {}) {
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
  // Each pair (N cycles, then the empty run right after) as a per-cycle figure: its quartiles say
  // how far one pair could be trusted; the ratio comes from the medians above.
  const perCycle = (n, zero) => quartiles(n.map((x, i) => (x - zero[i]) / cycles));
  return {
    cycles, testpmdPerCycleMs: (m.tpN - m.tp0) / cycles, vdevPerCycleMs: (m.vsN - m.vs0) / cycles, reps: n,
    pairQuartilesMs: { testpmd: perCycle(runs.tpN, runs.tp0), vdev: perCycle(runs.vsN, runs.vs0) },
  };
}

export function rows(r) {
  const q = (x) => (x ? ` (middle half of the runs ${x[0].toFixed(2)}-${x[1].toFixed(2)})` : '');
  return [[`attach + detach net_null, per cycle (${r.cycles} cycles, medians of ${r.reps} runs)`, `${r.vdevPerCycleMs.toFixed(2)} ms${q(r.pairQuartilesMs?.vdev)}`, `testpmd ${r.testpmdPerCycleMs.toFixed(2)} ms${q(r.pairQuartilesMs?.testpmd)}`, `${(r.vdevPerCycleMs / r.testpmdPerCycleMs).toFixed(2)}x`, '<= 0.7x']];
}

if (isMain(import.meta.url)) for (const b of await benchBuilds()) console.log(b.label, JSON.stringify(await benchCycles(b), null, 2));
