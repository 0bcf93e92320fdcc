// Command history, persisted like gdb's ~/.gdb_history: ~/.vdev_shell_history unless
// VDEV_SHELL_HISTORY names another file. De-duplicated (the newest copy of a line wins), bounded,
// and written after EVERY command (merge with the file, write a temp file, rename) so neither a
// crash of the shell nor of the inferior loses a line, and two shells do not clobber each other.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const HISTORY_MAX = 1000;

export function historyPath(env: NodeJS.ProcessEnv = process.env): string {
  const p = env.VDEV_SHELL_HISTORY;
  if (p && p.trim()) return path.resolve(p);
  return path.join(env.HOME || os.homedir(), '.vdev_shell_history');
}

/** Oldest first, each line once (its newest position kept), at most max lines. */
export function dedupe(lines: string[], max = HISTORY_MAX): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (let i = lines.length - 1; i >= 0 && out.length < max; i--) {
    const l = lines[i];
    if (!l.trim() || seen.has(l)) continue;
    seen.add(l);
    out.push(l);
  }
  return out.reverse();
}

function readLines(file: string): string[] {
  try { return fs.readFileSync(file, 'utf8').split('\n'); } catch { return []; }
}

export class History {
  entries: string[];
  /** Why the file could not be written, if it could not (shown once; the session keeps working). */
  writeError?: string;

  constructor(readonly file: string | null, readonly max = HISTORY_MAX) {
    this.entries = file ? dedupe(readLines(file), max) : [];
  }

  add(line: string): void {
    const l = line.replace(/[\r\n]+/g, ' ').trimEnd();
    if (!l.trim()) return;
    this.entries = dedupe([...this.entries, l], this.max);
    if (!this.file) return;
    try {
      const merged = dedupe([...readLines(this.file), l], this.max);
      const tmp = `${this.file}.${process.pid}.tmp`;
      fs.mkdirSync(path.dirname(this.file), { recursive: true });
      fs.writeFileSync(tmp, merged.join('\n') + '\n', { mode: 0o600 });
      fs.renameSync(tmp, this.file);
    } catch (e) {
      this.writeError = `history not saved to ${this.file}: ${(e as Error).message}`;
    }
  }

  /** Index of the newest entry before `from` (exclusive) containing query, or -1. */
  searchBack(query: string, from = this.entries.length): number {
    for (let i = Math.min(from, this.entries.length) - 1; i >= 0; i--) if (this.entries[i].includes(query)) return i;
    return -1;
  }
}

/** Up/Down walking: position `entries.length` is the line being written (kept as a draft). */
export interface HistoryCursor { index: number; draft: string }

export function historyStep(entries: string[], cur: HistoryCursor, current: string, dir: -1 | 1): { cursor: HistoryCursor; text: string } | null {
  const next = cur.index + dir;
  if (next < 0 || next > entries.length) return null;
  const draft = cur.index === entries.length ? current : cur.draft;
  return { cursor: { index: next, draft }, text: next === entries.length ? draft : entries[next] };
}
