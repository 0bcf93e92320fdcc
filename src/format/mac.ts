// mac PORT: the address and what its bits and bytes say.
import type { Shown } from './types.js';
import type { MacExplanation } from '../mac/explain.js';
import type { Style } from './style.js';
import { formatLog } from './log.js';

export function explainLines(e: MacExplanation): string[] {
  const kind = e.broadcast ? 'broadcast' : e.multicast ? 'multicast (I/G bit set: a group address)' : 'unicast (I/G bit clear)';
  const admin = e.locallyAdministered
    ? 'locally administered (U/L bit set): chosen by software, not burnt in by a vendor'
    : `universally administered (U/L bit clear): OUI ${e.oui}` + (e.vendor ? ` = ${e.vendor}` : ' (owner not in the IEEE registry on this host)');
  return [
    `  ${kind}`,
    `  ${admin}`,
    `  bytes as a C string: "${e.asText}"` + (e.printable ? `  (spells "${e.printable}")` : ''),
    ...(e.zero ? ['  all zero: the driver has not set an address'] : []),
  ];
}

export function formatMacResult(r: Shown<'mac'>, s: Style): string[] {
  const d = r.data;
  const out = formatLog(r.log, s);
  if (!d.explain) return out;
  out.push(`Port ${d.port} (${d.name}, ${d.driver ?? '?'}) MAC ${s.c.bold(d.explain.mac)}`);
  out.push(...explainLines(d.explain));
  return out;
}
