// Result -> text. One formatter per result kind; every result also has a JSON form (toJson)
// whose shape is a stable contract for scripts and CI.
//
// The formatters live by area: src/format/areas/<area>.ts holds the formatters of the kinds that
// src/results/<area>.ts declares, and its table of them; this file only joins the tables. A new
// result kind touches three files: src/results/<area>.ts (its data type and its line in the
// area's kind map), src/format/areas/<area>.ts (its formatter and its line in the area's table;
// the compiler refuses a kind left without one) and the command that returns it (src/commands).
// tests/unit/result-kinds.test.ts proves the compiler holds to that.
import type { CommandResult, Kind } from '../results/result.js';
import type { ResultKinds } from '../results/kinds.js';
import type { PlainKinds } from '../results/support.js';
import type { Style } from './style.js';
import type { FormatterTable, KindFormat } from './types.js';
import { formatLog } from './log.js';
import { deviceFormatters } from './areas/devices.js';
import { inferiorFormatters } from './areas/inferior.js';
import { traceFormatters } from './areas/trace.js';
import { packetsFormatters } from './areas/packets.js';
import { recoveryFormatters } from './areas/recovery.js';
import { diagnoseFormatters } from './areas/diagnose.js';
import { attachFormatters } from './areas/attach.js';
import { teachFormatters, verdictLines } from './areas/teach.js';
import { supportFormatters } from './areas/support.js';

/** Every kind's formatter but the plain kinds' (quit, error), which the generic path prints. */
const FORMATTERS: FormatterTable<Omit<ResultKinds, keyof PlainKinds>> = {
  ...deviceFormatters, ...inferiorFormatters, ...traceFormatters, ...packetsFormatters, ...recoveryFormatters,
  ...diagnoseFormatters, ...attachFormatters, ...teachFormatters, ...supportFormatters,
};

/** The error line and its hint, gdb-terse. */
export function errorLines(r: CommandResult, s: Style): string[] {
  if (r.ok || !r.error) return [];
  return [s.c.red(`error: ${r.error.message}`), ...(r.error.hint ? [s.c.dim(`  ${r.error.hint}`)] : [])];
}

export function formatResult(r: CommandResult, s: Style): string {
  try {
    return formatWith(r, s);
  } catch (e) {
    // A formatter bug must not cost the user the result: show it raw, and say so.
    return [...errorLines(r, s), JSON.stringify(toJson(r), null, 2), s.c.dim(`(vdev-shell bug: no text form for this result: ${(e as Error).message})`)].join('\n');
  }
}

function formatWith(r: CommandResult, s: Style): string {
  // The one place a result meets its kind's formatter: FORMATTERS is typed kind by kind.
  const f = (FORMATTERS as Partial<Record<Kind, KindFormat<Kind>>>)[r.kind];
  const view = r.view ? [s.c.yellow(`[${r.view}]`)] : [];
  // A lesson under way judges the command: its verdict comes after the command's own output.
  const lesson = r.lesson ? verdictLines(r.lesson, s) : [];
  // The generic path: a plain kind (quit, error), or a failure with no data: DPDK's lines and the error.
  if (f === undefined || r.data === null) return [...view, ...formatLog(r.log, s), ...errorLines(r, s), ...lesson].join('\n');
  const body = ((typeof f === 'function' ? f : f.lines) as (x: CommandResult, st: Style) => string[])(r, s);
  // Formatters that show the error themselves put it where it reads best; others get it last.
  const err = typeof f === 'function' ? errorLines(r, s) : [];
  return [...view, ...body, ...err, ...lesson].join('\n');
}

export interface JsonResult { cmd: string; ok: boolean; data: unknown; error?: { code: string; message: string; hint?: string }; log: string[]; view?: string; lesson?: unknown }

export function toJson(r: CommandResult): JsonResult {
  return { cmd: r.cmd, ok: r.ok, data: r.data ?? {}, ...(r.error ? { error: r.error } : {}), log: r.log.map((l) => l.text), ...(r.view ? { view: r.view } : {}), ...(r.lesson ? { lesson: r.lesson } : {}) };
}
