// Packets through real ports, checked with an outside reader (tcpdump): tx into a tx_pcap file,
// the seed's pdump pattern (rx_pcap forwarded to net_pcap_pdump_0), pcapng capture.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, type JsonLine } from '../helpers/cli.js';
import { tmpDir } from '../helpers/tmp.js';
import { readCapture } from '../../src/packets/capture-file.js';
import { pcapFile, sampleFrames } from './frames.js';
import { dpdkBuild } from '../../src/util/paths.js';

const tcpdump = (file: string, ...flags: string[]): string[] =>
  execFileSync('tcpdump', ['-nn', '-e', ...flags, '-r', file], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).split('\n').filter(Boolean);
/** tcpdump lines without their timestamps (the writer stamps its own time). */
const untimed = (lines: string[]): string[] => lines.map((l) => l.replace(/^\d\d:\d\d:\d\d\.\d+ /, ''));
const cmd = (r: { json: JsonLine[] }, prefix: string): JsonLine => {
  const j = r.json.find((x) => x.cmd.startsWith(prefix));
  if (!j) throw new Error(`no result for ${prefix}: ${r.json.map((x) => x.cmd).join(' | ')}`);
  return j;
};

/** 8 sample frames, repeated with a counter byte changed so every packet differs: 200 packets. */
function inputFrames(): number[][] {
  const base = sampleFrames();
  return Array.from({ length: 200 }, (_, i) => { const f = [...base[i % base.length]]; f[f.length - 1] = i & 0xff; return f; });
}

describe('packets through ports', () => {
  it('tx 0 count 10 into a tx_pcap port: tcpdump reads 10 frames with the sizes, MACs and valid checksums sent', () => {
    const dir = tmpDir();
    const out = path.join(dir, 'out.pcap');
    const r = runCli(['-batch', '--json', '-ex', `probe net_pcap0,tx_pcap=${out}`,
      '-ex', 'tx 0 count 10 size 128 dst 02:00:00:00:00:02 src 02:00:00:00:00:01 src-ip 10.1.2.3 dst-ip 10.1.2.4 sport 1234 dport 5678',
      '-ex', 'show port stats 0', '-ex', 'show port info 0']);
    expect(r.status, r.stdout + r.stderr).toBe(0);
    const tx = cmd(r, 'tx 0');
    expect(tx.data).toMatchObject({ sent: 10, refused: 0, requested: 10, autoStarted: true, frameLen: 128 });
    expect(tx.data.burstFn.fn).toBe('eth_pcap_tx_dumper');
    expect(tx.data.burstFn.file).toBe('drivers/net/pcap/pcap_ethdev.c');
    expect(cmd(r, 'show port stats').data.stats[0]).toMatchObject({ opackets: 10, obytes: 1280 });
    expect(cmd(r, 'show port info').data.mempool).toMatchObject({ name: 'vdsh_pkts', created: true, size: 4095 });
    const lines = tcpdump(out, '-vv');
    const heads = lines.filter((l) => /^\d\d:/.test(l));
    expect(heads).toHaveLength(10);
    for (const h of heads) expect(h).toContain('02:00:00:00:00:01 > 02:00:00:00:00:02, ethertype IPv4 (0x0800), length 128');
    const bodies = lines.filter((l) => !/^\d\d:/.test(l));
    expect(bodies).toHaveLength(10);
    for (const b of bodies) {
      expect(b).toMatch(/10\.1\.2\.3\.1234 > 10\.1\.2\.4\.5678: \[udp sum ok\] UDP, length 86/);
    }
    expect(lines.join('\n')).not.toMatch(/bad cksum/);
  });

  it('fwd from an rx_pcap port to net_pcap_pdump_0: report.pcap holds exactly in.pcap\'s packets, in order; stats equal the counts', () => {
    const dir = tmpDir();
    const inFile = path.join(dir, 'in.pcap');
    const report = path.join(dir, 'report.pcap');
    const frames = inputFrames();
    fs.writeFileSync(inFile, pcapFile(frames));
    const r = runCli(['-batch', '--json', '-ex', `probe net_pcap0,rx_pcap=${inFile}`, '-ex', `probe net_pcap_pdump_0,tx_pcap=${report}`,
      '-ex', 'fwd 0 1', '-ex', 'show port stats all', '-ex', 'show port xstats all']);
    expect(r.status, r.stdout + r.stderr).toBe(0);
    const f = cmd(r, 'fwd');
    expect(f.data).toMatchObject({ rx: 200, tx: 200, dropped: 0, reachedCount: false });
    expect(f.data.rxBurstFn.fn).toBe('eth_pcap_rx');
    expect(f.data.txBurstFn.fn).toBe('eth_pcap_tx_dumper');
    const stats = cmd(r, 'show port stats').data.stats;
    expect(stats[0]).toMatchObject({ ipackets: 200, opackets: 0 });
    expect(stats[1]).toMatchObject({ opackets: 200, ipackets: 0 });
    const xs = cmd(r, 'show port xstats').data.ports;
    expect(xs[1].xstats.find((x: { name: string }) => x.name === 'tx_good_packets').value).toBe(200);
    // Byte-identical, in order: tcpdump's hex of both files (timestamps aside) and our reader.
    expect(untimed(tcpdump(report, '-XX'))).toEqual(untimed(tcpdump(inFile, '-XX')));
    const back = readCapture(fs.readFileSync(report));
    expect(back.total).toBe(200);
    back.packets.forEach((p, i) => expect(Buffer.from(p.data).equals(Buffer.from(frames[i]))).toBe(true));
  });

  it('capture writes a pcapng tcpdump opens, with DPDK\'s interfaces, directions and counts', () => {
    const dir = tmpDir();
    const inFile = path.join(dir, 'in.pcap');
    fs.writeFileSync(inFile, pcapFile(sampleFrames()));
    const rxCap = path.join(dir, 'rx.pcapng');
    const txCap = path.join(dir, 'tx.pcapng');
    const r = runCli(['-batch', '--json', '-ex', `probe net_pcap0,rx_pcap=${inFile}`, '-ex', 'probe net_null0',
      '-ex', `capture 0 ${rxCap} rx`, '-ex', 'fwd 0 1', '-ex', 'capture stop',
      '-ex', `capture 1 ${txCap} tx`, '-ex', 'tx 1 count 5 size 80', '-ex', 'capture stop', '-ex', `pcap ${txCap}`]);
    expect(r.status, r.stdout + r.stderr).toBe(0);
    const stops = r.json.filter((j) => j.cmd === 'capture stop');
    expect(stops[0].data).toMatchObject({ port: 0, rx: 8, tx: 0, dropped: 0, packetsInFile: 8, interfaces: ['dpdk:0', 'dpdk:1'] });
    expect(stops[1].data).toMatchObject({ port: 1, rx: 0, tx: 5, packetsInFile: 5 });
    // An outside reader: the captured frames are the input frames.
    expect(untimed(tcpdump(rxCap))).toEqual(untimed(tcpdump(inFile)));
    expect(tcpdump(txCap)).toHaveLength(5);
    const rxf = readCapture(fs.readFileSync(rxCap));
    expect(rxf.format).toBe('pcapng');
    expect(rxf.section.application).toBe(`vdev-shell (DPDK ${dpdkBuild().version})`);
    expect(rxf.packets.every((p) => p.iface === 0 && p.direction === 'in' && p.queue === 0)).toBe(true);
    expect(rxf.stats).toEqual([expect.objectContaining({ iface: 0, ifrecv: 8n, ifdrop: 0n })]);
    const txf = readCapture(fs.readFileSync(txCap));
    expect(txf.packets.every((p) => p.iface === 1 && p.direction === 'out' && p.len === 80)).toBe(true);
    const pc = r.json.at(-1)!;
    expect(pc.data).toMatchObject({ format: 'pcapng', total: 5 });
    expect(pc.data.packets[0].direction).toBe('out');
  });

  it('port detach / port close of a port under capture end the capture first: the file is complete', () => {
    const dir = tmpDir();
    const a = path.join(dir, 'a.pcapng'), b = path.join(dir, 'b.pcapng');
    const r = runCli(['--json', '-ex', 'probe net_null0', '-ex', `capture 0 ${a} tx`, '-ex', 'tx 0 count 3 size 64',
      '-ex', 'port detach 0', '-ex', 'probe net_null1', '-ex', `capture 0 ${b} tx`, '-ex', 'tx 0 count 2 size 64', '-ex', 'port close 0', '-ex', 'port stop 0', '-ex', 'port close 0']);
    // A started port cannot be closed (DPDK says so): its capture keeps running until the close that works.
    expect(r.json.filter((j) => j.cmd === 'port close 0').map((j) => [j.ok, j.data?.captureStopped?.tx])).toEqual([[false, undefined], [true, 2]]);
    expect(cmd(r, 'port detach').data.captureStopped).toMatchObject({ file: a, tx: 3, rx: 0, dropped: 0 });
    expect(r.json.filter((j) => j.cmd === 'port close 0')[1].data.captureStopped).toMatchObject({ file: b, tx: 2 });
    for (const [file, n] of [[a, 3], [b, 2]] as const) {
      const f = readCapture(fs.readFileSync(file));
      expect(f.total).toBe(n);
      // The statistics block is written at stop: its presence says the file was closed properly.
      expect(f.stats).toEqual([expect.objectContaining({ iface: 0 })]);
      expect(tcpdump(file)).toHaveLength(n);
    }
    const text = runCli(['-batch', '-ex', 'probe net_null0', '-ex', `capture 0 ${a} tx`, '-ex', 'port detach 0']).stdout;
    expect(text).toMatch(/Capture of port 0 stopped first: .*a\.pcapng is complete \(rx 0, tx 0 packets\)/);
  });
});
