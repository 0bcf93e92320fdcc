// probe results: DPDK's lines first (the evidence), then what the shell makes of them.
import type { Formatter } from './types.js';
import { formatLog } from './log.js';
import { diagnosisLines } from './areas/diagnose.js';

/** Places the error itself: after DPDK's lines, before the diagnosis. */
export const formatProbe: Formatter<'probe'> = (r, s) => {
  const d = r.data;
  const out = formatLog(r.log, s, !r.ok);
  const claim = d.driver
    ? `${d.driver}${d.alias ? ` (alias ${d.alias})` : ''}` + (d.matched ? ` claimed "${d.name}" by its ${d.matched.via} prefix "${d.matched.matched}"` : '')
    : `no driver claimed "${d.name}"`;
  if (r.ok) {
    out.push(s.c.green(`Port ${d.port} attached: ${d.name}`) + `  driver ${claim}`);
    out.push(`  MAC ${d.mac}   (probe #${d.probeId}, ${d.ms} ms; 'bt' shows the probe chain, 'mac ${d.port}' explains the MAC)`);
    for (const w of d.warnings ?? []) out.push(s.c.yellow(`  warning: ${w.message}`) + s.c.dim(` [${w.code}]`));
    return out;
  }
  out.push(s.c.red(`error: ${r.error?.message}`) + s.c.dim(`  [${r.error?.code}, ret ${d.ret}]`));
  // The diagnosis (src/diagnose) right under DPDK's lines: cause, evidence (the claim among it), proved fixes.
  if (d.diagnosis) return [...out, ...diagnosisLines(d.diagnosis, s).slice(1)];
  if (d.driver) out.push(`  driver: ${claim}`);
  for (const k of d.keys.filter((x) => !x.declared)) {
    out.push(`  key ${s.c.bold(k.key)}: not declared by ${d.driver ?? 'any claiming driver'}` + (k.ownedBy.length ? `; declared by ${k.ownedBy.join(', ')}` : '; no driver in this build declares it'));
  }
  if (r.error?.hint) out.push(s.c.dim(`  ${r.error.hint}`));
  return out;
};
