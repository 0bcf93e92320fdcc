// Interfaces made for proofs: named vdsh*, in the state of the interface they stand in for,
// gone after removal; and the suite's host-flags comparison names what changed.
import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import { execFileSync } from 'node:child_process';
import { makeProofIface, removeProofIface, removeProofIfaces } from '../../src/diagnose/proof-iface.js';
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

describe('host flags comparison', () => {
  it('names a promiscuous flag left on, a removed and a new interface', () => {
    const before = new Map([['lo', '0x9'], ['eth0', '0x1003'], ['gone0', '0x1003']]);
    const after = new Map([['lo', '0x109'], ['eth0', '0x1003'], ['dtap0', '0x1003']]);
    expect(flagChanges(before, after)).toEqual(['lo: flags 0x9 -> 0x109 (left promiscuous)', 'gone0: removed (flags were 0x1003)', 'dtap0: new interface left behind (flags 0x1003)']);
    expect(flagChanges(before, new Map(before))).toEqual([]);
  });
});
