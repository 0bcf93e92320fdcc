// A learner's progress, kept per user across sessions: which lesson is under way and at which
// step, which are done. One small JSON file in the XDG state directory
// ($XDG_STATE_HOME/vdev-shell/lessons.json, else ~/.local/state/...), or VDEV_SHELL_LESSON_STATE.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export interface Progress {
  /** The lesson the learner is in (resumed by `lesson next`), with its step index (0-based). */
  current: { lesson: string; step: number } | null;
  lessons: Record<string, { step: number; done: boolean; doneAt?: string }>;
}

export function progressFile(): string {
  const env = process.env;
  if (env.VDEV_SHELL_LESSON_STATE) return env.VDEV_SHELL_LESSON_STATE;
  const base = env.XDG_STATE_HOME || path.join(env.HOME || os.homedir(), '.local', 'state');
  return path.join(base, 'vdev-shell', 'lessons.json');
}

const empty = (): Progress => ({ current: null, lessons: {} });

/** The saved progress; a missing or unreadable file is a fresh start (with why, when unreadable). */
export function loadProgress(file = progressFile()): { progress: Progress; problem?: string } {
  let text: string;
  try { text = fs.readFileSync(file, 'utf8'); } catch { return { progress: empty() }; }
  try {
    const p = JSON.parse(text) as Progress;
    if (typeof p !== 'object' || p === null || typeof p.lessons !== 'object') throw new Error('not a progress file');
    return { progress: { current: p.current ?? null, lessons: p.lessons } };
  } catch (e) {
    return { progress: empty(), problem: `${file} is unreadable (${(e as Error).message}); starting afresh` };
  }
}

/** Written whole to a temporary file and renamed, so a crash never leaves half a file. */
export function saveProgress(p: Progress, file = progressFile()): string | null {
  try {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const tmp = `${file}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, JSON.stringify(p, null, 2) + '\n');
    fs.renameSync(tmp, file);
    return null;
  } catch (e) {
    return `cannot save lesson progress to ${file}: ${(e as Error).message} (set VDEV_SHELL_LESSON_STATE to a writable file)`;
  }
}
