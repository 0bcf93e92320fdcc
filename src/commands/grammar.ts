// The command grammar, pure: how typed words name a command (each word exact or a unique prefix
// at its level, gdb style: `sh po in 0`), which declared options (CommandSpec.options) a line
// gives, and which words fill its declared arguments and keys (CommandSpec.args, .keys). The
// executor, completion and help all go through here; the table is the registry's; ./args.ts turns
// the words into values (ports resolved against the session).
import type { ArgKind, ArgSpec, CommandSpec, KeySpec, OptionSpec } from './types.js';
import { intIn, parseKv } from '../packets/kv.js';

/** One way to name a command: its path or one of its aliases. */
export interface CommandName { words: string[]; spec: CommandSpec }

export const namesOf = (table: CommandSpec[]): CommandName[] =>
  table.flatMap((spec) => [spec.path, ...(spec.aliases ?? [])].map((words) => ({ words, spec })));

export interface Walk {
  /** How many leading tokens named command words. */
  depth: number;
  /** The names still possible after those words. */
  cands: CommandName[];
  /** The words the next token could have been, when it fit several. */
  ambiguous: string[];
}

/**
 * The one walk over command words: token by token, the names whose word at that level equals it,
 * else the ones it prefixes, while exactly one word fits. Stops at the first token that fits no
 * word (the command's arguments start there) or several (ambiguous).
 */
export function walkWords(names: CommandName[], tokens: string[]): Walk {
  let cands = names;
  let depth = 0;
  for (; depth < tokens.length; depth++) {
    const t = tokens[depth];
    const atLevel = cands.filter((c) => c.words.length > depth);
    const exact = atLevel.filter((c) => c.words[depth] === t);
    const prefix = exact.length ? exact : atLevel.filter((c) => c.words[depth].startsWith(t));
    const distinct = new Set(prefix.map((c) => c.words[depth]));
    if (distinct.size !== 1) return { depth, cands, ambiguous: distinct.size > 1 ? [...distinct].sort() : [] };
    cands = prefix;
  }
  return { depth, cands, ambiguous: [] };
}

/** The command the walk ended on (its words all typed), if any. */
export const walkedSpec = (w: Walk): CommandSpec | undefined => (w.depth > 0 ? w.cands.find((c) => c.words.length === w.depth)?.spec : undefined);

/** The words that may follow the walked prefix (`info` -> eal, drivers, ...). */
export const nextWords = (w: Walk): string[] => [...new Set(w.cands.filter((c) => c.words.length > w.depth).map((c) => c.words[w.depth]))].sort();

export interface Options { [name: string]: true | string }

/** Kinds that take the rest of the line as typed, dashes and all (a dash word there is no unknown option). */
const FREE_TEXT = new Set<ArgKind>(['devargs', 'text', 'regex', 'words']);

/**
 * Takes the options a command declares out of its arguments: `--all`, `--file-prefix P` or
 * `--file-prefix=P` anywhere among them. Where the arguments may hold dashes themselves (devargs
 * such as --vdev=net_pcap0, free text), other words stay arguments; where they cannot (ports),
 * another dash word is an unknown option. Returns the options, the remaining words and the
 * remaining text, or what was wrong.
 */
export function takeOptions(spec: CommandSpec, argv: string[], rest: string): { options: Options; argv: string[]; rest: string } | { error: string } {
  const declared = spec.options ?? [];
  if (!declared.length) return { options: {}, argv, rest };
  const options: Options = {};
  const strict = !spec.args.some((a) => FREE_TEXT.has(a.kind));
  const left: string[] = [];
  let text = rest;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    // Only a dash word can be an option: the others are the arguments (most lines have no option).
    const o: OptionSpec | undefined = a.startsWith('-') ? optionNamed(declared, a) : undefined;
    if (!o && strict && a.startsWith('-')) return { error: `unknown option ${a}` };
    if (!o) { left.push(a); continue; }
    const eq = a.indexOf('=');
    if (options[o.name] !== undefined) return { error: `${o.name} given twice` };
    if (!o.value) { options[o.name] = true; text = dropWords(text, [a]); continue; }
    if (eq > 0) { options[o.name] = a.slice(eq + 1); text = dropWords(text, [a]); continue; }
    const v = argv[i + 1];
    if (v === undefined) return { error: `${o.name} needs ${o.value}` };
    options[o.name] = v;
    text = dropWords(text, [a, v]);
    i++;
  }
  for (const o of declared) {
    const clash = o.excludes?.find((x) => options[o.name] !== undefined && options[x] !== undefined);
    if (clash) return { error: `${o.name} and ${clash} exclude each other` };
  }
  return { options, argv: left, rest: text.trim() };
}

/** The declared option a word gives: `--all`, or `--file-prefix=P` for one that takes a value. */
function optionNamed(declared: OptionSpec[], a: string): OptionSpec | undefined {
  const eq = a.indexOf('=');
  return declared.find((x) => x.name === a || (x.value && eq > 0 && x.name === a.slice(0, eq)));
}

const escapeRe = (w: string): string => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** The text without these words (an option and its value), once: commands that read the text whole (probe's devargs) never see them. */
const dropWords = (text: string, words: string[]): string =>
  text.replace(new RegExp(`(^|\\s)${words.map(escapeRe).join('\\s+')}(?=\\s|$)`), ' ');

/** How an argument is written in usage: its forms, its words (rx|tx|both), PORT|all, or its name. */
function argToken(a: ArgSpec): string {
  return a.forms?.join('|') ?? a.oneOf?.join('|') ?? (a.kind === 'port-or-all' ? `${a.name}|all` : a.kind === 'words' ? `${a.name}...` : a.name);
}
const keyToken = (k: KeySpec | OptionSpec): string => (k.value ? `${k.name} ${k.value}` : k.name);

/** Alternatives: `[a|b]` when optional, `(a | b c)` when one is needed and a member has words. */
function alternatives(members: string[], optional: boolean): string {
  const spaced = members.some((m) => m.includes(' '));
  const s = members.join(spaced ? ' | ' : '|');
  return optional ? `[${s}]` : spaced && members.length > 1 ? `(${s})` : s;
}

/** More keys than this: usage shows the first three and `[KEY VALUE]...` (help lists them all). */
const KEYS_SHOWN = 4;

const usages = new WeakMap<CommandSpec, string>();
/**
 * The usage line, derived from the declaration so the two cannot disagree: the command words,
 * then the arguments in order (optional ones in brackets, an argument and the key or option that
 * may stand in its place as alternatives), the keys, and the options (options that exclude each
 * other as one group). Options come last, or before an argument that takes the rest of the line.
 */
export function usageOf(spec: CommandSpec): string {
  let u = usages.get(spec);
  if (u !== undefined) return u;
  const args = spec.args;
  const keys = spec.keys ?? [];
  const standIns = new Set(args.flatMap((a) => (a.or ? [a.or] : [])));
  const argParts = args.map((a) => {
    const other = a.or ? keys.find((k) => k.name === a.or) ?? spec.options?.find((o) => o.name === a.or) : undefined;
    return alternatives([argToken(a), ...(other ? [keyToken(other)] : [])], !!a.optional);
  });
  const shownKeys = keys.filter((k) => !standIns.has(k.name));
  const keyParts = shownKeys.length > KEYS_SHOWN
    ? [...shownKeys.slice(0, KEYS_SHOWN - 1).map((k) => `[${keyToken(k)}]`), '[KEY VALUE]...']
    : shownKeys.map((k) => `[${keyToken(k)}]`);
  const groups: OptionSpec[][] = [];
  for (const o of (spec.options ?? []).filter((x) => !standIns.has(x.name))) {
    const g = groups.find((grp) => grp.some((x) => x.excludes?.includes(o.name) || o.excludes?.includes(x.name)));
    if (g) g.push(o); else groups.push([o]);
  }
  const optParts = groups.map((g) => alternatives(g.map(keyToken), true));
  const restFirst = args.some(takesRest);
  u = [...spec.path, ...(restFirst ? optParts : []), ...argParts, ...keyParts, ...(restFirst ? [] : optParts)].join(' ');
  usages.set(spec, u);
  return u;
}

/**
 * The words a line gives its arguments and keys, by name (the rest of the line for those that
 * take it), or null when it does not parse: what the gate reads before the command runs.
 */
export function givenBy(spec: CommandSpec, argv: string[], rest: string): Record<string, string> | null {
  const o = takeOptions(spec, argv, rest);
  if ('error' in o) return null;
  const s = splitArgs(spec, o.argv, o.rest, o.options);
  if ('error' in s) return null;
  return { ...s.words, ...s.values, ...Object.fromEntries([...s.flags].map((f) => [f, f])) };
}

/** Options as help shows them: `--all  also the NULL slots`. */
export const optionLines = (spec: CommandSpec): { name: string; summary: string }[] =>
  (spec.options ?? []).map((o) => ({ name: keyToken(o), summary: o.summary }));

/** An argument that takes the rest of the line, spaces and all. */
export const takesRest = (a: ArgSpec): boolean => !!a.rest || FREE_TEXT.has(a.kind) || a.kind === 'command';

const KIND_SUMMARY: Record<ArgKind, string> = {
  devargs: 'a device and its arguments: NAME,KEY=VALUE,... (also --vdev=... or a C call)',
  port: 'a port: its id or its device name', 'port-or-all': 'a port (id or device name), or all',
  device: 'a port (id or name), or a device still on the vdev bus', file: 'a path, relative to the current directory',
  driver: 'a vdev driver name or alias', mac: 'a MAC address: six hex bytes, 02:00:00:00:00:01', pid: 'a process id', number: 'a whole number',
  word: 'a word', command: 'a command line', text: 'the rest of the line', regex: 'a regular expression (JavaScript syntax), the rest of the line',
  words: 'words, as a shell splits them (quotes keep spaces)', frame: 'a frame number (as bt numbers them)', function: 'a function name',
};

/** Arguments and keys as help shows them (as usage writes them): `PORT  a port: its id or its device name`, `count N  ...`. */
export function argumentLines(spec: CommandSpec): { name: string; summary: string }[] {
  const range = (k: KeySpec): string => (k.int ? ` (${k.int.min}..${k.int.max}${k.int.def !== undefined ? `, default ${k.int.def}` : ''})` : '');
  return [
    ...spec.args.map((a) => ({ name: alternatives([argToken(a)], !!a.optional), summary: a.summary ?? (a.oneOf ? `one of ${a.oneOf.join(', ')}` : KIND_SUMMARY[a.kind]) })),
    ...(spec.keys ?? []).map((k) => ({ name: keyToken(k), summary: k.summary + range(k) })),
  ];
}

/** The words of a line for each declared argument, and its keys: what ./args.ts turns into values. */
export interface Split {
  /** By argument name, as typed (the rest of the line for the kinds that take it). */
  words: Record<string, string>;
  /** KEY VALUE pairs as typed, the integer keys checked. */
  values: Record<string, string>;
  ints: Record<string, number>;
  flags: ReadonlySet<string>;
}

/** No flag words given (shared: a Split's flags are only read). */
const NO_FLAGS: ReadonlySet<string> = new Set();
const usageHint = (spec: CommandSpec): string => `usage: ${usageOf(spec)}`;
const isKey = (spec: CommandSpec, w: string): boolean => !!spec.keys?.some((k) => k.name === w.toLowerCase());

/**
 * Fills the declared arguments in order, then reads the declared keys from what is left: a missing
 * argument, a word no argument or key takes, a bad key or a number out of range is refused with
 * what was wrong (code usage or bad-argument) and what to write. `options` are the ones the line
 * gave (an argument's stand-in may be one).
 */
export function splitArgs(spec: CommandSpec, argv: string[], rest: string, options: Options = {}): Split | { code: string; error: string; hint?: string } {
  const decl: ArgSpec[] = spec.args;
  const out: Split = { words: {}, values: {}, ints: {}, flags: NO_FLAGS };
  let i = 0;
  let text = rest.trim();
  for (const a of decl) {
    if (takesRest(a)) {
      if (text) out.words[a.name] = text;
      else if (!a.optional) return { code: 'usage', error: `missing ${a.name}`, hint: usageHint(spec) };
      i = argv.length;
      break;
    }
    const w = argv[i];
    // Not given: fine when optional or another word may stand in for it (checked below); the
    // keys start here (`bt full`, `frame function NAME`).
    if (w === undefined || ((a.optional || a.or) && isKey(spec, w))) {
      if (a.optional || a.or) continue;
      return { code: 'usage', error: `missing ${a.name}`, hint: usageHint(spec) };
    }
    if (a.oneOf && !a.oneOf.includes(w.toLowerCase())) {
      const error = a.oneOf.length === 1 ? `expected '${a.oneOf[0]}'${a.optional ? ' or nothing' : ''}, got '${w}'`
        : `${a.name} must be ${a.oneOf.slice(0, -1).join(', ')} or ${a.oneOf.at(-1)}, got '${w}'`;
      return { code: 'bad-argument', error, hint: usageHint(spec) };
    }
    out.words[a.name] = a.oneOf ? w.toLowerCase() : w;
    text = text.replace(/^\S+\s*/, '');
    i++;
  }
  if (!spec.keys && i < argv.length) return { code: 'usage', error: `unexpected "${argv.slice(i).join(' ')}"`, hint: usageHint(spec) };
  if (spec.keys) {
    const kv = parseKv(argv.slice(i), { keys: spec.keys.filter((k) => k.value).map((k) => k.name), flags: spec.keys.filter((k) => !k.value).map((k) => k.name) });
    if (!kv.ok) {
      const k = kv.noValue ? spec.keys.find((x) => x.name === kv.noValue) : undefined;
      return { code: 'bad-argument', error: k ? `${k.name} needs ${k.value}` : kv.message, hint: k ? usageHint(spec) : kv.hint ?? usageHint(spec) };
    }
    out.values = kv.values;
    out.flags = kv.flags;
    for (const k of spec.keys) {
      if (!k.int || (kv.values[k.name] === undefined && k.int.def === undefined)) continue;
      const v = intIn(k.name, kv.values[k.name], k.int.def ?? 0, k.int.min, k.int.max, k.int.why);
      if (typeof v === 'string') return { code: 'bad-argument', error: v, hint: usageHint(spec) };
      out.ints[k.name] = v;
    }
  }
  // An argument and the key or option that may stand in its place: one of them, not both.
  for (const a of decl) {
    if (!a.or) continue;
    const k = spec.keys?.find((x) => x.name === a.or);
    const o = spec.options?.find((x) => x.name === a.or);
    const other = k ? (k.value ? out.values[k.name] !== undefined : out.flags.has(k.name)) : options[a.or!] !== undefined;
    const alt = `${a.name} or ${keyToken((k ?? o)!)}`;
    if (out.words[a.name] !== undefined && other) return { code: 'usage', error: `give ${alt}, not both`, hint: usageHint(spec) };
    if (out.words[a.name] === undefined && !other && !a.optional) return { code: 'usage', error: `missing ${alt}`, hint: usageHint(spec) };
  }
  return out;
}
