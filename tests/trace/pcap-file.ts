// A tiny valid pcap file (one 60-byte Ethernet frame) for rx_pcap= ports.
import fs from 'node:fs';

export function writeTinyPcap(file: string): void {
  const g = Buffer.alloc(24);
  g.writeUInt32LE(0xa1b2c3d4, 0); g.writeUInt16LE(2, 4); g.writeUInt16LE(4, 6);
  g.writeUInt32LE(65535, 16); g.writeUInt32LE(1, 20); // snaplen, LINKTYPE_ETHERNET
  const rec = Buffer.alloc(16);
  rec.writeUInt32LE(1, 0); rec.writeUInt32LE(0, 4); rec.writeUInt32LE(60, 8); rec.writeUInt32LE(60, 12);
  const frame = Buffer.alloc(60);
  frame.fill(0xff, 0, 6); Buffer.from([0x02, 0, 0, 0, 0, 1]).copy(frame, 6); frame.writeUInt16BE(0x0800, 12);
  fs.writeFileSync(file, Buffer.concat([g, rec, frame]));
}
