// The typed interface every command implements. A command parses its own arguments, calls the
// session, and returns DATA (a CommandResult); rendering is src/format's job.
import type { Session } from '../session/session.js';
import type { Body, CommandResult } from '../results/result.js';
import type { Options } from './grammar.js';
import type { Lesson } from '../teach/lessons.js';

export { ok, fail } from '../results/result.js';
export type { Body, CommandResult, Options };

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
  /**
   * The command table and the executor, passed in so that nothing a command uses imports the table
   * that holds the command (help lists it; a lesson runs its set-up lines and tells tries apart).
   */
  commands: {
    table(): CommandSpec[];
    match(line: string): { spec?: CommandSpec; suggestion?: string };
    /** Runs one line as if typed, in this context. */
    execute(line: string): Promise<CommandResult | null>;
    /** The lesson files, read now; their command lines are checked against this table (throws TeachFileError). */
    lessons(): Lesson[];
  };
}

/** An option a command takes: `--all`, or `--file-prefix PREFIX` (value names what follows). */
export interface OptionSpec {
  name: string;
  summary: string;
  value?: string;
  /** Options it cannot be given with. */
  excludes?: string[];
}

/** What a command does to an application the session is attached to (src/target/gate.ts reads it). */
export interface AttachedUse {
  /** It would take the application's packets or change its ports: refused without --force, and why. */
  intrusive?: string;
  /** It needs the application's EAL: refused in the read-only telemetry view. */
  needsEal?: true;
  /** In the read-only telemetry view its answer comes from the telemetry socket, and is marked so. */
  readsTelemetry?: true;
  /** It removes a port: refused without --force while the application has that port started. */
  removesPort?: true;
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
  /** Runs other commands or times itself (source, expect, attach...): the guard sets no timeout. */
  untimed?: true;
  /** Starts or ends the EAL itself (run, quit): a dead EAL is not revived before it. */
  managesEal?: true;
  /** About the lesson, not a try at its task (lesson, explain, help, expect, quit): not judged. */
  notATry?: true;
  /** Attached to an application: what it does there (gate: refused, needs --force, marked read-only). */
  attached?: AttachedUse;
  /**
   * A line that is really another command (`detach PORT` is port detach, `mac 0 set M` is mac
   * set): the name and use the gate judges it by instead.
   */
  variant?: (argv: string[]) => { name: string; attached: AttachedUse } | undefined;
  /** Words an argument completes to when no ArgKind fits (topic names for explain). */
  choices?: (argIndex: number) => string[];
  /** Options it takes (gdb's option framework): parsed before run, completed and listed by help. */
  options?: OptionSpec[];
  /**
   * `rest` is the raw text after the command words; `argv` the same split on whitespace; both
   * without the declared options, which come in `options` (`--all` -> { '--all': true }).
   */
  run(ctx: CommandContext, argv: string[], rest: string, options: Options): Promise<Body>;
}
