// Oracle: bt equals gdb's bt at a breakpoint on the PMD's probe function, for a successful probe
// (net_pcap_pdump_0,tx_pcap=...) and the seed's failing one (virtio_user0,tx_pcap=...): same
// functions from the PMD probe down to rte_eal_hotplug_add, same file:line (frame #0 where the
// breakpoint stops after the prologue, the others at their call sites) and the same argument text.
// gdb also shows vdev::(anonymous namespace)::trampoline_probe, the shell's frame that recorded
// the chain and called the PMD probe; bt hides it (it stands in for the probe call), so it is
// dropped from gdb's list before comparing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import path from 'node:path';
import { Session } from '../../src/session/session.js';
import { Runner } from '../../src/script/runner.js';
import { toJson } from '../../src/format/index.js';
import { argText } from '../../src/format/trace.js';
import { tmpDir } from '../helpers/tmp.js';
import { spawnSync } from 'node:child_process';
import { gdbBreakBt, ipLinkExists, parseBt, parseBtFull, parseInfoFrames, type GdbFrame } from './gdb.js';

const TAP = `vdshbt${process.pid % 100000}`;

describe('bt against gdb', () => {
  let session: Session;
  let runner: Runner;
  const json = async (line: string) => toJson((await runner.run(line))!);

  beforeAll(async () => {
    session = new Session();
    runner = new Runner(session);
    await session.ready();
    // gdb stops the inferior at the breakpoint and prints bt full before letting the probe return:
    // on a loaded machine that outlasts the shell's default 10 s hang limit.
    expect((await runner.run('recovery timeout 120000'))!.ok).toBe(true);
  }, 60_000);
  afterAll(async () => {
    await session?.close();
    if (ipLinkExists(TAP)) spawnSync('ip', ['link', 'del', TAP]);
  });

  const cases = [
    { what: 'a successful probe', fn: 'pmd_pcap_probe', devargs: (d: string) => `net_pcap_pdump_0,tx_pcap=${path.join(d, 'report.pcap')}`, ok: true },
    { what: 'the seed failure', fn: 'virtio_user_pmd_probe', devargs: (d: string) => `virtio_user0,tx_pcap=${path.join(d, 'report.pcap')}`, ok: false },
    { what: 'a null port', fn: 'rte_pmd_null_probe', devargs: () => 'net_null0,size=128', ok: true },
    { what: 'a tap port', fn: 'rte_pmd_tap_probe', devargs: () => `net_tap0,iface=${TAP}`, ok: true },
  ];

  for (const c of cases) {
    it(`${c.what}: ${c.fn} down to rte_eal_hotplug_add`, async () => {
      const dir = tmpDir();
      const pid = (await json('info inferior')).data.pid as number;
      const { out, result } = await gdbBreakBt(pid, c.fn, () => json(`probe ${c.devargs(dir)}`));
      expect(result.ok, JSON.stringify(result.error)).toBe(c.ok);
      const all = parseBt(out);
      expect(all[0]?.fn, out.slice(-2000)).toBe(c.fn);
      expect(all[1].fn).toMatch(/trampoline_probe$/); // the shell's frame gdb sees and bt hides
      const hot = all.findIndex((f) => f.fn === 'rte_eal_hotplug_add');
      expect(hot).toBeGreaterThan(1);
      const want = all.filter((f, i) => i <= hot && !/trampoline_probe$/.test(f.fn));

      const bt = await json('bt');
      expect(bt.ok).toBe(true);
      const ours = (bt.data.frames as { n: number; fn: string; file: string; line: number; args?: { name: string; value: string }[] }[]).slice(0, want.length);
      const show = (f: GdbFrame | (typeof ours)[number], args: string) => `${f.fn} (${args}) at ${f.file}:${f.line}`;
      expect(ours.map((f) => show(f, (f.args ?? []).map(argText).join(', ')))).toEqual(want.map((f) => show(f, f.args)));
      expect(ours.map((f) => f.n)).toEqual(want.map((_, i) => i));
      // bt full: every scalar local of the callers equals gdb's `bt full` (aggregates: we print {...})
      const gdbLocals = parseBtFull(out);
      let compared = 0;
      for (const f of (await json('bt full')).data.frames.slice(1, want.length)) {
        const g = gdbLocals.get(f.fn);
        expect(g, f.fn).toBeDefined();
        for (const l of f.locals as { name: string; value: string }[]) {
          if (l.value === '{...}') continue;
          expect(`${f.fn}: ${l.name} = ${l.value}`).toBe(`${f.fn}: ${l.name} = ${g!.get(l.name)}`);
          compared++;
        }
        expect([...g!.keys()].sort(), f.fn).toEqual((f.locals as { name: string }[]).map((l) => l.name).sort());
      }
      expect(compared).toBeGreaterThan(8);
      // the frame addresses (CFAs) bt recorded are gdb's "frame at" of the same functions
      const cfas = parseInfoFrames(out);
      expect(bt.data.frames.slice(0, want.length).map((f: { fn: string; cfa: string }) => `${f.fn} ${f.cfa}`))
        .toEqual(want.map((f) => `${f.fn} ${cfas.get(f.fn)}`));
      // the frame after rte_eal_hotplug_add is the shell's own, marked as such
      expect(bt.data.frames[want.length]?.origin).toBe('shell');
    }, 120_000);
  }

  it('the failure point of the seed probe is where virtio_user_pmd_probe logged it', async () => {
    const bt = await json('bt virtio_user0');
    expect(bt.data.failurePoint.frame.fn).toBe('virtio_user_pmd_probe');
    expect(bt.data.failurePoint.frame.file).toBe('drivers/net/virtio/virtio_user_ethdev.c');
    expect(bt.data.failurePoint.text).toContain('error when parsing param');
  });

  it('bt N / #N / -N / DEVICE, bt full, frame, list, info line, info symbol and bad input', async () => {
    const probes = (await json('info probes')).data.probes as { id: number }[];
    const [first, second] = probes;
    expect((await json(`bt ${first.id}`)).data.probeId).toBe(first.id);
    expect((await json(`bt #${second.id}`)).data.probeId).toBe(second.id);
    expect((await json(`bt -${probes.length - 1}`)).data.probeId).toBe(first.id);
    expect((await json('bt virtio_user0')).data.probeId).toBe(second.id);
    const full = await json('bt virtio_user0 full');
    expect(full.data.full).toBe(true);
    const f1 = full.data.frames[1];
    expect(f1.fn).toBe('vdev_probe_all_drivers');
    expect(f1.locals.find((l: { name: string }) => l.name === 'name').value).toMatch(/"virtio_user0"$/);
    expect(full.data.frames[0].args[0].fields.map((x: { value: string }) => x.value).join(' ')).toMatch(/"virtio_user0".*"tx_pcap=/);

    const fr = await json('frame 1');
    expect(fr.data.frame.fn).toBe('vdev_probe_all_drivers');
    expect(fr.data.source.text).toContain('driver->probe(dev)');
    const inf = await json('info frame');
    expect(inf.data.cfa).toMatch(/^0x7f/);
    // the caller is whatever the build's chain has above frame 1 (vdev_plug at -O0; an optimized
    // build tail-calls through it, and local_dev_probe is next): the same frame bt lists as #2
    expect(inf.data.caller.fn).toBe(full.data.frames[2].fn);
    expect(inf.data.callee.fn).toBe('virtio_user_pmd_probe');
    const args1 = await json('info args');
    expect(args1.data.vars.map((v: { name: string }) => v.name)).toEqual(['dev']);
    expect((await json('info locals')).data.vars.map((v: { name: string }) => v.name)).toContain('driver');
    expect((await json('up')).data.frame.fn).toBe(full.data.frames[2].fn);
    expect((await json('down 5')).data.frame.n).toBe(0);
    expect((await json('down')).ok).toBe(false);
    expect((await json('info locals')).ok).toBe(false); // frame 0: not set yet at probe entry
    expect((await json('up 99')).data.frame.origin).toBe('shell');
    expect((await json('up')).error!.message).toMatch(/cannot go up/);
    await json('frame 1');
    const l1 = await json('list');
    expect(l1.data.blocks[0].listing.first).toBe(fr.data.frame.line - 5);
    const l2 = await json('list');
    expect(l2.data.blocks[0].listing.first).toBe(l1.data.blocks[0].listing.last + 1);
    const lf = await json('list pmd_pcap_probe');
    expect(lf.data.blocks[0].listing.lines.map((x: { text: string }) => x.text).join('\n')).toContain('pmd_pcap_probe(struct rte_vdev_device *dev)');
    expect((await json('list vdev.c:210')).data.blocks[0].listing.first).toBe(205);
    expect((await json('list eth_dev_start')).data.blocks.length).toBeGreaterThan(2);
    const il = await json('info line pmd_pcap_probe');
    expect(il.data.lines[0].file).toBe('drivers/net/pcap/pcap_ethdev.c');
    expect(il.data.lines[0].breakpoint.line).toBe((await json('bt 1')).data.frames[0].line);
    const sym = await json(`info symbol ${il.data.lines[0].end}`);
    expect(sym.data.fn).toBe('pmd_pcap_probe');
    expect(sym.data.offset).toBeGreaterThan(0);
    expect(sym.data.section).toBe('.text');

    for (const bad of ['bt 99', 'bt nosuch0', 'bt 1 2', 'frame 99', 'frame x', 'list nosuch.c:1', 'list main.c:1', 'list vdev.c:999999',
      'list no_such_function_xyz', 'info line no_such_function_xyz', 'info line vdev.c:99999', 'info line nosuch.c:1', 'info symbol 0x10', 'info symbol zz']) {
      const r = await json(bad);
      expect(r.ok, bad).toBe(false);
      expect(r.error!.message.length, bad).toBeGreaterThan(5);
    }
  }, 60_000);

  it('says so when there is no probe yet', async () => {
    const s = new Session();
    try {
      const r = new Runner(s);
      await s.ready();
      for (const line of ['bt', 'frame 0', 'list']) {
        const res = toJson((await r.run(line))!);
        expect(res.ok, line).toBe(false);
        expect(res.error!.message, line).toMatch(/no probe yet/);
      }
    } finally { await s.close(); }
  }, 60_000);
});

describe('log emitters against gdb', () => {
  it('"error when parsing param" was logged where gdb says rte_log was called from', async () => {
    const session = new Session();
    try {
      const runner = new Runner(session);
      await session.ready();
      const json = async (line: string) => toJson((await runner.run(line))!);
      const pid = (await json('info inferior')).data.pid as number;
      // The first ERR-level (4) rte_log of the seed probe is the PMD's own line.
      const { out, result } = await gdbBreakBt(pid, 'rte_log if level == 4', () => session.probe(`virtio_user0,tx_pcap=${path.join(tmpDir(), 'r.pcap')}`));
      const g = parseBt(out);
      expect(g[0]?.fn, out.slice(-1500)).toBe('rte_log');
      const line = result.log.find((l) => l.text.includes('error when parsing param'));
      expect(line?.emitter).toBeDefined();
      expect(`${line!.emitter!.fn} ${line!.emitter!.file}:${line!.emitter!.line}`).toBe(`${g[1].fn} ${g[1].file}:${g[1].line}`);
    } finally { await session.close(); }
  }, 120_000);
});
