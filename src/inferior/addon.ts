// The typed face of native/vdev.node. Only src/inferior/ imports this file: the addon runs
// DPDK, and DPDK lives in the inferior process.
import { createRequire } from 'node:module';
import { addonPath } from '../util/paths.js';

export interface RawLogLine { text: string; frames: bigint[] }
export interface RawResult { ret: number; errno: number; errnoText: string; log: RawLogLine[] }
export interface RawHotplug extends RawResult {
  driver: string | null;
  probeEntered: boolean;
  probeRet: number;
  /** The record of the probe chain (native/chain_record.cc), when one was made. */
  chainSeq?: number;
  /** A device of this name was on the vdev bus before the call (22.11 then returns 0, attaches nothing). */
  alreadyOnBus: boolean;
  /** The PMD's own probe function (the trampoline stands in for it during the call). */
  probeAddr: bigint;
}
export interface RawVdevDriver { name: string; alias: string | null; probe: bigint; remove: bigint; drvFlags: number }
export interface RawLink { up: boolean; speedMbps: number; fullDuplex: boolean; autoneg: boolean }
export interface RawPort {
  port: number; name: string; driver?: string; mac?: string; link?: RawLink; state: string;
  started: boolean; socket: number; rxQueues: number; txQueues: number; maxRxQueues?: number;
  maxTxQueues?: number; maxMacAddrs?: number; ifIndex?: number; mtu: number; promiscuous: boolean;
  device?: string; devargs?: string;
}
export interface RawStats {
  ret: number; ipackets?: number; opackets?: number; ibytes?: number; obytes?: number;
  imissed?: number; ierrors?: number; oerrors?: number; rxNombuf?: number;
}
export type BurstName = 'rx_pkt_burst' | 'tx_pkt_burst' | 'tx_pkt_prepare' | 'rx_queue_count' |
  'rx_descriptor_status' | 'tx_descriptor_status';
export interface RawOps {
  table: bigint; size: number; words: bigint[];
  devBurst: Record<BurstName, bigint>; fpBurst: Record<BurstName, bigint>;
}
export interface RawSymbol { addr: bigint; module?: string; fn?: string; offset?: number; file?: string; line?: number }
export interface RawStructLayout { size: number; cu: string; members: { name: string; offset: number; type: string }[] }
export interface RawEalInfo {
  version: string; ready: boolean; lcoreCount?: number; mainLcore?: number; socketCount?: number;
  iovaMode?: string; hasHugepages?: boolean; hasPci?: boolean; processType?: string;
}

export interface Addon {
  /** vdevNames: devices the --vdev arguments create, whose probe chains are recorded too. */
  ealInit(args: string[], vdevNames?: string[]): RawResult & { chains?: { name: string; seq: number }[] };
  hotplugAdd(name: string, args: string): RawHotplug;
  hotplugRemove(name: string): RawResult;
  /** A device of this name is on the vdev bus (a closed port's device stays there). */
  onVdevBus(name: string): boolean;
  vdevDriver(name: string): RawVdevDriver | null;
  logDrain(): RawLogLine[];
  ealInfo(): RawEalInfo;
  ports(): RawPort[];
  port(id: number): RawPort | null;
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
  // packets area (native/packets.cc); shapes in ./addon-packets.ts
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
}
import type { RawPktPool, RawPortStart, RawTxOpts, RawTx, RawRx, RawFwd, RawCapture, RawCaptureStart, RawCaptureStop, RawXstats } from './addon-packets.js';

export function loadAddon(): Addon {
  const require = createRequire(import.meta.url);
  return require(addonPath()) as Addon;
}
