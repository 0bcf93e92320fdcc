// A command's declared arguments turned into values (./grammar.ts splitArgs says which words fill
// which): ports resolved against the session, files made absolute, MACs read; and the per-port
// loop that commands over PORT|all share.
import path from 'node:path';
import type { ArgKind, ArgSpec, Body, CommandContext, CommandSpec, RunLine } from './types.js';
import { fail } from './types.js';
import { splitWords } from '../util/words.js';
import { splitArgs, takeOptions, usageOf, type Options, type Split } from './grammar.js';
import type { LogLine, RawPort } from '../protocol/ops.js';
import { parseMac } from '../mac/explain.js';

type Failed = Body;

/** The parsed arguments and keys of one line, by their declared names. */
export interface Args {
  /** A 'port' argument, resolved. */
  port(name: string): RawPort;
  /** A 'port-or-all' argument: the port, or every port for `all` (or when optional and not given). */
  ports(name: string): RawPort[];
  /** A 'file' argument, absolute (against the directory of the script, or the shell's). */
  file(name: string): string;
  /** A 'mac' argument as bytes. */
  mac(name: string): number[];
  /** A 'words' argument, split as a shell splits them; undefined when optional and not given. */
  words(name: string): string[] | undefined;
  /** A 'regex' argument, compiled. */
  regex(name: string): RegExp;
  /** A 'number' argument; undefined when optional and not given. */
  number(name: string): number | undefined;
  /** Any other argument as typed (the rest of the line for devargs and text); undefined when not given. */
  word(name: string): string | undefined;
  /** An integer key: as given or its default (one without a default: only when given, see values). */
  int(key: string): number;
  /** A flag word: given or not. */
  flag(key: string): boolean;
  /** The KEY VALUE pairs given, as typed. */
  values: Record<string, string>;
}

/** Resolves PORT (id or device name) to a port, or a failure that says which ports exist. */
export async function resolvePort(ctx: CommandContext, ref: string | undefined, usage: string): Promise<RawPort | Failed> {
  if (!ref) return fail('usage', `missing PORT`, `usage: ${usage}`);
  const port = await ctx.session.findPort(ref);
  if (port) return port;
  const ports = await ctx.session.ports();
  const list = ports.length ? `ports: ${ports.map((p) => `${p.port} (${p.name})`).join(', ')}` : "no ports are attached; attach one with 'probe NAME,ARGS'";
  return fail('no-such-port', `no port ${ref}`, list);
}

/** Ports named by "all", an id or a name. */
async function resolvePorts(ctx: CommandContext, ref: string | undefined, usage: string): Promise<RawPort[] | Failed> {
  if (ref === undefined || ref === 'all') return ctx.session.ports();
  const p = await resolvePort(ctx, ref, usage);
  return 'ok' in p ? p : [p];
}

/** One value per declared argument, or the failure of the first that does not parse. */
async function valueOf(ctx: CommandContext, spec: CommandSpec, a: ArgSpec, w: string | undefined): Promise<unknown> {
  switch (a.kind) {
    case 'port': return w === undefined ? undefined : resolvePort(ctx, w, usageOf(spec));
    case 'port-or-all': return resolvePorts(ctx, w, usageOf(spec));
    default: return wordValue(spec, a, w, ctx.cwd);
  }
}

/** The value of an argument whose kind needs no session (all but ports), or what is wrong with it. */
function wordValue(spec: CommandSpec, a: ArgSpec, w: string | undefined, cwd: string): unknown {
  switch (a.kind) {
    case 'file': return w === undefined ? undefined : path.resolve(cwd, w);
    case 'mac': {
      if (w === undefined) return undefined;
      const b = parseMac(w);
      if (!b) return fail('bad-mac', `"${w}" is not a MAC address`, 'write six hex bytes: 02:00:00:00:00:01');
      return b;
    }
    case 'words': return w === undefined ? undefined : splitWords(w);
    case 'regex': {
      if (w === undefined) return undefined;
      try { return new RegExp(w); } catch (e) { return fail('usage', `bad regular expression: ${(e as Error).message}`, `usage: ${usageOf(spec)}`); }
    }
    case 'pid': return w === undefined || /^\d+$/.test(w) ? w : fail('usage', `"${w}" is not a pid`, `usage: ${usageOf(spec)}`);
    case 'number': case 'frame': return w === undefined ? undefined : /^\d+$/.test(w) ? Number(w) : fail('usage', `${a.name} must be a whole number, got '${w}'`, `usage: ${usageOf(spec)}`);
    default: return w;
  }
}

/**
 * What is wrong with a line's arguments as far as can be told without a session (ports are not
 * looked up), or null: lesson files are checked with it when they are read.
 */
export function checkLine(spec: CommandSpec, argv: string[], rest: string): Failed | null {
  const o = takeOptions(spec, argv, rest);
  if ('error' in o) return fail('usage', o.error, `usage: ${usageOf(spec)}`);
  const split = splitArgs(spec, o.argv, o.rest, o.options);
  if ('error' in split) return fail(split.code, split.error, split.hint);
  for (const a of spec.args ?? []) {
    if (a.kind === 'port' || a.kind === 'port-or-all') continue;
    const v = wordValue(spec, a, split.words[a.name], '/');
    if (isFailure(v)) return v;
  }
  return null;
}

/** A matched line parsed for its command's run: options taken out, arguments and keys read. */
export async function parseLine(ctx: CommandContext, spec: CommandSpec, argv: string[], rest: string): Promise<RunLine | Failed> {
  return readLine(ctx, spec, argv, rest);
}

/**
 * parseLine without a wait where nothing is asked of the EAL: a promise only for a command with a
 * port to resolve (the executor's path: most lines are read at once).
 */
export function readLine(ctx: CommandContext, spec: CommandSpec, argv: string[], rest: string): RunLine | Failed | Promise<RunLine | Failed> {
  const o = takeOptions(spec, argv, rest);
  if ('error' in o) return fail('usage', o.error, `usage: ${usageOf(spec)}`);
  const args = readArgs(ctx, spec, o.argv, o.rest, o.options);
  if (args instanceof Promise) return args.then((a) => (isFailure(a) ? a : { rest: o.rest, options: o.options, args: a }));
  return isFailure(args) ? args : { rest: o.rest, options: o.options, args };
}

const isPortKind = (k: ArgKind): boolean => k === 'port' || k === 'port-or-all';
const resolvesPorts = new WeakMap<CommandSpec, boolean>();
/** Does reading this command's arguments ask the EAL (a port to resolve)? */
function asksEal(spec: CommandSpec): boolean {
  let r = resolvesPorts.get(spec);
  if (r === undefined) {
    r = (spec.args ?? []).some((a) => isPortKind(a.kind)) || (spec.keys ?? []).some((k) => !!k.kind && !!k.value && isPortKind(k.kind));
    resolvesPorts.set(spec, r);
  }
  return r;
}

/** The line's arguments and keys as values for `run`, or what was wrong with them: a promise only when a port is resolved (asksEal). */
function readArgs(ctx: CommandContext, spec: CommandSpec, argv: string[], rest: string, options: Options = {}): Args | Failed | Promise<Args | Failed> {
  const split = splitArgs(spec, argv, rest, options);
  if ('error' in split) return fail(split.code, split.error, split.hint);
  if (asksEal(spec)) return resolveArgs(ctx, spec, split);
  const values = new Map<string, unknown>();
  for (const a of spec.args ?? []) {
    const v = wordValue(spec, a, split.words[a.name], ctx.cwd);
    if (isFailure(v)) return v;
    values.set(a.name, v);
  }
  // A key whose value has a kind is read as that kind too (mac's `set MAC`): args.mac('set').
  for (const k of spec.keys ?? []) {
    if (!k.kind || !k.value) continue;
    const v = wordValue(spec, { name: k.value, kind: k.kind }, split.values[k.name], ctx.cwd);
    if (isFailure(v)) return v;
    values.set(k.name, v);
  }
  return new ParsedArgs(spec, values, split);
}

/** readArgs for a command with ports, which are looked up in the EAL. */
async function resolveArgs(ctx: CommandContext, spec: CommandSpec, split: Split): Promise<Args | Failed> {
  const values = new Map<string, unknown>();
  for (const a of spec.args ?? []) {
    const v = await valueOf(ctx, spec, a, split.words[a.name]);
    if (isFailure(v)) return v;
    values.set(a.name, v);
  }
  for (const k of spec.keys ?? []) {
    if (!k.kind || !k.value) continue;
    const v = await valueOf(ctx, spec, { name: k.value, kind: k.kind }, split.values[k.name]);
    if (isFailure(v)) return v;
    values.set(k.name, v);
  }
  return new ParsedArgs(spec, values, split);
}

/** Args over the values read (one object per line, its accessors shared by all). */
class ParsedArgs implements Args {
  readonly values: Record<string, string>;
  constructor(private readonly spec: CommandSpec, private readonly byName: Map<string, unknown>, private readonly split: Split) {
    this.values = split.values;
  }

  // Asking for an argument the spec does not declare is a bug in the command, not bad input.
  private get<T>(name: string): T {
    if (!this.byName.has(name)) throw new Error(`'${this.spec.path.join(' ')}' declares no argument ${name}`);
    return this.byName.get(name) as T;
  }

  port(n: string): RawPort { return this.get(n); }
  ports(n: string): RawPort[] { return this.get(n); }
  file(n: string): string { return this.get(n); }
  mac(n: string): number[] { return this.get(n); }
  number(n: string): number | undefined { return this.get(n); }
  words(n: string): string[] | undefined { return this.get(n); }
  regex(n: string): RegExp { return this.get(n); }
  word(n: string): string | undefined { return this.get(n); }
  int(k: string): number {
    if (!(k in this.split.ints)) throw new Error(`'${this.spec.path.join(' ')}' declares no integer key ${k}`);
    return this.split.ints[k];
  }
  flag(k: string): boolean { return this.split.flags.has(k); }
}

/**
 * One inferior call per port, in order, keeping the DPDK lines of the replies that have them; null
 * replies are skipped. `stop` may end the walk at a reply (a port that failed to start): its
 * result is `failed`, with the lines so far.
 */
export async function eachPort<R extends object, T>(ports: RawPort[], call: (p: RawPort) => Promise<R | null>, row: (p: RawPort, r: R) => T,
  stop?: (p: RawPort, r: R, log: LogLine[]) => Body | undefined | Promise<Body | undefined>): Promise<{ rows: T[]; log: LogLine[]; failed?: Body }> {
  const rows: T[] = [];
  const log: LogLine[] = [];
  for (const p of ports) {
    const r = await call(p);
    if (!r) continue;
    if ('log' in r) log.push(...(r.log as LogLine[]));
    const failed = await stop?.(p, r, log);
    if (failed) return { rows, log, failed };
    rows.push(row(p, r));
  }
  return { rows, log };
}

export const isFailure = (x: unknown): x is Failed => typeof x === 'object' && x !== null && 'ok' in x && (x as Failed).ok === false;
