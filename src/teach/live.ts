// Live evidence for topics and lessons: small tables read from the running EAL at the moment they
// are shown (its registered drivers, the ports attached now, their ops and burst functions, the
// shell's mbuf pool, struct layouts from DWARF). A topic file names them: `live ports`.
import type { Session } from '../session/session.js';
import { matchedPrefix } from '../session/drivers.js';
import { explainMac } from '../mac/explain.js';
import { vdevArgs } from '../devargs/eal-args.js';
import type { Entry } from './file.js';
import { TeachFileError } from './file.js';

export interface LiveSpec { kind: string; args: string[]; where: string }

export interface LiveBlock {
  kind: string;
  title: string;
  /** First row is the header (may be empty when the block is a list of facts). */
  rows: string[][];
  note?: string;
}

type Maker = (s: Session, args: string[]) => Promise<Omit<LiveBlock, 'kind'>>;

const KINDS: Record<string, { args: string; make: Maker }> = {
  eal: { args: '', make: eal },
  drivers: { args: '', make: drivers },
  claim: { args: 'NAME...', make: claim },
  driver: { args: 'NAME', make: driverKeys },
  ports: { args: '', make: ports },
  ops: { args: '', make: opsCounts },
  burst: { args: '', make: burst },
  pool: { args: '', make: pool },
  struct: { args: 'NAME [FIELD...]', make: struct },
  symbol: { args: 'NAME...', make: symbols },
  macs: { args: '', make: macs },
  probes: { args: '', make: probes },
  vdevs: { args: '', make: startVdevs },
};

export const LIVE_KINDS = Object.keys(KINDS);

export function parseLive(file: string, e: Entry): LiveSpec {
  const [kind, ...args] = e.arg.split(/\s+/).filter(Boolean);
  const k = KINDS[kind ?? ''];
  if (!k) throw new TeachFileError(file, e.line, `unknown live evidence "${kind ?? ''}"`, `live takes one of: ${LIVE_KINDS.join(', ')}`);
  const needs = k.args ? k.args.split(' ').filter((a) => !a.startsWith('[')).length : 0;
  if (args.length < needs) throw new TeachFileError(file, e.line, `"live ${kind}" needs ${k.args}`);
  if (!k.args && args.length) throw new TeachFileError(file, e.line, `"live ${kind}" takes no arguments`);
  return { kind, args, where: `${file}:${e.line}` };
}

export async function makeLive(session: Session, spec: LiveSpec): Promise<LiveBlock> {
  return { kind: spec.kind, ...(await KINDS[spec.kind].make(session, spec.args)) };
}

// ---- the kinds ------------------------------------------------------------------------------

async function eal(s: Session): Promise<Omit<LiveBlock, 'kind'>> {
  const i = await s.call('ealInfo', {});
  return {
    title: 'the running EAL',
    rows: [[], ['rte_version()', i.version], ['process type', String(i.processType)], ['pid', String(i.pid)], ['EAL arguments', i.args.join(' ')],
      ['hugepages', i.hasHugepages ? 'yes' : 'no'], ['IOVA mode', String(i.iovaMode)], ['RTE_MAX_ETHPORTS', String(i.maxPorts)]],
  };
}

async function drivers(s: Session): Promise<Omit<LiveBlock, 'kind'>> {
  const ds = await s.drivers();
  return {
    title: `vdev drivers registered in this EAL (${ds.length})`,
    rows: [['driver', 'alias', 'declared keys'], ...ds.map((d) => [d.name, d.alias ?? '-', d.keys.map((k) => k.key).join(' ') || '-'])],
  };
}

async function claim(s: Session, names: string[]): Promise<Omit<LiveBlock, 'kind'>> {
  const rows: string[][] = [['device name', 'the vdev bus gives it to', 'because it starts with']];
  for (const n of names) {
    const d = await s.claim(n);
    const m = d ? matchedPrefix(d, n) : null;
    rows.push([n, d ? d.name : '(no driver)', m ? `"${m.matched}" (its ${m.via})` : d ? '?' : 'no name or alias']);
  }
  return { title: 'asked of the running vdev bus (rte_bus parse)', rows };
}

async function driverKeys(s: Session, [name]: string[]): Promise<Omit<LiveBlock, 'kind'>> {
  const d = await s.driver(name);
  if (!d) return { title: `driver ${name}`, rows: [], note: `${name} is not a vdev driver of this build` };
  return {
    title: `keys ${d.name} declares (its PMD_INFO_STRING)`,
    rows: [['key', 'value syntax'], ...d.keys.map((k) => [k.key, k.syntax])],
    note: `verbatim: "${d.params}"`,
  };
}

async function ports(s: Session): Promise<Omit<LiveBlock, 'kind'>> {
  const ps = await s.ports();
  return {
    title: `ports attached now (${ps.length})`,
    rows: ps.length ? [['port', 'device', 'driver', 'MAC', 'state'], ...ps.map((p) => [String(p.port), p.device ?? p.name, p.driver ?? '?', p.mac ?? '-', p.started ? 'started' : 'stopped'])] : [],
    ...(ps.length ? {} : { note: "none: attach one ('probe net_null0') and ask again" }),
  };
}

async function opsCounts(s: Session): Promise<Omit<LiveBlock, 'kind'>> {
  const ps = await s.ports();
  const rows: string[][] = [['port', 'driver', 'dev_ops at', 'slots set', 'e.g.']];
  for (const p of ps) {
    const r = await s.call('ops', { port: p.port });
    if (!r) continue;
    const set = r.slots.filter((x) => x.fn);
    const start = set.find((x) => x.slot === 'dev_start');
    rows.push([String(p.port), p.driver ?? '?', r.table, `${set.length} of ${r.slots.length}`, start ? `dev_start = ${start.fn}` : '']);
  }
  return { title: 'eth_dev_ops of the ports attached now (slot names from DWARF)', rows: rows.length > 1 ? rows : [], ...(rows.length > 1 ? {} : { note: "no ports: attach one ('probe net_null0') and ask again" }) };
}

async function burst(s: Session): Promise<Omit<LiveBlock, 'kind'>> {
  const ps = await s.ports();
  const rows: string[][] = [['port', 'driver', 'state', 'rx_pkt_burst (eth_dev)', 'tx_pkt_burst (eth_dev)', 'rte_eth_fp_ops rx / tx']];
  for (const p of ps) {
    const r = await s.call('ops', { port: p.port });
    if (!r) continue;
    const fn = (f: { fn: string | null } | null): string => f?.fn ?? 'NULL';
    rows.push([String(p.port), p.driver ?? '?', p.started ? 'started' : 'stopped', fn(r.devBurst.rx_pkt_burst), fn(r.devBurst.tx_pkt_burst), `${fn(r.fpBurst.rx_pkt_burst)} / ${fn(r.fpBurst.tx_pkt_burst)}`]);
  }
  return { title: 'burst functions of the ports attached now', rows: rows.length > 1 ? rows : [], ...(rows.length > 1 ? {} : { note: "no ports: attach one ('probe net_null0'), start it ('port start 0') and ask again" }) };
}

async function pool(s: Session): Promise<Omit<LiveBlock, 'kind'>> {
  const p = await s.call('pktPool', {});
  if (!p.created) return { title: `the shell's mbuf pool ${p.name}`, rows: [], note: `not made yet: the first 'port start' creates it (${p.size} mbufs)` };
  return {
    title: `the shell's mbuf pool ${p.name} (rte_pktmbuf_pool_create)`,
    rows: [[], ['mbufs', String(p.size)], ['free now', String(p.avail ?? '?')], ['in use (rx rings, in flight)', String(p.inUse ?? '?')],
      ['per-lcore cache', String(p.cacheSize ?? '?')], ['data room per mbuf', `${p.dataRoom ?? '?'} bytes`], ['element size', `${p.eltSize ?? '?'} bytes`]],
  };
}

async function struct(s: Session, [name, ...fields]: string[]): Promise<Omit<LiveBlock, 'kind'>> {
  const l = await s.call('structLayout', { name });
  if (!l) return { title: `struct ${name}`, rows: [], note: `struct ${name} is not in this build's debug info` };
  const pick = fields.length ? l.members.filter((m) => fields.includes(m.name)) : l.members.slice(0, 8);
  const missing = fields.filter((f) => !l.members.some((m) => m.name === f));
  return {
    title: `struct ${name} in this build (DWARF): ${l.size} bytes, ${l.members.length} members`,
    rows: [['member', 'offset', 'type'], ...pick.map((m) => [m.name, String(m.offset), m.type])],
    ...(missing.length ? { note: `not members in this DPDK: ${missing.join(', ')}` } : !fields.length && l.members.length > 8 ? { note: `... and ${l.members.length - 8} more` } : {}),
  };
}

async function symbols(s: Session, names: string[]): Promise<Omit<LiveBlock, 'kind'>> {
  const rows: string[][] = [['symbol', 'address in the inferior', 'defined at']];
  for (const n of names) {
    const f = await s.call('lookupSymbol', { name: n });
    rows.push([n, f ? f.addr : '(not in this build)', f?.file ? `${f.file}${f.line ? ':' + f.line : ''}` : '-']);
  }
  return { title: 'symbols of the running EAL', rows };
}

async function macs(s: Session): Promise<Omit<LiveBlock, 'kind'>> {
  const ps = await s.ports();
  const rows = ps.map((p) => {
    const e = p.mac ? explainMac(p.mac) : null;
    return [String(p.port), p.driver ?? '?', p.mac ?? '-', e ? (e.locallyAdministered ? 'locally administered' : 'universal (vendor OUI)') : '-', e?.printable ? `spells "${e.printable}"` : ''];
  });
  return { title: 'MAC addresses of the ports attached now', rows: rows.length ? [['port', 'driver', 'MAC', 'U/L bit', 'as text'], ...rows] : [], ...(rows.length ? {} : { note: "no ports: attach one ('probe net_pcap0,tx_pcap=x.pcap') and ask again" }) };
}

async function probes(s: Session): Promise<Omit<LiveBlock, 'kind'>> {
  const ps = (await s.history()).slice(-6);
  return {
    title: 'the last probes of this session',
    rows: ps.length ? [['#', 'devargs', 'driver', 'outcome'], ...ps.map((p) => [String(p.id), p.input, p.driver ?? '-', p.ok ? `port ${p.port?.port}` : `failed (ret ${p.ret ?? '?'})`])] : [],
    ...(ps.length ? {} : { note: "none yet: 'probe net_null0' makes one" }),
  };
}

async function startVdevs(s: Session): Promise<Omit<LiveBlock, 'kind'>> {
  const vdevs = vdevArgs(s.inferior.ealArgs);
  const failed = await s.startFailuresOf();
  return {
    title: '--vdev arguments of the running EAL',
    rows: vdevs.length ? [['--vdev', 'at start-up'], ...vdevs.map((v) => [v, failed.some((f) => f.devargs === v) ? 'not attached' : 'probed inside rte_eal_init'])] : [],
    ...(vdevs.length ? {} : { note: "none: 'run --no-huge -m 64 --no-pci --no-shconf -l 0 --no-telemetry --vdev=net_null0' starts an EAL with one" }),
  };
}
