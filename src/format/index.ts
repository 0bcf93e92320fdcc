// Result -> text. One formatter per result kind; every result also has a JSON form (toJson)
// whose shape is a stable contract for scripts and CI.
import type { CommandResult, Kind } from '../results/result.js';
import type { Style } from './style.js';
import { formatLog } from './log.js';
import { formatProbe } from './probe.js';
import { formatPorts, formatPortInfo, formatPortStats } from './ports.js';
import { formatMacResult } from './mac.js';
import { formatDriver, formatDrivers } from './drivers.js';
import { formatBt, formatOps, formatProbes } from './trace.js';
import type { Formatter, Formatters, KindFormat } from './types.js';
import { diagnoseFormatters } from './areas/diagnose.js';
import { packetsFormatters } from './areas/packets.js';
import { traceFormatters } from './areas/trace.js';
import { recoveryFormatters } from './areas/recovery.js';
import { teachFormatters, verdictLines } from './areas/teach.js';
import { attachFormatters } from './areas/attach.js';
import { formatHelp, formatHelpCommand, formatEal, formatInferior, formatSmall } from './misc.js';


const FORMATTERS: Formatters = {
  probe: { lines: formatProbe, showsError: true },
  ports: formatPorts,
  'port-info': formatPortInfo,
  'port-stats': formatPortStats,
  mac: formatMacResult,
  drivers: formatDrivers,
  driver: formatDriver,
  bt: formatBt,
  ops: formatOps,
  probes: formatProbes,
  help: formatHelp,
  'help-command': formatHelpCommand,
  eal: formatEal,
  inferior: formatInferior,
  ...traceFormatters, ...diagnoseFormatters, ...packetsFormatters, ...recoveryFormatters, ...teachFormatters, ...attachFormatters,
};

export type { Formatter, Formatters };

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
  const f = FORMATTERS[r.kind] as KindFormat<Kind> | undefined;
  const view = r.view ? [s.c.yellow(`[${r.view}]`)] : [];
  // A lesson under way judges the command: its verdict comes after the command's own output.
  const lesson = r.lesson ? verdictLines(r.lesson, s) : [];
  if (f === undefined || r.data === null) return [...view, ...formatLog(r.log, s), ...formatSmall(r, s), ...errorLines(r, s), ...lesson].join('\n');
  const body = ((typeof f === 'function' ? f : f.lines) as (x: CommandResult, st: Style) => string[])(r, s);
  // Formatters that show the error themselves put it where it reads best; others get it last.
  const err = typeof f === 'function' ? errorLines(r, s) : [];
  return [...view, ...body, ...err, ...lesson].join('\n');
}

export interface JsonResult { cmd: string; ok: boolean; data: unknown; error?: { code: string; message: string; hint?: string }; log: string[]; view?: string; lesson?: unknown }

export function toJson(r: CommandResult): JsonResult {
  return { cmd: r.cmd, ok: r.ok, data: r.data ?? {}, ...(r.error ? { error: r.error } : {}), log: r.log.map((l) => l.text), ...(r.view ? { view: r.view } : {}), ...(r.lesson ? { lesson: r.lesson } : {}) };
}
