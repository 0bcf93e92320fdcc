#!/usr/bin/env node
// npm run bench: vdev-shell against testpmd from the same DPDK build, measured in ONE run on
// this machine and reported as ratios (machines here are noisy; absolute numbers drift).
//   (a) start to first prompt, and to a ready EAL, then quit
//   (b) 200 attach+detach cycles of net_null, per cycle (start-up subtracted)
//   (c) peak RSS (vdev-shell: the shell process plus its inferior)
// Area benchmarks (scripts/bench-*.mjs) are added when present. Results: bench-results.json.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const cli = path.join(root, 'dist', 'cli.js');
const prefix = spawnSync('bash', [path.join(root, 'scripts', 'dpdk-flags.sh'), 'prefix'], { encoding: 'utf8' }).stdout.trim();
const testpmd = path.join(prefix, 'bin', 'dpdk-testpmd');
const TESTPMD_EAL = ['--no-huge', '-m', '256', '--no-pci', '--no-shconf', '-l', '0-1', '--no-telemetry'];
const REPS = Number(process.env.BENCH_REPS ?? 5);
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'vdevsh-bench-'));

const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };
function timeRun(cmd, args, input) {
  const t = process.hrtime.bigint();
  const r = spawnSync(cmd, args, { input: input ?? '', stdio: ['pipe', 'ignore', 'ignore'], cwd: tmp });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} exited ${r.status}`);
  return Number(process.hrtime.bigint() - t) / 1e6;
}
function testpmdRun(cmds) {
  const f = path.join(tmp, `tp-${cmds.length}.cmd`);
  fs.writeFileSync(f, [...cmds, 'quit'].join('\n') + '\n');
  return timeRun(testpmd, [...TESTPMD_EAL, '--', '-i', '--total-num-mbufs=2048', `--cmdline-file=${f}`]);
}
function vdevRun(cmds, extra = []) {
  const f = path.join(tmp, `vs-${cmds.length}.vsh`);
  fs.writeFileSync(f, cmds.join('\n') + '\n');
  return timeRun(process.execPath, [cli, '-batch', ...extra, f]);
}

// (a) start-up
function startup() {
  const tp = [], toPrompt = [], toEal = [];
  for (let i = 0; i < REPS; i++) {
    tp.push(testpmdRun([]));
    toPrompt.push(timeRun(process.execPath, [cli, '--plain', '-q'], 'quit\n'));
    toEal.push(vdevRun(['info eal']));
  }
  return { testpmdMs: median(tp), vdevPromptQuitMs: median(toPrompt), vdevEalReadyQuitMs: median(toEal) };
}

// (b) attach/detach cycles
function cycles(n = 200) {
  const tpCmds = [], vsCmds = [];
  for (let i = 0; i < n; i++) {
    tpCmds.push('port attach net_null0', 'port stop 0', 'port detach 0');
    vsCmds.push('probe net_null0', 'port detach 0');
  }
  // Start-up is subtracted, and its run-to-run spread (~20 ms) is ~0.1 ms per cycle over 200:
  // medians of REPS interleaved runs keep that noise out of the ratio.
  const runs = { tp0: [], tpN: [], vs0: [], vsN: [] };
  for (let i = 0; i < REPS; i++) {
    runs.tp0.push(testpmdRun([])); runs.tpN.push(testpmdRun(tpCmds));
    runs.vs0.push(vdevRun(['info eal'])); runs.vsN.push(vdevRun(['info eal', ...vsCmds]));
  }
  const [tp0, tpN, vs0, vsN] = [runs.tp0, runs.tpN, runs.vs0, runs.vsN].map(median);
  return { cycles: n, testpmdPerCycleMs: (tpN - tp0) / n, vdevPerCycleMs: (vsN - vs0) / n };
}

// (c) peak RSS, read from /proc while the process is alive and has attached a port
const hwmKb = (pid) => {
  try { return Number(/VmHWM:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))[1]); } catch { return 0; }
};
function interactive(cmd, args, commands, readyRe, pidsOf) {
  return new Promise((resolve, reject) => {
    const p = spawn(cmd, args, { stdio: ['pipe', 'pipe', 'ignore'], cwd: tmp });
    let out = '';
    let measured = false;
    p.stdout.on('data', (b) => {
      out += b.toString();
      if (!measured && readyRe.test(out)) {
        measured = true;
        const kb = pidsOf(p.pid, out).reduce((s, pid) => s + hwmKb(pid), 0);
        p.stdin.end('quit\n');
        p.once('exit', () => resolve(kb));
      }
    });
    p.on('error', reject);
    const guard = setTimeout(() => { p.kill('SIGKILL'); reject(new Error(`${cmd}: no answer within 60 s`)); }, 60_000);
    p.once('exit', () => clearTimeout(guard));
    p.stdin.write(commands.join('\n') + '\n');
  });
}
async function rss() {
  // stdbuf: testpmd's stdout is a pipe here and would otherwise hold its answer in a buffer.
  const tpKb = await interactive('stdbuf', ['-oL', testpmd, ...TESTPMD_EAL, '--', '-i', '--total-num-mbufs=2048'], ['port attach net_pcap0,tx_pcap=rss.pcap', 'show port summary all'],
    /Number of available ports/, (pid) => [pid]);  // stdbuf execs testpmd: same pid
  const vsKb = await interactive(process.execPath, [cli, '--json'], ['probe net_pcap0,tx_pcap=rss.pcap', 'info inferior'],
    /"pid":\d+/, (pid, out) => [pid, Number(/"pid":(\d+)/.exec(out)[1])]);
  return { testpmdMB: tpKb / 1024, vdevMB: vsKb / 1024 };
}

const results = { date: new Date().toISOString(), host: `${os.cpus().length} cpus`, reps: REPS };
// The temp directory goes even when a measurement throws.
process.once('exit', () => fs.rmSync(tmp, { recursive: true, force: true }));
results.startup = startup();
results.cycles = cycles();
results.rss = await rss();
for (const area of ['ui', 'trace', 'diagnose', 'packets']) {
  const f = path.join(root, 'scripts', `bench-${area}.mjs`);
  if (!fs.existsSync(f)) continue;
  try {
    const mod = await import(f);
    const fn = mod.default ?? mod.bench ?? Object.values(mod).find((x) => typeof x === 'function');
    results[area] = await fn();
  } catch (e) { results[area] = { error: String(e?.message ?? e) }; }
}
const r = (a, b) => (b ? (a / b).toFixed(2) + 'x' : '-');
const s = results.startup, c = results.cycles, m = results.rss;
const rows = [
  ['measure', 'vdev-shell', 'testpmd', 'ratio', 'target'],
  ['start, prompt, quit', `${s.vdevPromptQuitMs.toFixed(0)} ms`, `${s.testpmdMs.toFixed(0)} ms`, r(s.vdevPromptQuitMs, s.testpmdMs), '<= 0.5x'],
  ['start, EAL ready, quit', `${s.vdevEalReadyQuitMs.toFixed(0)} ms`, `${s.testpmdMs.toFixed(0)} ms`, r(s.vdevEalReadyQuitMs, s.testpmdMs), ''],
  [`attach+detach net_null (per cycle, ${c.cycles})`, `${c.vdevPerCycleMs.toFixed(2)} ms`, `${c.testpmdPerCycleMs.toFixed(2)} ms`, r(c.vdevPerCycleMs, c.testpmdPerCycleMs), '<= 1x'],
  ['peak RSS (shell + inferior)', `${m.vdevMB.toFixed(0)} MB`, `${m.testpmdMB.toFixed(0)} MB`, r(m.vdevMB, m.testpmdMB), '<= 0.5x'],
];
const w = rows[0].map((_, i) => Math.max(...rows.map((x) => x[i].length)));
for (const row of rows) console.log(row.map((x, i) => x.padEnd(w[i])).join('  '));
for (const area of ['ui', 'trace', 'diagnose', 'packets']) if (results[area]) console.log(`${area}: ${JSON.stringify(results[area])}`);
const outFile = path.join(root, 'bench-results.json');
fs.writeFileSync(outFile, JSON.stringify(results, null, 2));
console.log(`written ${outFile}`);
