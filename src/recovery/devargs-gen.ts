// Random devargs for fuzzing real probes (scripts/fuzz-probes.mjs, tests/recovery/fuzz.test.ts):
// a driver name or alias with odd suffixes, its declared keys plus undeclared ones, and values
// of every awkward shape (none, empty, huge, negative, not a number, paths, FIFOs, MACs).
// Host objects are confined to what the caller owns: files live in the caller's temp dir, and a
// tap always gets exactly one iface= from the caller's vdsh* names and otherwise only keys it
// declares, each once: net_tap reads iface= only from a string its kvargs parse (an unknown key
// fails it; a key without a value does not) with iface given once, and otherwise creates a kernel
// interface under DPDK's default name (dtapN), which nobody here owns. Seeded, so a run can be replayed.
import type { DriverInfo } from '../session/drivers.js';

export interface GenHost {
  /** Directory for files and sockets. */
  tmp: string;
  /** A FIFO inside tmp (blocks whoever opens it). */
  fifo?: string;
  /** An existing interface this run owns (a veth end), for af_packet/pcap. */
  iface?: string;
  /** A fresh interface name for a tap of this case (vdsh*, <= 15 chars). */
  tapName(i: number): string;
}

export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const EXTRA_KEYS = ['internal', 'persist', 'foo', 'legacy-ol-flags', 'iface', 'path', 'queues', 'mac', 'size'];

export function randomDevargs(r: () => number, drivers: DriverInfo[], host: GenHost, i: number): string {
  const pick = <T>(xs: T[]): T => xs[Math.floor(r() * xs.length)];
  const d = pick(drivers);
  const base = r() < 0.2 && d.alias ? d.alias : d.name;
  const name = base + pick(['0', '1', String(i % 10), '_x', 'abc', '_pdump_0', '']);
  const isTap = /tap|tun/.test(d.name);
  const values = (kind: string): string | null => pick([
    null, null, null, '', '0', '1', '2', '-1', '64', '4096', '65536', '99999999999', '1x', 'abc', ' 1', '0x10',
    `${host.tmp}/f${i}.pcap`, `${host.tmp}/nope/${i}`, `${host.tmp}/s${i}.sock`, ...(host.fifo ? [host.fifo] : []),
    '02:00:00:00:00:01', '01:00:5e:00:00:01', 'zz', 'fixed', ...(host.iface ? [host.iface] : []), 'nosuchif0', 'a:0:CREATE', 'vdshr:0:ATTACH',
    ...(kind === 'bool' ? ['0', '1'] : kind === 'int' ? ['1', '8'] : []),
  ]);
  const kv: string[] = [];
  if (isTap) kv.push(`iface=${host.tapName(i)}`);
  // Often start from a base that gets past the first check, so the later key handlers run too.
  else if (host.iface && d.keys.some((k) => k.key === 'iface') && !d.keys.some((k) => k.key === 'path') && r() < 0.6) kv.push(`iface=${/vhost/.test(d.name) ? `${host.tmp}/v${i}.sock` : host.iface}`);
  if (d.keys.some((k) => k.key === 'path') && r() < 0.6) kv.push(`path=${host.tmp}/s${i}.sock`);
  const n = Math.floor(r() * 4);
  const used = new Set<string>();
  for (let k = 0; k < n; k++) {
    const spec = (isTap || r() < 0.75) && d.keys.length ? pick(d.keys) : null;
    const key = spec?.key ?? pick(EXTRA_KEYS);
    if (isTap && (key === 'iface' || used.has(key))) continue;
    const v = values(spec?.kind ?? 'other');
    used.add(key);
    kv.push(v === null ? key : `${key}=${v}`);
  }
  return [name, ...kv].join(',');
}
