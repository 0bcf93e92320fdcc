// `tx` arguments -> the parameters the native frame builder takes. Bounds live here so every
// bad value is refused before the EAL sees it.
import type { RawTxOpts } from '../protocol/raw-packets.js';
import { intIn, ipv4ToU32, isMac, parseKv } from './kv.js';

/** One command blocks the inferior (the EAL is single-threaded here) while its loop runs. */
export const MAX_TX_COUNT = 100_000;
export const MAX_FRAME = 2048; // the shell's mbufs have a 2048-byte data room (RTE_MBUF_DEFAULT_DATAROOM)
const MIN_UDP = 14 + 20 + 8;
const MIN_RAW = 14;

export const TX_KEYS = ['count', 'size', 'dst', 'src', 'proto', 'src-ip', 'dst-ip', 'sport', 'dport', 'ttl', 'ethertype', 'burst'];

export type TxParse = { ok: true; opts: RawTxOpts } | { ok: false; message: string; hint?: string };

export function parseTxOptions(argv: string[]): TxParse {
  const kv = parseKv(argv, { keys: TX_KEYS });
  if (!kv.ok) return kv;
  const v = kv.values;
  const proto = (v.proto ?? 'udp').toLowerCase();
  if (proto !== 'udp' && proto !== 'raw') return { ok: false, message: `proto must be udp or raw, got '${v.proto}'` };
  const min = proto === 'udp' ? MIN_UDP : MIN_RAW;
  const nums = {
    count: intIn('count', v.count, 1, 1, MAX_TX_COUNT, 'one command blocks the EAL while it sends; repeat the command for more'),
    size: intIn('size', v.size, 64, min, MAX_FRAME, `frame bytes without FCS; ${proto} frames need at least ${min}, the shell's mbufs hold ${MAX_FRAME}`),
    sport: intIn('sport', v.sport, 9, 0, 65535), dport: intIn('dport', v.dport, 9, 0, 65535),
    ttl: intIn('ttl', v.ttl, 64, 1, 255), ethertype: intIn('ethertype', v.ethertype, 0x88b5, 0x600, 0xffff),
    burst: intIn('burst', v.burst, 32, 1, 64),
  };
  for (const x of Object.values(nums)) if (typeof x === 'string') return { ok: false, message: x };
  const n = nums as Record<keyof typeof nums, number>;
  for (const k of ['dst', 'src'] as const) {
    if (v[k] !== undefined && !isMac(v[k])) return { ok: false, message: `${k} must be a MAC address like 02:00:00:00:00:01, got '${v[k]}'` };
  }
  const ips: Record<string, number | undefined> = {};
  for (const k of ['src-ip', 'dst-ip'] as const) {
    if (v[k] === undefined) continue;
    const ip = ipv4ToU32(v[k]);
    if (ip === null) return { ok: false, message: `${k} must be an IPv4 address like 198.18.0.1, got '${v[k]}'` };
    ips[k] = ip;
  }
  const opts: RawTxOpts = {
    count: n.count, size: n.size, burst: n.burst, proto: proto as 'udp' | 'raw', sport: n.sport, dport: n.dport, ttl: n.ttl,
    ethertype: n.ethertype,
    ...(v.dst ? { dst: v.dst } : {}), ...(v.src ? { src: v.src } : {}),
    ...(ips['src-ip'] !== undefined ? { srcIp: ips['src-ip'] } : {}), ...(ips['dst-ip'] !== undefined ? { dstIp: ips['dst-ip'] } : {}),
  };
  return { ok: true, opts };
}
