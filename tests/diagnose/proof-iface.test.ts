// Interfaces made for proofs: named vdsh*, in the state of the interface they stand in for,
// gone after removal; and the suite's host-flags comparison names what changed.
import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import { execFileSync } from 'node:child_process';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { makeProofIface, removeProofIface, removeProofIfaces, sweepDead } from '../../src/diagnose/proof-iface.js';
import { defaultIfaceRisk } from '../../src/diagnose/verify.js';
import { parseDevargs, type Devargs } from '../../src/devargs/parse.js';
import { parseParamString } from '../../src/drivers/params.js';
import { projectRoot } from '../../src/util/paths.js';
import { flagChanges } from '../helpers/host-ifaces.global.js';

const dv = (s: string): Devargs => { const p = parseDevargs(s); if (!p.ok) throw new Error(s); return p.devargs; };

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

describe('interfaces a proof\'s driver creates', () => {
  const TAP = { name: 'net_tap', alias: 'eth_tap', params: '', keys: parseParamString('iface=<string> mac=fixed|xx:xx:xx:xx:xx:xx remote=<string>') };
  it('a tap proof never falls back to DPDK\'s default name: a missing iface gets a proof name, a string its kvargs refuse is not run', () => {
    expect(defaultIfaceRisk(dv('net_tap0,iface=vdsht0,mac=fixed'), TAP)).toEqual({});
    expect(defaultIfaceRisk(dv('net_tap0,remote=vdshd0'), TAP)).toEqual({ add: 'iface' });
    expect(defaultIfaceRisk(dv('net_tap0,iface=vdsht0,foo=1'), TAP).refuse).toMatch(/kvargs refuse "foo".*default name/);
    expect(defaultIfaceRisk(dv('net_tap0,iface=vdsht0,iface=vdsht1'), TAP).refuse).toMatch(/given 2 times/);
    expect(defaultIfaceRisk(dv('net_tap0,iface'), TAP).refuse).toMatch(/no value/);
    // A key without a value does not stop kvargs from parsing the string: iface= is still read.
    expect(defaultIfaceRisk(dv('net_tap0,iface=vdsht0,mac'), TAP)).toEqual({});
    expect(defaultIfaceRisk(dv('net_null0,foo=1'), { name: 'net_null', alias: 'eth_null', params: '', keys: parseParamString('size=<int>') })).toEqual({});
  });

  it('diagnosing a misspelt driver name proves net_tun0 under a vdsh* name: no other interface appears', () => {
    // The fuzz script with fixed inputs: the shell runs in a network namespace of its own, where
    // ip monitor link sees every interface made (and DPDK's default dtun0 would be one).
    const r = spawnSync(process.execPath, [path.join(projectRoot, 'scripts', 'fuzz-probes.mjs'), '--input', 'net_nul0', '--json'], { encoding: 'utf8', timeout: 120_000 });
    const rep = JSON.parse(r.stdout.trim().split('\n').pop() || '{}');
    expect(rep.netns, r.stderr).toBe('own');
    const tun = rep.diagnoses?.[0]?.fixes.find((f: { commands: string[] }) => f.commands.includes('probe net_tun0'));
    expect(tun, JSON.stringify(rep.diagnoses)).toMatchObject({ verified: true, note: expect.stringMatching(/iface=vdshpf\w+ in place of DPDK's default name/) });
    expect(rep.foreignIfaces).toEqual([]);
    expect(r.status, r.stdout + r.stderr).toBe(0);
  });
});
