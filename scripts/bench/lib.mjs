// What every benchmark shares: where the project and the DPDK build are, testpmd of that build,
// medians, timed runs of whole processes, temp directories, and bench-results.json.
// A benchmark module in this directory exports a default async function returning a plain
// object; scripts/bench/run.mjs (npm run bench) finds and runs them all.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const cliPath = path.join(root, 'dist', 'cli.js');
/** The entry point package.json names (npm start): what users run. */
export const binPath = path.join(root, 'bin', 'vdev-shell');
/** A module of dist/ (built by setup), for benchmarks that drive a Session directly. */
export const dist = (p) => import(pathToFileURL(path.join(root, 'dist', p)).href);

/** The DPDK build the shell runs (dist/dpdk-paths.json, through src/util/paths.ts dpdkBuild()). */
export async function dpdkBuild() {
  const { dpdkBuild: build } = await dist('util/paths.js');
  return build();
}

/**
 * The DPDK builds to measure: the selected one (this process's settings), then each one asked
 * for as SRC:BUILDTYPE by `--build SRC:BUILDTYPE` (repeatable) or BENCH_BUILDS (';'-separated),
 * e.g. --build /work/shared/dpdk/dpdk-25.11.2.tar.xz:debugoptimized. Each is set up first (built
 * when missing: minutes) and measured against the testpmd of that build. `env` is the
 * environment that selects it: give it to every process a measure starts.
 */
export async function benchBuilds(argv = process.argv.slice(2)) {
  const asked = [];
  argv.forEach((a, i) => { if (a === '--build' && argv[i + 1]) asked.push(argv[i + 1]); else if (a.startsWith('--build=')) asked.push(a.slice(8)); });
  for (const b of (process.env.BENCH_BUILDS ?? '').split(';')) if (b.trim()) asked.push(b.trim());
  const envs = [{ ...process.env }];
  for (const a of asked) {
    const at = a.lastIndexOf(':');
    const src = at > 0 ? a.slice(0, at) : a, buildtype = at > 0 ? a.slice(at + 1) : 'debug';
    envs.push({ ...process.env, VDEV_SHELL_DPDK_SRC: path.resolve(src), VDEV_SHELL_DPDK_BUILDTYPE: buildtype });
  }
  const { checkReady, currentSettings } = await dist('util/setup-stamp.js');
  const out = [];
  for (const env of envs) {
    const r = spawnSync(process.execPath, [path.join(root, 'scripts', 'setup-stamp.mjs'), 'ensure'], { stdio: ['ignore', 2, 2], env });
    if (r.status !== 0) throw new Error(`set-up failed for ${env.VDEV_SHELL_DPDK_SRC ?? 'the default DPDK'} (${env.VDEV_SHELL_DPDK_BUILDTYPE ?? 'debug'})`);
    const ready = checkReady(root, currentSettings(env));
    if (!ready.ready) throw new Error(`set-up ran but is not current: ${ready.why}`);
    out.push({ label: `${ready.build.version} ${ready.build.buildtype}`, build: ready.build, env });
  }
  return out;
}
/** testpmd from the given DPDK build (default: the selected one). */
export async function testpmdPath(build) {
  return path.join((build ?? await dpdkBuild()).prefix, 'bin', 'dpdk-testpmd');
}
/**
 * A file prefix of the bench's own: DPDK makes its runtime directory (<base>/<prefix>) even with
 * --no-shconf and never removes it (without one, every run left /var/run/dpdk/rte). Removed at exit.
 */
export const BENCH_PREFIX = `vdsh-bench-${process.pid}`;
process.on('exit', () => {
  const base = process.getuid?.() === 0 ? '/var/run/dpdk' : path.join(process.env.XDG_RUNTIME_DIR ?? '/tmp', 'dpdk');
  fs.rmSync(path.join(base, BENCH_PREFIX), { recursive: true, force: true });
});
/** testpmd's EAL arguments: the shell's defaults, except the memory testpmd's pools need, and the bench's prefix. */
export const TESTPMD_EAL = ['--no-huge', '-m', '256', '--no-pci', '--no-shconf', '-l', '0-1', '--no-telemetry', `--file-prefix=${BENCH_PREFIX}`];

export const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };
export const round = (x, d = 1) => Math.round(x * 10 ** d) / 10 ** d;
export const reps = () => Number(process.env.BENCH_REPS ?? 7);
/** Median of the ratios a[i]/b[i] of interleaved runs: steadier than a ratio of medians when the machine's speed drifts. */
export const pairedRatio = (a, b) => median(a.map((x, i) => x / b[i]));

/**
 * ms from spawn to exit of one whole process; throws when it does not exit 0. The next run starts
 * once every process of this one is gone: the shell's EAL finishes its own exit (~10 ms) after the
 * shell has left, and would otherwise run beside whichever run comes next (ours or testpmd's).
 */
export function timeRun(cmd, args, { input = '', cwd, env } = {}) {
  const run = `${process.pid}-${++runs}`;
  const t = process.hrtime.bigint();
  const r = spawnSync(cmd, args, { input, stdio: ['pipe', 'ignore', 'pipe'], cwd, env: { ...(env ?? process.env), VDEV_SHELL_BENCH_RUN: run } });
  const ms = Number(process.hrtime.bigint() - t) / 1e6;
  // The whole entry, with the NUL that ends it in /proc/PID/environ: run 1 is not run 10's prefix.
  waitGone(`VDEV_SHELL_BENCH_RUN=${run}\0`);
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} exited ${r.status ?? r.signal}: ${String(r.stderr).slice(-500)}`);
  return ms;
}
let runs = 0;
/** Waits (polling every ms, 10 s at most) until no process has the entry `tag` in its environment. */
function waitGone(tag) {
  const nap = new Int32Array(new SharedArrayBuffer(4));
  for (let i = 0; i < 10000; i++) {
    const left = fs.readdirSync('/proc').some((d) => {
      if (!/^\d+$/.test(d)) return false;
      try { return fs.readFileSync(`/proc/${d}/environ`, 'latin1').includes(tag); } catch { return false; }
    });
    if (!left) return;
    Atomics.wait(nap, 0, 0, 1);
  }
}

/** A temp directory removed when the process exits, whatever happened. */
const temps = [];
export function tempDir(tag) {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), `vdevsh-bench-${tag}-`));
  if (!temps.length) process.once('exit', () => { for (const t of temps) fs.rmSync(t, { recursive: true, force: true }); });
  temps.push(d);
  return d;
}

/** Peak RSS of a live process from /proc (kB; 0 when it is gone). */
export const hwmKb = (pid) => {
  try { return Number(/VmHWM:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))[1]); } catch { return 0; }
};

export const resultsFile = path.join(root, 'bench-results.json');
export function writeResults(results) {
  fs.writeFileSync(resultsFile, JSON.stringify(results, null, 2) + '\n');
  return resultsFile;
}

/** True when the module at metaUrl is the script node was started with. */
export const isMain = (metaUrl) => !!process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(metaUrl);

/**
 * The measures: every module of this directory whose default export is a function, in their
 * `order` then by name. perBuild ones run once per DPDK build; `rows(result)` gives their lines
 * of the README table (scripts/bench/table.mjs).
 */
const NOT_MEASURES = new Set(['lib', 'run', 'table']); // importing run.mjs would start a run
export async function loadMeasures(only = []) {
  const here = path.dirname(fileURLToPath(import.meta.url));
  const out = [];
  for (const f of fs.readdirSync(here).filter((x) => x.endsWith('.mjs')).sort()) {
    const name = f.slice(0, -'.mjs'.length);
    if (NOT_MEASURES.has(name) || (only.length && !only.includes(name))) continue;
    const mod = await import(pathToFileURL(path.join(here, f)).href);
    if (typeof mod.default === 'function') out.push({ name, fn: mod.default, order: mod.order ?? 100, perBuild: !!mod.perBuild, rows: mod.rows });
  }
  return out.sort((a, b) => a.order - b.order || a.name.localeCompare(b.name));
}
