// The line format of topic and lesson files, written by teachers, not programmers:
//
//   # a comment
//   KEYWORD the rest of the line
//     indented lines belong to the keyword above (a paragraph, or sub-keywords)
//
// This file only splits a file into entries; topics.ts and lessons.ts say which keywords they
// take. Every error names the file and the line, with what to write instead.
import fs from 'node:fs';
import path from 'node:path';
import { projectRoot } from '../util/paths.js';
import { distance } from '../util/nearest.js';

export interface Entry {
  key: string;
  /** The rest of the keyword's line, trimmed. */
  arg: string;
  /** The indented lines under it, the common indentation removed ('' = a paragraph break). */
  body: string[];
  /** 1-based line of the keyword, and of each body line. */
  line: number;
  bodyLines: number[];
}

export class TeachFileError extends Error {
  constructor(readonly file: string, readonly line: number, readonly problem: string, readonly hint?: string) {
    super(`${file}:${line}: ${problem}${hint ? ` (${hint})` : ''}`);
  }
}

/** Splits the text of a file into keyword entries. */
export function readEntries(file: string, text: string): Entry[] {
  const out: Entry[] = [];
  const lines = text.replace(/\r\n/g, '\n').split('\n');
  let cur: Entry | null = null;
  let pendingBlank = 0;
  lines.forEach((raw, i) => {
    const n = i + 1;
    if (/^\t/.test(raw)) throw new TeachFileError(file, n, 'a tab indents this line', 'indent with spaces');
    if (raw.trim() === '') { if (cur && cur.body.length) pendingBlank++; return; }
    if (/^\s/.test(raw)) {
      if (!cur) throw new TeachFileError(file, n, 'an indented line with no keyword above it', 'start the file with a keyword such as "title"');
      for (; pendingBlank > 0; pendingBlank--) { cur.body.push(''); cur.bodyLines.push(n); }
      cur.body.push(raw);
      cur.bodyLines.push(n);
      return;
    }
    pendingBlank = 0;
    if (raw.startsWith('#')) return; // a comment ends nothing: the block goes on
    const m = /^(\S+)\s*(.*)$/.exec(raw)!;
    cur = { key: m[1], arg: m[2].trim(), body: [], line: n, bodyLines: [] };
    out.push(cur);
  });
  for (const e of out) {
    const indent = Math.min(...e.body.filter((l) => l !== '').map((l) => /^ */.exec(l)![0].length));
    e.body = e.body.map((l) => l.slice(Number.isFinite(indent) ? indent : 0).trimEnd());
  }
  return out;
}

/** The text of a keyword: the rest of its line and its indented lines, as paragraphs. */
export function textOf(e: Entry): string[] {
  return [...(e.arg ? [e.arg] : []), ...e.body];
}

/** Sub-keywords in an entry's body (`at REGEX`, `note TEXT` under `source`). */
export function subEntries(file: string, e: Entry): Entry[] {
  return e.body.flatMap((l, i) => {
    if (l === '') return [];
    const m = /^(\S+)\s*(.*)$/.exec(l)!;
    return [{ key: m[1], arg: m[2].trim(), body: [], line: e.bodyLines[i], bodyLines: [] }];
  });
}

/** "did you mean": the known keyword closest to a misspelt one. */
export function unknownKeyword(file: string, e: Entry, known: string[], where: string): TeachFileError {
  const near = known.map((k) => ({ k, d: distance(k, e.key) })).sort((a, b) => a.d - b.d)[0];
  const hint = near && near.d <= 2 ? `did you mean "${near.k}"?` : `${where} takes: ${known.join(', ')}`;
  return new TeachFileError(file, e.line, `unknown keyword "${e.key}" in ${where}`, hint);
}

/** A file's name for messages: relative to the project when it is one of ours. */
export function shownPath(file: string): string {
  const rel = path.relative(projectRoot, file);
  return rel.startsWith('..') || path.isAbsolute(rel) ? file : rel;
}

/** The id of a topic or lesson file: its name without the order number and extension. */
export function idOf(file: string): string {
  return path.basename(file).replace(/\.[^.]+$/, '').replace(/^\d+-/, '');
}

/** Where the topic or lesson files are (VDEV_SHELL_TOPICS / VDEV_SHELL_LESSONS move them). */
export function teachDir(kind: 'topics' | 'lessons'): string {
  const env = kind === 'topics' ? process.env.VDEV_SHELL_TOPICS : process.env.VDEV_SHELL_LESSONS;
  return env || path.join(projectRoot, 'teach', kind);
}

/** The lesson ids, from the file names alone (completion; nothing is parsed). */
export function lessonIds(dir = teachDir('lessons')): string[] {
  try { return fs.readdirSync(dir).filter((f) => f.endsWith('.lesson')).sort().map(idOf); } catch { return []; }
}
