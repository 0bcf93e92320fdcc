// Formatters for the packets area's result kinds: tx/rx/fwd summaries in testpmd's words,
// tcpdump-like packet lines, capture and xstats listings.
import type { Frame } from '../../protocol/ops.js';
import type { FormatterTable } from '../types.js';
import type { PacketsKinds } from '../../results/packets.js';
import type { Style } from '../style.js';
import { columns } from '../table.js';
import { formatLog } from '../log.js';
import { hexdump } from '../../packets/hexdump.js';

const fnText = (f: Frame | null | undefined, s: Style): string => (f ? `${s.c.cyan(f.fn ?? f.addr)}${f.file ? ` (${f.file}:${f.line})` : ''}` : '?');
const rate = (n: number, ns: number): string => (ns > 0 ? `${(n / (ns / 1e9) / 1e6).toFixed(2)} Mpps` : '-');
const auto = (d: { port: number; autoStarted?: boolean }): string[] => (d.autoStarted ? [`Port ${d.port} was stopped: started it (1 rx + 1 tx queue on the shell's mbuf pool)`] : []);

function packetLines(pkts: { n: number; line: string; hex: string }[], hexDump: boolean, s: Style): string[] {
  return pkts.flatMap((p) => [`${s.c.dim(String(p.n).padStart(4))}  ${p.line}`, ...(hexDump ? hexdump(Buffer.from(p.hex, 'hex')) : [])]);
}

export const packetsFormatters: FormatterTable<PacketsKinds> = {
  'port-start': (r, s) => {
    const d = r.data;
    if (!('ports' in d)) return formatLog(r.log, s); // refused: the error says what to change
    return [
      ...formatLog(r.log, s),
      ...d.ports.map((p) => `Port ${p.port} (${p.name}) ${p.already ? 'was already started' : `started: rx queues ${p.rxQueues}, tx queues ${p.txQueues}`}`),
      ...(d.pool ? [s.c.dim(`mbuf pool ${d.pool.name}: ${d.pool.size} mbufs, ${d.pool.avail ?? '?'} free`)] : []),
    ];
  },
  'port-stop': (r, s) => [...formatLog(r.log, s), ...('ports' in r.data ? r.data.ports.map((p) => `Port ${p.port} (${p.name}) ${p.already ? 'was already stopped' : 'stopped'}`) : [])],
  tx: (r, s) => {
    const d = r.data;
    return [
      ...formatLog(r.log, s), ...auto(d),
      `Port ${d.port} (${d.name}): sent ${s.c.bold(String(d.sent))} of ${d.requested}, refused ${d.refused}${d.refused ? ' (freed)' : ''}, ${d.bursts} bursts of up to ${d.burstSize}, ${rate(d.sent, d.ns)}`,
      `  taken by ${fnText(d.burstFn, s)}`,
      ...(d.frame ? [`  frame: ${d.frame}`] : []),
    ];
  },
  rx: (r, s) => {
    const d = r.data;
    if (!('received' in d)) return formatLog(r.log, s); // the port cannot receive: the error says why
    return [
      ...formatLog(r.log, s), ...auto(d),
      ...packetLines(d.packets, d.hexDump, s),
      s.c.dim(`${d.received} of ${d.requested} packets${d.timedOut ? ' (timed out)' : ''} from port ${d.port} via ${d.burstFn?.fn ?? '?'}, ${d.polls} polls`),
    ];
  },
  fwd: (r, s) => {
    const d = r.data;
    if (!('rx' in d)) return formatLog(r.log, s); // the source cannot receive: the error says why
    return [
      ...formatLog(r.log, s),
      `Forwarded port ${d.src} (${d.srcName}) -> port ${d.dst} (${d.dstName}): RX ${s.c.bold(String(d.rx))}, TX ${s.c.bold(String(d.tx))}, dropped ${d.dropped}, ${rate(d.tx, d.ns)}`,
      `  ${d.reachedCount ? 'stopped at the count' : 'source drained (quiet for the idle time)'}; rx by ${fnText(d.rxBurstFn, s)}, tx by ${fnText(d.txBurstFn, s)}`,
    ];
  },
  capture: (r, s) => [...formatLog(r.log, s), ...auto(r.data), ...(r.ok ? [`Capturing ${r.data.direction} of port ${r.data.port} (${r.data.name}) into ${r.data.file} (pcapng); 'capture stop' ends it`] : [])],
  'capture-stop': (r, s) => {
    const d = r.data;
    return [
      ...formatLog(r.log, s),
      `Capture of port ${d.port} stopped: ${d.rx} rx + ${d.tx} tx packets written, ${d.dropped} not copied${d.writeErrors ? `, ${d.writeErrors} write errors` : ''}`,
      `  ${d.file}: ${d.bytes ?? '?'} bytes, ${d.packetsInFile ?? '?'} packets, interfaces ${d.interfaces.join(', ') || '?'}${d.portAlive ? '' : ' (the port was detached during the capture)'}`,
    ];
  },
  pcap: (r, s) => {
    const d = r.data;
    const ifs = d.interfaces.map((i) => `${i.name ?? `#${i.id}`}${i.linktype === 1 ? '' : ` (linktype ${i.linktype})`}`).join(', ');
    return [
      s.c.dim(`${d.file}: ${d.format} ${d.version}, ${d.total} packets${d.interfaces.length > 1 || d.format === 'pcapng' ? `, interfaces ${ifs}` : ''}${d.section.application ? `, written by ${d.section.application}` : ''}`),
      ...packetLines(d.packets, d.hexDump, s),
      ...(d.shown < d.total ? [s.c.dim(`showing ${d.shown} of ${d.total}; use count N`)] : []),
      ...(d.trailingBytes ? [s.c.yellow(`${d.trailingBytes} bytes at the end do not form a whole record (file cut short or still being written)`)] : []),
    ];
  },
  'port-xstats': (r, s) => r.data.ports.flatMap((p) => [
    s.c.bold(`###### NIC extended statistics for port ${p.port} (${p.name})`),
    ...(p.ret < 0 ? [`  rte_eth_xstats_get returned ${p.ret}`] : columns(p.xstats.map((x) => [`  ${x.name}:`, String(x.value)])).split('\n')),
  ]),
  'clear-stats': (r, s) => [...formatLog(r.log, s), ...(r.ok ? r.data.ports.map((p) => `NIC statistics for port ${p.port} (${p.name}) cleared`) : [])],
};
