#!/usr/bin/env node
// Time to prompt in a real terminal (a pty from script(1)): process start to the first rendered
// `(vdev)` prompt of the Ink UI, against testpmd (same DPDK build) to its `testpmd> ` prompt.
// testpmd needs --total-num-mbufs=2048 with -m 256 (its default pool does not fit), as in bench.mjs.
// Also reports when the Ink frame replaced the early prompt (typed keys echo from then on) and
// when the status line first says the EAL is running. Medians of REPS runs (BENCH_REPS, default 5).
// Usage: node scripts/bench-ui.mjs   (or imported by scripts/bench.mjs: export benchUi)
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const TESTPMD_EAL = ['--no-huge', '-m', '256', '--no-pci', '--no-shconf', '-l', '0-1', '--no-telemetry'];
const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };
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

export async function benchUi(reps = Number(process.env.BENCH_REPS ?? 5)) {
  const prefix = spawnSync('bash', [path.join(root, 'scripts', 'dpdk-flags.sh'), 'prefix'], { encoding: 'utf8' }).stdout.trim();
  const testpmd = path.join(prefix, 'bin', 'dpdk-testpmd');
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'vdevsh-bench-ui-'));
  const env = { HOME: tmp, VDEV_SHELL_HISTORY: path.join(tmp, 'history'), TERM: 'xterm-256color' };
  const vdev = [], inter = [], eal = [], tp = [];
  try {
    for (let i = 0; i < reps; i++) {
      const v = await timeToPatterns([process.execPath, path.join(root, 'dist', 'cli.js')], { prompt: /\(vdev\)/, interactive: /hot-plug debugger/, eal: /EAL running pid/ }, env, tmp);
      vdev.push(v.prompt); inter.push(v.interactive); eal.push(v.eal);
      const t = await timeToPatterns([testpmd, ...TESTPMD_EAL, '--', '-i', '--total-num-mbufs=2048'], { prompt: /testpmd> / }, env, tmp);
      tp.push(t.prompt);
    }
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
  const r1 = (x) => Math.round(x * 10) / 10;
  return {
    vdevMs: r1(median(vdev)), testpmdMs: r1(median(tp)), vdevInkFrameMs: r1(median(inter)), vdevEalReadyMs: r1(median(eal)), reps,
    samples: { vdev: vdev.map(r1), testpmd: tp.map(r1), vdevInkFrame: inter.map(r1), vdevEalReady: eal.map(r1) },
  };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const r = await benchUi();
  console.log(`time to prompt: vdev-shell UI ${r.vdevMs} ms, testpmd ${r.testpmdMs} ms (${(r.vdevMs / r.testpmdMs).toFixed(2)}x); Ink frame (keys echo) at ${r.vdevInkFrameMs} ms; status says EAL running at ${r.vdevEalReadyMs} ms`);
  console.log(JSON.stringify(r));
}
