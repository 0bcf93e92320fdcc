// A source reference of a topic or lesson: a function (or FILE:FUNC) found through the DWARF of
// the running build, never a line number written in the file. The excerpt is the function's first
// lines, or the lines around the first line inside it that matches `at`: when DPDK moves the code,
// the excerpt moves with it, and a reference DPDK no longer has fails loudly (tests ask every one).
import type { Session } from '../session/session.js';
import { resolveSource, type SourceFile } from '../trace/source.js';
import type { Entry } from './file.js';
import { TeachFileError, subEntries, unknownKeyword } from './file.js';

export interface SourceRef {
  /** FUNC or FILE:FUNC, as written. */
  ref: string;
  fn: string;
  file?: string;
  at?: RegExp;
  note?: string;
  /** Lines to show (default: 8 around `at`, else 12 from the function's first line). */
  lines?: number;
  /** Lines shown before the function's first line (its return type, a struct the macro registers). */
  before?: number;
  /** Where it was written (for errors). */
  where: string;
}

export interface Excerpt {
  ref: string;
  fn: string;
  file: string;
  /** The function's first line and (from the line table) its last. */
  fnLine: number;
  fnEnd: number | null;
  /** The line `at` matched (or the function's first line). */
  line: number;
  first: number;
  last: number;
  lines: { n: number; text: string }[];
  note?: string;
  /** Other definitions of a static function of this name (other drivers). */
  others: string[];
  /** The code address of the function in the inferior (hex); null when it was inlined. */
  addr: string | null;
  /** dwarf: the function's own symbol and line table; source: inlined here, found by its definition. */
  located: 'dwarf' | 'source';
}

const SUB = ['at', 'note', 'lines', 'before'];

/** `source FUNC` with its `at`, `note` and `lines` sub-keywords. */
export function parseSourceRef(file: string, e: Entry): SourceRef {
  const m = /^(?:(\S+):)?([A-Za-z_]\w*)$/.exec(e.arg);
  if (!m) throw new TeachFileError(file, e.line, `"source ${e.arg}" does not name a function`, 'write source FUNC or source FILE:FUNC, e.g. source vdev_parse');
  const ref: SourceRef = { ref: e.arg, fn: m[2], ...(m[1] ? { file: m[1] } : {}), where: `${file}:${e.line}` };
  for (const s of subEntries(file, e)) {
    if (!SUB.includes(s.key)) throw unknownKeyword(file, s, SUB, 'a source reference');
    if (s.key === 'at') {
      try { ref.at = new RegExp(s.arg); } catch (err) { throw new TeachFileError(file, s.line, `bad regular expression after "at": ${(err as Error).message}`); }
    } else if (s.key === 'note') ref.note = s.arg;
    else {
      const n = Number(s.arg);
      if (!Number.isInteger(n) || n < (s.key === 'before' ? 0 : 1) || n > 60) throw new TeachFileError(file, s.line, `"${s.key} ${s.arg}" is not a line count from ${s.key === 'before' ? 0 : 1} to 60`);
      if (s.key === 'lines') ref.lines = n; else ref.before = n;
    }
  }
  return ref;
}

/** Finds the reference in the running build's DWARF and the source tree; a string says why not. */
export async function resolveRef(session: Session, r: SourceRef): Promise<Excerpt | string> {
  let defs = (await session.call('traceSymbols', { name: r.fn })).filter((d) => d.func && d.range?.file);
  if (r.file) defs = defs.filter((d) => d.range!.file === r.file || d.range!.file!.endsWith('/' + r.file));
  if (!defs.length) return r.file ? inlined(r) : `function ${r.ref} is not in this DPDK build's debug info (an optimized build may have inlined it: write FILE:FUNC)`;
  const d = defs[0];
  const src = resolveSource(d.range!.file!);
  if ('error' in src) return src.error;
  // The line table starts a function at its first code line (the brace after a long parameter
  // list): the definition is the line above that names it.
  const codeLine = d.range!.line;
  const named = new RegExp(`\\b${r.fn}\\s*\\(`);
  let fnLine = codeLine;
  for (let n = codeLine; n >= Math.max(1, codeLine - 15); n--) if (named.test(src.lines[n - 1])) { fnLine = n; break; }
  // The line of the function's last byte (its closing brace): the function's extent, from DWARF.
  const endAddr = '0x' + (BigInt(d.addr) + BigInt(Math.max(0, d.size - 1))).toString(16);
  const end = d.size > 0 ? await session.call('traceLine', { addr: endAddr }) : null;
  const fnEnd = end && end.line >= codeLine && (end.file === d.range!.file) ? end.line : null;
  // An optimized build splits and reorders a function (.cold parts, inlined callees): its last
  // byte's line says little. The definition's closing brace bounds it; the line table is the fallback.
  const brace = closingBrace(src, fnLine);
  return excerpt(r, src, fnLine, brace ?? fnEnd, 'dwarf', defs.slice(1).map((x) => x.range!.file!), d.addr);
}

/**
 * A static function an optimized build inlined into its callers has no symbol of its own: found
 * by its definition in FILE instead (the name, never a line number), and said so.
 */
function inlined(r: SourceRef): Excerpt | string {
  const src = resolveSource(r.file!);
  if ('error' in src) return src.error;
  const def = new RegExp(`^(?:[A-Za-z_][\\w \\t*]*[\\s*])?${r.fn}\\s*\\(`);
  const i = src.lines.findIndex((l) => def.test(l) && !/;\s*$/.test(l));
  if (i < 0) return `no function ${r.fn} in ${src.rel} of this DPDK`;
  return excerpt(r, src, i + 1, closingBrace(src, i + 1), 'source', [], null);
}

/** The line of the `}` in column 0 that ends the definition starting at `line` (DPDK's style). */
function closingBrace(src: SourceFile, line: number): number | null {
  const i = src.lines.findIndex((l, j) => j >= line && /^}/.test(l));
  return i < 0 ? null : i + 1;
}

function excerpt(r: SourceRef, src: SourceFile, fnLine: number, fnEnd: number | null, located: 'dwarf' | 'source', others: string[], addr: string | null): Excerpt | string {
  let line = fnLine;
  if (r.at) {
    const stop = Math.min(src.lines.length, fnEnd ?? fnLine + 300);
    let hit = 0;
    for (let n = fnLine; n <= stop && !hit; n++) if (r.at.test(src.lines[n - 1])) hit = n;
    if (!hit) return `no line of ${r.fn} (${src.rel}:${fnLine}-${stop}) matches /${r.at.source}/ in this DPDK`;
    line = hit;
  }
  const size = r.lines ?? (r.at ? 8 : 12);
  const first = r.at ? Math.max(1, line - Math.floor(size / 3)) : Math.max(1, fnLine - (r.before ?? 1));
  const last = Math.min(src.lines.length, first + size - 1, r.at || !fnEnd ? Number.MAX_SAFE_INTEGER : Math.max(fnEnd, first));
  const lines = [];
  for (let n = first; n <= last; n++) lines.push({ n, text: src.lines[n - 1] });
  return {
    ref: r.ref, fn: r.fn, file: src.rel, fnLine, fnEnd, line, first, last, lines,
    ...(r.note ? { note: r.note } : {}), others, addr, located,
  };
}
