// After the proofs: what the ablations (a key dropped, the rest probed in the scratch EAL) say
// about a cause the rules could not name or only named as a class. One that attaches names the
// key the driver refused (refine). When none attaches, two faults may be in one input (orderFaults).
import { parseDevargs } from '../devargs/parse.js';
import { classify, normalizeLog, ownLines, type Finding, type RuleCtx } from './rules/index.js';
import { keyRole } from './roles.js';
import type { Trial } from './verify.js';
import type { Attempt, Candidate } from './types.js';

/** An ablation that made DPDK attach names the key the driver refused without saying so. */
export function refine(f: Finding, trials: (Trial | null)[], a: Attempt): Finding {
  // A class of failure (crash, hang, a resource, the kernel): the cause stays, the ablation names the key.
  if (f.cause === 'crash' || f.cause === 'hang' || f.cause === 'resource-exhausted' || f.cause === 'kernel-refused') {
    const i = f.candidates.findIndex((c, k) => c.probeOnly && trials[k]?.attached);
    if (i < 0) return f;
    const key = f.candidates[i].probeOnly!.key;
    // A resource one key asked for (a NUMA node, a size): that value is what to change.
    if (f.cause === 'resource-exhausted') return { ...f, cause: 'value-invalid', key, summary: `${key} asks for what the host cannot give (${f.summary}); without it DPDK attaches (proved in a scratch EAL)` };
    // The kernel called the request invalid (EINVAL) and it goes through without that key: its value is what is wrong.
    if (f.cause === 'kernel-refused' && a.log.some((l) => /Invalid argument/.test(l.text))) return { ...f, cause: 'value-invalid', key, summary: `the kernel refused ${key}=${a.devargs?.kv.find((k) => k.key === key)?.value ?? ''} as invalid (${f.summary}); without it DPDK attaches (proved in a scratch EAL)` };
    return { ...f, key, summary: `${f.summary}; without ${key} it attaches (proved in a scratch EAL)` };
  }
  if (f.cause !== 'no-rule') return f;
  const i = f.candidates.findIndex((c, k) => c.probeOnly && trials[k]?.attached);
  if (i < 0) return f;
  const key = f.candidates[i].probeOnly!.key;
  // A key given without "=VALUE" (from 24.11 kvargs refuses it before the driver says anything).
  if (a.devargs?.kv.some((k) => k.key === key && k.value === null)) {
    return {
      ...f, cause: 'value-missing', key,
      summary: `"${key}" is given without a value, and the probe fails with it: without it DPDK attaches the device (proved in a scratch EAL)`,
      explain: [...f.explain, `rte_kvargs splits "key=value" pairs; "${key}" has no "=": from 24.11 rte_kvargs refuses it, in 22.11 the driver got NULL.`],
    };
  }
  return {
    ...f, cause: 'value-invalid', key,
    summary: `the driver refused ${key}: without it DPDK attaches the device (proved in a scratch EAL)`,
    explain: [...f.explain, `Dropping ${key} alone made the probe succeed, so its value is what the driver rejected.`],
  };
}

/**
 * Two faults in one input: DPDK stops at the first without naming its key (a key without a value
 * that kvargs refuses from 24.11, a handler that returns -1 silently) and reaches the second only
 * without it, so no single-key ablation attaches. The ablation whose failure a rule explains shows
 * which key stopped the probe first: dropping it moved the failure on to the next check. That key
 * is the cause, the explained failure comes next (Finding.then), in the order DPDK meets them; the
 * fixes are those of the next failure, proved here too, and they also leave the first key out.
 */
export async function orderFaults(f: Finding, trials: (Trial | null)[], ctx: RuleCtx, prove: (cands: Candidate[]) => Promise<(Trial | null)[]>): Promise<{ finding: Finding; trials: (Trial | null)[] } | null> {
  const a0 = ctx.a, d = a0.devargs;
  if (f.cause !== 'no-rule' || !d || !a0.driver) return null;
  if (f.candidates.some((c, k) => c.probeOnly && trials[k]?.attached)) return null;
  for (let k = 0; k < f.candidates.length; k++) {
    const c = f.candidates[k], t = trials[k];
    if (!c.probeOnly || !t || t.attached || t.ret === null) continue;
    const p = parseDevargs(c.devargs);
    if (!p.ok) continue;
    const a: Attempt = { ...a0, input: c.devargs, devargs: p.devargs, ret: t.ret, log: t.log, ok: false, silentFailure: false, alreadyOnBus: false, died: false, death: undefined };
    const next = classify({ ...ctx, a });
    if (next.cause === 'no-rule') continue;
    const nextTrials = await prove(next.candidates);
    const later = refine(next, nextTrials, a);
    const key = c.probeOnly.key, kv = d.kv.find((x) => x.key === key);
    const bare = kv?.value === null;
    const own = ownLines(normalizeLog(a0.log))[0];
    // Leaving out a key given without a value keeps the driver's default, unless the key names something on the host.
    const drops = !bare || keyRole(a0.driver.name, key) ? `drops ${key}` : null;
    return {
      finding: {
        cause: bare ? 'value-missing' : 'value-invalid', key, value: kv?.value ?? null, site: f.site,
        summary: `${bare ? `"${key}" is given without a value` : `${a0.driver.name} refused ${key}=${kv?.value ?? ''}`}: the probe stopped there first, ${own ? `DPDK saying only "${own.text}"` : 'DPDK saying nothing of its own'}; without ${key} it fails next on ${later.cause}${later.key ? ` (${later.key})` : ''} (proved in a scratch EAL)`,
        facts: f.facts,
        explain: [...f.explain, `Dropping ${key} moved the failure on to a check DPDK explains, so ${key} is where the probe stopped first${bare ? ' (rte_kvargs refuses a key without "=" from 24.11; 22.11 handed the driver NULL)' : ''}.`,
          'The fixes below mend the next failure and leave the first key out; each is proved in the scratch EAL.'],
        candidates: later.candidates.map((x) => (drops ? { ...x, changesIntent: x.changesIntent ? `${x.changesIntent}; ${drops}` : drops } : x)),
        then: [{ cause: later.cause, summary: later.summary, ...(later.key !== undefined ? { key: later.key } : {}) }, ...(later.then ?? [])],
      },
      trials: nextTrials,
    };
  }
  return null;
}
