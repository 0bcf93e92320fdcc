// Where the project's own files are, wherever it is cloned. Computed from this file's location.
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';

export const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const addonPath = (): string => path.join(projectRoot, 'native', 'build', 'Release', 'vdev.node');
/** The request channel's byte mover for the shell (native/channel.cc without DPDK). */
export const channelAddonPath = (): string => path.join(projectRoot, 'native', 'build', 'Release', 'channel.node');
export const inferiorMainPath = (): string => path.join(projectRoot, 'dist', 'inferior', 'main.js');

let dpdkDirs: { prefix: string; src: string } | undefined;
/**
 * The cached DPDK build and its source tree (asked of scripts/dpdk-env.sh, the one place that
 * knows; setup.sh records its answer in dist/dpdk-paths.json, used while the settings it was made
 * with still hold).
 */
export function dpdkPaths(): { prefix: string; src: string } {
  if (!dpdkDirs) {
    try {
      const r = JSON.parse(fs.readFileSync(path.join(projectRoot, 'dist', 'dpdk-paths.json'), 'utf8')) as { prefix: string; src: string; cache: string; srcOverride: string };
      if (r.cache === (process.env.VDEV_SHELL_CACHE ?? '') && r.srcOverride === (process.env.VDEV_SHELL_DPDK_SRC ?? '') && fs.existsSync(r.prefix) && fs.existsSync(r.src)) {
        dpdkDirs = { prefix: r.prefix, src: r.src };
      }
    } catch { /* not recorded: ask the script */ }
  }
  if (!dpdkDirs) {
    const script = path.join(projectRoot, 'scripts', 'dpdk-flags.sh');
    const prefix = execFileSync('bash', [script, 'prefix'], { encoding: 'utf8' }).trim();
    const src = execFileSync('bash', [script, 'src'], { encoding: 'utf8' }).trim();
    dpdkDirs = { prefix, src };
  }
  return dpdkDirs;
}
export const testpmdPath = (): string => path.join(dpdkPaths().prefix, 'bin', 'dpdk-testpmd');
