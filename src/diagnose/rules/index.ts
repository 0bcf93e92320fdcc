// The rules in the order they are asked, in three groups typed by what they may assume: the
// probe's input (any attempt), the parsed devargs, and a claiming driver. The first finding wins;
// a failure no rule recognises is "no-rule": the evidence is shown, the cause is not guessed.
import { dropKey } from '../edit.js';
import { claimText, normalizeLog, ownLines, site, type ClaimedCtx, type Finding, type InputCtx, type Rule, type RuleCtx } from './context.js';
import { busPlugRule, downRule, driverUnknownRule, layeredSyntaxRule, nameInUseRule, nameTooLongRule, parseRule, portLimitRule } from './input.js';
import { argMissingRule, backendKeyRule, keyRule, valueMissingRule, valueRule } from './keys.js';
import { backendRule } from './backend.js';
import { pcapFileRule } from './files.js';
import { ifaceRule } from './ifaces.js';
import { silentRule } from './silent.js';
import { backendHandshakeRule, kernelRule, multiProcessRule, resourceRule } from './general.js';

export { liveHost, normalizeLog, ownLines, READS, type ClaimedCtx, type Finding, type HostFacts, type InputCtx, type RuleCtx } from './context.js';

const ANY: Rule<RuleCtx>[] = [parseRule];
const INPUT: Rule<InputCtx>[] = [downRule, busPlugRule, layeredSyntaxRule, nameTooLongRule, driverUnknownRule, nameInUseRule, portLimitRule];
const CLAIMED: Rule<ClaimedCtx>[] = [keyRule, valueMissingRule, backendKeyRule, argMissingRule, backendRule, pcapFileRule, ifaceRule, valueRule, multiProcessRule, resourceRule, backendHandshakeRule, kernelRule, silentRule];

const first = <C extends RuleCtx>(rules: Rule<C>[], c: C): Finding | null => {
  for (const r of rules) { const f = r(c); if (f) return f; }
  return null;
};

export function classify(ctx: RuleCtx): Finding {
  const c: RuleCtx = { ...ctx, a: { ...ctx.a, log: normalizeLog(ctx.a.log) } };
  const any = first(ANY, c);
  if (any) return any;
  const d = c.a.devargs;
  if (!d) return { cause: 'no-rule', summary: `no rule matched (ret ${c.a.ret})`, facts: [], explain: [], candidates: [] };
  const ic: InputCtx = { ...c, d };
  const drv = c.a.driver;
  const f = first(INPUT, ic) ?? (drv ? first(CLAIMED, { ...ic, drv }) : null);
  if (f) return f;
  const own = ownLines(c.a.log);
  return {
    cause: 'no-rule', summary: own.length ? `no rule matched: ${own[0].text}` : `no rule matched (ret ${c.a.ret})`, site: site(own[0]),
    facts: [claimText(ic)].filter(Boolean), explain: ['None of the shell\'s rules recognise these lines; DPDK\'s words above and the site that logged them are the evidence.'],
    // Ablation in the scratch EAL may still show which key the driver refused (reported only if it attaches).
    candidates: d.kv.map((kv) => ({ devargs: dropKey(d, kv.key), why: `without ${kv.key}=${kv.value ?? ''}`, probeOnly: { key: kv.key } })),
  };
}
