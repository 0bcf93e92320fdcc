// attach against testpmd from the same DPDK build as the primary: the shell joins it as a
// secondary process, sees the same ports, MACs and counters testpmd shows, hot-plugs a net_null
// into it and removes it again (testpmd's own `show port summary all` is the oracle), refuses
// what would take the application's packets, and leaves it unharmed, even when killed.
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { removeStaleRuntimeDirs, reserveHugepages, runtimeDir, Testpmd, testPrefix, type Hugepages } from '../helpers/primary.js';
import { runCli } from '../helpers/cli.js';
import { ShellProc } from '../helpers/shell-proc.js';
import { complete } from '../../src/ui/completion.js';

let huge: Hugepages;
let tp: Testpmd;
const prefix = testPrefix('attach');

beforeAll(async () => {
  removeStaleRuntimeDirs();
  huge = reserveHugepages(96);
  tp = await Testpmd.start({ prefix, hugeDir: huge.dir, vdevs: ['net_null0', 'net_null1'] });
});

afterAll(async () => {
  await tp?.stop();
  huge?.release();
  // Nothing of the test is left on the host.
  expect(fs.existsSync(runtimeDir(prefix))).toBe(false);
});

/** Files the shell's secondary would leave in the application's runtime directory. */
const secondaryLeftovers = (): string[] => fs.readdirSync(runtimeDir(prefix)).filter((f) => /^mp_socket_|_\d+$/.test(f));

describe('attach to testpmd', () => {
  it('sees the ports, MACs and counters testpmd shows, and info eal gives its EAL arguments', async () => {
    // Counters that are not zero: forward a while, then stop forwarding (the ports stay started).
    await tp.cmd('start');
    await tp.cmd('stop');
    const want = await tp.summary();
    const wantStats = [await tp.stats(0), await tp.stats(1)];
    expect(want.map((p) => p.name)).toEqual(['net_null0', 'net_null1']);
    expect(wantStats[0].rxPackets).toBeGreaterThan(0);
    const r = runCli(['-batch', '--json', '-ex', `attach ${tp.pid}`, '-ex', 'show port summary all', '-ex', 'show port stats all',
      '-ex', 'mac 0', '-ex', 'info eal', '-ex', 'info inferior', '-ex', 'ops 0', '-ex', 'show port xstats 0', '-ex', 'detach']);
    const [att, summary, stats, mac, eal, inf, ops, xstats, det] = r.json;
    expect(att.ok, JSON.stringify(att.error)).toBe(true);
    expect(att.data).toMatchObject({ kind: 'app', pid: tp.pid, prefix });
    // Every port of the application is visible to the shell's secondary (telemetry lists the same).
    expect(att.data.unseen).toEqual([]);
    expect(summary.data.ports.map((p: any) => [p.port, p.name, p.driver, p.mac])).toEqual(want.map((p) => [p.port, p.name, p.driver, p.mac]));
    for (const [i, s] of wantStats.entries()) {
      expect(stats.data.stats[i]).toMatchObject({ port: i, ipackets: s.rxPackets, opackets: s.txPackets, ibytes: s.rxBytes, obytes: s.txBytes });
    }
    expect(mac.data.explain.mac.toUpperCase()).toBe(want[0].mac);
    // The application's EAL arguments, as it was started.
    expect(eal.data.args).toEqual(tp.args.slice(0, tp.args.indexOf('--')));
    expect(eal.data.pid).toBe(tp.pid);
    expect(inf.data.target).toMatchObject({ kind: 'app', pid: tp.pid, prefix });
    expect(inf.data.ealArgs).toContain('--proc-type=secondary');
    // ops: the net_null driver's own functions, named from the same build's DWARF.
    expect(ops.data.ops.find((o: any) => o.slot === 'dev_start').fn).toBe('eth_dev_start');
    expect(xstats.ok).toBe(true);
    expect(det.ok).toBe(true);
    expect(det.data.alive).toBe(true);
    expect(r.status).toBe(0);
    // Left as it was: the same ports, no file of the secondary left in its runtime directory.
    expect(await tp.summary()).toEqual(want);
    expect(secondaryLeftovers()).toEqual([]);
  });

  it('finds the application by --file-prefix, and attach -p at start', () => {
    const r = runCli(['-batch', '--json', '-ex', `attach --file-prefix ${prefix}`, '-ex', 'detach']);
    expect(r.json[0].ok, JSON.stringify(r.json[0].error)).toBe(true);
    expect(r.json[0].data.pid).toBe(tp.pid);
    const p = runCli(['-batch', '--json', '-p', String(tp.pid), '-ex', 'info inferior']);
    expect(p.json[0].cmd).toBe(`attach ${tp.pid}`);
    expect(p.json[1].data.target).toMatchObject({ kind: 'app', pid: tp.pid });
  });

  it('Tab after attach offers the running primaries; the pid of a secondary attaches to its primary', async () => {
    const data = { drivers: [], ports: [], listDir: () => [], ifaces: [] };
    const values = complete('attach ', 7, data).candidates.map((c) => c.value);
    expect(values).toContain(String(tp.pid));
    expect(values).not.toContain(prefix); // a prefix where a pid goes would be refused: it completes after --file-prefix
    const line = 'attach --file-prefix ';
    expect(complete(line, line.length, data).candidates.map((c) => c.value)).toContain(prefix);
    expect(complete(`${line}${prefix} `, line.length + prefix.length + 1, data).candidates).toEqual([]);
    // testpmd itself as a secondary of the same application.
    const sec = await Testpmd.start({ prefix, eal: ['--proc-type=secondary'] });
    try {
      const r = runCli(['-batch', '--json', '-ex', `attach ${sec.pid}`, '-ex', 'detach']);
      expect(r.json[0].ok, JSON.stringify(r.json[0].error)).toBe(true);
      expect(r.json[0].data.pid).toBe(tp.pid);
    } finally {
      sec.child.stdin!.write('quit\n');
      await sec.exited;
    }
  });

  it('probes net_null into the application and port detach removes it (testpmd is the oracle)', async () => {
    const before = await tp.summary();
    const sh = new ShellProc();
    try {
      expect((await sh.send(`attach ${tp.pid}`)).ok).toBe(true);
      const pr = await sh.send('probe net_null7');
      expect(pr.ok, JSON.stringify(pr.error)).toBe(true);
      const listed = await tp.summary();
      const added = listed.find((p) => p.name === 'net_null7');
      expect(added, tp.output.slice(-1500)).toBeDefined();
      expect(added!.port).toBe(pr.data.port);
      expect(added!.mac).toBe(pr.data.mac);
      const det = await sh.send('port detach net_null7');
      expect(det.ok, JSON.stringify(det.error)).toBe(true);
      expect((await tp.summary()).find((p) => p.name === 'net_null7')).toBeUndefined();
      expect(await tp.summary()).toEqual(before);
      expect((await sh.send('detach')).ok).toBe(true);
    } finally {
      await sh.quit();
    }
    expect(secondaryLeftovers()).toEqual([]);
  });

  it('refuses what would take or change the application\'s packets, each with the reason', async () => {
    const cmds = ['tx 0', 'rx 0', 'fwd 0 1', 'capture 0 x.pcapng', 'port start 0', 'port stop 0', 'port close 0', 'clear port stats 0', 'mac 0 set 02:00:00:00:00:01', 'port detach 0'];
    const r = runCli(['-batch', '--json', '-ex', `attach ${tp.pid}`, ...cmds.flatMap((c) => ['-ex', c]), '-ex', 'detach']);
    expect(r.json[0].ok).toBe(true);
    for (const [i, c] of cmds.entries()) {
      const res = r.json[i + 1];
      expect(res.ok, c).toBe(false);
      expect(res.error!.code, c).toBe('attached-refused');
      expect(res.error!.hint, c).toContain('--force');
    }
    expect(r.json[2].error!.message).toContain('rx queues');
    expect(r.json[10].error!.message).toContain('started');
    // testpmd still has both ports, started, with their MACs.
    expect((await tp.summary()).map((p) => p.name)).toEqual(['net_null0', 'net_null1']);
  });

  it('a failed probe into the application is diagnosed in a scratch EAL of the shell', async () => {
    const before = await tp.summary();
    const r = runCli(['-batch', '--json', '-ex', `attach ${tp.pid}`, '-ex', 'probe virtio_user0,tx_pcap=report.pcap', '-ex', 'detach']);
    const pr = r.json[1];
    expect(pr.ok).toBe(false);
    expect(pr.error!.code).toBe('key-wrong-driver');
    expect(pr.data.diagnosis.fixes[0].commands.join(' ')).toContain('net_pcap');
    // The proof ran in the shell's own scratch EAL: the application gained no port.
    expect(await tp.summary()).toEqual(before);
  });

  it('a name the application uses: no proved fix that would pull its started port from under it', async () => {
    const before = await tp.summary();
    const r = runCli(['-batch', '--json', '-ex', `attach ${tp.pid}`, '-ex', 'probe net_null0', '-ex', 'detach']);
    const pr = r.json[1];
    expect(pr.ok).toBe(false);
    expect(pr.error!.code).toBe('name-in-use');
    const commands = pr.data.diagnosis.fixes.flatMap((f: { commands: string[] }) => f.commands);
    expect(commands.some((c: string) => /^(port )?detach /.test(c))).toBe(false);
    // A free name is still offered (net_null0 and net_null1 are the application's).
    expect(commands).toContain('probe net_null2');
    expect(pr.log.join('\n')).toMatch(/left out: it removes a port the application \(pid \d+\) has started/);
    expect(await tp.summary()).toEqual(before);
  });

  it('kill -9 of the shell while attached leaves testpmd forwarding', async () => {
    const sh = new ShellProc();
    const att = await sh.send(`attach ${tp.pid}`);
    expect(att.ok).toBe(true);
    const secondary = att.data.secondaryPid as number;
    await tp.cmd('start');
    sh.child.kill('SIGKILL');
    await new Promise((r) => sh.child.once('exit', r));
    // The secondary sees its request pipe close and leaves the application by itself.
    const end = Date.now() + 10_000;
    while (fs.existsSync(`/proc/${secondary}`) && Date.now() < end) await new Promise((r) => setTimeout(r, 50));
    expect(fs.existsSync(`/proc/${secondary}`)).toBe(false);
    try {
      // Still forwarding: its counters move (within a deadline: on a loaded 2-CPU machine the
      // forwarding lcore may not be scheduled for a while).
      const a = await tp.stats(0);
      let b = await tp.stats(0);
      const until = Date.now() + 15_000;
      while (b.rxPackets <= a.rxPackets && Date.now() < until) b = await tp.stats(0);
      expect(b.rxPackets).toBeGreaterThan(a.rxPackets);
    } finally {
      await tp.cmd('stop');
    }
    expect((await tp.summary()).map((p) => p.name)).toEqual(['net_null0', 'net_null1']);
    expect(secondaryLeftovers()).toEqual([]);
  });

  it('the read-only telemetry view shows the same ports and counters', async () => {
    const want = await tp.summary();
    const s0 = await tp.stats(0);
    const r = runCli(['-batch', '--json', '-ex', `attach --telemetry ${tp.pid}`, '-ex', 'show port summary all', '-ex', 'show port stats 0', '-ex', 'info eal', '-ex', 'probe net_null9', '-ex', 'detach']);
    const [att, summary, stats, eal, pr] = r.json;
    expect(att.ok, JSON.stringify(att.error)).toBe(true);
    expect(att.data.kind).toBe('telemetry');
    expect(summary.view).toMatch(/read-only/);
    expect(summary.data.ports.map((p: any) => [p.port, p.name, p.mac])).toEqual(want.map((p) => [p.port, p.name, p.mac]));
    expect(stats.data.stats[0]).toMatchObject({ ipackets: s0.rxPackets, opackets: s0.txPackets });
    expect(eal.data.args).toEqual(tp.args.slice(0, tp.args.indexOf('--')));
    expect(pr.error!.code).toBe('read-only');
  });
});
