// check's promise, one line per input that breaks it (used by check-property.test.ts and
// guides.test.ts): an error from `check X` means `probe X` fails, for a cause check gave as an error
// (or, for an input with several faults, one the driver meets first: check names it too, blames the
// same key under another name, or does not claim to cover it, e.g. an empty framecnt= of af_packet
// met before a too-long iface=); a probe that fails for a cause in CHECK_COVERS was named by check (error or "might").
import { CHECK_COVERS, type CheckResult } from '../../src/diagnose/check.js';
import type { CommandResult } from '../../src/commands/types.js';

export interface Outcome { input: string; check: CommandResult<CheckResult>; probe: CommandResult }
type Diag = { diagnosis?: { cause: string; evidence?: { key?: string } } } | null;
const causeOf = (r: CommandResult): string | undefined => (r.data as Diag)?.diagnosis?.cause ?? r.error?.code;
/** The key the diagnosis blames, if any. */
const keyOf = (r: CommandResult): string | undefined => (r.data as Diag)?.diagnosis?.evidence?.key;
const errorsOf = (o: Outcome): string[] => (o.check.data?.findings ?? []).filter((f) => f.severity === 'error').map((f) => f.code);

export function broken(outs: Outcome[]): string[] {
  const wrong: string[] = [];
  for (const o of outs) {
    const errors = errorsOf(o);
    const cause = causeOf(o.probe);
    if (errors.length && o.probe.ok) wrong.push(`${o.input}: check said ${errors.join(',')} (${o.check.error?.message}), the probe attached it`);
    // The probe's cause is one check can name: check named it (the driver met that fault first),
    // or blamed the same key under a more specific name (remote=abc: iface-missing / the driver refused remote).
    else if (errors.length && CHECK_COVERS.includes(cause as never) && !(o.check.data?.findings ?? []).some((f) => f.code === cause || (f.severity === 'error' && !!f.key && f.key === keyOf(o.probe)))) wrong.push(`${o.input}: check said ${errors.join(',')}, the probe failed for ${cause} (${o.probe.error?.message})`);
    if (!o.probe.ok && CHECK_COVERS.includes(cause as never) && !(o.check.data?.findings ?? []).some((f) => f.code === cause)) {
      wrong.push(`${o.input}: the probe failed for ${cause} (${o.probe.error?.message}), check did not name it`);
    }
  }
  return wrong;
}

