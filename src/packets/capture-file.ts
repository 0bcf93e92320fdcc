// Reads classic pcap (either byte order, micro- or nanosecond) and pcapng (SHB, IDB, EPB, SPB,
// ISB with their options), the two formats net_pcap and lib pcapng write. Pure: bytes in, data out.

export interface CaptureInterface { id: number; linktype: number; snaplen: number; name?: string; hardware?: string; mac?: string; speed?: number; tsresol: number }
export interface CapturePacket {
  n: number; iface: number; tsNs: bigint; caplen: number; len: number; data: Uint8Array;
  direction?: 'in' | 'out'; queue?: number;
}
export interface CaptureStats { iface: number; ifrecv?: bigint; ifdrop?: bigint; startNs?: bigint; endNs?: bigint; comment?: string }
export interface CaptureFile {
  format: 'pcap' | 'pcapng';
  byteOrder: 'le' | 'be';
  version: string;
  /** pcap: the header's; pcapng: the SHB's hardware/os/application options. */
  section: { hardware?: string; os?: string; application?: string; comment?: string };
  interfaces: CaptureInterface[];
  packets: CapturePacket[];
  stats: CaptureStats[];
  /** Packets in the file (all of them, even when only some were kept). */
  total: number;
  /** Bytes at the end that do not form a whole record (a file still being written, or cut). */
  trailing: number;
}

export class NotACapture extends Error {}

const PCAP_MAGICS: Record<number, { le: boolean; nano: boolean }> = {
  0xa1b2c3d4: { le: false, nano: false }, 0xd4c3b2a1: { le: true, nano: false },
  0xa1b23c4d: { le: false, nano: true }, 0x4d3cb2a1: { le: true, nano: true },
};

/** `keep` limits how many packets keep their bytes; all are still counted. */
export function readCapture(buf: Uint8Array, keep = Infinity): CaptureFile {
  if (buf.length < 4) throw new NotACapture(`too short (${buf.length} bytes) to be a pcap or pcapng file`);
  const dv = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  const magic = dv.getUint32(0, false);
  if (magic === 0x0a0d0d0a) return readPcapng(buf, dv, keep);
  const m = PCAP_MAGICS[magic];
  if (!m) throw new NotACapture(`not a pcap or pcapng file: it starts with ${Buffer.from(buf.subarray(0, 8)).toString('hex')} (pcap starts with a1b2c3d4 or d4c3b2a1, pcapng with 0a0d0d0a)`);
  return readPcap(buf, dv, m.le, m.nano, keep);
}

function readPcap(buf: Uint8Array, dv: DataView, le: boolean, nano: boolean, keep: number): CaptureFile {
  if (buf.length < 24) throw new NotACapture('pcap header is cut short (fewer than 24 bytes)');
  const f: CaptureFile = {
    format: 'pcap', byteOrder: le ? 'le' : 'be', version: `${dv.getUint16(4, le)}.${dv.getUint16(6, le)}`, section: {},
    interfaces: [{ id: 0, linktype: dv.getUint32(20, le) & 0xffff, snaplen: dv.getUint32(16, le), tsresol: nano ? 9 : 6 }],
    packets: [], stats: [], total: 0, trailing: 0,
  };
  let o = 24;
  while (o + 16 <= buf.length) {
    const sec = BigInt(dv.getUint32(o, le));
    const frac = BigInt(dv.getUint32(o + 4, le));
    const caplen = dv.getUint32(o + 8, le);
    const len = dv.getUint32(o + 12, le);
    if (o + 16 + caplen > buf.length) break;
    if (f.packets.length < keep) {
      f.packets.push({ n: f.total + 1, iface: 0, tsNs: sec * 1_000_000_000n + (nano ? frac : frac * 1000n), caplen, len, data: buf.subarray(o + 16, o + 16 + caplen) });
    }
    f.total++;
    o += 16 + caplen;
  }
  f.trailing = buf.length - o;
  return f;
}

interface Opt { code: number; value: Uint8Array }
function options(buf: Uint8Array, dv: DataView, o: number, end: number, le: boolean): Opt[] {
  const out: Opt[] = [];
  while (o + 4 <= end) {
    const code = dv.getUint16(o, le);
    const len = dv.getUint16(o + 2, le);
    if (code === 0) break;
    out.push({ code, value: buf.subarray(o + 4, Math.min(end, o + 4 + len)) });
    o += 4 + ((len + 3) & ~3);
  }
  return out;
}
const text = (v: Uint8Array): string => Buffer.from(v).toString('utf8').replace(/\0+$/, '');
const u64 = (v: Uint8Array, le: boolean): bigint => new DataView(v.buffer, v.byteOffset, v.byteLength).getBigUint64(0, le);

function tsToNs(hi: number, lo: number, tsresol: number): bigint {
  const raw = (BigInt(hi) << 32n) | BigInt(lo);
  if (tsresol & 0x80) return (raw * 1_000_000_000n) / (1n << BigInt(tsresol & 0x7f));
  const units = 10n ** BigInt(tsresol);
  return (raw * 1_000_000_000n) / units;
}

function readPcapng(buf: Uint8Array, dv: DataView, keep: number): CaptureFile {
  if (buf.length < 12) throw new NotACapture('pcapng section header is cut short');
  const bom = dv.getUint32(8, true);
  if (bom !== 0x1a2b3c4d && bom !== 0x4d3c2b1a) throw new NotACapture('pcapng section header has no byte-order magic');
  const le = bom === 0x1a2b3c4d;
  const f: CaptureFile = { format: 'pcapng', byteOrder: le ? 'le' : 'be', version: '', section: {}, interfaces: [], packets: [], stats: [], total: 0, trailing: 0 };
  let o = 0;
  while (o + 12 <= buf.length) {
    const type = dv.getUint32(o, le);
    const blen = dv.getUint32(o + 4, le);
    if (blen < 12 || o + blen > buf.length) break;
    const body = o + 8;
    const end = o + blen - 4;
    if (type === 0x0a0d0d0a) {
      f.version = `${dv.getUint16(body + 4, le)}.${dv.getUint16(body + 6, le)}`;
      f.interfaces = [];
      for (const op of options(buf, dv, body + 16, end, le)) {
        if (op.code === 1) f.section.comment = text(op.value);
        if (op.code === 2) f.section.hardware = text(op.value);
        if (op.code === 3) f.section.os = text(op.value);
        if (op.code === 4) f.section.application = text(op.value);
      }
    } else if (type === 1) {
      const i: CaptureInterface = { id: f.interfaces.length, linktype: dv.getUint16(body, le), snaplen: dv.getUint32(body + 4, le), tsresol: 6 };
      for (const op of options(buf, dv, body + 8, end, le)) {
        if (op.code === 2) i.name = text(op.value);
        if (op.code === 6 && op.value.length >= 6) i.mac = Array.from(op.value.subarray(0, 6), (x) => x.toString(16).padStart(2, '0')).join(':');
        if (op.code === 8 && op.value.length >= 8) i.speed = Number(u64(op.value, le));
        if (op.code === 9 && op.value.length >= 1) i.tsresol = op.value[0];
        if (op.code === 15) i.hardware = text(op.value);
      }
      f.interfaces.push(i);
    } else if (type === 6 || type === 3) {
      const epb = type === 6;
      const iface = epb ? dv.getUint32(body, le) : 0;
      const caplen = epb ? dv.getUint32(body + 12, le) : Math.min(dv.getUint32(body, le), end - body - 4);
      const len = epb ? dv.getUint32(body + 16, le) : dv.getUint32(body, le);
      const dataAt = epb ? body + 20 : body + 4;
      if (f.packets.length < keep) {
        const p: CapturePacket = {
          n: f.total + 1, iface, caplen, len, data: buf.subarray(dataAt, dataAt + caplen),
          tsNs: epb ? tsToNs(dv.getUint32(body + 4, le), dv.getUint32(body + 8, le), f.interfaces[iface]?.tsresol ?? 6) : 0n,
        };
        if (epb) {
          for (const op of options(buf, dv, dataAt + ((caplen + 3) & ~3), end, le)) {
            if (op.code === 2 && op.value.length >= 4) {
              const dir = new DataView(op.value.buffer, op.value.byteOffset, 4).getUint32(0, le) & 3;
              if (dir === 1) p.direction = 'in';
              if (dir === 2) p.direction = 'out';
            }
            if (op.code === 6 && op.value.length >= 4) p.queue = new DataView(op.value.buffer, op.value.byteOffset, 4).getUint32(0, le); // epb_queue
          }
        }
        f.packets.push(p);
      }
      f.total++;
    } else if (type === 5) {
      const s: CaptureStats = { iface: dv.getUint32(body, le) };
      for (const op of options(buf, dv, body + 12, end, le)) {
        if (op.code === 1) s.comment = text(op.value);
        if (op.code === 2 && op.value.length >= 8) s.startNs = u64(op.value, le);
        if (op.code === 3 && op.value.length >= 8) s.endNs = u64(op.value, le);
        if (op.code === 4 && op.value.length >= 8) s.ifrecv = u64(op.value, le);
        if (op.code === 5 && op.value.length >= 8) s.ifdrop = u64(op.value, le);
      }
      f.stats.push(s);
    }
    o += blen;
  }
  f.trailing = buf.length - o;
  return f;
}
