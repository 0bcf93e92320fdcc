// The EAL gone (inferior-down) through the in-process runner, and the pure parts: devargs edits,
// check's static findings against the running EAL's drivers (no probe, no scratch EAL; its speed
// is measured by npm run bench).
import { execFileSync } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import { Session } from '../../src/session/session.js';
import { Runner } from '../../src/script/runner.js';
import { checkDevargs } from '../../src/diagnose/check.js';
import { diagnoseDown } from '../../src/diagnose/diagnose.js';
import { parseDevargs } from '../../src/devargs/parse.js';
import { dropKey, freeName, renameTo, setKey, setValue } from '../../src/diagnose/edit.js';

const sessions: Session[] = [];
afterAll(async () => { await Promise.all(sessions.map((s) => s.close())); });

describe('edits of devargs for fixes', () => {
  const d = (s: string) => { const p = parseDevargs(s); if (!p.ok) throw new Error(s); return p.devargs; };
  it('renames to the owning driver, keeping the number and only the keys it declares', () => {
    const owner = { name: 'net_pcap', alias: 'eth_pcap', params: '', keys: [{ key: 'tx_pcap', syntax: '<string>', kind: 'string' as const }] };
    expect(renameTo(d('virtio_user3,path=/x,tx_pcap=r.pcap'), 'net_pcap', new Set(), false, owner)).toBe('net_pcap3,tx_pcap=r.pcap');
    expect(renameTo(d('virtio_user0,tx_pcap=r.pcap'), 'net_pcap', new Set(['net_pcap0']))).toBe('net_pcap1,tx_pcap=r.pcap');
  });
  it('drops, renames and sets keys; finds a free name', () => {
    expect(dropKey(d('net_null0,size=1,copy=2'), 'size')).toBe('net_null0,copy=2');
    expect(setKey(d('net_pcap0,tx_pcapp=a'), 'tx_pcapp', 'tx_pcap')).toBe('net_pcap0,tx_pcap=a');
    expect(setValue(d('net_tap0,iface=x'), 'iface', 'y')).toBe('net_tap0,iface=y');
    expect(freeName('net_null0', new Set(['net_null1']))).toBe('net_null2');
  });
});

describe('against a real EAL', () => {
  it('check is static: no EAL started, nothing probed, and names the causes it covers', async () => {
    const s = new Session(); sessions.push(s);
    await s.ready();
    // What check asks of the EAL, and which processes exist: a probe or a scratch EAL would show.
    const ops: string[] = [];
    const call = s.call.bind(s);
    s.call = ((op, args, t) => { ops.push(op); return call(op, args, t); }) as typeof s.call;
    const pid = s.inferior.pid;
    const children = (): string => { try { return execFileSync('pgrep', ['-P', String(process.pid)], { encoding: 'utf8' }).trim(); } catch { return ''; } };
    const before = children();
    expect(before.split('\n')).toContain(String(pid));
    const r = await checkDevargs(s, 'virtio_user0,tx_pcap=report.pcap');
    expect(r.findings.map((f) => f.code)).toEqual(['key-wrong-driver']);
    const typo = await checkDevargs(s, 'net_pcap0,tx_pcapp=x.pcap');
    expect(typo.findings[0]).toMatchObject({ code: 'key-unknown', hint: expect.stringMatching(/tx_pcap/) });
    expect((await checkDevargs(s, 'net_nul0')).findings[0]).toMatchObject({ code: 'driver-unknown', hint: expect.stringMatching(/net_null0/) });
    expect(ops.length).toBeGreaterThan(0); // it did ask the running EAL (which driver claims a name)
    expect(ops.filter((op) => !['vdevDriver', 'vdevDrivers', 'ports', 'ealInfo'].includes(op))).toEqual([]);
    expect(children()).toBe(before); // no other EAL process was started
    expect(s.inferior.pid).toBe(pid);
    expect((await s.ports()).length).toBe(0); // nothing was probed
  }, 30_000);

  it('inferior-down: check and the diagnosis say the EAL is gone, and prove that run brings one back', async () => {
    const s = new Session(); sessions.push(s);
    await s.ready();
    const dead = new Promise((r) => s.inferior.once('death', r));
    process.kill(s.inferior.pid!, 'SIGKILL');
    await dead;
    expect((await checkDevargs(s, 'net_null0')).findings[0].code).toBe('inferior-down');
    const diag = await diagnoseDown(s);
    expect(diag.cause).toBe('inferior-down');
    expect(diag.summary).toMatch(/SIGKILL/);
    expect(diag.fixes[0]).toMatchObject({ commands: ['run'], verified: true });
    // Commands through the runner revive the EAL first (the recovery guard), so a probe works again.
    const runner = new Runner(s);
    expect((await runner.run('probe net_null0'))?.ok).toBe(true);
  }, 60_000);
});

describe('honesty', () => {
  it('a failure no rule knows is "no-rule", with the evidence and no invented fix', async () => {
    const { classify, liveHost } = await import('../../src/diagnose/rules/index.js');
    const p = parseDevargs('net_null0');
    if (!p.ok) throw new Error('parse');
    const drv = { name: 'net_null', alias: 'eth_null', params: '', keys: [] };
    const f = classify({
      a: { input: 'net_null0', devargs: p.devargs, ret: -5, driver: drv, matched: { matched: 'net_null', via: 'name' }, ok: false, silentFailure: false,
        log: [{ text: 'rte_pmd_null_probe(): something new', emitter: { n: 0, addr: '0x1', fn: 'rte_pmd_null_probe', file: 'drivers/net/null/rte_eth_null.c', line: 1, module: null, origin: 'dpdk' } }] },
      drivers: [drv], ports: [], maxPorts: 32, inferiorDown: false, parserKeys: () => undefined, host: liveHost(null),
    });
    expect(f.cause).toBe('no-rule');
    expect(f.summary).toMatch(/no rule matched: rte_pmd_null_probe\(\): something new/);
    expect(f.site?.fn).toBe('rte_pmd_null_probe');
    expect(f.candidates).toEqual([]);
  });
});
