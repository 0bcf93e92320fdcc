// Failures with no line of the driver's own (the two EAL lines only).
import { capNeeded, keyRole } from '../roles.js';
import type { Candidate } from '../types.js';
import { addKey, dropKey } from '../edit.js';
import { claimText, kvText, likelyIface, ownLines, syn, type ClaimedCtx, type Rule } from './context.js';


/** Failures with no line of their own (the two EAL lines only): arguments a driver needs but logs nothing about. */
export const silentRule: Rule<ClaimedCtx> = (c) => {
  const a = c.a, d = c.d, drv = c.drv;
  if (ownLines(a.log).length || a.silentFailure) return null;
  const needed = capNeeded(drv.name, d.kv.map((k) => k.key));
  if (needed && c.host.caps && !c.host.caps[needed]) return null; // the permission rule cannot see it without a line; leave it to no-rule
  if (d.kv.length === 0 || (drv.name === 'net_af_packet' && !d.kv.some((k) => k.key === 'iface')) || (drv.name === 'net_vhost' && !d.kv.some((k) => k.key === 'iface'))) {
    const key = drv.keys.find((k) => k.key === 'iface' || k.key === 'path')?.key;
    const cands: Candidate[] = [];
    if (key && keyRole(drv.name, key) === 'host-iface') {
      // The interface most likely meant: one that carries traffic (up, not the loopback). The
      // proof runs on an interface made for it, never on this one.
      const pick = likelyIface(c.host);
      if (pick) cands.push({ devargs: addKey(d, key, pick), why: `opens host interface ${pick} (name yours instead)` });
    } else if (key && keyRole(drv.name, key) === 'socket-to-create') cands.push({ devargs: addKey(d, key, `/tmp/vdsh-${d.name}.sock`), why: 'the vhost-user socket it will serve (created on port start)' });
    if (key) {
      return {
        cause: 'arg-missing', key, site: undefined,
        summary: `${drv.name} needs ${key}=${syn(drv, key)} and none was given (it fails without logging why)`,
        facts: [claimText(c), `${drv.name} declares: ${kvText(drv)}`, 'DPDK logged only the two generic EAL lines'],
        explain: [`${claimText(c)}.`, `${drv.name}'s probe returns -1 without a word when ${key} is missing; the fix below is proved in a scratch EAL.`],
        candidates: cands,
      };
    }
  }
  // Otherwise find the culprit by ablation in the scratch EAL: drop one key at a time.
  return {
    cause: 'no-rule', summary: `${drv.name} refused "${d.text}" without logging why`,
    facts: [claimText(c), `${drv.name} declares: ${kvText(drv)}`, 'DPDK logged only the two generic EAL lines'],
    explain: [`${claimText(c)}.`, 'The driver returned an error without a line of its own; the scratch EAL is used to find which key it refused.'],
    candidates: d.kv.map((kv) => ({ devargs: dropKey(d, kv.key), why: `without ${kv.key}=${kv.value ?? ''}`, probeOnly: { key: kv.key } })),
  };
};
