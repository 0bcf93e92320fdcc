// What every command returns: DATA of a result kind (never text). src/format turns it into lines,
// toJson into the JSON contract. The kinds and their data types: each area's kind map in
// ./<area>.ts, joined in ./kinds.ts.
import type { LogLine } from '../protocol/ops.js';
import type { ResultKinds } from './kinds.js';
import type { Verdict } from './teach.js';

export type Kind = keyof ResultKinds;

export interface CmdError { code: string; message: string; hint?: string }

export interface ResultOf<K extends Kind> {
  cmd: string;
  ok: boolean;
  /** Selects the formatter: 'probe', 'ports', 'mac', ... */
  kind: K;
  /** null: a failure with nothing to show beyond its error. */
  data: ResultKinds[K] | null;
  error?: CmdError;
  log: LogLine[];
  /** Set on a failed result that a following `expect fail` accounted for. */
  expected?: boolean;
  /** Where the answer came from when it is not a live EAL (the read-only telemetry view). */
  view?: string;
  /** A lesson's verdict on this command, when a lesson is under way (src/teach/tutor.ts). */
  lesson?: Verdict;
}

/** A result of kind K; without K, a result of any kind (its data still typed by its kind). */
export type CommandResult<K extends Kind = Kind> = K extends Kind ? ResultOf<K> : never;

/** What a command's run() returns: a result before the executor adds the line it ran (cmd). */
export type Body<K extends Kind = Kind> = K extends Kind ? Omit<ResultOf<K>, 'cmd'> : never;

/** The result of running `cmd`: the body a command returned, with the line that ran it. */
export const withCmd = (cmd: string, body: Body): CommandResult => ({ cmd, ...body }) as CommandResult;

export const ok = <K extends Kind>(kind: K, data: ResultKinds[K], log: LogLine[] = []): Body<K> => ({ ok: true, kind, data, log }) as Body<K>;

/** A failure; its kind is 'error' (no formatter of its own) unless a kind that shows failures is named. */
export function fail(code: string, message: string, hint?: string): Body<'error'>;
export function fail<K extends Kind = 'error'>(code: string, message: string, hint: string | undefined, data: ResultKinds[K] | null, log?: LogLine[], kind?: K): Body<K>;
export function fail(code: string, message: string, hint?: string, data: unknown = null, log: LogLine[] = [], kind: Kind = 'error'): Body {
  return { ok: false, kind, data: data ?? null, error: { code, message, ...(hint ? { hint } : {}) }, log } as Body;
}
