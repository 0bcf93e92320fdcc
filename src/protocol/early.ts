// The pipes bin/vdev-shell gives the EAL it starts beside the shell (src/session/early.ts says
// why): fixed descriptor numbers on each side, named once here for the launcher's redirections,
// the inferior and the shell. The launcher (bash) makes them, named pipes opened read-write,
// before either Node starts; each side reopens its ends with the one direction it uses.
import fs from 'node:fs';

/** The inferior's side: requests arrive on stdin; replies, 'ready' first, leave on fd 4. */
export const EARLY_FDS = { requestRead: 0, replyWrite: 4 } as const;
/**
 * The shell's side: the reply pipe, the request pipe, the crash report (the inferior's fd 3)
 * and its stdout/stderr.
 */
export const SHELL_EARLY_FDS = { replyRead: 3, requestWrite: 4, crash: 5, console: 6 } as const;
/** Set for the shell by the launcher: the pid of the inferior it started. */
export const EARLY_PID_ENV = 'VDEV_SHELL_EARLY_EAL';
/**
 * Removes the launcher's named pipes (VDEV_SHELL_EARLY_FIFOS: their common prefix): once both
 * processes hold them open the names serve nothing. Each side does it at its start, whichever
 * comes first, so that neither one failing to start leaves them behind.
 */
export function removeEarlyFifos(env: NodeJS.ProcessEnv): void {
  const prefix = env.VDEV_SHELL_EARLY_FIFOS;
  delete env.VDEV_SHELL_EARLY_FIFOS;
  if (!prefix?.includes('/vdsh-start.')) return;
  for (const s of ['.req', '.rep', '.crash', '.console']) fs.rmSync(prefix + s, { force: true });
}
