// --vdev devices the EAL did not attach at start-up: rte_eal_init logs the failure and returns
// success, so without the shell saying so a mistyped --vdev vanishes.
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { startFailures } from '../../src/session/start-vdevs.js';
import { vdevArgs } from '../../src/devargs/eal-args.js';
import { DEFAULT_EAL_ARGS } from '../../src/session/inferior.js';
import { inferiorMainPath } from '../../src/util/paths.js';
import { gdbRunBt, parseBt } from '../trace/gdb.js';
import { testpmdStartLines } from '../helpers/testpmd.js';
import { tmpDir } from '../helpers/tmp.js';

describe('--vdev at EAL start-up', () => {
  it('finds the --vdev values and which of them have no port (pure)', () => {
    const args = ['-l', '0', '--vdev', 'net_null0,foo=1', '--vdev=net_null1', '--vdev=net_pcap0,tx_pcap=a.pcap'];
    expect(vdevArgs(args)).toEqual(['net_null0,foo=1', 'net_null1', 'net_pcap0,tx_pcap=a.pcap']);
    const ports = [{ port: 0, name: 'net_null1', device: 'net_null1' }, { port: 1, name: 'net_pcap0', device: 'net_pcap0' }] as never;
    const log = [{ text: 'vdev_probe(): failed to initialize net_null0 device' }, { text: 'EAL: Bus (vdev) probe failed.' }, { text: 'net_null10 is another device' }];
    expect(startFailures(args, ports, log)).toEqual([
      { devargs: 'net_null0,foo=1', name: 'net_null0', lines: ['vdev_probe(): failed to initialize net_null0 device', 'EAL: Bus (vdev) probe failed.'] },
    ]);
  });

  it('says so on stderr and in info eal, with DPDK\'s lines; the devices that did attach are there', () => {
    const vdevs = ['--vdev', 'net_null0,foo=1', '--vdev=net_null1'];
    const r = runCli(['-batch', '--json', '-ex', 'info eal', '-ex', 'ports', '--', ...DEFAULT_EAL_ARGS, ...vdevs]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/vdev-shell: --vdev net_null0,foo=1: not attached at EAL start-up; 'diagnose net_null0,foo=1' says why/);
    // DPDK's lines about it, as testpmd of the same build prints them when started with the same --vdev.
    const dpdk = testpmdStartLines(vdevs, tmpDir()).filter((l) => l.includes('net_null0') || /probe failed/.test(l));
    expect(dpdk.length).toBeGreaterThanOrEqual(2);
    for (const l of dpdk) expect(r.stderr).toContain(l);
    expect(r.json[0].data.startFailures).toEqual([{ devargs: 'net_null0,foo=1', name: 'net_null0', lines: dpdk }]);
    expect(r.json[1].data.ports.map((p: { name: string }) => p.name)).toEqual(['net_null1']);
    const clean = runCli(['-batch', '--json', '-ex', 'info eal', '--', ...DEFAULT_EAL_ARGS, '--vdev=net_null1']);
    expect(clean.stderr).not.toMatch(/not attached/);
    expect(clean.json[0].data.startFailures).toBeUndefined();
  });

  it('its probes join the history: bt shows the chain from rte_eal_init (as gdb sees it), diagnose the failed one', () => {
    const eal = [...DEFAULT_EAL_ARGS, '--vdev', 'net_null0,foo=1', '--vdev=net_null1,size=128'];
    const r = runCli(['-batch', '--json', '-ex', 'info probes', '-ex', 'bt 2', '-ex', 'diagnose', '--', ...eal]);
    const [probes, bt, diag] = r.json;
    expect(probes.data.probes.map((p: { input: string; ok: boolean; chain: string }) => [p.input, p.ok, p.chain]))
      .toEqual([['--vdev net_null0,foo=1', false, 'recorded'], ['--vdev net_null1,size=128', true, 'recorded']]);
    // gdb, running an inferior with the same EAL arguments, at the same PMD probe's second call
    // (the first is net_null0's): the same DPDK functions at the same lines down to rte_eal_init.
    // gdb also shows the shell's trampoline, which bt hides (it stands in for the probe call).
    const gdbStops = gdbRunBt(inferiorMainPath(), eal, 'rte_pmd_null_probe', 2).split('@@stop');
    const gdbChain = parseBt(gdbStops[1]).filter((f) => !/trampoline_probe$/.test(f.fn));
    const init = gdbChain.findIndex((f) => f.fn === 'rte_eal_init');
    expect(init, gdbStops[1]).toBeGreaterThan(0);
    const want = gdbChain.slice(0, init + 1).map((f) => `${f.fn} ${f.file}:${f.line}`);
    const ours = bt.data.frames.slice(0, init + 1).map((f: { fn: string; file: string; line: number }) => `${f.fn} ${f.file}:${f.line}`);
    expect(ours).toEqual(want);
    expect(bt.data.frames[init + 1].origin).toBe('shell');
    expect(bt.data.frames[0].args[0].fields.map((f: { value: string }) => f.value).join(' ')).toMatch(/"net_null1" .*"size=128"/);
    expect(diag.data.diagnosis.cause).toBe('key-unknown');
    expect(diag.data.diagnosis.fixes[0]).toMatchObject({ commands: ['probe net_null0'], verified: true });
  });
});
