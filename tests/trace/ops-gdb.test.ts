// Oracle: `ops N` (its --json form) equals gdb's `print *rte_eth_devices[N].dev_ops` slot for slot,
// the burst functions equal gdb's view of rte_eth_devices[N].*_burst, and every set slot's
// file:line equals gdb's `info line *ADDR` — for pcap (tx and rx), null, ring and tap ports.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { Session } from '../../src/session/session.js';
import { Runner } from '../../src/script/runner.js';
import { toJson } from '../../src/format/index.js';
import { tmpDir } from '../helpers/tmp.js';
import { gdbBatch, ipLinkExists, parseOpsPrint, stripDpdkRoot } from './gdb.js';
import { writeTinyPcap } from './pcap-file.js';

const TAP = `vdshop${process.pid % 100000}`;
const BURST = ['rx_pkt_burst', 'tx_pkt_burst', 'tx_pkt_prepare', 'rx_queue_count', 'rx_descriptor_status', 'tx_descriptor_status'];

describe('ops against gdb', () => {
  let session: Session;
  let runner: Runner;
  const json = async (line: string) => toJson((await runner.run(line))!);
  let ports: { port: number; devargs: string }[] = [];

  beforeAll(async () => {
    const dir = tmpDir();
    writeTinyPcap(path.join(dir, 'in.pcap'));
    session = new Session();
    runner = new Runner(session);
    await session.ready();
    const devargs = [
      `net_pcap_tx0,tx_pcap=${path.join(dir, 'out.pcap')}`,
      `net_pcap_rx0,rx_pcap=${path.join(dir, 'in.pcap')}`,
      'net_null0', 'net_ring0', `net_tap0,iface=${TAP}`,
    ];
    for (const d of devargs) {
      const r = await json(`probe ${d}`);
      expect(r.ok, `${d}: ${JSON.stringify(r.error)} ${r.log.join(' | ')}`).toBe(true);
      ports.push({ port: r.data.port as number, devargs: d });
    }
  }, 60_000);

  afterAll(async () => {
    await session?.close();
    if (ipLinkExists(TAP)) spawnSync('ip', ['link', 'del', TAP]);
  });

  it('every slot, burst function and file:line equals gdb, for 5 kinds of port', async () => {
    // one started port, so rte_eth_fp_ops holds a driver's functions, not ethdev's dummies
    const started = await json(`port start ${ports[2].port}`);
    expect(started.ok, JSON.stringify(started.error)).toBe(true);
    const views = [];
    for (const p of ports) views.push({ ...p, ops: await json(`ops ${p.port}`) });
    const pid = (await json('info inferior')).data.pid as number;
    // One gdb attach for all ports (the inferior is idle meanwhile).
    const cmds: string[] = [];
    for (const p of ports) {
      cmds.push(`echo @@ops ${p.port}\\n`, `print *rte_eth_devices[${p.port}].dev_ops`);
      for (const b of BURST) cmds.push(`echo @@burst ${p.port} ${b}\\n`, `print rte_eth_devices[${p.port}].${b}`);
      for (const b of BURST) cmds.push(`echo @@fp ${p.port} ${b}\\n`, `print rte_eth_fp_ops[${p.port}].${b}`);
    }
    const setAddrs = new Set<string>();
    const out1 = gdbBatch(pid, cmds);
    const sections = Object.fromEntries(out1.split('@@').slice(1).map((s) => [s.slice(0, s.indexOf('\n')), s.slice(s.indexOf('\n') + 1)]));
    for (const v of views) {
      expect(v.ops.ok, JSON.stringify(v.ops.error)).toBe(true);
      const gdbOps = parseOpsPrint(sections[`ops ${v.port}`]);
      const ours = v.ops.data.ops as { slot: string; fn: string | null; file: string | null; line: number | null }[];
      expect(ours.map((o) => o.slot), v.devargs).toEqual(gdbOps.map((o) => o.slot));
      expect(ours.map((o) => o.fn), v.devargs).toEqual(gdbOps.map((o) => o.fn));
      for (const o of gdbOps) if (o.fn) setAddrs.add(o.addr);
      for (const b of BURST) {
        const m = /= \(\w+\) (0x[0-9a-f]+)(?: <([^>]+)>)?/.exec(sections[`burst ${v.port} ${b}`]);
        expect(m, `${b}: ${sections[`burst ${v.port} ${b}`]}`).not.toBeNull();
        expect(v.ops.data.burst[b], `${v.devargs} ${b}`).toBe(m![1] === '0x0' ? null : m![2]);
        // what rte_eth_rx_burst/tx_burst really call (ethdev's dummies while the port is stopped)
        const fp = /= \(\w+\) (0x[0-9a-f]+)(?: <([^>]+)>)?/.exec(sections[`fp ${v.port} ${b}`]);
        expect(fp, `${b}: ${sections[`fp ${v.port} ${b}`]}`).not.toBeNull();
        expect(v.ops.data.fastPath[b]?.fn ?? null, `${v.devargs} fp ${b}`).toBe(fp![1] === '0x0' ? null : fp![2]);
      }
    }
    // file:line of every function pointer, from gdb's line table.
    const addrs = [...setAddrs];
    const out2 = gdbBatch(pid, addrs.flatMap((a) => [`echo @@${a}\\n`, `info line *${a}`]));
    const lineOf = new Map<string, { file: string; line: number }>();
    for (const sec of out2.split('@@').slice(1)) {
      const a = sec.slice(0, sec.indexOf('\n'));
      const m = /Line (\d+) of "([^"]+)"/.exec(stripDpdkRoot(sec));
      if (m) lineOf.set(a, { file: m[2], line: Number(m[1]) });
    }
    let compared = 0;
    for (const v of views) {
      const gdbOps = parseOpsPrint(sections[`ops ${v.port}`]);
      v.ops.data.ops.forEach((o: { slot: string; file: string | null; line: number | null }, i: number) => {
        const g = gdbOps[i].fn ? lineOf.get(gdbOps[i].addr) : undefined;
        if (!g) return;
        expect(`${o.slot} ${o.file}:${o.line}`, v.devargs).toBe(`${o.slot} ${g.file}:${g.line}`);
        compared++;
      });
    }
    expect(compared).toBeGreaterThan(60);
    // the two pcap variants differ exactly where the issue says they do
    const burstOf = (i: number) => views[i].ops.data.burst;
    expect(burstOf(0).rx_pkt_burst).toBe('eth_null_rx');
    expect(burstOf(1).rx_pkt_burst).toBe('eth_pcap_rx');
    expect(views[2].ops.data.fastPath.rx_pkt_burst.fn).toBe('eth_null_rx'); // started
    expect(views[3].ops.data.fastPath.rx_pkt_burst.fn).toBe('dummy_eth_rx_burst'); // stopped
  }, 180_000);

  it('ops diff, --set/--all and bad input', async () => {
    const [tx, , nul, , tap] = ports;
    const d = await json(`ops diff ${tx.port} ${tap.port}`);
    expect(d.ok).toBe(true);
    expect(d.data.rows.length).toBe((await json(`ops ${tx.port}`)).data.ops.length);
    expect(d.data.rows.find((r: { slot: string }) => r.slot === 'promiscuous_enable').mark).toBe('>');
    expect(d.data.summary.onlyB).toBeGreaterThan(0);
    expect((await json(`ops diff ${nul.port} ${nul.port}`)).data.summary.different).toBe(0);
    const all = await json(`ops ${tx.port} --all`);
    expect(all.data.all).toBe(true);
    expect((await json(`ops ${tx.port} --set`)).data.all).toBe(false);
    for (const bad of ['ops 31', 'ops nosuch', 'ops 0 --bogus', 'ops diff 0', 'ops diff 0 31', 'ops 0 --set --all']) {
      const r = await json(bad);
      expect(r.ok, bad).toBe(false);
      expect(r.error!.message.length, bad).toBeGreaterThan(5);
    }
  }, 60_000);
});
