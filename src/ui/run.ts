// The interactive front end on a terminal. Paints the prompt first (early.ts, no dependencies),
// then loads the Ink app (main.ts), which takes over the same screen.
import type { Session } from '../session/session.js';
import type { CliOptions } from '../cli/args.js';
import { ALT_OFF, paintEarlyPrompt } from './early.js';

export async function runInkUi(session: Session, opts: CliOptions): Promise<number> {
  const color = !opts.noColor && !(process.env.NO_COLOR) && process.env.TERM !== 'dumb';
  paintEarlyPrompt(process.stdout, process.stdin, { pid: session.inferior.pid, ealArgs: session.ealArgs, color });
  // Whatever happens from here, the user's terminal gets its normal screen back.
  const leave = (): void => { process.stdout.write(ALT_OFF); };
  process.once('exit', leave);
  // Ink renders nothing until exit when it thinks it runs in CI (CI=..., CI_* variables). Here
  // stdin and stdout are a terminal: a person is typing, whatever the environment says.
  for (const k of Object.keys(process.env)) if (k === 'CI' || k === 'CONTINUOUS_INTEGRATION' || k.startsWith('CI_')) delete process.env[k];
  try {
    const { startInk } = await import('./main.js');
    return await startInk(session, opts, true);
  } catch (e) {
    leave();
    if (process.stdin.isTTY) process.stdin.setRawMode(false);
    await session.close().catch(() => undefined);
    throw e;
  } finally {
    process.off('exit', leave);
  }
}
