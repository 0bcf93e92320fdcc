#!/usr/bin/env node
// Time to prompt in a real terminal (a pty from script(1)): process start to the first rendered
// `(vdev)` prompt of the Ink UI, against testpmd (same DPDK build) to its `testpmd> ` prompt.
// testpmd needs --total-num-mbufs=2048 with -m 256 (its default pool does not fit).
// Also reports when the Ink frame replaced the early prompt (typed keys echo from then on) and
// when the status line first says the EAL is running. Medians of REPS runs (BENCH_REPS, default 5).
// Standalone: node scripts/bench/ui.mjs
import { spawn } from 'node:child_process';
import path from 'node:path';
import { cliPath, isMain, median, reps as defaultReps, round, tempDir, testpmdPath, TESTPMD_EAL } from './lib.mjs';

export const order = 40;
const q = (a) => `'${String(a).replace(/'/g, `'\\''`)}'`;

/**
 * Runs argv on a 100x30 pty and resolves the ms from spawn until each pattern first appears in
 * its output, then types `quit` and waits for the exit.
 */
function timeToPatterns(argv, patterns, env, cwd, timeoutMs = 30_000) {
  return new Promise((resolve, reject) => {
    const t0 = process.hrtime.bigint();
    const cmd = `stty cols 100 rows 30; exec ${argv.map(q).join(' ')}`;
    const p = spawn('script', ['-qfec', cmd, '/dev/null'], { cwd, env: { ...process.env, ...env }, stdio: ['pipe', 'pipe', 'ignore'] });
    const seen = {};
    let out = '';
    let quitSent = false;
    const timer = setTimeout(() => { p.kill('SIGKILL'); reject(new Error(`${argv[0]}: no ${Object.keys(patterns).filter((k) => !(k in seen)).join(', ')} within ${timeoutMs} ms`)); }, timeoutMs);
    p.stdout.on('data', (b) => {
      out += b.toString();
      const ms = Number(process.hrtime.bigint() - t0) / 1e6;
      for (const [k, re] of Object.entries(patterns)) if (!(k in seen) && re.test(out)) seen[k] = ms;
      if (!quitSent && Object.keys(patterns).every((k) => k in seen)) { quitSent = true; p.stdin.write('quit\r'); }
    });
    p.on('exit', () => { clearTimeout(timer); if (quitSent) resolve(seen); else reject(new Error(`${argv[0]} exited before its prompt:\n${out.slice(-2000)}`)); });
    p.on('error', reject);
  });
}

export default async function benchUi(reps = defaultReps()) {
  const testpmd = await testpmdPath();
  const tmp = tempDir('ui');
  const env = { HOME: tmp, VDEV_SHELL_HISTORY: path.join(tmp, 'history'), TERM: 'xterm-256color' };
  const vdev = [], inter = [], eal = [], tp = [];
  for (let i = 0; i < reps; i++) {
    const v = await timeToPatterns([process.execPath, cliPath], { prompt: /\(vdev\)/, interactive: /hot-plug debugger/, eal: /EAL running pid/ }, env, tmp);
    vdev.push(v.prompt); inter.push(v.interactive); eal.push(v.eal);
    const t = await timeToPatterns([testpmd, ...TESTPMD_EAL, '--', '-i', '--total-num-mbufs=2048'], { prompt: /testpmd> / }, env, tmp);
    tp.push(t.prompt);
  }
  const r1 = (x) => round(x);
  return {
    vdevMs: r1(median(vdev)), testpmdMs: r1(median(tp)), vdevInkFrameMs: r1(median(inter)), vdevEalReadyMs: r1(median(eal)), reps,
    samples: { vdev: vdev.map(r1), testpmd: tp.map(r1), vdevInkFrame: inter.map(r1), vdevEalReady: eal.map(r1) },
  };
}

export function rows(r) {
  return [['prompt painted in a real terminal (UI)', `${r.vdevMs.toFixed(0)} ms`, `testpmd ${r.testpmdMs.toFixed(0)} ms`, `${(r.vdevMs / r.testpmdMs).toFixed(2)}x`, '']];
}

if (isMain(import.meta.url)) {
  const r = await benchUi();
  console.log(`time to prompt: vdev-shell UI ${r.vdevMs} ms, testpmd ${r.testpmdMs} ms (${(r.vdevMs / r.testpmdMs).toFixed(2)}x); Ink frame (keys echo) at ${r.vdevInkFrameMs} ms; status says EAL running at ${r.vdevEalReadyMs} ms`);
  console.log(JSON.stringify(r));
}
