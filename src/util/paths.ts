// Where the project's own files are, wherever it is cloned, and which DPDK build the shell uses.
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import { stampedBuild } from './setup-stamp.js';

/** The parent of the dist/ (or, under vitest, src/) this module runs from: the same from tsc's
 *  dist/util/paths.js as from a bundle chunk in dist/chunks/ or the bundled dist/cli.js. */
export const projectRoot = rootOf(fileURLToPath(import.meta.url));
export function rootOf(file: string): string {
  const at = Math.max(file.lastIndexOf(`${path.sep}dist${path.sep}`), file.lastIndexOf(`${path.sep}src${path.sep}`));
  return at < 0 ? path.resolve(path.dirname(file), '..', '..') : file.slice(0, at);
}
/** The request channel's byte mover for the shell (native/channel.cc without DPDK). */
export const channelAddonPath = (): string => path.join(projectRoot, 'native', 'build', 'Release', 'channel.node');
/**
 * The EAL's process: the starter of its one-file bundle when set-up made them (start.cjs runs
 * main.cjs with V8's code cache: src/inferior/start.ts, scripts/bundle-app.mjs), else tsc's module.
 */
export const inferiorMainPath = (): string => {
  const bundled = path.join(projectRoot, 'dist', 'inferior', 'start.cjs');
  return fs.existsSync(bundled) ? bundled : path.join(projectRoot, 'dist', 'inferior', 'main.js');
};

/** The DPDK build the shell runs: where it is installed, its source, and the addon linked to it. */
export interface DpdkBuild {
  prefix: string;
  src: string;
  /** native/out/<key>/vdev.node: the addon linked statically against this build. */
  addon: string;
  /** From the tree's VERSION file, e.g. "25.11.2". */
  version: string;
  /** meson buildtype: debug, debugoptimized, release. */
  buildtype: string;
  /** <version>-<buildtype>-<hash of options and source>: the cache directory's name. */
  key: string;
  /** Where the source came from: the tarball or tree given, or the distribution's source package. */
  origin?: string;
}

interface Recorded extends DpdkBuild { cache: string; srcOverride: string; buildtypeOverride: string }

let selected: DpdkBuild | undefined;
/**
 * The selected DPDK build. scripts/dpdk-env.sh is the one place that knows how a selection
 * (VDEV_SHELL_DPDK_SRC, VDEV_SHELL_DPDK_BUILDTYPE, VDEV_SHELL_CACHE) maps to a build; setup.sh
 * records its answer in dist/dpdk-paths.json, used while the settings it was made with still hold,
 * and in the stamp of each selection it set up (./setup-stamp.ts).
 */
export function dpdkBuild(): DpdkBuild {
  if (selected) return selected;
  try {
    const r = JSON.parse(fs.readFileSync(path.join(projectRoot, 'dist', 'dpdk-paths.json'), 'utf8')) as Recorded;
    const env = process.env;
    if (r.cache === (env.VDEV_SHELL_CACHE ?? '') && r.srcOverride === (env.VDEV_SHELL_DPDK_SRC ?? '') &&
        r.buildtypeOverride === (env.VDEV_SHELL_DPDK_BUILDTYPE ?? '') && fs.existsSync(r.prefix) && fs.existsSync(r.src)) {
      selected = { prefix: r.prefix, src: r.src, addon: r.addon, version: r.version, buildtype: r.buildtype, key: r.key, origin: r.origin };
    }
  } catch { /* not recorded */ }
  // Another selection set up earlier (the last set-up wrote dpdk-paths.json for its own).
  selected ??= stampedBuild(projectRoot);
  if (!selected) {
    const script = path.join(projectRoot, 'scripts', 'dpdk-flags.sh');
    // Loaded only here, the rare case: node:child_process (with net and stream) costs the EAL's
    // process ~5 ms of module compiling before rte_eal_init otherwise.
    const { execFileSync } = createRequire(import.meta.url)('node:child_process') as typeof import('node:child_process');
    const out = execFileSync('bash', [script, 'describe'], { encoding: 'utf8' });
    selected = JSON.parse(out) as DpdkBuild;
  }
  return selected;
}
/** The cached DPDK build and its source tree. */
export const dpdkPaths = (): { prefix: string; src: string } => dpdkBuild();
export const addonPath = (): string => dpdkBuild().addon;
/** "25.11.2 debugoptimized": which DPDK and build type the shell runs, for --version, info eal, ops. */
export const dpdkLabel = (): string => `${dpdkBuild().version} ${dpdkBuild().buildtype}`;
export const testpmdPath = (): string => path.join(dpdkPaths().prefix, 'bin', 'dpdk-testpmd');
