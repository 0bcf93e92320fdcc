// A failed probe -> a Diagnosis: gather the facts (the user's ports, the port limit, host
// interfaces, the inferior's capabilities), let the rules name the cause, then prove candidate
// fixes in ONE scratch EAL (Session.scratch) and keep the order: proven first.
import type { Session, ProbeRecord } from '../session/session.js';
import type { Inferior } from '../session/inferior.js';
import type { DriverInfo } from '../session/drivers.js';
import type { RawPort } from '../protocol/ops.js';
import { classify, liveHost, ownLines, type Finding, type RuleCtx } from './rules/index.js';
import { driverSource } from '../recovery/driver-source.js';
import { processCaps } from './host.js';
import { scratchAttempt, tryCandidate, usable, type Trial } from './verify.js';
import { orderFaults, refine } from './refine.js';
import type { Attempt, Candidate, Diagnosis, Fix } from './types.js';

export { refine } from './refine.js';

const MAX_FIXES = 4;
const cache = new WeakMap<ProbeRecord, Diagnosis>();

async function sessionFacts(session: Session): Promise<{ ports: RawPort[]; maxPorts: number; down: boolean }> {
  if (!session.inferior.alive) return { ports: [], maxPorts: session.maxPortsSeen ?? 32, down: true };
  try {
    const [ports, maxPorts] = await Promise.all([session.ports(), session.maxPorts()]);
    return { ports, maxPorts, down: false };
  } catch {
    return { ports: [], maxPorts: session.maxPortsSeen ?? 32, down: !session.inferior.alive };
  }
}

export async function attemptOf(session: Session, rec: ProbeRecord): Promise<Attempt> {
  const drivers = await session.drivers().catch(() => [] as DriverInfo[]);
  const driver = rec.driver ? drivers.find((d) => d.name === rec.driver) ?? { name: rec.driver, alias: rec.alias, params: '', keys: [] } : null;
  return {
    input: rec.input, devargs: rec.devargs, parseError: rec.parseError, ret: rec.ret, driver, matched: rec.matched,
    ok: rec.ok, silentFailure: !!rec.silentFailure, alreadyOnBus: rec.alreadyOnBus, log: rec.log, port: rec.port, died: rec.died,
    ...(rec.died ? { death: deathOf(session.inferior.death) } : {}),
  };
}

export function deathOf(d: Inferior['death']): Attempt['death'] {
  if (!d) return { how: 'the EAL process ended', hung: false, lines: [] };
  return { how: d.signal ? `killed by ${d.signal}` : d.exited ? `rte_exit, code ${d.code}` : `exit code ${d.code}`, hung: false, lines: d.dpdkLog ?? [] };
}

/** Diagnose a failed probe of the user's session; fixes are proved in a scratch EAL. */
export async function diagnoseProbe(session: Session, rec: ProbeRecord): Promise<Diagnosis> {
  const hit = cache.get(rec);
  if (hit) return hit;
  const t0 = performance.now();
  const a = await attemptOf(session, rec);
  const ctx = await ruleCtx(session, a);
  const first = classify(ctx);
  // Nothing to prove (or nothing that may be tried): no scratch EAL needed.
  const { finding, trials } = first.candidates.some((c) => !c.untried)
    ? await session.scratch((inf) => proveAll(inf, first, ctx))
    : { finding: first, trials: first.candidates.map(() => null) };
  const d = build(a, refine(finding, trials, a), trials, 'session', t0);
  cache.set(rec, d);
  return d;
}

/** diagnose DEVARGS: probe it in a scratch EAL, then diagnose and prove fixes in that same EAL. */
export async function diagnoseDevargs(session: Session, input: string): Promise<{ attempt: Attempt; diagnosis: Diagnosis | null; ms: number }> {
  const t0 = performance.now();
  const drivers = await session.drivers().catch(() => [] as DriverInfo[]);
  const facts = await sessionFacts(session);
  return session.scratch(async (inf) => {
    const a = await scratchAttempt(inf, input, drivers);
    // A fresh EAL has no ports: a name the user's session already holds fails there, not here.
    const clash = a.devargs && facts.ports.find((p) => p.device === a.devargs!.name);
    if (a.ok && clash) { a.ok = false; a.silentFailure = true; }
    if (a.ok) return { attempt: a, diagnosis: null, ms: performance.now() - t0 };
    const ctx = await ruleCtx(session, a, { ...facts, down: false });
    const first = classify(ctx);
    // The probe killed this scratch EAL: the proofs need another one.
    const { finding, trials } = usable(inf) ? await proveAll(inf, first, ctx) : await session.scratch((next) => proveAll(next, first, ctx));
    return { attempt: a, diagnosis: build(a, refine(finding, trials, a), trials, 'scratch', t0), ms: performance.now() - t0 };
  });
}

async function ruleCtx(session: Session, a: Attempt, facts?: { ports: RawPort[]; maxPorts: number; down: boolean }): Promise<RuleCtx> {
  const f = facts ?? await sessionFacts(session);
  return {
    a, drivers: await session.drivers().catch(() => []), ports: f.ports, maxPorts: f.maxPorts, inferiorDown: f.down,
    parserKeys: (name) => driverSource(name)?.validKeys, host: liveHost(processCaps(session.inferior.pid)),
  };
}

/** Prove the finding's candidates; when two faults show, the next one's fixes too, in the same EAL. */
async function proveAll(inf: Inferior, f: Finding, ctx: RuleCtx): Promise<{ finding: Finding; trials: (Trial | null)[] }> {
  const trials = await tryAll(inf, f.candidates, ctx.drivers);
  return await orderFaults(f, trials, ctx, (cands) => tryAll(inf, cands, ctx.drivers)) ?? { finding: f, trials };
}

async function tryAll(inf: Inferior, cands: Candidate[], drivers: DriverInfo[]): Promise<(Trial | null)[]> {
  const out: (Trial | null)[] = [];
  // Two rules' candidates can be the same probe (an ablation and a fix): it is proved once.
  const done = new Map<string, Trial>();
  let lost = '';
  for (const c of cands) {
    if (c.untried) { out.push(null); continue; }
    const key = JSON.stringify([c.devargs, c.before ?? [], c.backend ?? null, c.makeCapture ?? null]);
    const seen = done.get(key);
    if (seen) { out.push(seen); continue; }
    if (!usable(inf)) { out.push({ attached: false, ret: null, log: [], note: `not tried: ${lost || 'the scratch EAL is gone'}` }); continue; }
    const t = await tryCandidate(inf, c, drivers).catch((e: Error) => {
      lost = `the scratch EAL died on an earlier proof (${e.message})`;
      return { attached: false, ret: null, log: [], note: e.message };
    });
    done.set(key, t);
    out.push(t);
  }
  return out;
}

function build(a: Attempt, f: Finding, trials: (Trial | null)[], where: Diagnosis['where'], t0: number): Diagnosis {
  const fixes: Fix[] = [];
  // A driver that returned 0 without making a port (net_null's "Both copy and no-rx") left its device
  // on the vdev bus: in the session the same name is refused until it is detached.
  const stuck = where === 'session' && a.silentFailure && a.alreadyOnBus === false && a.devargs ? a.devargs.name : null;
  const unstick = (c: Candidate): string[] => (stuck && c.devargs.split(',')[0] === stuck && !(c.before ?? []).some((b) => b === `port detach ${stuck}`) ? [`port detach ${stuck}`] : []);
  f.candidates.forEach((c, i) => {
    const t = trials[i];
    if (c.probeOnly && !t?.attached) return;
    const own = t ? ownLines(t.log)[0] ?? t.log[0] : undefined;
    fixes.push({
      commands: [...unstick(c), ...(c.before ?? []), `probe ${c.devargs}`], ...(c.host?.length ? { host: c.host } : {}), verified: !!t?.attached, why: c.why,
      ...(c.changesIntent ? { changesIntent: c.changesIntent } : {}),
      ...(t && !t.attached ? { tried: own?.text ?? t.note ?? `ret ${t.ret}` } : {}),
      ...(c.untried ? { note: c.untried } : t?.note && t.attached ? { note: t.note } : {}),
      ...(a.devargs?.form === 'c-call' ? { c: cCall(c.devargs) } : {}),
    });
  });
  const seen = new Set<string>();
  const key = (x: Fix): string => [...(x.host ?? []), ...x.commands].join('\n');
  // Proved before unproved; a fix that changes what was asked after every one that keeps it.
  const rank = (x: Fix): number => (x.changesIntent ? 2 : 0) + (x.verified ? 0 : 1);
  const ordered = [...fixes].sort((x, y) => rank(x) - rank(y)).filter((x) => !seen.has(key(x)) && !!seen.add(key(x))).slice(0, MAX_FIXES);
  return {
    cause: f.cause, summary: f.summary, explain: f.explain, where, ms: Math.round((performance.now() - t0) * 10) / 10, ...(f.then?.length ? { then: f.then } : {}),
    evidence: {
      log: a.log, ret: a.ret, driver: a.driver?.name ?? null, matched: a.matched, facts: f.facts.filter(Boolean),
      ...(f.key !== undefined ? { key: f.key } : {}), ...(f.value !== undefined ? { value: f.value } : {}), ...(f.site ? { site: f.site } : {}),
    },
    fixes: ordered,
  };
}

function cCall(devargs: string): string {
  const i = devargs.indexOf(',');
  const name = i < 0 ? devargs : devargs.slice(0, i), args = i < 0 ? '' : devargs.slice(i + 1);
  return `rte_eal_hotplug_add("vdev", "${name}", "${args}")`;
}

/** The EAL of the session is not running: say how it ended and prove that 'run' brings one back. */
export async function diagnoseDown(session: Session): Promise<Diagnosis> {
  const t0 = performance.now();
  const death = session.inferior.death;
  const how = death ? (death.signal ? `killed by ${death.signal}` : `exited with code ${death.code}`) : session.inferior.state;
  let started = false;
  try { started = await session.scratch(async (inf) => !!inf.readyInfo && inf.readyInfo.ret >= 0); } catch { started = false; }
  return {
    cause: 'inferior-down', summary: `the EAL is not running (${how}); nothing can be probed until 'run' starts it again`, where: 'session',
    explain: ['The EAL lives in a child process (the inferior) so that a crash or rte_exit does not take the shell with it.', "'run' starts a fresh EAL with the same arguments; 'info inferior' shows how the last one ended."],
    evidence: { log: (death?.dpdkLog ?? []).map((text) => ({ text })), ret: null, driver: null, matched: null, facts: [`inferior ${how}`, ...(death?.during ? [`it died during ${death.during}`] : [])] },
    fixes: [{ commands: ['run'], verified: started, why: 'starts a new EAL with the same arguments', ...(started ? { note: 'a scratch EAL with the same arguments started' } : { tried: 'a scratch EAL with the same arguments did not start' }) }],
    ms: Math.round((performance.now() - t0) * 10) / 10,
  };
}

