// Edge cases of probe outcomes that DPDK 22.11 reports misleadingly.
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { tmpDir } from '../helpers/tmp.js';

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
