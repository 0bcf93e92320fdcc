// Pre-flight for `probe`: input that looks risky (riskyParts: syntax, host objects) gets the
// static check (src/diagnose check.ts) and a TRIAL probe in a throwaway EAL (the session's spare
// inferior) with a short deadline. The verdict comes from real DPDK, not from a list: if the
// trial crashed, the symbolized crash frame is the reason; if it did not return, the sampled
// stack is. Plain input goes straight to the EAL: a failed probe is diagnosed afterwards.
import fs from 'node:fs';
import { parseDevargs, type Devargs } from '../devargs/parse.js';
import { nullBusHazard } from '../devargs/layers.js';
import { checkDevargs, type CheckFinding } from '../diagnose/check.js';
import type { DriverInfo } from '../session/drivers.js';
import type { Inferior } from '../session/inferior.js';
import type { Session } from '../session/session.js';
import { symbolizeCrash } from './crash-report.js';
import { captureStack, nameStack } from './stack-sample.js';
import { defaultIfaceRisk } from '../diagnose/verify.js';
import { proofIfaceName } from '../diagnose/proof-iface.js';
import type { CrashReport, HangSample } from './types.js';

export const TRIAL_MS = 1500;

export interface Trigger { key: string | null; why: string }
export interface PreflightResult {
  verdict: 'ok' | 'crash' | 'hang' | 'not-tried';
  triggers: Trigger[];
  /** The static check's word on input that was tried (shown beside the trial); none for plain input. */
  findings: CheckFinding[];
  crash?: CrashReport | null;
  hang?: HangSample | null;
  /** Why risky input was not tried (it would make an interface under a name nobody owns). */
  notTried?: string;
  /** What the trial probe returned when it did return. */
  trial?: { ret: number; ok: boolean; log: string[] };
  /** A crash known from DPDK's source without a trial (src/devargs/layers.ts): why, and the form that works. */
  known?: { message: string; hint: string; plain: string | null };
  ms: number;
}

const INT = /^[+-]?(0x[0-9a-f]+|\d+)$/i;

function special(p: string): string | null {
  try {
    const st = fs.statSync(p);
    if (st.isFIFO()) return 'a FIFO';
    if (st.isSocket()) return 'a socket';
    if (st.isCharacterDevice()) return 'a character device';
  } catch { /* missing: see below */ }
  return null;
}

/** Input whose outcome a static check cannot vouch for (generic: syntax, host objects). */
export function riskyParts(d: Devargs, driver: DriverInfo | null): Trigger[] {
  const out: Trigger[] = [];
  for (const { key, value } of d.kv) {
    const spec = driver?.keys.find((k) => k.key === key);
    if (value === null) { out.push({ key, why: 'key without a value (the driver receives NULL)' }); continue; }
    if (driver && !spec) out.push({ key, why: `"${key}" is not a declared parameter of ${driver.name}` });
    if (spec?.kind === 'int' && (!INT.test(value.trim()) || value.trim().startsWith('-') || Number(value) > 65535)) out.push({ key, why: `${key}=${value} is not a small non-negative number` });
    const looksPath = value.startsWith('/') || value.startsWith('./') || spec?.kind === 'path';
    if (looksPath) {
      const s = special(value);
      if (s) out.push({ key, why: `${value} is ${s}` });
      else if (spec?.kind === 'path' && !fs.existsSync(value)) out.push({ key, why: `${value} does not exist (the driver may create it and wait on it)` });
    }
  }
  return out;
}

/**
 * The trial's arguments: an interface the driver would create under a name the kernel picks
 * (tap%d) gets one of the shell's instead (the trial is the shell's doing, not the user's), and
 * input whose interface would get such a name whatever is added is not tried.
 */
function trialArgs(d: Devargs, driver: DriverInfo): { args: string } | { refused: string } {
  const risk = defaultIfaceRisk(d, driver);
  if (risk.refuse) return { refused: risk.refuse };
  return { args: risk.add ? [d.args, `${risk.add}=${proofIfaceName()}`].filter(Boolean).join(',') : d.args };
}

async function trialProbe(session: Session, d: Devargs, args: string): Promise<Pick<PreflightResult, 'verdict' | 'crash' | 'hang' | 'trial'>> {
  return session.scratch(async (inf: Inferior) => {
    let hang: HangSample | null = null;
    const timer = new Promise<'late'>((r) => setTimeout(() => r('late'), TRIAL_MS));
    const call = inf.request('hotplugAdd', { name: d.name, args }).then((r) => ({ r }), (e: Error) => ({ e }));
    const first = await Promise.race([call, timer]);
    if (first === 'late') {
      const raw = inf.pid ? await captureStack(inf.pid) : null;
      inf.kill('SIGKILL');
      await call;
      await inf.stop();
      hang = raw ? await nameStack(session, raw) : null;
      return { verdict: 'hang' as const, hang };
    }
    if ('e' in first) {
      await inf.stop();
      if (inf.death?.crash) {
        let crash: CrashReport | null = null;
        try { crash = await symbolizeCrash(session, inf.death.crash); } catch { crash = null; }
        return { verdict: 'crash' as const, crash };
      }
      return { verdict: 'crash' as const, crash: null };
    }
    // Stop the trial EAL before the real probe: a tap interface or socket of the same name must be gone.
    await inf.stop();
    return { verdict: 'ok' as const, trial: { ret: first.r.ret, ok: first.r.ret === 0, log: first.r.log.map((l) => l.text) } };
  });
}

export async function preflight(session: Session, input: string): Promise<PreflightResult> {
  const t0 = performance.now();
  const p = parseDevargs(input);
  if (!p.ok) return { verdict: 'not-tried', triggers: [], findings: [], ms: 0 };
  const hazard = nullBusHazard(p.devargs);
  if (hazard) {
    return { verdict: 'crash', triggers: [{ key: null, why: 'a class layer and no bus layer in the string hotplug builds' }], findings: [{ code: 'would-crash', severity: 'error', message: hazard.message, hint: hazard.hint }],
      known: { message: hazard.message, hint: hazard.hint, plain: hazard.plain }, ms: Math.round(performance.now() - t0) };
  }
  // What is risky depends on the driver the running vdev bus gives the name to. Plain input costs
  // the probe nothing more: the static check's findings would go unseen (a failed probe gets its
  // diagnosis), and it was about half of what the shell did before a net_null probe's request.
  // A bare name has no key to judge: the EAL is not asked whose it is (riskyParts finds nothing).
  if (!p.devargs.kv.length) return { verdict: 'not-tried', triggers: [], findings: [], ms: Math.round(performance.now() - t0) };
  const known = session.claimed(p.devargs.name);
  const driver = known !== undefined ? known : await session.claim(p.devargs.name).catch(() => null);
  const triggers = driver ? riskyParts(p.devargs, driver) : [];
  if (!triggers.length) return { verdict: 'not-tried', triggers, findings: [], ms: Math.round(performance.now() - t0) };
  // The static check may open the files the devargs name; opening a FIFO would block the shell
  // itself, so with a FIFO in the input it is left out.
  const fifo = p.devargs.kv.some((kv) => kv.value && special(kv.value) === 'a FIFO');
  const findings = fifo ? [] : (await checkDevargs(session, input)).findings;
  const trial = trialArgs(p.devargs, driver!);
  if ('refused' in trial) return { verdict: 'not-tried', triggers, findings, notTried: trial.refused, ms: Math.round(performance.now() - t0) };
  const t = await trialProbe(session, p.devargs, trial.args);
  return { ...t, triggers, findings, ms: Math.round(performance.now() - t0) };
}
