// Formatters of attach and detach: which application the session is on, its ports, and when
// joining failed, DPDK's lines and both sides' DPDK builds.
import type { BuildSide } from '../../session/target-attach.js';
import type { Formatter, FormatterTable } from '../types.js';
import type { AttachKinds } from '../../results/attach.js';
import type { Style } from '../style.js';
import { formatLog } from '../log.js';

function buildLines(b: { app: BuildSide; shell: BuildSide } | undefined, s: Style): string[] {
  if (!b) return [];
  const side = (x: BuildSide): string => [x.version ?? 'version unknown (no telemetry socket)', x.abi ? `ABI ${x.abi}` : null,
    x.pluginDir ? `drivers in ${x.pluginDir}` : null, x.binary].filter(Boolean).join(', ');
  return [s.c.bold('DPDK on each side:'), `  application  ${side(b.app)}`, `  vdev-shell   ${side(b.shell)}`];
}

const formatAttach: Formatter<'attach'> = (r, s) => {
  const a = r.data;
  if (!('ports' in a)) return [...formatLog(r.log, s), ...buildLines(a.builds, s)]; // could not join
  const retried = r.log.map((l) => s.c.dim(l.text));
  const name = a.exe?.split('/').pop() ?? `pid ${a.pid}`;
  const head = a.kind === 'app'
    ? s.c.green(`Attached to ${name} pid ${a.pid} (prefix ${a.prefix}) as a DPDK secondary process, pid ${a.secondaryPid} (${a.ms} ms)`)
    : s.c.yellow(`Read-only view of ${name} pid ${a.pid} (prefix ${a.prefix}) through its telemetry socket`);
  const out = [...retried, head, `  ${a.version ?? ''}${a.version ? ', ' : ''}EAL: ${a.ealArgs.join(' ')}`];
  for (const p of a.ports) out.push(`  Port ${p.port}  ${p.name}${p.driver ? `  ${p.driver}` : ''}  ${p.mac ?? ''}  ${p.started ? 'started' : 'stopped'}`);
  for (const p of a.unseen ?? []) out.push(s.c.yellow(`  Port ${p.port}  ${p.name}  not visible to the shell: its DPDK build has no driver for it ('attach --telemetry ${a.pid}' shows it read-only)`));
  if (!a.ports.length && !a.unseen?.length) out.push('  (no ports)');
  out.push(s.c.dim(a.kind === 'app'
    ? "  'detach' leaves it as it was; tx, rx, fwd, capture and port start/stop need --force while attached"
    : "  show port summary/info/stats/xstats, mac and info eal read its telemetry; 'detach' goes back"));
  return out;
};

const formatDetached: Formatter<'detached'> = (r, s) => {
  const d = r.data;
  const name = d.exe?.split('/').pop() ?? `pid ${d.pid}`;
  return [`Detached from ${name} pid ${d.pid} (${d.alive ? 'still running, untouched' : 'no longer running'}); back to the shell's own EAL, pid ${d.ownPid ?? '-'} (${d.ownState})`];
};

export const attachFormatters: FormatterTable<AttachKinds> = { attach: formatAttach, detached: formatDetached };
