// `tx` arguments -> the parameters the native frame builder takes. Bounds live here so every
// bad value is refused before the EAL sees it.
import type { RawTxOpts } from '../protocol/raw-packets.js';
import type { KeySpec } from '../commands/types.js';
import { intIn, ipv4ToU32, isMac, parseKv } from './kv.js';

/** One command blocks the inferior (the EAL is single-threaded here) while its loop runs. */
export const MAX_TX_COUNT = 100_000;
export const MAX_FRAME = 2048; // the shell's mbufs have a 2048-byte data room (RTE_MBUF_DEFAULT_DATAROOM)
const MIN_UDP = 14 + 20 + 8;
const MIN_RAW = 14;

/** The keys `tx` takes (declared on the command: help and completion list them); values checked below. */
export const TX_KEY_SPECS: KeySpec[] = [
  { name: 'count', value: 'N', summary: `frames to send (1..${MAX_TX_COUNT}, default 1)` },
  { name: 'size', value: 'BYTES', summary: `frame length without FCS (default 64, at most ${MAX_FRAME})` },
  { name: 'dst', value: 'MAC', summary: 'destination MAC (default ff:ff:ff:ff:ff:ff)' },
  { name: 'src', value: 'MAC', summary: "source MAC (default the port's)" },
  { name: 'proto', value: 'udp|raw', summary: 'IPv4/UDP with correct checksums (default) or a raw Ethernet payload' },
  { name: 'src-ip', value: 'A', summary: 'IPv4 source (default 198.18.0.1)' },
  { name: 'dst-ip', value: 'A', summary: 'IPv4 destination (default 198.18.0.2)' },
  { name: 'sport', value: 'N', summary: 'UDP source port (default 9)' },
  { name: 'dport', value: 'N', summary: 'UDP destination port (default 9)' },
  { name: 'ttl', value: 'N', summary: 'IPv4 TTL (default 64)' },
  { name: 'ethertype', value: '0xNNNN', summary: 'EtherType of a raw frame (default 0x88b5)' },
  { name: 'burst', value: 'N', summary: 'frames per rte_eth_tx_burst (1..64, default 32)' },
];
export const TX_KEYS = TX_KEY_SPECS.map((k) => k.name);

export type TxParse = { ok: true; opts: RawTxOpts } | { ok: false; message: string; hint?: string };

export function parseTxOptions(argv: string[]): TxParse {
  const kv = parseKv(argv, { keys: TX_KEYS });
  return kv.ok ? txOptions(kv.values) : kv;
}

/** The KEY VALUE pairs given (names already checked) -> the frame builder's parameters, or what is wrong. */
export function txOptions(v: Record<string, string>): TxParse {
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
