// What a session keeps for the areas besides its EAL: fields of Session (session.recovery,
// session.trace, session.guard, session.bare, session.tutor), not WeakMaps and module globals beside it, so
// one look at Session shows everything a session holds and a new session starts clean.
import type { DeathData } from '../recovery/types.js';
import type { BareStore } from '../diagnose/bare.js';
import type { Tutor } from '../teach/tutor.js';
import type { Inferior } from './inferior.js';

export const DEFAULT_TIMEOUT_MS = 10_000;
/** After this long a running command is sampled and reported as slow ('slow' event). */
export const DEFAULT_SLOW_MS = 1_500;

/** src/recovery: what to do after a death, the command timeout, past death reports. */
export interface RecoveryState {
  /** 'restore' re-probes what was attached after a death; 'clean' starts an empty EAL. */
  policy: 'restore' | 'clean';
  timeoutMs: number;
  slowMs: number;
  deaths: DeathData[];
}

/** Timeout from VDEV_SHELL_TIMEOUT_MS (0 turns it off), else the default. */
export function envTimeout(env: NodeJS.ProcessEnv = process.env): number {
  const v = env.VDEV_SHELL_TIMEOUT_MS;
  if (v !== undefined && /^\d+$/.test(v.trim())) return Number(v.trim());
  return DEFAULT_TIMEOUT_MS;
}

export const newRecoveryState = (): RecoveryState => ({ policy: 'restore', timeoutMs: envTimeout(), slowMs: DEFAULT_SLOW_MS, deaths: [] });

/**
 * src/trace: which probe's chain `frame`/`list` look at, the selected frame, and where the last
 * `list` stopped (a bare `list` continues from there, as in gdb).
 */
export interface TraceState {
  probeId: number | null;
  frame: number;
  /** How many probes the session had at selection: a newer probe (a new "stop") resets it. */
  seen: number;
  /** Last listing: the file, its first shown line (for `list -`) and the line after it. */
  list: { file: string; first: number; next: number } | null;
}

export const newTraceState = (): TraceState => ({ probeId: null, frame: 0, seen: 0, list: null });

/**
 * A command running under src/recovery/guard.ts: its EAL, how to cancel it (Ctrl-C, timeout), and
 * its deadlines: check(now) does what is due and says when to look again (Infinity: never).
 */
export interface RunningCommand { inf: Inferior; cancel(reason: 'timeout' | 'interrupted'): void; check(now: number): number }

/** src/recovery/guard.ts: the commands running now (a script's line inside `source`), and the deaths dealt with. */
export interface GuardState {
  running: RunningCommand[];
  /** Inferiors whose death has been reported and restarted. */
  handled: WeakSet<Inferior>;
  /** The one timer that watches every running command's deadlines, and when it fires. */
  watch: { timer: NodeJS.Timeout | null; at: number };
}

export const newGuardState = (): GuardState => ({ running: [], handled: new WeakSet(), watch: { timer: null, at: Infinity } });

export type { BareStore, Tutor };
