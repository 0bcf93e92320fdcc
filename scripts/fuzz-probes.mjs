#!/usr/bin/env node
// Bounded fuzz of REAL probes: random devargs (src/recovery/devargs-gen.ts) typed into the shell
// (`vdev-shell --json`, a child process) as a user would, through its whole command path
// (pre-flight, probe, diagnosis, crash recovery, timeouts). Every input must end as a success, a
// failure with a cause (a diagnosis other than no-rule, or a parse error), a cancelled hang or a
// reported crash. Liveness is watched from outside, by pid, after every input: the shell process
// is alive, its EAL process is alive and is the shell's child, and the EAL was replaced only when
// the command said it died (a refused input never touches the user's EAL).
//   node scripts/fuzz-probes.mjs [--runs 300] [--seed 1] [--force-ratio 0.3] [--timeout 1500] [--json] [--host-netns]
//   node scripts/fuzz-probes.mjs --input DEVARGS [--input DEVARGS ...]   (these inputs, as given, instead of random ones)
// The run re-executes itself in a network namespace of its own (unshare --net; --host-netns or no
// unshare: the host's): whatever interface a probe or a proof makes lives and dies there, and
// `ip monitor link` there sees only those. It creates only vdsh* interfaces and a temp dir
// (removed at the end); any other interface that appears (a tap under DPDK's default name dtapN)
// is reported. Exit 1 on any problem.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { fileURLToPath } from 'node:url';

// A mount namespace too, with sysfs mounted again: /sys/class/net then lists this namespace's
// interfaces, which the shell's host facts read.
const NETNS = ['--net', '--mount', '--', 'sh', '-c', 'mount -t sysfs sysfs /sys && exec "$0" "$@"'];
if (!process.env.VDSH_FUZZ_NETNS && !process.argv.includes('--host-netns') && spawnSync('unshare', [...NETNS, 'true']).status === 0) {
  const r = spawnSync('unshare', [...NETNS, process.execPath, ...process.argv.slice(1)], { stdio: 'inherit', env: { ...process.env, VDSH_FUZZ_NETNS: '1' } });
  process.exit(r.status ?? 1);
}
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { randomDevargs, rng } = await import(path.join(root, 'dist', 'recovery', 'devargs-gen.js'));

const arg = (n, d) => { const i = process.argv.indexOf(n); return i > 0 ? Number(process.argv[i + 1]) : d; };
const INPUTS = process.argv.flatMap((a, i) => (a === '--input' && i + 1 < process.argv.length ? [process.argv[i + 1]] : []));
const RUNS = INPUTS.length || arg('--runs', 300), SEED = arg('--seed', 1), FORCE = INPUTS.length ? 0 : arg('--force-ratio', 0.3), TIMEOUT = arg('--timeout', 1500);

/** Outcome of one probe result; the EAL dies (and is replaced) only in 'crash-reported' and 'hang-cancelled'. */
function classify(r) {
  if (r.ok) return 'success';
  const c = r.error?.code ?? '';
  if (c === 'inferior-crashed' || c === 'inferior-exited' || c === 'inferior-died') return 'crash-reported';
  if (c === 'timeout') return 'hang-cancelled';
  if (c === 'would-crash' || c === 'would-hang') return r.data?.preflight ? 'refused' : 'UNCLASSIFIED';
  if (!r.error?.message) return 'UNCLASSIFIED';
  const cause = r.data?.diagnosis?.cause;
  if (cause) return cause === 'no-rule' || cause !== c ? 'UNCLASSIFIED' : 'diagnosed-failure';
  // A string the devargs parser rejects never reaches DPDK: the parser's message is the cause.
  if (c === 'bus-wrong' && !r.data) return 'diagnosed-failure';
  return 'UNCLASSIFIED';
}
const EAL_REPLACED = new Set(['crash-reported', 'hang-cancelled']);

/** /proc/PID/stat: [state, ppid], or null when the process is gone. */
function procStat(pid) {
  try {
    const s = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const f = s.slice(s.lastIndexOf(')') + 2).split(' ');
    return [f[0], Number(f[1])];
  } catch { return null; }
}
const running = (pid) => { const s = procStat(pid); return !!s && s[0] !== 'Z' && s[0] !== 'X'; };

/** The shell as a child process; send() types one line and resolves with its one JSON result. */
function startShell(cwd) {
  const child = spawn(process.execPath, [path.join(root, 'dist', 'cli.js'), '--json', '-q', '--timeout', String(TIMEOUT)], {
    cwd, stdio: ['pipe', 'pipe', 'pipe'], env: { ...process.env, NO_COLOR: '1' },
  });
  const waiting = [];
  let stderr = '';
  child.stderr.on('data', (b) => { stderr = (stderr + b).slice(-4000); });
  readline.createInterface({ input: child.stdout }).on('line', (l) => { if (l.startsWith('{')) waiting.shift()?.resolve(JSON.parse(l)); });
  const exited = new Promise((r) => child.once('exit', (code, signal) => { for (const w of waiting.splice(0)) w.reject(new Error(`the shell exited (${signal ?? code}) before answering: ${stderr}`)); r({ code, signal }); }));
  return {
    pid: child.pid,
    exited,
    stderr: () => stderr,
    send(line) {
      if (child.exitCode !== null || child.signalCode !== null) return Promise.reject(new Error(`the shell is gone: ${stderr}`));
      return new Promise((resolve, reject) => { waiting.push({ resolve, reject }); child.stdin.write(line + '\n'); });
    },
    end() { child.stdin.end(); return exited; },
    kill() { if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL'); },
  };
}

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'vdsh-fuzz-'));
const VETH = 'vdshfz0a';
const taps = new Set();
const cleanup = () => {
  for (const l of [VETH, ...taps]) if (fs.existsSync(`/sys/class/net/${l}`)) try { execFileSync('ip', ['link', 'delete', l]); } catch { /* gone */ }
  fs.rmSync(tmp, { recursive: true, force: true });
};

const counts = { success: 0, 'diagnosed-failure': 0, refused: 0, 'hang-cancelled': 0, 'crash-reported': 0, UNCLASSIFIED: 0 };
const byCode = {};
const odd = [];
/** Each diagnosis's printed fixes, for the caller to check they run as printed. */
const diagnoses = [];
/** Liveness seen from outside that was wrong: a dead shell or EAL, or an EAL replaced unannounced. */
const liveness = [];
let checked = 0;
let shell;
let shellExit = null;
const t0 = performance.now();
/** Interfaces not named vdsh* that appeared during the run, with the input under way. */
const foreign = [];
let current = null;
const monitor = spawn('ip', ['-o', 'monitor', 'link'], { stdio: ['ignore', 'pipe', 'ignore'] });
const monitorDone = new Promise((r) => monitor.once('close', r));
/** Resolves when the monitor reports the run's own veth: from then on it sees every new interface. */
let monitorReady;
const watching = new Promise((r) => { monitorReady = r; });
readline.createInterface({ input: monitor.stdout }).on('line', (l) => {
  const m = /^(\d+): ([^:@\s]+)[@:]/.exec(l);
  if (m?.[2] === VETH) monitorReady();
  if (m && !m[2].startsWith('vdsh') && !foreign.some((f) => f.name === m[2])) foreign.push({ name: m[2], during: current });
});
process.on('SIGINT', () => { monitor.kill(); shell?.kill(); cleanup(); process.exit(130); });
try {
  if (fs.existsSync(`/sys/class/net/${VETH}`)) execFileSync('ip', ['link', 'delete', VETH]);
  execFileSync('ip', ['link', 'add', VETH, 'type', 'veth', 'peer', 'name', 'vdshfz0b']);
  execFileSync('ip', ['link', 'set', VETH, 'up']);
  // The monitor subscribes after its process starts: the veth's own event says it is listening.
  await Promise.race([watching, new Promise((_, no) => setTimeout(() => no(new Error('ip monitor link reported nothing within 20 s')), 20_000).unref())]);
  const fifo = path.join(tmp, 'fifo');
  execFileSync('mkfifo', [fifo]);
  shell = startShell(tmp);
  const drivers = (await shell.send('info drivers')).data.drivers;
  /** The EAL's pid as the shell reports it, checked against /proc: running, and the shell's child. */
  const inferiorPid = async (i, devargs) => {
    const info = await shell.send('info inferior');
    // 'info inferior' restarts an EAL that died between commands and says so in its log.
    const revived = (info.log ?? []).find((l) => /had died/.test(l));
    if (revived) liveness.push({ i, devargs, problem: `the EAL had died between commands: ${revived}` });
    const pid = info.data?.pid;
    const st = pid ? procStat(pid) : null;
    if (!st || st[0] === 'Z' || st[1] !== shell.pid) liveness.push({ i, devargs, problem: `EAL pid ${pid} is not a running child of the shell (${st ? `state ${st[0]}, ppid ${st[1]}` : 'gone'})` });
    return pid;
  };
  let pid = await inferiorPid(-1, null);
  const r = rng(SEED);
  const host = { tmp, fifo, iface: VETH, tapName: (i) => { const n = `vdshfz${i % 1000}`; taps.add(n); return n; } };
  for (let i = 0; i < RUNS; i++) {
    const devargs = INPUTS[i] ?? randomDevargs(r, drivers, host, i);
    current = devargs;
    const force = r() < FORCE;
    const res = await shell.send(`probe ${force ? '--force ' : ''}${devargs}`);
    const k = classify(res);
    counts[k]++;
    const code = res.ok ? 'ok' : res.error.code;
    byCode[code] = (byCode[code] ?? 0) + 1;
    if (res.data?.diagnosis) diagnoses.push({ devargs, fixes: res.data.diagnosis.fixes });
    if (k === 'UNCLASSIFIED' && odd.length < 10) odd.push({ devargs, force, error: res.error, cause: res.data?.diagnosis?.cause ?? null });
    if (!running(shell.pid)) { liveness.push({ i, devargs, problem: 'the shell process is gone' }); break; }
    const next = await inferiorPid(i, devargs);
    if (EAL_REPLACED.has(k)) {
      if (next === pid) liveness.push({ i, devargs, problem: `'${code}' said the EAL died, but pid ${pid} still serves` });
      if (running(pid)) liveness.push({ i, devargs, problem: `the EAL ${pid} said dead is still running` });
    } else if (next !== pid) liveness.push({ i, devargs, problem: `the EAL was replaced (${pid} -> ${next}) by a '${code}' result that says nothing died` });
    pid = next;
    checked++;
    // Keep the port table from filling: detach whatever this device made.
    for (const p of (await shell.send('show port summary all')).data?.ports ?? []) await shell.send(`port detach ${p.port}`);
  }
  if (!running(shell.pid)) liveness.push({ i: RUNS, devargs: null, problem: 'the shell process is gone at the end' });
  shellExit = await shell.end();
  if (shellExit.signal) liveness.push({ i: RUNS, devargs: null, problem: `the shell ended by ${shellExit.signal}` });
  if (running(pid)) liveness.push({ i: RUNS, devargs: null, problem: `the EAL ${pid} outlived the shell` });
} catch (e) {
  liveness.push({ i: null, devargs: null, problem: String(e?.message ?? e) });
} finally {
  shell?.kill();
  cleanup();
  monitor.kill();
  await monitorDone;
}
const report = {
  netns: process.env.VDSH_FUZZ_NETNS ? 'own' : 'host',
  runs: RUNS, seed: SEED, forceRatio: FORCE, timeoutMs: TIMEOUT, seconds: Math.round((performance.now() - t0) / 100) / 10,
  counts, byCode, unclassified: odd, diagnoses, livenessChecked: checked, liveness: liveness.slice(0, 20), shellPid: shell?.pid ?? null, shellExit, foreignIfaces: foreign,
};
if (process.argv.includes('--json')) process.stdout.write(JSON.stringify(report) + '\n');
else {
  console.log(`fuzz-probes: ${RUNS} random devargs (seed ${SEED}, --force ${Math.round(FORCE * 100)}%) in ${report.seconds} s`);
  for (const [k, v] of Object.entries(counts)) console.log(`  ${k.padEnd(18)} ${v}`);
  console.log(`  by code: ${Object.entries(byCode).map(([k, v]) => `${k}=${v}`).join(' ')}`);
  if (odd.length) console.log('  unclassified:', JSON.stringify(odd, null, 1));
  console.log(`  liveness checked from outside after ${checked} of ${RUNS} inputs: ${liveness.length ? 'PROBLEMS' : 'shell and EAL alive, EAL replaced only when a death was reported'}`);
  for (const l of liveness) console.log(`    #${l.i} ${l.devargs ?? ''}: ${l.problem}`);
  console.log(`  interfaces not named vdsh* that appeared: ${foreign.length ? foreign.map((f) => `${f.name} (during ${f.during})`).join(', ') : 'none'}`);
}
process.exitCode = counts.UNCLASSIFIED === 0 && liveness.length === 0 && checked === RUNS && foreign.length === 0 ? 0 : 1;
