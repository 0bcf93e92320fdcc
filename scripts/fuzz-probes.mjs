#!/usr/bin/env node
// Bounded fuzz of REAL probes: random devargs (src/recovery/devargs-gen.ts) through the shell's
// command path (pre-flight, probe, crash recovery, timeouts). Every input must end as a success,
// a diagnosed failure, a cancelled hang or a reported crash, and the shell must stay alive.
//   node scripts/fuzz-probes.mjs [--runs 300] [--seed 1] [--force-ratio 0.3] [--timeout 1500] [--json]
// Creates only vdsh* interfaces and a temp dir (removed at the end). Exit 1 on an unclassified outcome.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const imp = (p) => import(path.join(root, 'dist', p));
const { Session } = await imp('session/session.js');
const { Runner } = await imp('script/runner.js');
const { recoveryState } = await imp('recovery/state.js');
const { randomDevargs, rng } = await imp('recovery/devargs-gen.js');

const arg = (n, d) => { const i = process.argv.indexOf(n); return i > 0 ? Number(process.argv[i + 1]) : d; };
const RUNS = arg('--runs', 300), SEED = arg('--seed', 1), FORCE = arg('--force-ratio', 0.3), TIMEOUT = arg('--timeout', 1500);

export function classify(r) {
  if (r.ok) return 'success';
  const c = r.error?.code ?? '';
  if (c === 'inferior-crashed' || c === 'would-crash' || c === 'inferior-exited') return 'crash-reported';
  if (c === 'timeout' || c === 'would-hang') return 'hang-cancelled';
  if (c === 'internal' || !r.error?.message) return 'UNCLASSIFIED';
  return 'diagnosed-failure';
}

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'vdsh-fuzz-'));
const VETH = 'vdshfz0a';
const taps = new Set();
const cleanup = () => {
  for (const l of [VETH, ...taps]) if (fs.existsSync(`/sys/class/net/${l}`)) try { execFileSync('ip', ['link', 'delete', l]); } catch { /* gone */ }
  fs.rmSync(tmp, { recursive: true, force: true });
};
process.on('SIGINT', () => { cleanup(); process.exit(130); });

const counts = { success: 0, 'diagnosed-failure': 0, 'hang-cancelled': 0, 'crash-reported': 0, UNCLASSIFIED: 0 };
const byCode = {};
const odd = [];
let session;
let alive = true;
const t0 = performance.now();
try {
  if (!fs.existsSync(`/sys/class/net/${VETH}`)) {
    execFileSync('ip', ['link', 'add', VETH, 'type', 'veth', 'peer', 'name', 'vdshfz0b']);
    execFileSync('ip', ['link', 'set', VETH, 'up']);
  }
  const fifo = path.join(tmp, 'fifo');
  execFileSync('mkfifo', [fifo]);
  session = new Session();
  recoveryState(session).timeoutMs = TIMEOUT;
  const runner = new Runner(session);
  await session.ready();
  const drivers = await session.drivers();
  const r = rng(SEED);
  const host = { tmp, fifo, iface: VETH, tapName: (i) => { const n = `vdshfz${i % 1000}`; taps.add(n); return n; } };
  for (let i = 0; i < RUNS; i++) {
    const devargs = randomDevargs(r, drivers, host, i);
    const force = r() < FORCE;
    const res = await runner.run(`probe ${force ? '--force ' : ''}${devargs}`);
    const k = classify(res);
    counts[k]++;
    const code = res.ok ? 'ok' : res.error.code;
    byCode[code] = (byCode[code] ?? 0) + 1;
    if (k === 'UNCLASSIFIED' && odd.length < 10) odd.push({ devargs, force, error: res.error });
    // Keep the port table from filling: detach whatever this device made.
    for (const p of await session.ports()) await runner.run(`port detach ${p.port}`);
  }
  const last = await runner.run('show port summary all');
  alive = !!last && last.ok && session.inferior.alive;
} finally {
  await session?.close();
  cleanup();
}
const report = { runs: RUNS, seed: SEED, forceRatio: FORCE, timeoutMs: TIMEOUT, seconds: Math.round((performance.now() - t0) / 100) / 10, counts, byCode, unclassified: odd, shellAlive: alive };
if (process.argv.includes('--json')) process.stdout.write(JSON.stringify(report) + '\n');
else {
  console.log(`fuzz-probes: ${RUNS} random devargs (seed ${SEED}, --force ${Math.round(FORCE * 100)}%) in ${report.seconds} s`);
  for (const [k, v] of Object.entries(counts)) console.log(`  ${k.padEnd(18)} ${v}`);
  console.log(`  by code: ${Object.entries(byCode).map(([k, v]) => `${k}=${v}`).join(' ')}`);
  if (odd.length) console.log('  unclassified:', JSON.stringify(odd, null, 1));
  console.log(`  shell alive at the end: ${alive}`);
}
process.exitCode = counts.UNCLASSIFIED === 0 && alive ? 0 : 1;
