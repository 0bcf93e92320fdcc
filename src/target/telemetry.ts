// The read-only view of an application through its telemetry socket (dpdk_telemetry.v2): DPDK
// answers /ethdev/list, /ethdev/info, /ethdev/stats, /ethdev/xstats, /eal/params across versions.
// The session's port and stats requests are answered from it in the shapes the inferior uses,
// so the same commands show the application's ports; everything else is refused as read-only.
import { createRequire } from 'node:module';
import { channelAddonPath } from '../util/paths.js';
import { InferiorError } from '../session/inferior.js';
import type { Target } from '../session/target.js';
import type { OpName, Ops, RawPort, RawStats } from '../protocol/ops.js';

interface TelemetryNative {
  telemetryQuery(path: string, cmds: string[], timeoutMs: number): { hello?: string; replies?: string[]; error?: string; errno?: number };
}
let native: TelemetryNative | null | undefined;
function load(): TelemetryNative | null {
  if (native === undefined) {
    try { native = createRequire(import.meta.url)(channelAddonPath()) as TelemetryNative; } catch { native = null; }
    if (native && typeof native.telemetryQuery !== 'function') native = null;
  }
  return native;
}

export interface Hello { version: string; pid: number; max_output_len: number }

/** Sends each command and returns the value under its key (null when DPDK answered null). */
export function telemetryQuery(socket: string, cmds: string[], timeoutMs = 2000): { hello: Hello; values: unknown[] } {
  const n = load();
  if (!n) throw new InferiorError('no-telemetry-client', 'the telemetry client (native/build/Release/channel.node) is not built; run npm run setup');
  const r = n.telemetryQuery(socket, cmds, timeoutMs);
  if (r.error || !r.hello || !r.replies) throw new InferiorError('telemetry-failed', `telemetry socket ${socket}: ${r.error ?? 'no answer'}`);
  const values = r.replies.map((text, i) => {
    const key = cmds[i].split(',')[0];
    const parsed = JSON.parse(text) as Record<string, unknown>;
    return parsed[key] ?? null;
  });
  return { hello: JSON.parse(r.hello) as Hello, values };
}

/** The socket's greeting (DPDK version and pid), or null when it does not answer. */
export function telemetryHello(socket: string): Hello | null {
  try { return telemetryQuery(socket, [], 1000).hello; } catch { return null; }
}

interface EthInfo {
  name: string; state: number; nb_rx_queues: number; nb_tx_queues: number; port_id: number; mtu: number;
  mac_addr: string; promiscuous: number; dev_started: number; numa_node: number;
}

/** /ethdev/info as the inferior's RawPort; what telemetry does not say is left out. */
export function portFromInfo(i: EthInfo): RawPort {
  return {
    port: i.port_id, name: i.name, mac: i.mac_addr,
    state: i.state === 1 ? 'attached' : i.state === 2 ? 'removed' : 'unused', started: i.dev_started === 1,
    socket: i.numa_node, rxQueues: i.nb_rx_queues, txQueues: i.nb_tx_queues, mtu: i.mtu, promiscuous: i.promiscuous === 1,
  };
}

interface LinkStatus { status: string; speed?: number; duplex?: string }

function ports(socket: string): RawPort[] {
  const { values: [list] } = telemetryQuery(socket, ['/ethdev/list']);
  const ids = (list as number[] | null) ?? [];
  if (!ids.length) return [];
  const { values } = telemetryQuery(socket, ids.flatMap((p) => [`/ethdev/info,${p}`, `/ethdev/link_status,${p}`]));
  const out: RawPort[] = [];
  for (let i = 0; i < values.length; i += 2) {
    const info = values[i] as EthInfo | null;
    if (!info) continue;
    const port = portFromInfo(info);
    const l = values[i + 1] as LinkStatus | null;
    if (l) port.link = { up: l.status === 'UP', speedMbps: l.speed ?? 0, fullDuplex: l.duplex === 'full-duplex', autoneg: false };
    out.push(port);
  }
  return out;
}

/**
 * Ports the application has (its telemetry says) that a secondary of the shell's build does not
 * see: a secondary attaches each port with its own driver, and the shell's build has only the
 * vdev drivers (a PCI NIC's port, for one, stays invisible to it).
 */
export function unseenPorts(socket: string, seen: number[]): { port: number; name: string }[] {
  try {
    return ports(socket).filter((p) => !seen.includes(p.port)).map((p) => ({ port: p.port, name: p.name }));
  } catch {
    return [];
  }
}

/** The session's requests, answered from the telemetry socket. */
export function telemetryCall<K extends OpName>(t: Target, op: K, args: Ops[K]['args']): Ops[K]['result'] {
  const socket = t.app.telemetry!;
  const a = args as { port?: number };
  switch (op) {
    case 'ports': return ports(socket) as Ops[K]['result'];
    case 'port': return (ports(socket).find((p) => p.port === a.port) ?? null) as Ops[K]['result'];
    case 'stats': {
      const { values: [s] } = telemetryQuery(socket, [`/ethdev/stats,${a.port}`]);
      if (!s) return null as Ops[K]['result'];
      const v = s as Record<string, number>;
      const r: RawStats = { ret: 0, ipackets: v.ipackets, opackets: v.opackets, ibytes: v.ibytes, obytes: v.obytes, imissed: v.imissed, ierrors: v.ierrors, oerrors: v.oerrors, rxNombuf: v.rx_nombuf };
      return r as Ops[K]['result'];
    }
    case 'xstats': {
      const { values: [x] } = telemetryQuery(socket, [`/ethdev/xstats,${a.port}`]);
      if (!x) return null as Ops[K]['result'];
      const xstats = Object.entries(x as Record<string, number>).map(([name, value], id) => ({ id, name, value }));
      return { ret: xstats.length, xstats, log: [] } as unknown as Ops[K]['result'];
    }
    case 'ealInfo': {
      const { hello, values: [params] } = telemetryQuery(socket, ['/eal/params']);
      const argv = (params as string[] | null) ?? t.app.argv;
      return { version: hello.version, ready: true, args: argv.slice(1), pid: hello.pid, maxPorts: 0, readOnly: true } as unknown as Ops[K]['result'];
    }
    default:
      throw new InferiorError('read-only', `read-only view of pid ${t.app.pid} through its telemetry socket: '${op}' needs the application's EAL, which the shell could not join${t.why ? ` (${t.why})` : ''}`);
  }
}
