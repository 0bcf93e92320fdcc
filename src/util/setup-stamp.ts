// The stamp scripts/setup.sh leaves once everything is built: for each selection of a DPDK
// build (the settings VDEV_SHELL_DPDK_SRC / VDEV_SHELL_DPDK_BUILDTYPE / VDEV_SHELL_CACHE), the
// build it chose and the mtime of every input and output set-up looked at. The entry point
// (bin/vdev-shell) compares it with the files in a few milliseconds and runs set-up only when
// something is missing or changed, instead of running setup.sh (~300 ms of bash) at each start.
// Dependency-free on purpose: it is loaded before anything else.
import fs from 'node:fs';
import path from 'node:path';
import type { DpdkBuild } from './paths.js';

/** What selects a DPDK build, resolved the way scripts/dpdk-env.sh resolves it. */
export interface Settings {
  /** The DPDK source (VDEV_SHELL_DPDK_SRC as a real path; '' = the distribution's package). */
  src: string;
  buildtype: string;
  /** VDEV_SHELL_CACHE as an absolute path; '' = the default (~/.cache/vdev-shell). A process
   *  with another HOME (tests and benchmarks isolate their history that way) still finds the
   *  builds set up under the default: they are recorded by absolute path and checked to exist. */
  cache: string;
}

export interface StampEntry {
  settings: Settings;
  build: DpdkBuild;
  /** Node's module ABI the addons were built for. */
  abi: string;
  /** [absolute path, mtimeMs] of the inputs (src/ directories included, so a new file counts)
   *  and of this build's own outputs. */
  files: [string, number][];
  /** Outputs every selection shares (another selection's set-up may remake them): must exist. */
  exist: string[];
  /** native/*.cc|h|gyp by name (node-gyp rewrites native/ itself, so its mtime says nothing). */
  native: string[];
}

export interface Stamp { entries: StampEntry[] }

export const stampPath = (root: string): string => path.join(root, 'dist', 'setup-stamp.json');

/** As dpdk-env.sh: a relative VDEV_SHELL_DPDK_SRC against ${INIT_CWD:-$PWD} through readlink -f. */
export function currentSettings(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): Settings {
  const cache = env.VDEV_SHELL_CACHE ? path.resolve(cwd, env.VDEV_SHELL_CACHE) : '';
  let src = env.VDEV_SHELL_DPDK_SRC ?? '';
  if (src) {
    src = path.resolve(env.INIT_CWD || cwd, src);
    try { src = fs.realpathSync(src); } catch { /* missing: set-up will say so */ }
  }
  return { src, buildtype: env.VDEV_SHELL_DPDK_BUILDTYPE || 'debug', cache };
}

const sameSettings = (a: Settings, b: Settings): boolean => a.src === b.src && a.buildtype === b.buildtype && a.cache === b.cache;

export function readStamp(root: string): Stamp {
  try {
    const s = JSON.parse(fs.readFileSync(stampPath(root), 'utf8')) as Stamp;
    if (Array.isArray(s.entries)) return s;
  } catch { /* none yet */ }
  return { entries: [] };
}

/** The stamped build of these settings, without checking freshness (for dpdkBuild()). */
export function stampedBuild(root: string, settings = currentSettings()): DpdkBuild | undefined {
  return readStamp(root).entries.find((e) => sameSettings(e.settings, settings))?.build;
}

export type Readiness = { ready: true; build: DpdkBuild } | { ready: false; why: string };

/** Is set-up complete and current for these settings? Only stat() calls after one file read. */
export function checkReady(root: string, settings = currentSettings()): Readiness {
  const entry = readStamp(root).entries.find((e) => sameSettings(e.settings, settings));
  if (!entry) return { ready: false, why: 'set-up has not run for these settings' };
  if (entry.abi !== process.versions.modules) return { ready: false, why: `the addon was built for another Node (ABI ${entry.abi}, this is ${process.versions.modules})` };
  for (const f of entry.exist) if (!fs.existsSync(f)) return { ready: false, why: `${f} is missing` };
  if (nativeSources(root).join() !== entry.native.join()) return { ready: false, why: 'native/ has other sources' };
  for (const [f, mtime] of entry.files) {
    const st = fs.statSync(f, { throwIfNoEntry: false });
    if (!st) return { ready: false, why: `${f} is missing` };
    if (st.mtimeMs !== mtime) return { ready: false, why: `${f} changed` };
  }
  return { ready: true, build: entry.build };
}

const nativeSources = (root: string): string[] => fs.readdirSync(path.join(root, 'native')).filter((f) => /\.(cc|h|gyp)$/.test(f)).sort();

/** What set-up reads and what it made for this build (mtimes compared). */
export function stampedFiles(root: string, build: DpdkBuild): string[] {
  const files = ['package.json', 'package-lock.json', 'tsconfig.json', 'scripts/setup.sh', 'scripts/dpdk-env.sh',
    'scripts/dpdk-flags.sh', 'scripts/bundle-ui.mjs', ...nativeSources(root).map((f) => `native/${f}`),
    build.addon, path.join(build.prefix, '.complete')];
  const walk = (dir: string): void => {
    files.push(dir);
    for (const d of fs.readdirSync(path.join(root, dir), { withFileTypes: true })) {
      const p = `${dir}/${d.name}`;
      if (d.isDirectory()) walk(p); else files.push(p);
    }
  };
  walk('src');
  return files.map((f) => path.resolve(root, f)).filter((f) => fs.existsSync(f));
}
const SHARED_OUTPUTS = ['node_modules/.package-lock.json', 'native/build/Release/channel.node', 'dist/.built', 'dist/cli.js', 'dist/shell.js'];

/** Records the build set-up just made for the current settings (called by setup.sh, last). */
export function writeStamp(root: string, build: DpdkBuild, settings = currentSettings()): StampEntry {
  const files = stampedFiles(root, build).map((f): [string, number] => [f, fs.statSync(f).mtimeMs]);
  const exist = [...SHARED_OUTPUTS.map((f) => path.join(root, f)), build.src];
  const entry: StampEntry = { settings, build, abi: process.versions.modules, files, exist, native: nativeSources(root) };
  const stamp = readStamp(root);
  stamp.entries = [...stamp.entries.filter((e) => !sameSettings(e.settings, settings)), entry];
  const out = stampPath(root);
  fs.writeFileSync(`${out}.${process.pid}`, JSON.stringify(stamp));
  fs.renameSync(`${out}.${process.pid}`, out);
  return entry;
}
