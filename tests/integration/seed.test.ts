// The seed story end to end through the CLI, against the real EAL.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { tmpDir } from '../helpers/tmp.js';
import { projectRoot } from '../../src/util/paths.js';

describe('seed story', () => {
  it('scripts/seed.vsh passes and leaves report.pcap next to the script copy', () => {
    const dir = tmpDir();
    fs.copyFileSync(path.join(projectRoot, 'scripts', 'seed.vsh'), path.join(dir, 'seed.vsh'));
    const r = runCli(['-batch', '--json', path.join(dir, 'seed.vsh')], { cwd: dir });
    expect(r.status, r.stdout + r.stderr).toBe(0);
    const probes = r.json.filter((j) => j.cmd.startsWith('probe'));
    expect(probes[0].ok).toBe(false);
    expect(probes[0].error?.code).toBe('key-wrong-driver');
    expect(probes[0].data.ret).toBe(-1);
    expect(probes[0].data.driver).toBe('net_virtio_user');
    // DPDK's lines verbatim; from 24.11 a driver's line carries its log type ("VIRTIO_INIT: ")
    expect(probes[0].log.map((l: string) => l.replace(/^VIRTIO_INIT: /, ''))).toEqual([
      'virtio_user_pmd_probe(): error when parsing param',
      'EAL: Driver cannot attach the device (virtio_user0)',
      'EAL: Failed to attach device on primary process',
    ]);
    expect(probes[1].ok).toBe(true);
    expect(probes[1].data).toMatchObject({ ret: 0, driver: 'net_pcap', port: 0, name: 'net_pcap_pdump_0', mac: '02:70:63:61:70:00' });
    expect(fs.existsSync(path.join(dir, 'report.pcap'))).toBe(true);
    const bt = r.json.find((j) => j.cmd === 'bt')!;
    // vdev_plug has a frame at -O0; an optimized build tail-calls through it (gdb agrees: bt-gdb)
    expect(bt.data.frames.map((f: { fn: string }) => f.fn).filter((f: string) => f !== 'vdev_plug').slice(0, 5)).toEqual([
      'pmd_pcap_probe', 'vdev_probe_all_drivers', 'local_dev_probe', 'rte_dev_probe', 'rte_eal_hotplug_add',
    ]);
    const ops = r.json.find((j) => j.cmd === 'ops 0')!;
    const set = Object.fromEntries(ops.data.ops.filter((o: { fn: string | null }) => o.fn).map((o: { slot: string; fn: string }) => [o.slot, o.fn]));
    expect(set).toMatchObject({ dev_start: 'eth_dev_start', dev_stop: 'eth_dev_stop', dev_configure: 'eth_dev_configure', dev_infos_get: 'eth_dev_info', link_update: 'eth_link_update' });
    expect(ops.data.burst.rx_pkt_burst).toBe('eth_null_rx');
  });

  it('a failing command makes -batch exit 1; an unknown command is a clear error, not a crash', () => {
    const r = runCli(['-batch', '--json', '-ex', 'frobnicate', '-ex', 'probe net_null0', '-ex', 'ports']);
    expect(r.status).toBe(1);
    expect(r.json[0]).toMatchObject({ ok: false, error: { code: 'unknown-command' } });
    expect(r.json[1].ok).toBe(true);
    expect(r.json[2].data.ports).toHaveLength(1);
  });

  it('reads commands from piped stdin', () => {
    const r = runCli(['--json'], { input: 'probe net_null0\ninfo inferior\nquit\n' });
    expect(r.status).toBe(0);
    expect(r.json[0].data.port).toBe(0);
    expect(typeof r.json[1].data.pid).toBe('number');
  });
});
