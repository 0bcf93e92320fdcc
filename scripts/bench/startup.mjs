#!/usr/bin/env node
// Start-up: vdev-shell to its first prompt and to a ready EAL, then quit, against testpmd (same
// DPDK build) started and quit with an empty command file. Medians of interleaved runs.
// Standalone: node scripts/bench/startup.mjs
import fs from 'node:fs';
import path from 'node:path';
import { cliPath, isMain, median, reps, tempDir, testpmdPath, timeRun, TESTPMD_EAL } from './lib.mjs';

export const order = 10;

export default async function benchStartup({ n = reps() } = {}) {
  const tmp = tempDir('startup');
  const testpmd = await testpmdPath();
  const tpCmd = path.join(tmp, 'tp.cmd');
  fs.writeFileSync(tpCmd, 'quit\n');
  const vsh = path.join(tmp, 'eal.vsh');
  fs.writeFileSync(vsh, 'info eal\n');
  const tp = [], toPrompt = [], toEal = [];
  for (let i = 0; i < n; i++) {
    tp.push(timeRun(testpmd, [...TESTPMD_EAL, '--', '-i', '--total-num-mbufs=2048', `--cmdline-file=${tpCmd}`], { cwd: tmp }));
    toPrompt.push(timeRun(process.execPath, [cliPath, '--plain', '-q'], { input: 'quit\n', cwd: tmp }));
    toEal.push(timeRun(process.execPath, [cliPath, '-batch', vsh], { cwd: tmp }));
  }
  return { testpmdMs: median(tp), vdevPromptQuitMs: median(toPrompt), vdevEalReadyQuitMs: median(toEal), reps: n };
}

if (isMain(import.meta.url)) console.log(JSON.stringify(await benchStartup(), null, 2));
