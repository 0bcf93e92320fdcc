// The first frame, painted before Ink and React are loaded (importing them costs ~300 ms on these
// machines): the alternate screen with the prompt and the status line where the Ink frame will
// put them, so the prompt is on screen at once. Keys typed meanwhile wait in the terminal's input
// buffer (raw mode: not echoed over the frame) and reach the line editor when Ink starts reading.
// Dependency-free on purpose: this module must load in a few milliseconds.

export const ALT_ON = '\x1b[?1049h\x1b[H', ALT_OFF = '\x1b[?1049l';
const CLEAR = '\x1b[2J', HOME = '\x1b[H';
const at = (row: number): string => `\x1b[${row};1H`;

export function paintEarlyPrompt(out: NodeJS.WriteStream, inp: NodeJS.ReadStream, info: { pid?: number; ealArgs: string[]; color: boolean }): void {
  const cols = out.columns || 80;
  const rows = out.rows || 24;
  const bold = (t: string): string => (info.color ? `\x1b[1m${t}\x1b[22m` : t);
  const yellow = (t: string): string => (info.color ? `\x1b[33m${t}\x1b[39m` : t);
  // Same words as the status line's starting state (status.ts), cut to the width.
  const status = `◌ EAL starting pid ${info.pid ?? '-'} │ EAL ${info.ealArgs.join(' ')}`;
  const cut = status.length > cols ? status.slice(0, cols - 1) + '…' : status;
  if (inp.isTTY) inp.setRawMode(true);
  // Ink draws rows-1 lines from the top: the prompt is its second-to-last line, the status its last.
  out.write(ALT_ON + CLEAR + at(rows - 2) + bold('(vdev) ') + '\x1b[7m \x1b[27m' + at(rows - 1) + yellow(cut.slice(0, 1)) + cut.slice(1) + HOME);
}
