// The interactive front end on a terminal. Paints the prompt first (early.ts, no dependencies),
// then loads the Ink app (main.ts), which takes over the same screen.
import type { Session } from '../session/session.js';
import type { CliOptions } from '../cli/args.js';
import { paintEarlyPrompt } from './early.js';

export async function runInkUi(session: Session, opts: CliOptions): Promise<number> {
  const color = !opts.noColor && !(process.env.NO_COLOR) && process.env.TERM !== 'dumb';
  paintEarlyPrompt(process.stdout, process.stdin, { pid: session.inferior.pid, ealArgs: session.ealArgs, color });
  const { startInk } = await import('./main.js');
  return startInk(session, opts, true);
}
