// The packets area's result kinds and their data: port start/stop, tx, rx, fwd, capture, pcap, xstats.
import type { Frame } from '../protocol/ops.js';
import type { PortStartReply, RawPktPool, Xstat } from '../protocol/ops-packets.js';
import type { CaptureFile, CaptureInterface } from '../packets/capture-file.js';

export interface PortStartData {
  ports: { port: number; name: string; already: boolean; rxQueues?: number; txQueues?: number }[];
  pool: RawPktPool;
}
export interface PortStopData { ports: { port: number; name: string; already: boolean }[] }
/** port start / stop (or a command that started the port for itself) that DPDK refused. */
export type PortStartFailure = PortStartReply & { port: number; name?: string };

export interface TxData {
  port: number; name: string; autoStarted: boolean; requested: number; sent: number; refused: number; bursts: number;
  burstSize?: number; ns: number; pps: number; frameLen?: number; frame: string | null; frameHex?: string;
  burstFn: Frame | null; mempoolEmpty: boolean;
}

export interface PacketLine { n: number; line: string; hex: string }
export interface RxData {
  port: number; name: string; autoStarted: boolean; requested: number; received: number; timedOut: boolean; polls: number;
  ns: number; burstFn: Frame | null; hexDump: boolean; packets: (PacketLine & { len: number; atNs: number })[];
}
/** rx or fwd from a port whose rx_pkt_burst never returns a packet. */
export interface NoRx { port?: number; src?: number; burstFn: Frame | null }

export interface FwdData {
  src: number; srcName: string; dst: number; dstName: string; rx: number; tx: number; dropped: number; ns: number;
  reachedCount: boolean; rxBurstFn: Frame | null; txBurstFn: Frame | null;
}

export interface CaptureData { port: number; name: string; file: string; direction: string; autoStarted: boolean; stage: string }
export interface CaptureStopData {
  port: number; file: string; rx: number; tx: number; dropped: number; writeErrors: number; bytes: number | null;
  portAlive: boolean; packetsInFile: number | null; interfaces: string[];
}

export interface PcapData {
  file: string; format: CaptureFile['format']; version: string; byteOrder: CaptureFile['byteOrder']; section: CaptureFile['section'];
  interfaces: CaptureInterface[]; total: number; shown: number; trailingBytes: number; hexDump: boolean;
  stats: { iface: number; ifrecv: string | null; ifdrop: string | null; comment: string | null }[];
  packets: (PacketLine & { tsNs: string; iface: number; caplen: number; len: number; direction?: string; queue?: number })[];
}

export interface XstatsData { ports: { port: number; name: string; ret: number; xstats: Xstat[] }[] }
export interface ClearStatsData { ports: { port: number; name: string; statsRet: number; xstatsRet: number }[] }

/** The packets area's result kinds: kind -> data (src/format/areas/packets.ts formats each). */
export interface PacketsKinds {
  'port-start': PortStartData | PortStartFailure;
  'port-stop': PortStopData | PortStartFailure;
  tx: TxData;
  rx: RxData | NoRx;
  fwd: FwdData | NoRx;
  capture: CaptureData;
  'capture-stop': CaptureStopData;
  pcap: PcapData;
  'port-xstats': XstatsData;
  'clear-stats': ClearStatsData;
}
