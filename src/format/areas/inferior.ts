// Formatters for the inferior's result kinds: info eal (and the --vdev devices the EAL did not
// attach at start-up), info inferior.
import type { InferiorKinds } from '../../results/inferior.js';
import type { StartFailure } from '../../session/start-vdevs.js';
import type { Formatter, FormatterTable } from '../types.js';
import type { Style } from '../style.js';
import { columns } from '../table.js';

const formatEal: Formatter<'eal'> = (r, s) => {
  const d = r.data;
  const sec = d.secondary;
  const rows: [string, string | undefined][] = [
    ['target', d.target],
    ['DPDK', `${String(d.version).replace(/^DPDK /, '')}${d.buildtype ? ` (${d.buildtype} build)` : ''}`], ['EAL arguments', d.args.join(' ')],
    ['app arguments', d.appArgs?.join(' ')], ['binary', d.binary ?? undefined],
    ['pid', String(d.pid)], ['file prefix', d.prefix], ['runtime dir', d.runtimeDir],
    ['lcores', d.lcoreCount !== undefined ? `${d.lcoreCount} (main ${d.mainLcore})` : undefined],
    ['NUMA sockets', d.socketCount !== undefined ? String(d.socketCount) : undefined], ['IOVA mode', d.iovaMode],
    ['hugepages', d.hasHugepages === undefined ? undefined : d.hasHugepages ? 'yes' : 'no'], ['PCI', d.hasPci === undefined ? undefined : d.hasPci ? 'yes' : 'no'],
    ['process', d.processType],
    ['shell process', sec ? `secondary pid ${sec.pid}: ${sec.args.join(' ')}` : undefined],
    ['max ports', d.maxPorts ? String(d.maxPorts) + ' (RTE_MAX_ETHPORTS)' : undefined],
    ['view', d.readOnly ? 'read-only, through the telemetry socket' : undefined],
  ];
  return columns(rows.filter((x): x is [string, string] => x[1] !== undefined)).split('\n').concat(startFailureLines(d.startFailures ?? [], s));
};

/** --vdev devices the EAL did not attach at start-up, with DPDK's lines and what to do. */
export function startFailureLines(failures: StartFailure[], s: Style): string[] {
  return failures.flatMap((f) => [
    s.c.red(`--vdev ${f.devargs}: not attached at EAL start-up`) + `; 'diagnose ${f.devargs}' says why and proves a fix`,
    ...f.lines.map((l) => s.c.dim('  ' + l)),
  ]);
}

const formatInferior: Formatter<'inferior'> = (r, s) => {
  const d = r.data;
  const out = columns([
    ['pid', String(d.pid ?? '-')], ['state', String(d.state ?? 'not running')], ['EAL arguments', (d.ealArgs ?? []).join(' ')],
    ...(d.initMs !== undefined && d.initMs !== null ? [['EAL init', `${d.initMs} ms`]] : []),
    ...(d.ports !== undefined ? [['ports', String(d.ports)]] : []),
    ...(d.transport ? [['requests', d.transport === 'channel' ? 'request channel (two pipes)' : "Node IPC (the request channel could not be opened, or VDEV_SHELL_CHANNEL=ipc)"]] : []),
  ]).split('\n');
  if (d.death) out.push(s.c.red(`last death: ${d.death.signal ? 'killed by ' + d.death.signal : 'exit code ' + d.death.code}`));
  // Which process the commands act on (attach / detach).
  const t = d.target;
  if (t && t.kind !== 'own') {
    out.unshift(`target: ${t.label}`);
    if (t.kind === 'app') out.push(`the inferior above is the shell's secondary process in ${t.exe ?? 'the application'}; the shell's own EAL (pid ${t.ownPid ?? '-'}) waits for 'detach'`);
    else out.push(`nothing joined the application; ${t.why ? `joining was not possible: ${t.why}` : 'its telemetry socket answers'}`);
  } else if (t) out.unshift(`target: the shell's own EAL`);
  return out;
};

export const inferiorFormatters: FormatterTable<InferiorKinds> = { eal: formatEal, inferior: formatInferior };
