// Port listings in testpmd's spirit.
import type { RawPort } from '../protocol/ops.js';
import type { RawPktPool } from '../protocol/ops-packets.js';
import type { Shown } from './types.js';
import type { Style } from './style.js';
import { columns } from './table.js';

const link = (p: RawPort): string => (p.link ? `${p.link.up ? 'up' : 'down'} ${p.link.speedMbps} Mbps` : '?');

export function formatPorts(r: Shown<'ports'>, s: Style): string[] {
  const ports = r.data.ports;
  if (!ports.length) return ["No ports. Attach one with 'probe NAME[,KEY=VALUE...]', e.g. probe net_null0"];
  return columns([
    ['Port', 'Name', 'Driver', 'MAC', 'Link', 'State'].map((h) => s.c.bold(h)),
    ...ports.map((p) => [String(p.port), p.name, p.driver ?? '?', p.mac ?? '?', link(p), p.started ? 'started' : 'stopped']),
  ]).split('\n');
}

export function formatPortInfo(r: Shown<'port-info'>, s: Style): string[] {
  if (!r.data.ports.length) return ['No ports.'];
  return r.data.ports.flatMap((p, i) => [
    ...(i ? [''] : []),
    s.c.bold(`********************* Infos for port ${p.port} *********************`),
    ...columns([
      ['Name', p.name], ['Driver', p.driver ?? '?'], ['Devargs', p.devargs || '(none)'], ['MAC address', p.mac ?? '?'],
      ['Link', `${link(p)}${p.link ? (p.link.fullDuplex ? ' full-duplex' : ' half-duplex') : ''}`],
      ['State', `${p.state}, ${p.started ? 'started' : 'stopped'}`], ['Socket', String(p.socket)],
      ['Queues', `rx ${p.rxQueues} (max ${p.maxRxQueues ?? '?'}), tx ${p.txQueues} (max ${p.maxTxQueues ?? '?'})`],
      ['MTU', String(p.mtu)], ['Promiscuous', p.promiscuous ? 'on' : 'off'],
      ...(p.ifIndex ? [['Kernel ifindex', String(p.ifIndex)]] : []),
      ...(r.data.mempool ? [['Mempool', mempoolText(r.data.mempool)]] : []),
    ]).split('\n'),
  ]);
}

// The shell's mbuf pool (packets area): made on the first port start, shared by all ports.
const mempoolText = (m: RawPktPool): string =>
  `${m.name}: ${m.size} mbufs of ${m.dataRoom ?? '?'} B${m.created ? `, ${m.inUse} in use, ${m.avail} free` : " (made on the first 'port start')"}`;

export function formatPortStats(r: Shown<'port-stats'>, s: Style): string[] {
  return r.data.stats.flatMap((st) => [
    s.c.bold(`Port ${st.port} (${st.name})`),
    `  RX-packets: ${st.ipackets ?? 0}  RX-bytes: ${st.ibytes ?? 0}  RX-missed: ${st.imissed ?? 0}  RX-errors: ${st.ierrors ?? 0}  RX-nombuf: ${st.rxNombuf ?? 0}`,
    `  TX-packets: ${st.opackets ?? 0}  TX-bytes: ${st.obytes ?? 0}  TX-errors: ${st.oerrors ?? 0}`,
  ]);
}
