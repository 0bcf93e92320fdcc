// The typed face of native/vdev.node. Only src/inferior/ imports this file: the addon runs
// DPDK, and DPDK lives in the inferior process. Its shapes are src/protocol/raw*.ts, which the
// shell reads too where they cross the wire as they are.
import { createRequire } from 'node:module';
import { addonPath } from '../util/paths.js';
import type { RawLogLine, RawResult, RawHotplug, RawVdevDriver, RawPort, RawStats, RawOps, RawSymbol, RawStructLayout, RawEalInfo } from '../protocol/raw.js';
import type { RawPktPool, RawPortStart, RawTxOpts, RawTx, RawRx, RawFwd, RawCapture, RawCaptureStart, RawCaptureStop, RawXstats } from '../protocol/raw-packets.js';

import type { TraceAddon } from './addon-trace.js';

/** The pipes of the request channel (native/channel.cc), close-on-exec. */
export interface ChannelPipes { requestRead: number; requestWrite: number; replyRead: number; replyWrite: number }

/** Every function of vdev.node; the trace area's are declared in ./addon-trace.ts. */
export interface Addon extends TraceAddon {
  /** vdevNames: devices the --vdev arguments create, whose probe chains are recorded too. */
  ealInit(args: string[], vdevNames?: string[]): RawResult & { chains?: { name: string; seq: number }[] };
  /** record=false: no probe-chain record (and probeEntered stays false). */
  hotplugAdd(name: string, args: string, record?: boolean): RawHotplug;
  hotplugRemove(name: string): RawResult;
  /** A device of this name is on the vdev bus (a closed port's device stays there). */
  onVdevBus(name: string): boolean;
  vdevDriver(name: string): RawVdevDriver | null;
  logDrain(): RawLogLine[];
  ealInfo(): RawEalInfo;
  /** rte_eal_cleanup (a secondary leaving its application). */
  ealCleanup(): number;
  ports(): RawPort[];
  port(id: number): RawPort | null;
  /** The ids alone, without asking ethdev about each port. */
  portIds(): number[];
  stats(id: number): RawStats | null;
  statsReset(id: number): number | null;
  macSet(id: number, mac: string): { ret: number; log: RawLogLine[] } | number | null;
  portClose(id: number): { ret: number; log: RawLogLine[] } | null;
  ops(id: number): RawOps | null;
  maxPorts: number;
  symbolize(addrs: bigint[]): RawSymbol[];
  lookupSymbol(name: string): bigint | null;
  structLayout(name: string): RawStructLayout | null;
  installCrashHandler(fd: number): void;
  /** dladdr of the addon: its load base, to translate a dead inferior's crash addresses. */
  loadBase(): { base: bigint; path: string } | null;
  // packets area (native/packets.cc); shapes in src/protocol/raw-packets.ts
  pktPool(): RawPktPool;
  portStart(id: number): RawPortStart | null;
  portStop(id: number): RawPortStart | null;
  tx(id: number, opts: RawTxOpts): RawTx | null;
  rx(id: number, opts: { count: number; timeoutMs: number; snap: number }): RawRx | null;
  fwd(src: number, dst: number, opts: { count: number; idleMs: number }): RawFwd | null;
  captureStart(id: number, path: string, rx: boolean, tx: boolean): RawCaptureStart | null;
  captureInfo(): RawCapture | null;
  captureStop(): RawCaptureStop | null;
  xstats(id: number): RawXstats | null;
  xstatsReset(id: number): { statsRet: number; xstatsRet: number; log: RawLogLine[] } | null;
  // request channel (native/channel.cc): src/inferior/channel.ts
  /** null: the pipes could not be made (requests stay on IPC). */
  channelPipes(): ChannelPipes | null;
  channelRead(fd: number, buf: Buffer, offset: number, spinUs: number, waitMs: number): number;
}

/** How native/ports.cc hands ports over: numbers and strings packed, per port (see there). */
const NUMS = 17, STRS = 6;

/** Port i's RawPort out of the packed numbers and strings, its keys in the order the shell has always shown. */
function portAt(n: Float64Array, s: string[], i: number): RawPort {
  const a = i * NUMS, b = i * STRS;
  const o = { port: n[a], name: s[b] } as RawPort;
  if (!Number.isNaN(n[a + 1])) {
    o.driver = s[b + 1]; o.maxRxQueues = n[a + 1]; o.maxTxQueues = n[a + 2]; o.maxMacAddrs = n[a + 3]; o.ifIndex = n[a + 4];
  }
  if (n[a + 15] === 1) o.mac = s[b + 2];
  if (!Number.isNaN(n[a + 5])) o.link = { up: n[a + 5] === 1, speedMbps: n[a + 6], fullDuplex: n[a + 7] === 1, autoneg: n[a + 8] === 1 };
  o.state = s[b + 3]; o.started = n[a + 9] === 1; o.socket = n[a + 10]; o.rxQueues = n[a + 11]; o.txQueues = n[a + 12];
  o.mtu = n[a + 13]; o.promiscuous = n[a + 14] === 1;
  if (n[a + 16] === 1) { o.device = s[b + 4]; o.devargs = s[b + 5]; }
  return o;
}

/** The packed ports as RawPorts: each string ends with '\0', so a port is STRS pieces of the split. */
function unpack(nums: Float64Array, strs: string): RawPort[] {
  const s = strs.split('\0');
  const out: RawPort[] = [];
  for (let i = 0; i < (s.length - 1) / STRS; i++) out.push(portAt(nums, s, i));
  return out;
}

interface NativePorts { maxPorts: number; portsPacked(nums: Float64Array): string; portPacked(id: number, nums: Float64Array): string | null }

export function loadAddon(): Addon {
  const require = createRequire(import.meta.url);
  const native = require(addonPath()) as Omit<Addon, 'ports' | 'port'> & NativePorts;
  // One buffer for every call, room for every port ethdev can have; its numbers are copied out at once.
  const nums = new Float64Array(native.maxPorts * NUMS);
  return Object.assign(native, {
    ports: (): RawPort[] => unpack(nums, native.portsPacked(nums)),
    port: (id: number): RawPort | null => {
      const s = native.portPacked(id, nums);
      return s === null ? null : unpack(nums, s)[0];
    },
  }) as Addon;
}
