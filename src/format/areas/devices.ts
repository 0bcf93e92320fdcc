// Formatters for the device area's result kinds: probe (DPDK's lines first, the evidence, then
// what the shell makes of them), port detach/close, mac, the driver and probe listings, and the
// port listings in testpmd's spirit.
import type { RawPort, StoppedCapture } from '../../protocol/ops.js';
import type { RawPktPool } from '../../protocol/ops-packets.js';
import type { DetachData, DeviceKinds } from '../../results/devices.js';
import type { MacExplanation } from '../../mac/explain.js';
import type { Formatter, FormatterTable } from '../types.js';
import type { Style } from '../style.js';
import { columns } from '../table.js';
import { formatLog } from '../log.js';
import { diagnosisLines } from './diagnose.js';

/** Places the error itself: after DPDK's lines, before the diagnosis. */
const formatProbe: Formatter<'probe'> = (r, s) => {
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
  for (const i of d.closedTuns ?? []) out.push(`  the failed probe left its tap ${i} open in the EAL; the shell closed it, so ${i} is gone from the host`);
  // The diagnosis (src/diagnose) right under DPDK's lines: cause, evidence (the claim among it), proved fixes.
  if (d.diagnosis) return [...out, ...diagnosisLines(d.diagnosis, s).slice(1)];
  if (d.driver) out.push(`  driver: ${claim}`);
  for (const k of d.keys.filter((x) => !x.declared)) {
    out.push(`  key ${s.c.bold(k.key)}: not declared by ${d.driver ?? 'any claiming driver'}` + (k.ownedBy.length ? `; declared by ${k.ownedBy.join(', ')}` : '; no driver in this build declares it'));
  }
  if (r.error?.hint) out.push(s.c.dim(`  ${r.error.hint}`));
  return out;
};

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

const formatDetach: Formatter<'detach'> = (r, s) => {
  const d = r.data;
  const out = formatLog(r.log, s);
  if (!r.ok) return out;
  if (d.port === null) return [...out, `Device ${d.device} (no port: it was closed) removed from the vdev bus`];
  return [...out, ...stoppedCapture(d.captureStopped, d.port), `Port ${d.port} (${d.name}) detached and removed from the vdev bus`, ...leftPorts(d),
    ...(d.ifaceStays ? [`  kernel interface ${d.ifaceStays} stays on the host: it is persistent (IFF_PERSIST); 'ip link delete ${d.ifaceStays}' removes it`] : [])];
};

const formatClose: Formatter<'close'> = (r, s) =>
  [...formatLog(r.log, s), ...(r.ok ? [...stoppedCapture(r.data.captureStopped, r.data.port), `Port ${r.data.port} closed. ${r.data.note}`] : [])];

/** What a MAC address's bits and bytes say. */
function explainLines(e: MacExplanation): string[] {
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

const formatMac: Formatter<'mac'> = (r, s) => {
  const d = r.data;
  const out = formatLog(r.log, s);
  if (!d.explain) return out;
  out.push(`Port ${d.port} (${d.name}, ${d.driver ?? '?'}) MAC ${s.c.bold(d.explain.mac)}`);
  out.push(...explainLines(d.explain));
  return out;
};

const formatDrivers: Formatter<'drivers'> = (r, s) => columns([
  ['Driver', 'Alias', 'Keys'].map((h) => s.c.bold(h)),
  ...r.data.drivers.map((d) => [d.name, d.alias ?? '-', d.keys.map((k) => k.key).join(' ') || '-']),
]).split('\n');

const formatDriver: Formatter<'driver'> = (r, s) => {
  const d = r.data.driver;
  return [
    s.c.bold(d.name) + (d.alias ? `  (alias ${d.alias})` : '') + (r.data.claimedBy ? `  — the vdev bus gives "${r.data.claimedBy}" to this driver` : ''),
    `  registered parameters: ${d.params || '(none)'}`,
    ...columns(d.keys.map((k) => ['  ' + k.key, k.syntax, k.kind])).split('\n'),
  ];
};

/** What bt can show for a probe: its chain is kept (in the shell or its EAL), gone, or never was. */
const chainCell = (c: string | undefined): string => (c === 'recorded' || c === 'loaded' ? 'kept' : c === 'lost' ? 'lost' : '-');

const formatProbes: Formatter<'probes'> = (r, s) => {
  if (!r.data.probes.length) return ['No probes yet.'];
  return columns([
    ['Id', 'Result', 'Driver', 'Port', 'Chain', 'Input'].map((h) => s.c.bold(h)),
    ...r.data.probes.map((p) => [`#${p.id}`, p.ok ? 'ok' : p.ret === null ? 'fail' : `fail (${p.ret})`, p.driver ?? '-', p.port === null ? '-' : String(p.port), chainCell(p.chain), p.input]),
  ]).split('\n');
};

const link = (p: RawPort): string => (p.link ? `${p.link.up ? 'up' : 'down'} ${p.link.speedMbps} Mbps` : '?');

const formatPorts: Formatter<'ports'> = (r, s) => {
  const ports = r.data.ports;
  if (!ports.length) return ["No ports. Attach one with 'probe NAME[,KEY=VALUE...]', e.g. probe net_null0"];
  return columns([
    ['Port', 'Name', 'Driver', 'MAC', 'Link', 'State'].map((h) => s.c.bold(h)),
    ...ports.map((p) => [String(p.port), p.name, p.driver ?? '?', p.mac ?? '?', link(p), p.started ? 'started' : 'stopped']),
  ]).split('\n');
};

const formatPortInfo: Formatter<'port-info'> = (r, s) => {
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
};

// The shell's mbuf pool (packets area): made on the first port start, shared by all ports.
const mempoolText = (m: RawPktPool): string =>
  `${m.name}: ${m.size} mbufs of ${m.dataRoom ?? '?'} B${m.created ? `, ${m.inUse} in use, ${m.avail} free` : " (made on the first 'port start')"}`;

const formatPortStats: Formatter<'port-stats'> = (r, s) => r.data.stats.flatMap((st) => [
  s.c.bold(`Port ${st.port} (${st.name})`),
  `  RX-packets: ${st.ipackets ?? 0}  RX-bytes: ${st.ibytes ?? 0}  RX-missed: ${st.imissed ?? 0}  RX-errors: ${st.ierrors ?? 0}  RX-nombuf: ${st.rxNombuf ?? 0}`,
  `  TX-packets: ${st.opackets ?? 0}  TX-bytes: ${st.obytes ?? 0}  TX-errors: ${st.oerrors ?? 0}`,
]);

export const deviceFormatters: FormatterTable<DeviceKinds> = {
  probe: { lines: formatProbe, showsError: true },
  detach: formatDetach,
  close: formatClose,
  mac: formatMac,
  drivers: formatDrivers,
  driver: formatDriver,
  probes: formatProbes,
  ports: formatPorts,
  'port-info': formatPortInfo,
  'port-stats': formatPortStats,
};
