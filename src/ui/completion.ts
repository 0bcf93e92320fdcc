// Tab completion, pure: what the word under the cursor can become, from the one command table
// (command words, the kinds of CommandSpec.args, CommandSpec.keys and .options) and data the caller gathered from the session (vdev
// drivers with their PMD_INFO_STRING keys, ports, a directory lister, host interfaces).
import { commandNames } from '../commands/registry.js';
import { nextWords, takesRest, walkWords, walkedSpec } from '../commands/grammar.js';
import type { ArgKind, ArgSpec, CommandSpec } from '../commands/types.js';
import type { DriverInfo } from '../session/drivers.js';
import type { Line } from './line-edit.js';
import type { ProbeRecord } from '../session/session.js';
import { shownProbe } from '../trace/state.js';

export interface CompletionData {
  drivers: DriverInfo[];
  ports: { port: number; name: string }[];
  /** Entries of a directory as typed ('' is the current one). */
  listDir(dir: string): { name: string; dir: boolean }[];
  ifaces: string[];
  /** The chain `frame`/`up`/`down` work in (bt's last), once loaded: frame numbers and functions. */
  frames?: { n: number; fn: string | null }[];
  /** Functions `list` and `info line` are likely asked about: those of the chains loaded so far. */
  functions?: string[];
}

export interface Candidate { value: string; display: string; suffix: string }
export interface Completion { from: number; fragment: string; candidates: Candidate[] }

const NONE = (cursor: number): Completion => ({ from: cursor, fragment: '', candidates: [] });

export function complete(line: string, cursor: number, data: CompletionData): Completion {
  const before = line.slice(0, cursor);
  const m = /(\S*)$/.exec(before)!;
  const fragment = m[1];
  const from = cursor - fragment.length;
  const prior = before.slice(0, from).trim().split(/\s+/).filter(Boolean);

  // The command words typed so far, walked as the executor walks them (src/commands/grammar.ts).
  const w = walkWords(commandNames(), prior);
  const depth = w.depth;
  const spec = walkedSpec(w);
  if (spec) {
    // Where the arguments start: after the depth-th word.
    const re = /\S+\s+/g;
    for (let i = 0; i < depth; i++) re.exec(before);
    // Options and their values do not count as argument positions (`ops --all 0`: 0 is the first
    // argument); the value of an option comes from the option (`attach --file-prefix P`).
    const typed = prior.slice(depth);
    const option = (t: string | undefined) => spec.options?.find((o) => o.name === t);
    const valueOf = option(typed.at(-1));
    if (valueOf?.value) {
      const vals = valueOf.choices?.() ?? [];
      return { from, fragment, candidates: [...new Set(vals)].filter((v) => v.startsWith(fragment)).sort().map((v) => ({ value: v, display: v, suffix: ' ' })) };
    }
    const argIndex = typed.filter((t, i) => !option(t) && !option(typed[i - 1])?.value).length;
    return completeArg(spec, argIndex, line, cursor, from, fragment, data, re.lastIndex);
  }
  if (depth < prior.length) return NONE(cursor); // an unknown word before the cursor
  const words = nextWords(w).filter((x) => x.startsWith(fragment));
  return { from, fragment, candidates: words.map((x) => ({ value: x, display: x, suffix: ' ' })) };
}

function completeArg(spec: CommandSpec, argIndex: number, line: string, cursor: number, from: number, fragment: string, data: CompletionData, argsAt: number): Completion {
  // An argument whose stand-in was given takes no word (`attach --file-prefix P`, `frame function F`).
  const given = line.slice(argsAt, from).split(/\s+/);
  const decl = spec.args.filter((a) => !a.or || !given.includes(a.or));
  // An argument that takes the rest of the line (help COMMAND..., devargs with spaces) goes on past its first word.
  const last = decl.at(-1);
  const arg: ArgSpec | undefined = decl[argIndex] ?? (last && takesRest(last) ? last : undefined);
  // A declared option (CommandSpec.options) where a word starts with '-' and one is left to give.
  const opts = (spec.options ?? []).filter((o) => o.name.startsWith(fragment) && !line.slice(argsAt).split(/\s+/).includes(o.name));
  if (fragment.startsWith('-') && opts.length) {
    return { from, fragment, candidates: opts.map((o) => ({ value: o.name, display: `${o.name}${o.value ? ` ${o.value}` : ''}  ${o.summary}`, suffix: ' ' })) };
  }
  const words = (vals: string[], suffix = ' '): Completion => ({
    from, fragment, candidates: [...new Set(vals)].filter((v) => v.startsWith(fragment)).sort().map((v) => ({ value: v, display: v, suffix })),
  });
  const byKind = (k: ArgKind | undefined): Completion => {
    switch (k) {
      case 'devargs': return completeDevargs(fragment, from, data);
      case 'port': case 'device': return portCands(data, from, fragment, false);
      case 'port-or-all': return portCands(data, from, fragment, true);
      case 'driver': return words(data.drivers.flatMap((d) => [d.name, ...(d.alias ? [d.alias] : [])]));
      case 'file': return fileCands(fragment, from, data, ' ');
      case 'frame': return {
        from, fragment,
        candidates: (data.frames ?? []).map((f) => ({ value: String(f.n), display: `${f.n} (${f.fn ?? '??'})`, suffix: ' ' })).filter((c) => c.value.startsWith(fragment)),
      };
      case 'function': return words(data.functions ?? []);
      case 'command': {
        // help COMMAND: the rest of the line completes as a command line of its own.
        const c = complete(line.slice(argsAt, cursor), cursor - argsAt, data);
        return { from: c.from + argsAt, fragment: c.fragment, candidates: c.candidates };
      }
      default: return NONE(cursor);
    }
  };
  // The declared keys (tx 0 count 10 size ...): the value of the key before, or a key not given yet.
  const typed = line.slice(argsAt, from).trim().split(/\s+/).filter(Boolean);
  const prev = spec.keys?.find((k) => k.name === typed.at(-1));
  if (prev?.value) return prev.kind ? byKind(prev.kind) : NONE(cursor);
  const keyNames = (spec.keys ?? []).filter((k) => k.name.startsWith(fragment) && !typed.includes(k.name))
    .map((k) => ({ value: k.name, display: `${k.name}${k.value ? ` ${k.value}` : ''}  ${k.summary}`, suffix: ' ' }));
  if (!arg) return spec.keys ? { from, fragment, candidates: keyNames } : byKind(undefined);
  const c = arg.oneOf ? words(arg.oneOf) : arg.choices ? words(arg.choices()) : byKind(arg.kind);
  // An optional argument may be left out: where none of its own values fits, a key may (`bt f` -> full).
  return arg.optional && !c.candidates.length && keyNames.length ? { from, fragment, candidates: keyNames } : c;
}

function portCands(data: CompletionData, from: number, fragment: string, all: boolean): Completion {
  const c: Candidate[] = [];
  for (const p of data.ports) {
    c.push({ value: String(p.port), display: `${p.port} (${p.name})`, suffix: ' ' });
    c.push({ value: p.name, display: p.name, suffix: ' ' });
  }
  if (all) c.push({ value: 'all', display: 'all', suffix: ' ' });
  return { from, fragment, candidates: c.filter((x) => x.value.startsWith(fragment)) };
}

function fileCands(fragment: string, from: number, data: CompletionData, suffix: string): Completion {
  const slash = fragment.lastIndexOf('/');
  const dir = slash >= 0 ? fragment.slice(0, slash + 1) : '';
  const base = fragment.slice(slash + 1);
  let entries: { name: string; dir: boolean }[] = [];
  try { entries = data.listDir(dir); } catch { entries = []; }
  const candidates = entries
    .filter((e) => e.name.startsWith(base) && (base.startsWith('.') || !e.name.startsWith('.')))
    .sort((a, b) => a.name.localeCompare(b.name))
    .map((e) => ({ value: dir + e.name, display: e.name + (e.dir ? '/' : ''), suffix: e.dir ? '/' : suffix }));
  return { from, fragment, candidates };
}

/**
 * Frames and functions from what the session already holds (completion never waits on the EAL):
 * the current chain's frames, and the DPDK functions of every chain loaded so far.
 */
export function chainCompletion(session: { probes: ProbeRecord[] }): Pick<CompletionData, 'frames' | 'functions'> {
  const frames = (shownProbe(session)?.frames ?? []).map((f) => ({ n: f.n, fn: f.fn }));
  const functions = session.probes.flatMap((p) => p.frames.filter((f) => f.origin === 'dpdk' && f.fn).map((f) => f.fn!));
  return { frames, functions: [...new Set(functions)] };
}

/** The driver the vdev bus would give a device name to: the longest name or alias prefixing it. */
export function driverForName(name: string, drivers: DriverInfo[]): DriverInfo | undefined {
  let best: DriverInfo | undefined;
  let len = -1;
  for (const d of drivers) {
    for (const p of [d.name, d.alias]) if (p && name.startsWith(p) && p.length > len) { best = d; len = p.length; }
  }
  return best;
}

// Forms users paste: --vdev=net_pcap0,... and OVS dpdk-devargs=net_pcap0,...
const DEVARGS_LEAD = /^(?:--vdev=|dpdk-devargs=|vdev:)/;

function completeDevargs(fragment: string, from: number, data: CompletionData): Completion {
  const lead = DEVARGS_LEAD.exec(fragment)?.[0] ?? '';
  const text = fragment.slice(lead.length);
  const base = from + lead.length;
  const comma = text.indexOf(',');
  if (comma < 0) {
    // The device name: driver names and aliases (the user adds an instance suffix such as 0).
    const vals = [...new Set(data.drivers.flatMap((d) => [d.name, ...(d.alias ? [d.alias] : [])]))].filter((v) => v.startsWith(text)).sort();
    return { from: base, fragment: text, candidates: vals.map((v) => ({ value: v, display: v, suffix: '' })) };
  }
  const drv = driverForName(text.slice(0, comma), data.drivers);
  if (!drv) return NONE(from + fragment.length);
  const segStart = text.lastIndexOf(',') + 1;
  const seg = text.slice(segStart);
  const eq = seg.indexOf('=');
  if (eq < 0) {
    const used = new Set(text.slice(comma + 1, segStart).split(',').map((kv) => kv.split('=')[0]));
    const candidates = drv.keys.filter((k) => k.key.startsWith(seg) && !used.has(k.key))
      .map((k) => ({ value: k.key, display: `${k.key}=${k.syntax}`, suffix: '=' }));
    return { from: base + segStart, fragment: seg, candidates };
  }
  const key = seg.slice(0, eq);
  const value = seg.slice(eq + 1);
  const vFrom = base + segStart + eq + 1;
  const spec = drv.keys.find((k) => k.key === key);
  if (key.endsWith('_pcap') || spec?.kind === 'path') return fileCands(value, vFrom, data, '');
  if (spec?.kind === 'iface' || key.includes('iface')) {
    return { from: vFrom, fragment: value, candidates: data.ifaces.filter((i) => i.startsWith(value)).sort().map((i) => ({ value: i, display: i, suffix: '' })) };
  }
  if (spec?.kind === 'bool') return { from: vFrom, fragment: value, candidates: ['0', '1'].filter((v) => v.startsWith(value)).map((v) => ({ value: v, display: v, suffix: '' })) };
  return NONE(from + fragment.length);
}

const commonPrefix = (xs: string[]): string => xs.reduce((p, x) => { let i = 0; while (i < p.length && i < x.length && p[i] === x[i]) i++; return p.slice(0, i); });

/**
 * Applies a completion as readline does: one candidate is inserted with its suffix; several are
 * narrowed to their common prefix, and listed when that makes no progress.
 */
export function applyCompletion(l: Line, c: Completion): { line: Line; list: string[] | null } {
  const splice = (s: string): Line => ({ text: l.text.slice(0, c.from) + s + l.text.slice(l.cursor), cursor: c.from + s.length });
  const uniq = [...new Map(c.candidates.map((x) => [x.value, x])).values()];
  if (uniq.length === 0) return { line: l, list: null };
  if (uniq.length === 1) return { line: splice(uniq[0].value + uniq[0].suffix), list: null };
  const lcp = commonPrefix(uniq.map((x) => x.value));
  if (lcp.length > c.fragment.length) return { line: splice(lcp), list: null };
  return { line: l, list: uniq.map((x) => x.display) };
}
