// The input line as a value: text plus cursor, and the readline edits on it. Pure, so the key
// bindings can be tested without a terminal. Kill commands return what they cut (for Ctrl-Y).

export interface Line { text: string; cursor: number }

export const EMPTY: Line = { text: '', cursor: 0 };

const clamp = (l: Line, c: number): Line => ({ text: l.text, cursor: Math.max(0, Math.min(l.text.length, c)) });

export function insert(l: Line, s: string): Line {
  return { text: l.text.slice(0, l.cursor) + s + l.text.slice(l.cursor), cursor: l.cursor + s.length };
}

export const left = (l: Line): Line => clamp(l, l.cursor - 1);
export const right = (l: Line): Line => clamp(l, l.cursor + 1);
export const home = (l: Line): Line => clamp(l, 0);
export const end = (l: Line): Line => clamp(l, l.text.length);

export function backspace(l: Line): Line {
  if (l.cursor === 0) return l;
  return { text: l.text.slice(0, l.cursor - 1) + l.text.slice(l.cursor), cursor: l.cursor - 1 };
}

export function deleteForward(l: Line): Line {
  if (l.cursor >= l.text.length) return l;
  return { text: l.text.slice(0, l.cursor) + l.text.slice(l.cursor + 1), cursor: l.cursor };
}

// Word boundaries as readline's Alt-B/Alt-F: a word is a run of letters and digits.
const isWord = (ch: string | undefined): boolean => ch !== undefined && /[A-Za-z0-9]/.test(ch);

export function wordLeftPos(text: string, cursor: number): number {
  let i = cursor;
  while (i > 0 && !isWord(text[i - 1])) i--;
  while (i > 0 && isWord(text[i - 1])) i--;
  return i;
}

export function wordRightPos(text: string, cursor: number): number {
  let i = cursor;
  while (i < text.length && !isWord(text[i])) i++;
  while (i < text.length && isWord(text[i])) i++;
  return i;
}

export const wordLeft = (l: Line): Line => clamp(l, wordLeftPos(l.text, l.cursor));
export const wordRight = (l: Line): Line => clamp(l, wordRightPos(l.text, l.cursor));

export interface Cut { line: Line; killed: string }

/** Ctrl-K */
export const killToEnd = (l: Line): Cut => ({ line: { text: l.text.slice(0, l.cursor), cursor: l.cursor }, killed: l.text.slice(l.cursor) });
/** Ctrl-U */
export const killToStart = (l: Line): Cut => ({ line: { text: l.text.slice(l.cursor), cursor: 0 }, killed: l.text.slice(0, l.cursor) });

/** Ctrl-W: the whitespace-delimited word before the cursor (unix-word-rubout, as readline). */
export function killWordBack(l: Line): Cut {
  let i = l.cursor;
  while (i > 0 && /\s/.test(l.text[i - 1])) i--;
  while (i > 0 && !/\s/.test(l.text[i - 1])) i--;
  return { line: { text: l.text.slice(0, i) + l.text.slice(l.cursor), cursor: i }, killed: l.text.slice(i, l.cursor) };
}

/** Alt-D: the word after the cursor. */
export function killWordForward(l: Line): Cut {
  const j = wordRightPos(l.text, l.cursor);
  return { line: { text: l.text.slice(0, l.cursor) + l.text.slice(j), cursor: l.cursor }, killed: l.text.slice(l.cursor, j) };
}

export const lineOf = (text: string): Line => ({ text, cursor: text.length });
