// THE key binding table: every key the UI understands, what it does, and the help text for it.
// Ink's own key parser cannot tell Backspace (\x7f) from Delete (ESC[3~), so the UI decodes the
// raw sequences Ink hands over (one event per escape sequence, or a run of plain text) here.

export type Action =
  | 'submit' | 'complete' | 'history-prev' | 'history-next' | 'search-back' | 'interrupt' | 'eof' | 'abort'
  | 'left' | 'right' | 'home' | 'end' | 'word-left' | 'word-right' | 'backspace' | 'delete'
  | 'kill-end' | 'kill-start' | 'kill-word-back' | 'kill-word-forward' | 'yank'
  | 'page-up' | 'page-down' | 'clear-output' | 'keys-help';

export interface Binding { keys: string; seqs: string[]; action: Action; help: string }

const ESC = '\x1b';

export const BINDINGS: Binding[] = [
  { keys: 'Enter', seqs: ['\r', '\n'], action: 'submit', help: 'run the line (lines typed while a command runs wait their turn)' },
  { keys: 'Tab', seqs: ['\t'], action: 'complete', help: 'complete commands, drivers, devargs keys, ports, files, interfaces; lists candidates when ambiguous' },
  { keys: 'Up / Ctrl-P', seqs: [`${ESC}[A`, `${ESC}OA`, '\x10'], action: 'history-prev', help: 'previous line from the history' },
  { keys: 'Down / Ctrl-N', seqs: [`${ESC}[B`, `${ESC}OB`, '\x0e'], action: 'history-next', help: 'next line from the history' },
  { keys: 'Ctrl-R', seqs: ['\x12'], action: 'search-back', help: 'search the history backwards (again: older match; Enter runs; Esc cancels)' },
  { keys: 'Ctrl-C', seqs: ['\x03'], action: 'interrupt', help: 'clear the line or cancel a search; while a command waits on the EAL: cancel it (its EAL is killed and restarted with the session restored); a running script stops before its next line; queued lines are dropped; never leaves the shell' },
  { keys: 'Ctrl-D', seqs: ['\x04'], action: 'eof', help: 'on an empty line: quit (with ports attached, press it twice: quit detaches them and removes tap interfaces); else delete the character under the cursor' },
  { keys: 'Esc / Ctrl-G', seqs: [ESC, '\x07'], action: 'abort', help: 'cancel a search or close the candidate list' },
  { keys: 'Left / Ctrl-B', seqs: [`${ESC}[D`, `${ESC}OD`, '\x02'], action: 'left', help: 'cursor left' },
  { keys: 'Right / Ctrl-F', seqs: [`${ESC}[C`, `${ESC}OC`, '\x06'], action: 'right', help: 'cursor right' },
  { keys: 'Home / Ctrl-A', seqs: [`${ESC}[H`, `${ESC}OH`, `${ESC}[1~`, `${ESC}[7~`, '\x01'], action: 'home', help: 'start of line' },
  { keys: 'End / Ctrl-E', seqs: [`${ESC}[F`, `${ESC}OF`, `${ESC}[4~`, `${ESC}[8~`, '\x05'], action: 'end', help: 'end of line' },
  { keys: 'Alt-B / Ctrl-Left', seqs: [`${ESC}b`, `${ESC}[1;5D`, `${ESC}[1;3D`], action: 'word-left', help: 'back one word' },
  { keys: 'Alt-F / Ctrl-Right', seqs: [`${ESC}f`, `${ESC}[1;5C`, `${ESC}[1;3C`], action: 'word-right', help: 'forward one word' },
  { keys: 'Backspace', seqs: ['\x7f', '\b'], action: 'backspace', help: 'delete the character before the cursor' },
  { keys: 'Delete', seqs: [`${ESC}[3~`], action: 'delete', help: 'delete the character under the cursor' },
  { keys: 'Ctrl-K', seqs: ['\x0b'], action: 'kill-end', help: 'cut to the end of the line' },
  { keys: 'Ctrl-U', seqs: ['\x15'], action: 'kill-start', help: 'cut to the start of the line' },
  { keys: 'Ctrl-W / Alt-Backspace', seqs: ['\x17', `${ESC}\x7f`, `${ESC}\b`], action: 'kill-word-back', help: 'cut the word before the cursor' },
  { keys: 'Alt-D', seqs: [`${ESC}d`], action: 'kill-word-forward', help: 'cut the word after the cursor' },
  { keys: 'Ctrl-Y', seqs: ['\x19'], action: 'yank', help: 'paste the last cut text' },
  { keys: 'PageUp', seqs: [`${ESC}[5~`], action: 'page-up', help: 'scroll the output back one page' },
  { keys: 'PageDown', seqs: [`${ESC}[6~`], action: 'page-down', help: 'scroll the output forward one page (to the newest: keeps following)' },
  { keys: 'Ctrl-L', seqs: ['\x0c'], action: 'clear-output', help: 'clear the output pane' },
  { keys: 'F1', seqs: [`${ESC}OP`, `${ESC}[11~`], action: 'keys-help', help: 'show this list of keys' },
];

const BY_SEQ = new Map<string, Action>(BINDINGS.flatMap((b) => b.seqs.map((s) => [s, b.action] as [string, Action])));

export type KeyEvent = { action: Action } | { text: string };

/**
 * One raw input event (as Ink's input parser splits them) -> actions and text. Plain text may
 * carry control characters (typed fast or pasted: "bt\r"), so it is split character by character.
 */
export function decodeInput(raw: string): KeyEvent[] {
  const whole = BY_SEQ.get(raw);
  if (whole) return [{ action: whole }];
  if (raw.startsWith(ESC)) return []; // an escape sequence we do not bind: ignore, never insert it
  const out: KeyEvent[] = [];
  let text = '';
  for (const ch of raw) {
    const a = BY_SEQ.get(ch);
    if (a || ch < ' ' || ch === '\x7f') {
      if (text) { out.push({ text }); text = ''; }
      if (a) out.push({ action: a });
      continue;
    }
    text += ch;
  }
  if (text) out.push({ text });
  return out;
}

/** The key list for F1 / the help text, from the table itself. */
export function keysHelp(): string[] {
  const w = Math.max(...BINDINGS.map((b) => b.keys.length));
  return BINDINGS.map((b) => `  ${b.keys.padEnd(w)}  ${b.help}`);
}
