#!/usr/bin/env node
// (a) What a user runs: start, EAL ready, probe net_null0, show port summary all, quit, with the
// same EAL arguments everywhere:
//   bin/vdev-shell -batch s.vsh -- EAL        (the entry point package.json names)
//   node dist/cli.js -batch -ex ... -- EAL    (the shell without the entry point)
//   testpmd EAL -- -i --cmdline-file=...       (port attach net_null0; show port summary all; quit)
// and testpmd --no-mlockall too: by default testpmd locks all its memory (mlockall), which with
// -m 256 faults in 256 MB and is most of its start-up time and RSS. Interleaved runs; ratios are
// medians of the pairwise ratios. Standalone: node scripts/bench/startup.mjs [--build SRC:TYPE]
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { benchBuilds, binPath, cliPath, isMain, median, pairedRatio, reps, round, tempDir, testpmdPath, timeRun, TESTPMD_EAL } from './lib.mjs';

export const order = 10;
export const perBuild = true;
const TARGET = 0.5;

export default async function benchStartup({ build, env = process.env, n = reps() } = {}) {
  const tmp = tempDir('startup');
  const testpmd = await testpmdPath(build);
  const tpCmd = path.join(tmp, 'tp.cmd');
  fs.writeFileSync(tpCmd, 'port attach net_null0\nshow port summary all\nquit\n');
  const vsh = path.join(tmp, 's.vsh');
  fs.writeFileSync(vsh, 'probe net_null0\nshow port summary all\n');
  const tpArgs = (...extra) => [...TESTPMD_EAL, '--', '-i', '--total-num-mbufs=2048', ...extra, `--cmdline-file=${tpCmd}`];
  const runs = {
    bin: [binPath, ['-batch', vsh, '--', ...TESTPMD_EAL]],
    node: [process.execPath, [cliPath, '-batch', '-ex', 'probe net_null0', '-ex', 'show port summary all', '--', ...TESTPMD_EAL]],
    testpmd: [testpmd, tpArgs()],
    testpmdNoMlockall: [testpmd, tpArgs('--no-mlockall')],
  };
  // The port summary each prints, with net_null0 in it.
  const SHELL = /^Port\s+Name[^\n]*\n0\s+net_null0/m, TESTPMD = /Number of available ports: 1[\s\S]*net_null0/;
  const done = { bin: SHELL, node: SHELL, testpmd: TESTPMD, testpmdNoMlockall: TESTPMD };
  // Not timed: each does the whole work, and the page cache is warm.
  for (const [k, [cmd, args]] of Object.entries(runs)) {
    const r = spawnSync(cmd, args, { cwd: tmp, env, encoding: 'utf8', input: '' });
    if (r.status !== 0 || !done[k].test(r.stdout)) throw new Error(`${k}: no port summary with net_null0 (exit ${r.status}): ${(r.stdout + r.stderr).slice(-600)}`);
  }
  const ms = Object.fromEntries(Object.keys(runs).map((k) => [k, []]));
  for (let i = 0; i < n; i++) for (const [k, [cmd, args]] of Object.entries(runs)) ms[k].push(timeRun(cmd, args, { cwd: tmp, env }));
  const med = (k) => round(median(ms[k]));
  return {
    binMs: med('bin'), nodeMs: med('node'), testpmdMs: med('testpmd'), testpmdNoMlockallMs: med('testpmdNoMlockall'),
    binRatio: round(pairedRatio(ms.bin, ms.testpmd), 3), nodeRatio: round(pairedRatio(ms.node, ms.testpmd), 3),
    binVsNoMlockall: round(pairedRatio(ms.bin, ms.testpmdNoMlockall), 3),
    ealArgs: TESTPMD_EAL.join(' '), reps: n, samples: Object.fromEntries(Object.entries(ms).map(([k, v]) => [k, v.map((x) => round(x))])),
  };
}

/** README rows (scripts/bench/table.mjs): [measure, vdev-shell, reference, ratio, target]. */
export function rows(r) {
  const what = 'start, EAL ready, probe net_null0, show port summary all, quit';
  return [
    [`${what}: \`bin/vdev-shell -batch\``, `${r.binMs.toFixed(0)} ms`, `testpmd ${r.testpmdMs.toFixed(0)} ms`, `${r.binRatio.toFixed(2)}x`, `<= ${TARGET}x`],
    [`same, \`node dist/cli.js -batch -ex ...\``, `${r.nodeMs.toFixed(0)} ms`, `testpmd ${r.testpmdMs.toFixed(0)} ms`, `${r.nodeRatio.toFixed(2)}x`, ''],
    ['same, `bin/vdev-shell` against testpmd `--no-mlockall`', `${r.binMs.toFixed(0)} ms`, `testpmd --no-mlockall ${r.testpmdNoMlockallMs.toFixed(0)} ms`, `${r.binVsNoMlockall.toFixed(2)}x`, ''],
  ];
}

if (isMain(import.meta.url)) {
  for (const b of await benchBuilds()) console.log(b.label, JSON.stringify(await benchStartup(b), null, 2));
}
