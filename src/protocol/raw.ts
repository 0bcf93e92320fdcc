// Raw shapes the addon returns (native/*.cc): facts only, as the EAL gave them. The shell sees
// the ones that cross the wire as they are (RawPort, RawEalInfo...); the rest stay in the inferior.
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
