// Result -> text. One formatter per result kind; every result also has a JSON form (toJson)
// whose shape is a stable contract for scripts and CI.
import type { CommandResult } from '../commands/types.js';
import type { Style } from './style.js';
import { formatLog } from './log.js';
import { formatProbe } from './probe.js';
import { formatPorts, formatPortInfo, formatPortStats } from './ports.js';
import { formatMacResult } from './mac.js';
import { formatDriver, formatDrivers } from './drivers.js';
import { formatBt, formatOps, formatProbes } from './trace.js';
import type { Formatter } from './types.js';
import { diagnoseFormatters } from './areas/diagnose.js';
import { packetsFormatters } from './areas/packets.js';
import { traceFormatters } from './areas/trace.js';
import { recoveryFormatters } from './areas/recovery.js';
import { teachFormatters, verdictLines } from './areas/teach.js';
import { attachFormatters } from './areas/attach.js';
import { formatHelp, formatHelpCommand, formatEal, formatInferior, formatSmall } from './misc.js';


const FORMATTERS: Record<string, Formatter> = {
  probe: formatProbe,
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

export type { Formatter };

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
  const f = FORMATTERS[r.kind];
  const body = f !== undefined && r.data !== null ? f(r, s) : [...formatLog(r.log, s), ...formatSmall(r, s)];
  // Formatters that show the error themselves put it where it reads best; others get it last.
  const err = f !== undefined && r.data !== null && HANDLES_ERROR.has(r.kind) ? [] : errorLines(r, s);
  const view = r.view ? [s.c.yellow(`[${r.view}]`)] : [];
  return [...view, ...body, ...err, ...(r.lesson ? verdictLines(r.lesson, s) : [])].join('\n');
}
const HANDLES_ERROR = new Set(['probe', 'crash', 'preflight']);

export interface JsonResult { cmd: string; ok: boolean; data: unknown; error?: { code: string; message: string; hint?: string }; log: string[]; view?: string; lesson?: unknown }

export function toJson(r: CommandResult): JsonResult {
  return { cmd: r.cmd, ok: r.ok, data: r.data ?? {}, ...(r.error ? { error: r.error } : {}), log: r.log.map((l) => l.text), ...(r.view ? { view: r.view } : {}), ...(r.lesson ? { lesson: r.lesson } : {}) };
}
