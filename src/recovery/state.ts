// Per-session recovery settings and memory, kept beside the Session (not in it) so the
// session stays small: what to do after a death, the command timeout, past death reports.
import type { Session } from '../session/session.js';
import type { DeathData } from './types.js';

export const DEFAULT_TIMEOUT_MS = 10_000;
/** After this long a running command is sampled and reported as slow ('slow' event). */
export const DEFAULT_SLOW_MS = 1_500;

export interface RecoveryState {
  /** 'restore' re-probes what was attached after a death; 'clean' starts an empty EAL. */
  policy: 'restore' | 'clean';
  timeoutMs: number;
  slowMs: number;
  deaths: DeathData[];
}

const states = new WeakMap<Session, RecoveryState>();

/** Timeout from VDEV_SHELL_TIMEOUT_MS (0 turns it off), else the default. */
export function envTimeout(env: NodeJS.ProcessEnv = process.env): number {
  const v = env.VDEV_SHELL_TIMEOUT_MS;
  if (v !== undefined && /^\d+$/.test(v.trim())) return Number(v.trim());
  return DEFAULT_TIMEOUT_MS;
}

export function recoveryState(session: Session): RecoveryState {
  let s = states.get(session);
  if (!s) {
    s = { policy: 'restore', timeoutMs: envTimeout(), slowMs: DEFAULT_SLOW_MS, deaths: [] };
    states.set(session, s);
  }
  return s;
}

/** Per-command timeout in ms (0 = none); the CLI sets it from --timeout. */
export function setCommandTimeout(session: Session, ms: number): void {
  recoveryState(session).timeoutMs = ms;
}
