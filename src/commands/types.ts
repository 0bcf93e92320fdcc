// The typed interface every command implements. A command declares its arguments, keys and options
// (parsed, completed and listed by help from the declaration: ./grammar.ts, ./args.ts), calls the
// session, and returns DATA (a CommandResult); rendering is src/format's job.
import type { Session } from '../session/session.js';
import type { Body, CommandResult } from '../results/result.js';
import type { Options } from './grammar.js';
import type { Lesson } from '../teach/lessons.js';
import type { Args } from './args.js';

export { ok, fail } from '../results/result.js';
export { usageOf } from './grammar.js';
export type { Args, Body, CommandResult, Options };

export type Section = 'Devices' | 'Ports' | 'Inspect' | 'Trace' | 'Diagnose' | 'Inferior' | 'Scripts' | 'Learn' | 'Support';

/**
 * What an argument is: how it parses (./args.ts: a port is resolved, a file made absolute, a MAC
 * read), completes (src/ui/completion.ts) and is described by help. devargs, text, regex, command
 * and words take the rest of the line (words split as a shell splits them, quotes kept together).
 */
export type ArgKind = 'devargs' | 'port' | 'port-or-all' | 'device' | 'file' | 'driver' | 'mac' | 'pid' | 'number' | 'word' | 'command' | 'text' | 'regex' | 'words' | 'frame' | 'function';

/** One argument, in order: `{ name: 'PORT', kind: 'port' }`. */
export interface ArgSpec {
  /** As usage and errors name it: PORT, FILE, SRC. */
  name: string;
  kind: ArgKind;
  optional?: true;
  /** It takes the rest of the line, spaces and all (source FILE); devargs, text and command always do. */
  rest?: true;
  /** The words it may be (checked, completed): capture's rx|tx|both. */
  oneOf?: string[];
  /** How it may be written, for usage when its name alone does not say: bt's N, #N, -N, DEVICE. */
  forms?: string[];
  /**
   * A key or option that may stand in its place, not with it (frame's `function NAME`, attach's
   * --file-prefix): usage shows them as alternatives, and one of them is needed unless optional.
   */
  or?: string;
  /** For help; the kind's own description otherwise. */
  summary?: string;
  /** What it completes to, read when Tab is pressed, where its kind says nothing (explain's topics). */
  choices?: () => string[];
}

/** A KEY VALUE pair, or a flag word without VALUE, after the arguments: `count 10`, `hex` (tx, rx, fwd, pcap). */
export interface KeySpec {
  name: string;
  /** What follows the key (N, MS, MAC); none: a flag. */
  value?: string;
  summary: string;
  /** What its value is, for completion (frame's `function NAME`). */
  kind?: ArgKind;
  /** A whole number in [min, max], `def` when not given (none: args.values says whether it was); why: said when out of range. */
  int?: { min: number; max: number; def?: number; why?: string };
}

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
    match(line: string): CommandMatch;
    /** Runs one line as if typed, in this context. */
    execute(line: string): Promise<CommandResult | null>;
    /** The lesson files, read now; their command lines are checked against this table (throws TeachFileError). */
    lessons(): Lesson[];
  };
}

/** What a line names (src/commands/registry.ts matchCommand). */
export interface CommandMatch {
  spec?: CommandSpec;
  /** Words that named the command (as typed). */
  words: string[];
  argv: string[];
  rest: string;
  suggestion?: string;
  ambiguous?: string[];
  /** No command yet: the words that may follow the ones typed (`info` -> eal, drivers, ...). */
  next?: string[];
}

/** An option a command takes: `--all`, or `--file-prefix PREFIX` (value names what follows). */
export interface OptionSpec {
  name: string;
  summary: string;
  value?: string;
  /** Options it cannot be given with. */
  excludes?: string[];
  /** What its value completes to, read when Tab is pressed. */
  choices?: () => string[];
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

/** A command's line as run gets it. */
export interface RunLine {
  /** The arguments as typed, options taken out: to echo back (expect's assertion), never to parse. */
  rest: string;
  /** The declared options given: `--all` -> { '--all': true }, `--file-prefix P` -> { '--file-prefix': 'P' }. */
  options: Options;
  /** The declared arguments and keys, parsed: `args.port('PORT')`, `args.int('count')`. */
  args: Args;
}

export interface CommandSpec {
  /** Words of the command: ['show', 'port', 'info']. Its usage is derived from these, args, keys and options (./grammar.ts usageOf). */
  path: string[];
  aliases?: string[][];
  section: Section;
  summary: string;
  /** Longer help: what it does, examples. */
  details?: string;
  /**
   * Its arguments, in order ([] for none), parsed before run into `args`: a missing or bad one,
   * or a word none takes, is refused with what was wrong and the usage.
   */
  args: ArgSpec[];
  /** KEY VALUE pairs and flag words after the arguments, parsed into `args` too. */
  keys?: KeySpec[];
  /** Runs other commands or times itself (source, expect, attach...): the guard sets no timeout. */
  untimed?: true;
  /** Starts or ends the EAL itself (run, quit): a dead EAL is not revived before it. */
  managesEal?: true;
  /** About the lesson, not a try at its task (lesson, explain, help, expect, quit): not judged. */
  notATry?: true;
  /** Attached to an application: what it does there (gate: refused, needs --force, marked read-only). */
  attached?: AttachedUse;
  /**
   * A line that gives the argument or key `given` is really another command (`detach PORT` is
   * port detach, `mac 0 set M` is mac set): the name and use the gate judges it by instead.
   */
  variant?: { given: string; name: string; attached: AttachedUse };
  /** Options it takes (gdb's option framework): parsed before run, completed and listed by help. */
  options?: OptionSpec[];
  /** Runs the command on its line, parsed (RunLine): `async run(ctx, { args }) { args.port('PORT') ... }`. */
  run(ctx: CommandContext, line: RunLine): Promise<Body>;
}
