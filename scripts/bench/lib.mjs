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
/** A module of dist/ (built by setup), for benchmarks that drive a Session directly. */
export const dist = (p) => import(pathToFileURL(path.join(root, 'dist', p)).href);

/** The DPDK build the shell runs (dist/dpdk-paths.json, through src/util/paths.ts dpdkBuild()). */
export async function dpdkBuild() {
  const { dpdkBuild: build } = await dist('util/paths.js');
  return build();
}
/** testpmd from the given DPDK build (default: the selected one). */
export async function testpmdPath(build) {
  return path.join((build ?? await dpdkBuild()).prefix, 'bin', 'dpdk-testpmd');
}
/** testpmd's EAL arguments: the shell's defaults, except the memory testpmd's pools need. */
export const TESTPMD_EAL = ['--no-huge', '-m', '256', '--no-pci', '--no-shconf', '-l', '0-1', '--no-telemetry'];

export const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };
export const round = (x, d = 1) => Math.round(x * 10 ** d) / 10 ** d;
export const reps = () => Number(process.env.BENCH_REPS ?? 5);

/** ms from spawn to exit of one whole process; throws when it does not exit 0. */
export function timeRun(cmd, args, { input = '', cwd, env } = {}) {
  const t = process.hrtime.bigint();
  const r = spawnSync(cmd, args, { input, stdio: ['pipe', 'ignore', 'pipe'], cwd, env: env ?? process.env });
  const ms = Number(process.hrtime.bigint() - t) / 1e6;
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} exited ${r.status ?? r.signal}: ${String(r.stderr).slice(-500)}`);
  return ms;
}

/** A temp directory removed when the process exits, whatever happened. */
export function tempDir(tag) {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), `vdevsh-bench-${tag}-`));
  process.once('exit', () => fs.rmSync(d, { recursive: true, force: true }));
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
