// help, info eal, info inferior, and the one-line results (detach, close, source, expect, quit).
import type { StoppedCapture } from '../protocol/ops.js';
import type { StartFailure } from '../session/start-vdevs.js';
import type { CommandResult } from '../commands/types.js';
import type { Style } from './style.js';
import { columns } from './table.js';

type HelpRow = { usage: string; summary: string; section: string; aliases: string[] };

export function formatHelp(r: CommandResult<{ commands: HelpRow[] }>, s: Style): string[] {
  const sections = [...new Set(r.data.commands.map((c) => c.section))];
  const out: string[] = [];
  for (const sec of sections) {
    out.push(s.c.bold(sec));
    out.push(...columns(r.data.commands.filter((c) => c.section === sec).map((c) => ['  ' + c.usage, c.summary + (c.aliases.length ? s.c.dim(` (also: ${c.aliases.join(', ')})`) : '')])).split('\n'));
  }
  out.push(s.c.dim("Commands and subcommands may be abbreviated when unique. 'help COMMAND' for details."));
  return out;
}

export function formatHelpCommand(r: CommandResult<{ usage: string; summary: string; details: string | null; aliases: string[] }>, s: Style): string[] {
  const d = r.data;
  return [s.c.bold(d.usage), `  ${d.summary}`, ...(d.aliases.length ? [`  aliases: ${d.aliases.join(', ')}`] : []), ...(d.details ? ['', ...d.details.split('\n').map((l) => '  ' + l)] : [])];
}

export function formatEal(r: CommandResult<Record<string, unknown>>, s: Style): string[] {
  const d = r.data;
  const sec = d.secondary as { pid: number | null; args: string[] } | undefined;
  const rows: [string, string | undefined][] = [
    ['target', d.target as string | undefined],
    ['DPDK', `${String(d.version).replace(/^DPDK /, '')}${d.buildtype ? ` (${String(d.buildtype)} build)` : ''}`], ['EAL arguments', (d.args as string[]).join(' ')],
    ['app arguments', d.appArgs ? (d.appArgs as string[]).join(' ') : undefined], ['binary', d.binary as string | undefined],
    ['pid', String(d.pid)], ['file prefix', d.prefix as string | undefined], ['runtime dir', d.runtimeDir as string | undefined],
    ['lcores', d.lcoreCount !== undefined ? `${d.lcoreCount} (main ${d.mainLcore})` : undefined],
    ['NUMA sockets', d.socketCount !== undefined ? String(d.socketCount) : undefined], ['IOVA mode', d.iovaMode as string | undefined],
    ['hugepages', d.hasHugepages === undefined ? undefined : d.hasHugepages ? 'yes' : 'no'], ['PCI', d.hasPci === undefined ? undefined : d.hasPci ? 'yes' : 'no'],
    ['process', d.processType as string | undefined],
    ['shell process', sec ? `secondary pid ${sec.pid}: ${sec.args.join(' ')}` : undefined],
    ['max ports', d.maxPorts ? String(d.maxPorts) + ' (RTE_MAX_ETHPORTS)' : undefined],
    ['view', d.readOnly ? 'read-only, through the telemetry socket' : undefined],
  ];
  return columns(rows.filter((x): x is [string, string] => x[1] !== undefined)).split('\n').concat(startFailureLines((d.startFailures as StartFailure[] | undefined) ?? [], s));
}

/** --vdev devices the EAL did not attach at start-up, with DPDK's lines and what to do. */
export function startFailureLines(failures: StartFailure[], s: Style): string[] {
  return failures.flatMap((f) => [
    s.c.red(`--vdev ${f.devargs}: not attached at EAL start-up`) + `; 'diagnose ${f.devargs}' says why and proves a fix`,
    ...f.lines.map((l) => s.c.dim('  ' + l)),
  ]);
}

export function formatInferior(r: CommandResult<Record<string, any>>, s: Style): string[] {
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
}

/** The line for a capture that detach/close ended first. */
function stoppedCapture(c: StoppedCapture | undefined, port: number): string[] {
  if (!c) return [];
  return [`Capture of port ${port} stopped first: ${c.file} is complete (rx ${c.rx}, tx ${c.tx} packets${c.dropped ? `, ${c.dropped} dropped` : ''})`];
}

/** Results without a formatter of their own: a short line from their data. */
export function formatSmall(r: CommandResult<any>, s: Style): string[] {
  const d = r.data ?? {};
  switch (r.kind) {
    case 'detach': return !r.ok ? [] : d.port === null ? [`Device ${d.device} (no port: it was closed) removed from the vdev bus`]
      : [...stoppedCapture(d.captureStopped, d.port), `Port ${d.port} (${d.name}) detached and removed from the vdev bus`];
    case 'close': return r.ok ? [...stoppedCapture(d.captureStopped, d.port), `Port ${d.port} closed. ${d.note}`] : [];
    case 'source': return r.ok ? [s.c.dim(`${d.file}: ${d.commands} commands, all passed`)] : [];
    case 'expect': return r.ok ? [s.c.green(`ok: ${d.assertion}`)] : [];
    default: return [];
  }
}
