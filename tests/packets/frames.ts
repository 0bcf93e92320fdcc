// Test frames built byte by byte here (not by the code under test) and a classic pcap writer.
const macBytes = (m: string): number[] => m.split(':').map((x) => parseInt(x, 16));
const be16 = (v: number): number[] => [(v >> 8) & 0xff, v & 0xff];
const ip = (a: string): number[] => a.split('.').map(Number);

function cksum(bytes: number[]): number {
  let s = 0;
  for (let i = 0; i < bytes.length; i += 2) s += (bytes[i] << 8) + (bytes[i + 1] ?? 0);
  while (s > 0xffff) s = (s & 0xffff) + (s >> 16);
  return ~s & 0xffff;
}

export function eth(dst: string, src: string, type: number, payload: number[]): number[] {
  return [...macBytes(dst), ...macBytes(src), ...be16(type), ...payload];
}

export function ipv4(src: string, dst: string, proto: number, l4: number[]): number[] {
  const h = [0x45, 0, ...be16(20 + l4.length), 0, 1, 0, 0, 64, proto, 0, 0, ...ip(src), ...ip(dst)];
  const c = cksum(h);
  h[10] = c >> 8; h[11] = c & 0xff;
  return [...h, ...l4];
}

export const udp = (sport: number, dport: number, data: number[]): number[] => [...be16(sport), ...be16(dport), ...be16(8 + data.length), 0, 0, ...data];
export const tcp = (sport: number, dport: number, seq: number, ack: number, flags: number, data: number[] = []): number[] =>
  [...be16(sport), ...be16(dport), ...be16(seq >>> 16), ...be16(seq & 0xffff), ...be16(ack >>> 16), ...be16(ack & 0xffff), 0x50, flags, ...be16(8192), 0, 0, 0, 0, ...data];
export const icmpEcho = (id: number, seq: number, data: number[]): number[] => [8, 0, 0, 0, ...be16(id), ...be16(seq), ...data];
export const arpRequest = (srcMac: string, srcIp: string, targetIp: string): number[] =>
  [0, 1, 8, 0, 6, 4, 0, 1, ...macBytes(srcMac), ...ip(srcIp), 0, 0, 0, 0, 0, 0, ...ip(targetIp)];
export const arpReply = (srcMac: string, srcIp: string, dstMac: string, dstIp: string): number[] =>
  [0, 1, 8, 0, 6, 4, 0, 2, ...macBytes(srcMac), ...ip(srcIp), ...macBytes(dstMac), ...ip(dstIp)];

export const bytes = (n: number, start = 0): number[] => Array.from({ length: n }, (_, i) => (i + start) & 0xff);

/** Classic little-endian microsecond pcap, linktype Ethernet. */
export function pcapFile(frames: number[][]): Buffer {
  const hdr = Buffer.alloc(24);
  hdr.writeUInt32LE(0xa1b2c3d4, 0); hdr.writeUInt16LE(2, 4); hdr.writeUInt16LE(4, 6);
  hdr.writeUInt32LE(65535, 16); hdr.writeUInt32LE(1, 20);
  const recs = frames.map((f, i) => {
    const r = Buffer.alloc(16);
    r.writeUInt32LE(1700000000 + i, 0); r.writeUInt32LE(i * 10, 4); r.writeUInt32LE(f.length, 8); r.writeUInt32LE(f.length, 12);
    return Buffer.concat([r, Buffer.from(f)]);
  });
  return Buffer.concat([hdr, ...recs]);
}

/** A mixed set of frames tcpdump has words for. */
export function sampleFrames(): number[][] {
  const A = '02:00:00:00:00:01', B = '02:00:00:00:00:02';
  return [
    eth(B, A, 0x0800, ipv4('10.0.0.1', '10.0.0.2', 17, udp(4000, 9, bytes(22)))),
    eth('ff:ff:ff:ff:ff:ff', A, 0x0806, arpRequest(A, '10.0.0.1', '10.0.0.2')),
    eth(A, B, 0x0806, arpReply(B, '10.0.0.2', A, '10.0.0.1')),
    eth(B, A, 0x0800, ipv4('10.0.0.1', '10.0.0.2', 1, icmpEcho(7, 1, bytes(56)))),
    eth(B, A, 0x0800, ipv4('10.0.0.1', '10.0.0.2', 6, tcp(40000, 33333, 1000, 0, 0x02))),
    eth(A, B, 0x0800, ipv4('10.0.0.2', '10.0.0.1', 6, tcp(33333, 40000, 5000, 1001, 0x18, bytes(100)))),
    eth(B, A, 0x0800, ipv4('10.0.0.1', '10.0.0.2', 17, udp(5000, 33334, bytes(1000, 3)))),
    eth(B, A, 0x8100, [0x20, 0x05, 0x08, 0x00, ...ipv4('10.0.0.1', '10.0.0.2', 17, udp(4001, 9, bytes(30)))]),
  ];
}
