// DPDK source text for `list` and `frame`: files from the pinned source tree that set-up keeps
// (dpdkPaths().src), the shell's own native/ files from the project; lines windowed as gdb does.
import fs from 'node:fs';
import path from 'node:path';
import { dpdkBuild, dpdkPaths, projectRoot } from '../util/paths.js';
import { normalizeSourcePath } from '../util/source-path.js';

export const LIST_SIZE = 10; // gdb's `set listsize`

export interface SourceFile { rel: string; abs: string; lines: string[] }
export type Resolved = SourceFile | { error: string; hint?: string };

let index: string[] | undefined;
/** Every file of the source tree, relative (built once, ~6k files). */
function treeIndex(root: string): string[] {
  if (index) return index;
  const out: string[] = [];
  const walk = (dir: string): void => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      if (e.name.startsWith('.')) continue;
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else out.push(path.relative(root, p));
    }
  };
  walk(root);
  index = out;
  return out;
}

const cache = new Map<string, SourceFile>();
function load(rel: string, abs: string): SourceFile {
  const hit = cache.get(abs);
  if (hit) return hit;
  const text = fs.readFileSync(abs, 'utf8');
  const f = { rel, abs, lines: text.replace(/\n$/, '').split('\n') };
  cache.set(abs, f);
  return f;
}

/** A path as bt prints it (drivers/bus/vdev/vdev.c, native/eal.cc) or any unique suffix (vdev.c). */
export function resolveSource(file: string): Resolved {
  const root = dpdkPaths().src;
  const clean = (normalizeSourcePath(file) ?? file).replace(/^\.\//, '');
  if (clean.startsWith('native/')) {
    const abs = path.join(projectRoot, clean);
    return fs.existsSync(abs) ? load(clean, abs) : { error: `no source file ${clean} in the project` };
  }
  if (!fs.existsSync(root)) return { error: `the DPDK source tree is missing (${root})`, hint: "run 'npm run setup' to fetch it" };
  const direct = path.join(root, clean);
  if (!clean.includes('..') && fs.existsSync(direct) && fs.statSync(direct).isFile()) return load(clean, direct);
  const hits = treeIndex(root).filter((f) => f === clean || f.endsWith('/' + clean));
  if (hits.length === 1) return load(hits[0], path.join(root, hits[0]));
  if (hits.length > 1) return { error: `"${file}" is ambiguous in the DPDK tree (${hits.length} files)`, hint: `say which: ${hits.slice(0, 6).join(', ')}${hits.length > 6 ? ', ...' : ''}` };
  return { error: `no source file "${file}" in the DPDK ${dpdkBuild().version} tree`, hint: 'give a path as bt shows it (drivers/bus/vdev/vdev.c) or a unique file name (vdev.c)' };
}

/** The lines gdb's `list` shows centred on `line`: [line-5, line+4], clamped to the file. */
export function centredWindow(f: SourceFile, line: number): { first: number; last: number } {
  let first = Math.max(1, line - Math.floor(LIST_SIZE / 2));
  const last = Math.min(f.lines.length, first + LIST_SIZE - 1);
  if (last - first + 1 < LIST_SIZE) first = Math.max(1, last - LIST_SIZE + 1);
  return { first, last };
}

export interface Listing { file: string; first: number; last: number; lines: { n: number; text: string }[]; mark?: number }

export function listing(f: SourceFile, first: number, last: number, mark?: number): Listing {
  const lines = [];
  for (let n = first; n <= last; n++) lines.push({ n, text: f.lines[n - 1] ?? '' });
  return { file: f.rel, first, last, lines, ...(mark !== undefined ? { mark } : {}) };
}
