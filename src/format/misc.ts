// help, info eal, info inferior, and the one-line results (detach, close, source, expect, quit).
import type { StoppedCapture } from '../protocol/ops.js';
import type { DetachData } from '../results/devices.js';
import type { StartFailure } from '../session/start-vdevs.js';
import type { CommandResult } from '../results/result.js';
import type { Shown } from './types.js';
import type { Style } from './style.js';
import wrapAnsi from 'wrap-ansi';
import { columns } from './table.js';

export function formatHelp(r: Shown<'help'>, s: Style): string[] {
  const sections = [...new Set(r.data.commands.map((c) => c.section))];
  const out: string[] = [];
  for (const sec of sections) {
    out.push(s.c.bold(sec));
    out.push(...columns(r.data.commands.filter((c) => c.section === sec).map((c) => ['  ' + c.usage, c.summary + (c.aliases.length ? s.c.dim(` (also: ${c.aliases.join(', ')})`) : '')]), 2, s.width).split('\n'));
  }
  out.push(...wrapAnsi(s.c.dim("Commands and subcommands may be abbreviated when unique. 'help COMMAND' for details."), s.width, { hard: true }).split('\n'));
  return out;
}

export function formatHelpCommand(r: Shown<'help-command'>, s: Style): string[] {
  const d = r.data;
  return [
    s.c.bold(d.usage), `  ${d.summary}`, ...(d.aliases.length ? [`  aliases: ${d.aliases.join(', ')}`] : []),
    ...(d.arguments.length ? ['  arguments:', ...columns(d.arguments.map((o) => ['    ' + o.name, o.summary])).split('\n')] : []),
    ...(d.options.length ? ['  options:', ...columns(d.options.map((o) => ['    ' + o.name, o.summary])).split('\n')] : []),
    ...(d.details ? ['', ...d.details.split('\n').map((l) => '  ' + l)] : []),
  ];
}

export function formatEal(r: Shown<'eal'>, s: Style): string[] {
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
}

/** --vdev devices the EAL did not attach at start-up, with DPDK's lines and what to do. */
export function startFailureLines(failures: StartFailure[], s: Style): string[] {
  return failures.flatMap((f) => [
    s.c.red(`--vdev ${f.devargs}: not attached at EAL start-up`) + `; 'diagnose ${f.devargs}' says why and proves a fix`,
    ...f.lines.map((l) => s.c.dim('  ' + l)),
  ]);
}

export function formatInferior(r: Shown<'inferior'>, s: Style): string[] {
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

/** Why detach had to close ports itself (see LeftPorts in the protocol). */
function leftPorts(d: DetachData): string[] {
  const l = d.leftPorts;
  if (!l) return [];
  const remove = `${l.driver ?? 'the driver'}'s remove${l.remove ? ` (${l.remove})` : ''}`;
  const names = l.closed.map((p) => `${p.port} "${p.name}"`).join(', ');
  const failed = l.closed.filter((p) => p.ret !== 0).map((p) => `port ${p.port}: rte_eth_dev_close returned ${p.ret}`);
  return [`  ${remove} returned 0 but left port${l.closed.length > 1 ? 's' : ''} ${names}:`,
    `  the PMD looks its port up by the device's name "${d.device}", which ${l.closed.length > 1 ? 'these are' : 'this one is'} not named;`,
    `  the shell closed ${l.closed.length > 1 ? 'them' : 'it'} (rte_eth_dev_close) so no port outlives its device${failed.length ? ` (${failed.join('; ')})` : ''}`];
}

/** Results without a formatter of their own: a short line from their data. */
export function formatSmall(r: CommandResult, s: Style): string[] {
  if (!r.ok || r.data === null) return [];
  switch (r.kind) {
    case 'detach': {
      const d = r.data;
      return d.port === null ? [`Device ${d.device} (no port: it was closed) removed from the vdev bus`]
        : [...stoppedCapture(d.captureStopped, d.port), `Port ${d.port} (${d.name}) detached and removed from the vdev bus`, ...leftPorts(d),
          ...(d.ifaceStays ? [`  kernel interface ${d.ifaceStays} stays on the host: it is persistent (IFF_PERSIST); 'ip link delete ${d.ifaceStays}' removes it`] : [])];
    }
    case 'close': return [...stoppedCapture(r.data.captureStopped, r.data.port), `Port ${r.data.port} closed. ${r.data.note}`];
    case 'source': return [s.c.dim(`${r.data.file}: ${r.data.commands} commands, all passed`)];
    case 'expect': return [s.c.green(`ok: ${r.data.assertion}`)];
    default: return [];
  }
}
