// Edge cases of probe outcomes that DPDK 22.11 reports misleadingly.
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { tmpDir } from '../helpers/tmp.js';
import { stripDpdkRoot } from '../trace/gdb.js';
import { addonPath } from '../../src/util/paths.js';

describe('probe edge cases', () => {
  it('a closed port leaves its device on the vdev bus; port detach NAME removes it and frees the name', () => {
    const r = runCli(['--json', '-q'], { input: ['probe net_null0', 'port close 0', 'check net_null0', 'port detach net_null0', 'probe net_null0', 'port detach net_nothing'].join('\n') + '\n' });
    const [probe, close, check, detach, again, none] = r.json;
    expect([probe.ok, close.ok, detach.ok, again.ok, none.ok]).toEqual([true, true, true, true, false]);
    expect(close.data.note).toBe("device net_null0 is still on the vdev bus; 'port detach net_null0' removes it");
    expect(check.data.findings).toContainEqual(expect.objectContaining({ code: 'name-in-use', hint: "'port detach net_null0' removes the device and frees the name, or choose another name" }));
    expect(detach.data).toMatchObject({ port: null, device: 'net_null0', ret: 0, removed: true });
    expect(none.error?.code).toBe('no-such-port');
  });

  it('detach leaves no port behind when the PMD named its ports from the arguments (net_ring nodeaction)', () => {
    const probe = 'probe net_ring0,nodeaction=vdshr1:0:CREATE,nodeaction=vdshr2:0:CREATE';
    const r = runCli(['--json', '-q'], { input: [probe, 'port detach 1', 'show port summary all', probe].join('\n') + '\n' });
    const [attached, detach, summary, again] = r.json;
    expect(attached.ok).toBe(true);
    expect(detach.ok).toBe(true);
    // rte_eal_hotplug_remove succeeded (net_ring0 is off the bus), yet net_ring's remove released
    // no port: the shell closed both and names the driver's remove callback (from the running EAL).
    expect(detach.data).toMatchObject({ device: 'net_ring0', ret: 0, removed: true });
    // Where gdb puts `break rte_pmd_ring_remove` in the addon (an optimized build shows the line of
    // a header function gcc inlined at its entry, as gdb does).
    const gdb = execFileSync('gdb', ['-batch', '-ex', 'info line rte_pmd_ring_remove', addonPath()], { encoding: 'utf8' });
    const [, line, file] = /^Line (\d+) of "([^"]+)"/m.exec(gdb) ?? [];
    expect(detach.data.leftPorts.remove).toBe(`rte_pmd_ring_remove, ${stripDpdkRoot(file)}:${line}`);
    expect(detach.data.leftPorts.closed).toEqual([{ port: 0, name: 'vdshr1', ret: 0 }, { port: 1, name: 'vdshr2', ret: 0 }]);
    expect(summary.data.ports).toEqual([]);
    // The rings went with the ports (CREATE), so the same arguments attach again.
    expect(again.ok).toBe(true);
  });

  it('a persistent tap interface is named as staying on the host, at probe and at detach', () => {
    const iface = `vdshps${process.pid % 10000}`;
    try {
      const r = runCli(['-batch', '--json', '-ex', `probe net_tap0,iface=${iface},persist`, '-ex', 'port detach 0']);
      const [probe, detach] = r.json;
      expect(probe.ok).toBe(true);
      expect(probe.data.warnings).toContainEqual(expect.objectContaining({ code: 'iface-persists', message: expect.stringContaining(`'ip link delete ${iface}'`) }));
      expect(detach.data).toMatchObject({ removed: true, ifaceStays: iface });
      // The kernel agrees: the interface outlived the port.
      expect(execFileSync('ip', ['-br', 'link', 'show', iface], { encoding: 'utf8' })).toContain(iface);
    } finally {
      try { execFileSync('ip', ['link', 'delete', iface], { stdio: 'ignore' }); } catch { /* never made */ }
    }
    // Without persist the kernel removes the interface with its last fd: nothing is said.
    const plain = runCli(['-batch', '--json', '-ex', `probe net_tap0,iface=${iface}`, '-ex', 'port detach 0']);
    expect(plain.json[0].data.warnings ?? []).not.toContainEqual(expect.objectContaining({ code: 'iface-persists' }));
    expect(plain.json[1].data.ifaceStays).toBeUndefined();
  });

  it('ret 0 without a port is name-in-use only when the name was already on the bus', () => {
    const dir = tmpDir();
    const sock = path.join(dir, 'vh.sock');
    // net_vhost with an impossible queue count returns 0 and creates no port (rte_eth_vhost.c).
    const r = runCli(['-batch', '--json', '-ex', `probe net_vhost0,iface=${sock},queues=99999`, '-ex', 'probe net_null0', '-ex', 'probe net_null0'], { cwd: dir });
    expect(r.json[0].ok).toBe(false);
    expect(r.json[0].data.ret).toBe(0);
    expect(r.json[0].error?.code).not.toBe('name-in-use');
    expect(r.json[2].ok).toBe(false);
    expect(r.json[2].error?.code).toBe('name-in-use');
  });

  it('check on an rx_pcap that is a FIFO answers instead of blocking on open()', () => {
    const dir = tmpDir();
    const fifo = path.join(dir, 'in.fifo');
    execFileSync('mkfifo', [fifo]);
    const r = runCli(['-batch', '--json', '-ex', `check net_pcap0,rx_pcap=${fifo}`], { cwd: dir });
    expect(r.status).not.toBeNull(); // not killed by runCli's timeout
    expect(r.json).toHaveLength(1);
    // What it answered: the value is a FIFO the probe would block on (found without opening it).
    expect(r.json[0].data.findings).toEqual([expect.objectContaining({ code: 'fifo', key: 'rx_pcap', message: expect.stringMatching(/is a FIFO: the probe blocks in open\(\)/) })]);
  });
});
