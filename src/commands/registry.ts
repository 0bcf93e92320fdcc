// The one command table. Parsing, help and completion all read it.
import type { CommandMatch, CommandSpec } from './types.js';
import { nearest } from '../util/nearest.js';
import { namesOf, nextWords, walkWords, walkedSpec, type CommandName } from './grammar.js';
import { probe } from './probe.js';
import { portDetach } from './port-detach.js';
import { portClose } from './port-close.js';
import { showPortSummary } from './show-port-summary.js';
import { showPortInfo } from './show-port-info.js';
import { showPortStats } from './show-port-stats.js';
import { mac } from './mac.js';
import { infoEal } from './info-eal.js';
import { infoInferior } from './info-inferior.js';
import { infoDrivers } from './info-drivers.js';
import { infoDriver } from './info-driver.js';
import { infoProbes } from './info-probes.js';
import { run } from './run.js';
import { attach } from './attach.js';
import { detach } from './detach.js';
import { bt } from './bt.js';
import { ops } from './ops.js';
import { help } from './help.js';
import { source } from './source.js';
import { quit } from './quit.js';
import { expectCommands } from './expect/index.js';
import { diagnoseCommands } from './diagnose/index.js';
import { packetsCommands } from './packets/index.js';
import { traceCommands } from './trace/index.js';
import { recoveryCommands } from './recovery/index.js';
import { teachCommands } from './teach.js';

const TABLE: CommandSpec[] = [
  probe, portDetach, portClose, showPortSummary, showPortInfo, showPortStats, mac,
  bt, infoProbes, ops, infoDrivers, infoDriver, infoEal, infoInferior, run, attach, detach,
  ...traceCommands, ...diagnoseCommands, ...packetsCommands, ...recoveryCommands,
  source, ...expectCommands, ...teachCommands, help, quit,
];

export function commandTable(): CommandSpec[] { return TABLE; }

export type Match = CommandMatch;

let names: CommandName[] | undefined;
/** Every way to name each command: its path and its aliases (computed once). */
export function commandNames(): CommandName[] {
  names ??= namesOf(TABLE);
  return names;
}

// Scripts repeat lines (a loop of probe/detach, a test's expect lines): the match of a line is
// kept, as a copy for each caller.
const matches = new Map<string, Match>();
const MATCHES_KEPT = 512;

/** The command a line names (./grammar.ts walkWords), its arguments, or what was wrong. */
export function matchCommand(line: string): Match {
  let m = matches.get(line);
  if (!m) {
    m = matchUncached(line);
    if (matches.size >= MATCHES_KEPT) matches.delete(matches.keys().next().value!);
    matches.set(line, m);
  }
  const copy: Match = { ...m, words: [...m.words], argv: [...m.argv] };
  if (m.ambiguous) copy.ambiguous = [...m.ambiguous];
  if (m.next) copy.next = [...m.next];
  return copy;
}

function matchUncached(line: string): Match {
  const tokens = line.trim().split(/\s+/).filter(Boolean);
  const w = walkWords(commandNames(), tokens);
  const spec = walkedSpec(w);
  if (spec) {
    const rest = stripWords(line, w.depth);
    return { spec, words: tokens.slice(0, w.depth), argv: rest.trim() ? rest.trim().split(/\s+/) : [], rest };
  }
  const typed = tokens.slice(0, Math.max(1, w.depth + 1)).join(' ');
  const names = commandNames().map((c) => c.words.slice(0, Math.max(1, w.depth + 1)).join(' '));
  const near = w.ambiguous.length ? [] : nearest(typed, names, 1);
  return {
    words: tokens.slice(0, w.depth), argv: [], rest: '', suggestion: near[0], next: w.depth ? nextWords(w) : [],
    ...(w.ambiguous.length ? { ambiguous: w.ambiguous } : {}),
  };
}

function stripWords(line: string, n: number): string {
  let s = line.replace(/^\s+/, '');
  for (let i = 0; i < n; i++) s = s.replace(/^\S+\s*/, '');
  return s.replace(/\s+$/, '');
}
