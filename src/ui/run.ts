// Placeholder until the Ink UI lands: the plain prompt.
import type { Session } from '../session/session.js';
import type { CliOptions } from '../cli/args.js';
import { runLineMode } from '../cli/line-mode.js';

export async function runInkUi(session: Session, opts: CliOptions): Promise<number> {
  return runLineMode(session, opts);
}
