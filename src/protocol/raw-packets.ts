// Raw shapes the packets area of the addon returns (native/packets.cc). Facts only: counts,
// return codes, bytes and the addresses of the burst functions that did the work.
import type { RawLogLine } from './raw.js';

export interface RawRet { ret: number; stage: string; errno: number; errnoText: string; log?: RawLogLine[] }

export interface RawPktPool {
  name: string; size: number; created: boolean; cacheSize?: number; dataRoom?: number; eltSize?: number;
  avail?: number; inUse?: number; createErrno?: number;
}
export interface RawPortStart extends RawRet { started?: boolean; rxQueues?: number; txQueues?: number }

export interface RawTxOpts {
  count: number; size: number; burst: number; proto: 'udp' | 'raw'; dst?: string; src?: string;
  srcIp?: number; dstIp?: number; sport?: number; dport?: number; ttl?: number; ethertype?: number;
}
export interface RawTx extends RawRet {
  requested?: number; sent?: number; refused?: number; bursts?: number; burstSize?: number; ns?: number;
  nombuf?: boolean; frameLen?: number; frame?: Uint8Array; burstFn?: bigint;
}
export interface RawRxPacket { len: number; data: Uint8Array; segs: number; atNs: number }
export interface RawRx extends RawRet { packets?: RawRxPacket[]; polls?: number; ns?: number; timedOut?: boolean; burstFn?: bigint }
export interface RawFwd extends RawRet {
  rx?: number; tx?: number; dropped?: number; polls?: number; ns?: number; rxBurstFn?: bigint; txBurstFn?: bigint;
}
export interface RawCapture {
  port: number; path: string; rxHooked: boolean; txHooked: boolean; rx: number; tx: number; dropped: number; writeErrors: number;
}
export interface RawCaptureStart extends RawRet { capture?: RawCapture }
export interface RawCaptureStop extends RawRet { capture: RawCapture; portAlive: boolean; bytes?: number }
export interface RawXstats { ret: number; xstats?: { id: number; name: string; value: number }[]; log?: RawLogLine[] }
