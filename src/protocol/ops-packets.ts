// Protocol ops of the packets area (port start/stop, tx, rx, fwd, capture, xstats). Replies carry
// the burst functions symbolized (eth_pcap_tx, eth_null_tx, pmd_tx_burst...) and bytes as hex.
import type { Frame, LogLine } from './ops.js';
import type { RawCapture, RawPktPool, RawTxOpts } from './raw-packets.js';

export type { RawCapture, RawPktPool, RawTxOpts };

export interface PacketRet { ret: number; stage: string; errno: number; errnoText: string; log: LogLine[] }
export interface PortStartReply extends PacketRet { started?: boolean; rxQueues?: number; txQueues?: number }
export interface TxReply extends PacketRet {
  requested?: number; sent?: number; refused?: number; bursts?: number; burstSize?: number; ns?: number;
  nombuf?: boolean; frameLen?: number; frameHex?: string; burstFn?: Frame | null;
}
export interface RxPacket { len: number; hex: string; segs: number; atNs: number }
export interface RxReply extends PacketRet { packets?: RxPacket[]; polls?: number; ns?: number; timedOut?: boolean; burstFn?: Frame | null }
export interface FwdReply extends PacketRet {
  rx?: number; tx?: number; dropped?: number; polls?: number; ns?: number; rxBurstFn?: Frame | null; txBurstFn?: Frame | null;
}
export interface CaptureReply extends PacketRet { capture?: RawCapture; portAlive?: boolean; bytes?: number }
export interface Xstat { id: number; name: string; value: number }
export interface XstatsReply { ret: number; xstats: Xstat[]; log: LogLine[] }

export interface PacketOps {
  pktPool: { args: Record<string, never>; result: RawPktPool };
  /** emitters: false leaves the lines unsymbolized (a proof's backend: DWARF stays unloaded in a fresh EAL). */
  portStart: { args: { port: number; emitters?: boolean }; result: PortStartReply | null };
  portStop: { args: { port: number; emitters?: boolean }; result: PortStartReply | null };
  tx: { args: { port: number; opts: RawTxOpts }; result: TxReply | null };
  rx: { args: { port: number; count: number; timeoutMs: number; snap: number }; result: RxReply | null };
  fwd: { args: { src: number; dst: number; count: number; idleMs: number }; result: FwdReply | null };
  captureStart: { args: { port: number; path: string; rx: boolean; tx: boolean }; result: CaptureReply | null };
  captureInfo: { args: Record<string, never>; result: RawCapture | null };
  captureStop: { args: Record<string, never>; result: CaptureReply | null };
  xstats: { args: { port: number }; result: XstatsReply | null };
  xstatsReset: { args: { port: number }; result: { statsRet: number; xstatsRet: number; log: LogLine[] } | null };
}
