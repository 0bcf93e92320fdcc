// Bad input to the packet commands: each a clear one-line error, and nothing half-written.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { tmpDir } from '../helpers/tmp.js';

describe('packet commands refuse bad input clearly', () => {
  it('tx bounds, unknown words, stopped/detached/rx-less ports, non-captures, missing directories', () => {
    const dir = tmpDir();
    const out = path.join(dir, 'o.pcap');
    fs.writeFileSync(path.join(dir, 'notes.txt'), 'this is not a capture file\n');
    const lines = [
      'tx 3',
      `probe net_pcap0,tx_pcap=${out}`,
      'tx 0 count 0',
      'tx 0 count 1000000',
      'tx 0 size 10',
      'tx 0 dst zz:00',
      'tx 0 cuont 5',
      'tx 0 proto icmp',
      'rx 0',
      'fwd 0 0',
      'port stop 0',
      'tx 0 count 2',
      'rx 0 count 0',
      `pcap ${path.join(dir, 'notes.txt')}`,
      `pcap ${path.join(dir, 'nope.pcap')}`,
      `capture 0 ${path.join(dir, 'missing', 'x.pcapng')}`,
      `capture 0 ${dir}`,
      'capture 0 x.pcapng sideways',
      'capture stop',
      'port detach 0',
      'tx 0',
    ];
    const r = runCli(['--json', ...lines.flatMap((l) => ['-ex', l])]);
    const by = (c: string) => r.json.find((j) => j.cmd === c)!;
    const code = (c: string) => by(c).error?.code;
    expect(r.json.map((j) => j.cmd)).toEqual(lines);
    expect(code('tx 3')).toBe('no-such-port');
    expect(code('tx 0 count 0')).toBe('bad-argument');
    expect(by('tx 0 count 0').error!.message).toMatch(/count must be 1\.\.100000, got 0/);
    expect(by('tx 0 count 1000000').error!.message).toMatch(/count must be 1\.\.100000, got 1000000 \(one command blocks the EAL/);
    expect(by('tx 0 size 10').error!.message).toMatch(/size must be 42\.\.2048/);
    expect(by('tx 0 dst zz:00').error!.message).toMatch(/dst must be a MAC address/);
    expect(by('tx 0 cuont 5').error!.hint).toMatch(/did you mean 'count'/);
    expect(by('tx 0 proto icmp').error!.message).toMatch(/proto must be udp or raw/);
    expect(code('rx 0')).toBe('no-rx');
    expect(by('rx 0').error!.message).toMatch(/rx_pkt_burst is eth_null_rx \(drivers\/net\/pcap\/pcap_ethdev\.c:\d+\)/);
    expect(by('rx 0').error!.hint).toMatch(/rx_pcap=/);
    expect(code('fwd 0 0')).toBe('no-rx');
    // A stopped port is started again by tx, and the result says so.
    expect(by('tx 0 count 2')).toMatchObject({ ok: true, data: { autoStarted: true, sent: 2 } });
    expect(by('rx 0 count 0').error!.message).toMatch(/count must be 1\.\.10000/);
    expect(code(`pcap ${path.join(dir, 'notes.txt')}`)).toBe('not-a-capture');
    expect(code(`pcap ${path.join(dir, 'nope.pcap')}`)).toBe('cannot-read');
    expect(code(`capture 0 ${path.join(dir, 'missing', 'x.pcapng')}`)).toBe('no-such-directory');
    expect(fs.existsSync(path.join(dir, 'missing'))).toBe(false);
    expect(code(`capture 0 ${dir}`)).toBe('is-directory');
    expect(code('capture 0 x.pcapng sideways')).toBe('bad-argument');
    expect(code('capture stop')).toBe('no-capture');
    expect(code('tx 0')).toBe('no-such-port');
    for (const j of r.json.filter((x) => !x.ok)) expect(j.error!.message.split('\n')).toHaveLength(1);
    // Nothing half-written: the pcap holds exactly the 2 packets that were sent.
    expect(fs.readdirSync(dir).sort()).toEqual(['notes.txt', 'o.pcap']);
    const read = execFileSync('tcpdump', ['-nn', '-r', out], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).split('\n').filter(Boolean);
    expect(read).toHaveLength(2);
  });
});
