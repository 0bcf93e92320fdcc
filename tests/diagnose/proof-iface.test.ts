// Interfaces made for proofs: named vdsh*, in the state of the interface they stand in for,
// gone after removal; and the suite's host-flags comparison names what changed.
import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import { execFileSync } from 'node:child_process';
import { makeProofIface, removeProofIface, removeProofIfaces, sweepDead } from '../../src/diagnose/proof-iface.js';
import { flagChanges } from '../helpers/host-ifaces.global.js';

const flags = (n: string): number => parseInt(fs.readFileSync(`/sys/class/net/${n}/flags`, 'utf8'), 16);

describe('proof interfaces', () => {
  it('a veth named vdsh*, up like an up interface, removed after', () => {
    const n = makeProofIface(null);
    expect(n).toMatch(/^vdsh/);
    try {
      expect(n!.length).toBeLessThan(16);
      expect(flags(n!) & 1).toBe(1);
    } finally { removeProofIface(n!); }
    expect(fs.existsSync(`/sys/class/net/${n}`)).toBe(false);
  });

  it('stays down when standing in for a down interface; removeProofIfaces removes what is left', () => {
    const down = makeProofIface(null)!;
    try {
      execFileSync('ip', ['link', 'set', down, 'down']);
      const n = makeProofIface(down);
      expect(n).toMatch(/^vdsh/);
      expect(flags(n!) & 1).toBe(0);
    } finally { removeProofIfaces(); }
    expect(fs.readdirSync('/sys/class/net').filter((x) => x === down)).toEqual([]);
  });
});

describe('proof interfaces of shells that died', () => {
  it('are removed by the next shell; a live shell\'s are kept', () => {
    let dead = 4_000_000;
    while (fs.existsSync(`/proc/${dead}`)) dead++;
    const named = (pid: number): string => `vdshpf${pid.toString(36).padStart(5, '0')}z`;
    const [d, l] = [named(dead), named(process.ppid)];
    for (const n of [d, l]) execFileSync('ip', ['link', 'add', n, 'type', 'veth', 'peer', 'name', `${n}p`]);
    try {
      expect(sweepDead()).toContain(d);
      expect(fs.existsSync(`/sys/class/net/${d}`)).toBe(false);
      expect(fs.existsSync(`/sys/class/net/${l}`)).toBe(true);
    } finally {
      for (const n of [d, l]) { try { execFileSync('ip', ['link', 'del', n], { stdio: 'ignore' }); } catch { /* gone */ } }
    }
  });
});

describe('host flags comparison', () => {
  it('names a promiscuous flag left on, a removed and a new interface', () => {
    const before = new Map([['lo', '0x9'], ['eth0', '0x1003'], ['gone0', '0x1003']]);
    const after = new Map([['lo', '0x109'], ['eth0', '0x1003'], ['dtap0', '0x1003']]);
    expect(flagChanges(before, after)).toEqual(['lo: flags 0x9 -> 0x109 (left promiscuous)', 'gone0: removed (flags were 0x1003)', 'dtap0: new interface left behind (flags 0x1003)']);
    expect(flagChanges(before, new Map(before))).toEqual([]);
  });
});
