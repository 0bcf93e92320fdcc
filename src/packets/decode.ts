// The one-line packet summary shared by `rx` and `pcap`, in the words tcpdump -nn -e uses
// (so a line can be checked against tcpdump's own reading of the same file).
const ETHERTYPES: Record<number, string> = { 0x0800: 'IPv4', 0x0806: 'ARP', 0x86dd: 'IPv6', 0x8100: '802.1Q', 0x88a8: '802.1Q-QinQ' };

const mac = (b: Uint8Array, o: number): string => Array.from(b.subarray(o, o + 6), (x) => x.toString(16).padStart(2, '0')).join(':');
const u16 = (b: Uint8Array, o: number): number => (b[o] << 8) | b[o + 1];
const u32 = (b: Uint8Array, o: number): number => ((b[o] << 24) >>> 0) + (b[o + 1] << 16) + (b[o + 2] << 8) + b[o + 3];
const ip4 = (b: Uint8Array, o: number): string => `${b[o]}.${b[o + 1]}.${b[o + 2]}.${b[o + 3]}`;

function ip6(b: Uint8Array, o: number): string {
  const g = Array.from({ length: 8 }, (_, i) => u16(b, o + 2 * i));
  // RFC 5952: compress the longest run (>= 2) of zero groups.
  let best = -1, bestLen = 0;
  for (let i = 0; i < 8;) {
    if (g[i] !== 0) { i++; continue; }
    let j = i;
    while (j < 8 && g[j] === 0) j++;
    if (j - i > bestLen && j - i >= 2) { best = i; bestLen = j - i; }
    i = j;
  }
  const h = g.map((x) => x.toString(16));
  if (best < 0) return h.join(':');
  return `${h.slice(0, best).join(':')}::${h.slice(best + bestLen).join(':')}`;
}

const TCP_FLAGS: [number, string][] = [[0x02, 'S'], [0x01, 'F'], [0x04, 'R'], [0x08, 'P'], [0x10, '.'], [0x20, 'U'], [0x40, 'E'], [0x80, 'W']];

function l4(b: Uint8Array, o: number, end: number, proto: number, src: string, dst: string, sep: string): string {
  if (proto === 17 && end - o >= 8) return `${src}${sep}${u16(b, o)} > ${dst}${sep}${u16(b, o + 2)}: UDP, length ${u16(b, o + 4) - 8}`;
  if (proto === 6 && end - o >= 20) {
    const off = (b[o + 12] >> 4) * 4;
    const fl = b[o + 13];
    const flags = TCP_FLAGS.filter(([bit]) => fl & bit).map(([, c]) => c).join('') || 'none';
    const len = Math.max(0, end - o - off);
    const seq = u32(b, o + 4);
    const ack = fl & 0x10 ? `, ack ${u32(b, o + 8)}` : '';
    const seqText = len > 0 ? `${seq}:${(seq + len) >>> 0}` : `${seq}`;
    return `${src}${sep}${u16(b, o)} > ${dst}${sep}${u16(b, o + 2)}: Flags [${flags}], seq ${seqText}${ack}, win ${u16(b, o + 14)}, length ${len}`;
  }
  if (proto === 1 && end - o >= 4) {
    const kinds: Record<number, string> = { 0: 'echo reply', 8: 'echo request', 3: 'unreachable', 11: 'time exceeded' };
    const k = kinds[b[o]] ?? `type ${b[o]}`;
    const idseq = (b[o] === 0 || b[o] === 8) && end - o >= 8 ? `, id ${u16(b, o + 4)}, seq ${u16(b, o + 6)}` : '';
    return `${src} > ${dst}: ICMP ${k}${idseq}, length ${end - o}`;
  }
  if (proto === 58 && end - o >= 4) return `${src} > ${dst}: ICMP6, type ${b[o]}, length ${end - o}`;
  return `${src} > ${dst}: ip-proto-${proto} ${end - o}`;
}

function payload(b: Uint8Array, o: number, type: number): string {
  if (type === 0x0800 && b.length - o >= 20) {
    const ihl = (b[o] & 0x0f) * 4;
    const total = u16(b, o + 2);
    const end = Math.min(b.length, o + total);
    const frag = u16(b, o + 6) & 0x1fff;
    if (frag) return `${ip4(b, o + 12)} > ${ip4(b, o + 16)}: ip-proto-${b[o + 9]} (fragment offset ${frag * 8})`;
    return l4(b, o + ihl, end, b[o + 9], ip4(b, o + 12), ip4(b, o + 16), '.');
  }
  if (type === 0x86dd && b.length - o >= 40) {
    const end = Math.min(b.length, o + 40 + u16(b, o + 4));
    return l4(b, o + 40, end, b[o + 6], ip6(b, o + 8), ip6(b, o + 24), '.');
  }
  if (type === 0x0806 && b.length - o >= 28) {
    const op = u16(b, o + 6);
    if (op === 1) return `Request who-has ${ip4(b, o + 24)} tell ${ip4(b, o + 14)}, length ${b.length - o}`;
    if (op === 2) return `Reply ${ip4(b, o + 14)} is-at ${mac(b, o + 8)}, length ${b.length - o}`;
    return `ARP op ${op}, length ${b.length - o}`;
  }
  return '';
}

const typeName = (t: number): string => `${ETHERTYPES[t] ?? 'Unknown'} (0x${t.toString(16).padStart(4, '0')})`;

/** One line per frame: `SRC > DST, ethertype IPv4 (0x0800), length 64: 198.18.0.1.9 > 198.18.0.2.9: UDP, length 22`. */
export function summarize(frame: Uint8Array, wireLen = frame.length): string {
  if (frame.length < 14) return `truncated frame, ${frame.length} bytes captured of ${wireLen}`;
  let type = u16(frame, 12);
  let head = `${mac(frame, 6)} > ${mac(frame, 0)}, `;
  if (type < 0x600) return `${head}802.3, length ${wireLen}`;
  let o = 14;
  head += `ethertype ${typeName(type)}, length ${wireLen}: `;
  while ((type === 0x8100 || type === 0x88a8) && frame.length >= o + 4) {
    const tci = u16(frame, o);
    type = u16(frame, o + 2);
    head += `vlan ${tci & 0xfff}, p ${tci >> 13}, ethertype ${typeName(type)}, `;
    o += 4;
  }
  const rest = payload(frame, o, type);
  return rest ? head + rest : head.replace(/(: |, )$/, '');
}

export const fromHex = (hex: string): Uint8Array => Uint8Array.from(Buffer.from(hex, 'hex'));
