// The PMD_INFO_STRING blobs that DPDK's pmdinfogen linked into the addon (what
// usertools/dpdk-pmdinfo.py reads). They are the source of every driver's parameter list.
import fs from 'node:fs';
import { addonPath } from '../util/paths.js';
import { parseParamString, type ParamSpec } from './params.js';

export interface PmdInfo { name: string; params: string; keys: ParamSpec[]; pciIds: unknown[] }

const MARKER = 'PMD_INFO_STRING= ';

export function parsePmdInfoBlobs(bytes: Buffer): PmdInfo[] {
  const out: PmdInfo[] = [];
  let at = bytes.indexOf(MARKER);
  while (at >= 0) {
    const end = bytes.indexOf(0, at);
    const json = bytes.subarray(at + MARKER.length, end < 0 ? undefined : end).toString('utf8');
    try {
      const o = JSON.parse(json) as { name: string; params?: string; pci_ids?: unknown[] };
      out.push({ name: o.name, params: o.params ?? '', keys: parseParamString(o.params ?? ''), pciIds: o.pci_ids ?? [] });
    } catch { /* a blob we cannot read is skipped, never guessed */ }
    at = bytes.indexOf(MARKER, at + MARKER.length);
  }
  return out;
}

let cache: PmdInfo[] | undefined;
export function readPmdInfo(file = addonPath()): PmdInfo[] {
  if (!cache) {
    const sidecar = file + '.pmdinfo.json';
    try {
      if (fs.statSync(sidecar).mtimeMs >= fs.statSync(file).mtimeMs) cache = JSON.parse(fs.readFileSync(sidecar, 'utf8'));
    } catch { /* no sidecar yet */ }
    if (!cache) {
      cache = parsePmdInfoBlobs(fs.readFileSync(file));
      try { fs.writeFileSync(sidecar, JSON.stringify(cache)); } catch { /* read-only tree: fine */ }
    }
  }
  return cache!;
}
