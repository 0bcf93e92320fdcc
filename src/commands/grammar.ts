// The command grammar, pure: how typed words name a command (each word exact or a unique prefix
// at its level, gdb style: `sh po in 0`), and which declared options (CommandSpec.options) a line
// gives. The executor, completion and help all go through here; the table is the registry's.
import type { CommandSpec, OptionSpec } from './types.js';

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
  const strict = !(spec.args ?? []).some((k) => k === 'devargs' || k === 'text');
  const left: string[] = [];
  let text = rest;
  const esc = (w: string): string => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  // Out of the text too (commands that read it whole, such as probe's devargs), once, as words.
  const drop = (...words: string[]): void => { text = text.replace(new RegExp(`(^|\\s)${words.map(esc).join('\\s+')}(?=\\s|$)`), ' '); };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const eq = a.indexOf('=');
    const o: OptionSpec | undefined = declared.find((x) => x.name === a || (x.value && eq > 0 && x.name === a.slice(0, eq)));
    if (!o && strict && a.startsWith('-')) return { error: `unknown option ${a}` };
    if (!o) { left.push(a); continue; }
    if (options[o.name] !== undefined) return { error: `${o.name} given twice` };
    if (!o.value) { options[o.name] = true; drop(a); continue; }
    if (eq > 0) { options[o.name] = a.slice(eq + 1); drop(a); continue; }
    const v = argv[i + 1];
    if (v === undefined) return { error: `${o.name} needs ${o.value}` };
    options[o.name] = v;
    drop(a, v);
    i++;
  }
  for (const o of declared) {
    const clash = o.excludes?.find((x) => options[o.name] !== undefined && options[x] !== undefined);
    if (clash) return { error: `${o.name} and ${clash} exclude each other` };
  }
  return { options, argv: left, rest: text.trim() };
}

/** Options as help shows them: `--all  also the NULL slots`. */
export const optionLines = (spec: CommandSpec): { name: string; summary: string }[] =>
  (spec.options ?? []).map((o) => ({ name: o.value ? `${o.name} ${o.value}` : o.name, summary: o.summary }));
