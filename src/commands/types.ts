// The typed interface every command implements. A command parses its own arguments, calls the
// session, and returns DATA (a CommandResult); rendering is src/format's job.
import type { Session } from '../session/session.js';
import type { LogLine } from '../protocol/ops.js';

export interface CmdError { code: string; message: string; hint?: string }

export interface CommandResult<T = unknown> {
  cmd: string;
  ok: boolean;
  /** Selects the formatter: 'probe', 'ports', 'mac', ... */
  kind: string;
  data: T;
  error?: CmdError;
  log: LogLine[];
  /** Set on a failed result that a following `expect fail` accounted for. */
  expected?: boolean;
  /** Where the answer came from when it is not a live EAL (the read-only telemetry view). */
  view?: string;
  /** A lesson's verdict on this command, when a lesson is under way (src/teach/tutor.ts Verdict). */
  lesson?: unknown;
}

export type Section = 'Devices' | 'Ports' | 'Inspect' | 'Trace' | 'Diagnose' | 'Inferior' | 'Scripts' | 'Learn' | 'Support';

/** What an argument position completes to in the UI. */
export type ArgKind = 'devargs' | 'port' | 'port-or-all' | 'file' | 'driver' | 'mac' | 'command' | 'text' | 'frame' | 'function';

export interface CommandContext {
  session: Session;
  /** Results so far in this run, oldest first (expect reads the last one). */
  results: CommandResult[];
  /** Runs a script file (for `source`); returns its results. */
  runScript(file: string): Promise<CommandResult[]>;
  /** Runs one command line as if typed (for `fix`): its result is shown and kept like any other. */
  runLine(line: string): Promise<CommandResult | null>;
  /** Asks the front end to exit after this command. */
  quit(code?: number): void;
  /** Directory relative paths are resolved against (a script's own directory while sourcing). */
  cwd: string;
  /** The command table (help reads it; passed in so no command imports the table that holds it). */
  commands: { table(): CommandSpec[]; match(line: string): { spec?: CommandSpec; suggestion?: string } };
}

export interface CommandSpec {
  /** Words of the command: ['show', 'port', 'info']. */
  path: string[];
  aliases?: string[][];
  section: Section;
  usage: string;
  summary: string;
  /** Longer help: what it does, examples. */
  details?: string;
  args?: ArgKind[];
  /** Words an argument completes to when no ArgKind fits (topic names for explain). */
  choices?: (argIndex: number) => string[];
  /** `rest` is the raw text after the command words; `argv` the same split on whitespace. */
  run(ctx: CommandContext, argv: string[], rest: string): Promise<Omit<CommandResult, 'cmd'>>;
}

export const ok = <T>(kind: string, data: T, log: LogLine[] = []): Omit<CommandResult<T>, 'cmd'> => ({ ok: true, kind, data, log });

export const fail = <T = unknown>(code: string, message: string, hint?: string, data?: T, log: LogLine[] = [], kind = 'error'):
  Omit<CommandResult<T | null>, 'cmd'> => ({ ok: false, kind, data: data ?? null, error: { code, message, ...(hint ? { hint } : {}) }, log });
