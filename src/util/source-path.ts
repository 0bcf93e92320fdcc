// Source paths as a DPDK developer reads them: drivers/net/pcap/pcap_ethdev.c, not
// ../src-27a3bb1f57e0/drivers/... (set-up's tree) or ../../home/me/dpdk/drivers/... (a tree of the
// user's own); the addon's own files as native/NAME. Used for frames from libdwfl (bt, ops) and
// from eu-stack (hang samples) alike.
import path from 'node:path';
import { dpdkBuild } from './paths.js';

/** The source tree's directory in a DWARF path of an earlier set-up: dpdk-src-VERSION or src-HASH. */
export const SOURCE_TREE = /(?:^|\/)(?:dpdk-src-[^/]+|src-[0-9a-f]{6,})\/(.*)$/;

let rootMarker: string | null | undefined;
/** "/<name of the selected DPDK source directory>/": where the tree-relative part of a path starts. */
function dpdkRootMarker(): string | null {
  if (rootMarker === undefined) {
    try { rootMarker = `/${path.basename(dpdkBuild().src)}/`; } catch { rootMarker = null; }
  }
  return rootMarker;
}

export function normalizeSourcePath(file: string | undefined): string | null {
  if (!file) return null;
  const marker = dpdkRootMarker();
  const at = marker ? `/${file}`.indexOf(marker) : -1;
  if (at >= 0) return `/${file}`.slice(at + marker!.length);
  const m = SOURCE_TREE.exec(file);
  if (m) return m[1];
  if (/(^|\/)\.\.\/(\w+\.(cc|h))$/.test(file) && !file.includes('node_modules')) return 'native/' + file.replace(/^.*\//, '');
  return file.replace(/^(\.\.\/)+/, '');
}
