// The session's target: the shell's own EAL (target null), a running application joined as a
// DPDK secondary process ('app'), or an application seen through its telemetry socket only
// ('telemetry', read-only). gdb's `attach PID` / `detach` move between them.
import type { AppInfo } from '../target/app.js';
import type { Inferior } from './inferior.js';
import type { Devargs } from '../devargs/parse.js';

export interface Target {
  kind: 'app' | 'telemetry';
  app: AppInfo;
  /** When the session attached (ms since the epoch). */
  since: number;
  /** The application's DPDK version as its telemetry socket says it ("DPDK 22.11.11"). */
  version: string | null;
  /** Telemetry view: why the application could not be joined. */
  why?: string;
  /** The shell's own EAL, kept running as it was while attached, and its attached devices. */
  own: Inferior | null;
  ownAttached: Devargs[];
  /** The application's process start time (/proc/PID/stat field 22): a reused pid is not it. */
  startTime: string | null;
  /** Polls that the application is still there. */
  watch?: NodeJS.Timeout;
}

/** One short phrase for the status line and prompts: which process the commands act on. */
export function targetLabel(t: Target | null): string {
  if (!t) return 'own EAL';
  const name = t.app.exe ? t.app.exe.split('/').pop() : t.app.argv[0];
  return `${t.kind === 'telemetry' ? 'telemetry of' : 'attached to'} ${name} pid ${t.app.pid} (prefix ${t.app.prefix})${t.kind === 'telemetry' ? ', read-only' : ''}`;
}
