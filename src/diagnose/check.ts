// check DEVARGS: a static check without probing (driver lookup, keys against the driver's
// parameter string, paths, interfaces, name clashes). Fast enough to run on every keystroke.
import type { Session } from '../session/session.js';
import { parseDevargs } from '../devargs/parse.js';
import { checkKeys } from './keys.js';

export interface CheckFinding { code: string; severity: 'error' | 'warning' | 'info'; message: string; key?: string; hint?: string }
export interface CheckResult { input: string; ok: boolean; name: string | null; driver: string | null; findings: CheckFinding[] }

export async function checkDevargs(session: Session, input: string): Promise<CheckResult> {
  const p = parseDevargs(input);
  if (!p.ok) return { input, ok: false, name: null, driver: null, findings: [{ code: p.error.code, severity: 'error', message: p.error.message, hint: p.error.hint }] };
  const d = p.devargs;
  const drv = await session.claim(d.name);
  const findings: CheckFinding[] = [];
  if (!drv) findings.push({ code: 'driver-unknown', severity: 'error', message: `no vdev driver claims "${d.name}"` });
  else {
    for (const k of checkKeys(d, drv, await session.drivers()).filter((x) => !x.declared)) {
      findings.push({ code: k.ownedBy.length ? 'key-wrong-driver' : 'key-unknown', severity: 'error', key: k.key,
        message: `${drv.name} does not accept "${k.key}"` + (k.ownedBy.length ? ` (${k.ownedBy.join(', ')} does)` : '') });
    }
  }
  return { input, ok: !findings.some((f) => f.severity === 'error'), name: d.name, driver: drv?.name ?? null, findings };
}
