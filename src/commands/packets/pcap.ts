// pcap FILE [count N] [hex]: decode a pcap or pcapng file in the shell, same lines as `rx`.
import fs from 'node:fs';
import type { CommandSpec } from '../types.js';
import { fail, ok } from '../types.js';
import { NotACapture, readCapture } from '../../packets/capture-file.js';
import { summarize } from '../../packets/decode.js';

export const MAX_PCAP_LINES = 100_000;

export const pcap: CommandSpec = {
  path: ['pcap'],
  section: 'Ports',
  summary: 'decode a pcap or pcapng file: one tcpdump-like line per packet',
  details: 'Default: the first 1000 packets (count up to 100000). Example: pcap report.pcap count 5 hex',
  args: [{ name: 'FILE', kind: 'file' }],
  keys: [
    { name: 'count', value: 'N', summary: 'packets to show at most', int: { min: 1, max: MAX_PCAP_LINES, def: 1000, why: 'each packet is a line of output' } },
    { name: 'hex', summary: 'a hex dump under each packet' },
  ],
  async run(ctx, { args }) {
    const count = args.int('count');
    const file = args.file('FILE');
    let bytes: Buffer;
    try {
      bytes = fs.readFileSync(file);
    } catch (e) {
      const err = e as NodeJS.ErrnoException;
      return fail('cannot-read', `cannot read ${file}: ${err.code === 'ENOENT' ? 'no such file' : err.code === 'EISDIR' ? 'it is a directory' : err.message}`);
    }
    let f;
    try {
      f = readCapture(bytes, count);
    } catch (e) {
      if (e instanceof NotACapture) return fail('not-a-capture', `${file} is ${e.message}`, 'give a file written by tcpdump, net_pcap (tx_pcap=) or capture');
      throw e;
    }
    const packets = f.packets.map((p) => ({
      n: p.n, tsNs: p.tsNs.toString(), iface: p.iface, caplen: p.caplen, len: p.len,
      ...(p.direction ? { direction: p.direction } : {}), ...(p.queue !== undefined ? { queue: p.queue } : {}),
      line: f.interfaces[p.iface]?.linktype === 1 ? summarize(p.data, p.len) : `linktype ${f.interfaces[p.iface]?.linktype}, length ${p.len}`,
      hex: Buffer.from(p.data).toString('hex'),
    }));
    return ok('pcap', {
      file, format: f.format, version: f.version, byteOrder: f.byteOrder, section: f.section, interfaces: f.interfaces,
      total: f.total, shown: packets.length, trailingBytes: f.trailing, hexDump: args.flag('hex'),
      stats: f.stats.map((s) => ({ iface: s.iface, ifrecv: s.ifrecv?.toString() ?? null, ifdrop: s.ifdrop?.toString() ?? null, comment: s.comment ?? null })),
      packets,
    });
  },
};
