// Everything below the output pane, as rows for a width: the prompt (or the Ctrl-R search), the
// hint, the candidate list, a notice, the crash banner and the status line. The App renders these
// rows and gives the output pane whatever height is left, so the screen never overflows.
import { targetLabel } from '../session/target.js';
import type { Style } from '../format/style.js';
import type { UiState } from './controller.js';
import type { Session } from '../session/session.js';
import { cutRow, wrapRows } from './output.js';
import { bannerRows, statusLine, type StatusInfo } from './status.js';

export const PROMPT = '(vdev) ';
const INV = '\x1b[7m', INV_OFF = '\x1b[27m';
const MAX_CANDIDATE_ROWS = 6;

/** The line with a visible block cursor (inverse video also works without colour). */
export function withCursor(text: string, cursor: number): string {
  const at = text[cursor] ?? ' ';
  return text.slice(0, cursor) + INV + at + INV_OFF + text.slice(cursor + 1);
}

export function promptRows(st: UiState, s: Style, width: number): string[] {
  if (st.search) {
    const match = st.search.index >= 0 ? '' : ' (no match)';
    const head = `(reverse-i-search)'${st.search.query}'${match}: `;
    return wrapRows(s.c.cyan(head) + withCursor(st.search.match ?? '', 0), width);
  }
  if (st.quitting) return wrapRows(s.c.dim(st.notice ?? 'quitting…'), width);
  return wrapRows(s.c.bold(PROMPT) + withCursor(st.line.text, st.line.cursor), width);
}

export function hintRows(st: UiState, s: Style, width: number): string[] {
  if (!st.hint || st.search) return [];
  const paint = st.hint.level === 'ok' ? s.c.green : st.hint.level === 'error' ? s.c.red : st.hint.level === 'warning' ? s.c.yellow : s.c.dim;
  const mark = st.hint.level === 'ok' ? '✓' : st.hint.level === 'error' ? '✗' : st.hint.level === 'warning' ? '!' : '…';
  return [paint(truncate(`  ${mark} check: ${st.hint.text}`, width))];
}

/** Candidates in columns, as readline lists them; at most a few rows, then how many more. */
export function candidateRows(st: UiState, s: Style, width: number): string[] {
  const c = st.candidates;
  if (!c || !c.length) return [];
  const colW = Math.min(width, Math.max(...c.map((x) => x.length)) + 2);
  const cols = Math.max(1, Math.floor(width / colW));
  const rows: string[] = [];
  for (let i = 0; i < c.length; i += cols) rows.push(c.slice(i, i + cols).map((x) => truncate(x, colW - 1).padEnd(colW)).join('').trimEnd());
  if (rows.length <= MAX_CANDIDATE_ROWS) return rows;
  const shown = rows.slice(0, MAX_CANDIDATE_ROWS - 1);
  return [...shown, s.c.dim(`… ${c.length - (MAX_CANDIDATE_ROWS - 1) * cols} more; type more letters`)];
}

export function noticeRows(st: UiState, s: Style, width: number): string[] {
  if (!st.notice || st.quitting) return [];
  return wrapRows(s.c.yellow(st.notice), width);
}

export function statusInfo(st: UiState, session: Session): StatusInfo {
  const inf = session.inferior;
  const t = session.target;
  return {
    state: inf.state, pid: inf.pid, ealArgs: t ? t.app.ealArgs : inf.ealArgs, ports: st.ports, last: st.last, busy: st.busy, queued: st.queued.length,
    target: t ? targetLabel(t) : null,
    ...(st.lesson ? { lesson: { n: st.lesson.lesson.n, step: st.lesson.step, of: st.lesson.of } } : {}),
  };
}

/** Rows the lesson pane may take: the task stays readable, the output keeps most of the screen. */
const MAX_LESSON_ROWS = 8;

/** The current lesson step above the prompt, so the task stays in view while the learner types. */
export function lessonRows(st: UiState, s: Style, width: number): string[] {
  const l = st.lesson;
  if (!l) return [];
  const head = ` Lesson ${l.lesson.n} · step ${l.step} of ${l.of}: ${l.title} `;
  const rule = s.c.cyan('─'.repeat(2) + head + '─'.repeat(Math.max(0, width - head.length - 2)));
  const body = l.text.filter((t, i, a) => t || (i > 0 && a[i - 1])).flatMap((t) => wrapRows('  ' + t, width));
  const rows = body.length > MAX_LESSON_ROWS ? [...body.slice(0, MAX_LESSON_ROWS - 1), s.c.dim("  … 'lesson' shows the whole step")] : body;
  return [cutRow(rule, width), ...rows];
}

export interface Chrome { lesson: string[]; banner: string[]; prompt: string[]; hint: string[]; candidates: string[]; notice: string[]; status: string }

export function chrome(st: UiState, session: Session, s: Style, width: number): Chrome {
  return {
    lesson: lessonRows(st, s, width),
    banner: st.death ? bannerRows(st.death, s, width) : [],
    prompt: promptRows(st, s, width),
    hint: hintRows(st, s, width),
    candidates: candidateRows(st, s, width),
    notice: noticeRows(st, s, width),
    status: cutRow(statusLine(statusInfo(st, session), s, width), width),
  };
}

export const chromeHeight = (c: Chrome): number => c.lesson.length + c.banner.length + c.prompt.length + c.hint.length + c.candidates.length + c.notice.length + 1;

const truncate = (t: string, n: number): string => (t.length <= n ? t : t.slice(0, Math.max(0, n - 1)) + '…');
