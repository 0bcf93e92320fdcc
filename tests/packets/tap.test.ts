// net_tap ports reach the kernel: what tx sends arrives on the kernel interface (its counters
// move by exactly what was sent), and what the kernel sends out of it is received by rx.
import { execFileSync } from 'node:child_process';
import dgram from 'node:dgram';
import fs from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { Session } from '../../src/session/session.js';
import { Runner } from '../../src/script/runner.js';
import { readCapture } from '../../src/packets/capture-file.js';
import { tmpDir } from '../helpers/tmp.js';

const IF = 'vdshpk0';
const exists = (): boolean => fs.existsSync(`/sys/class/net/${IF}`);
const stat = (k: string): number => Number(fs.readFileSync(`/sys/class/net/${IF}/statistics/${k}`, 'utf8'));
let session: Session | undefined;

afterEach(async () => {
  await session?.close();
  session = undefined;
  // Never leave our interface behind, even when an assertion failed.
  if (exists()) execFileSync('ip', ['link', 'delete', IF]);
});

describe('net_tap ports and the kernel', () => {
  it('tx moves the kernel rx counters by exactly what was sent; rx gets what the kernel sends', async () => {
    session = new Session();
    const run = new Runner(session);
    expect((await run.run(`probe net_tap0,iface=${IF}`))!.ok).toBe(true);
    // No IPv6 chatter (MLD, router solicitations) on our interface: only the test's packets flow.
    execFileSync('sysctl', ['-qw', `net.ipv6.conf.${IF}.disable_ipv6=1`]);
    const start = (await run.run('port start 0'))!;
    expect(start.ok).toBe(true);

    const cap = `${tmpDir()}/tap.pcapng`;
    expect((await run.run(`capture 0 ${cap} tx`))!.ok).toBe(true);
    const rx0 = stat('rx_packets');
    const rxb0 = stat('rx_bytes');
    const tx = (await run.run('tx 0 count 25 size 100'))!;
    expect(tx.ok).toBe(true);
    expect(tx.data).toMatchObject({ sent: 25, refused: 0 });
    expect((tx.data as { burstFn: { fn: string; file: string } }).burstFn).toMatchObject({ fn: 'pmd_tx_burst', file: 'drivers/net/tap/rte_eth_tap.c' });
    expect(stat('rx_packets') - rx0).toBe(25);
    expect(stat('rx_bytes') - rxb0).toBe(25 * 100);
    // lib pcapng names a kernel-backed port's interface after the kernel interface (if_indextoname).
    const stop = (await run.run('capture stop'))!;
    expect(stop.data).toMatchObject({ tx: 25, packetsInFile: 25, interfaces: [IF] });
    const f = readCapture(fs.readFileSync(cap));
    expect(f.packets.every((p) => p.len === 100 && p.direction === 'out')).toBe(true);
    expect(execFileSync('tcpdump', ['-nn', '-r', cap], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).split('\n').filter(Boolean)).toHaveLength(25);

    execFileSync('ip', ['addr', 'add', '198.18.99.1/24', 'dev', IF]);
    execFileSync('ip', ['neigh', 'replace', '198.18.99.2', 'lladdr', '02:00:00:00:00:99', 'dev', IF, 'nud', 'permanent']);
    expect((await run.run('clear port stats 0'))!.ok).toBe(true);
    const ktx0 = stat('tx_packets');
    const sock = dgram.createSocket('udp4');
    for (let i = 0; i < 3; i++) await new Promise<void>((res, rej) => sock.send(Buffer.from(`hello${i}`), 9999, '198.18.99.2', (e) => (e ? rej(e) : res())));
    sock.close();
    const rx = (await run.run('rx 0 count 3 timeout 5000'))!;
    expect(rx.ok).toBe(true);
    const d = rx.data as { received: number; packets: { line: string; hex: string }[]; burstFn: { fn: string } };
    expect(d.burstFn.fn).toBe('pmd_rx_burst');
    expect(d.received).toBe(3);
    d.packets.forEach((p, i) => {
      expect(p.line).toMatch(new RegExp(`> 02:00:00:00:00:99, ethertype IPv4 \\(0x0800\\), length 48: 198\\.18\\.99\\.1\\.\\d+ > 198\\.18\\.99\\.2\\.9999: UDP, length 6$`));
      expect(Buffer.from(p.hex, 'hex').subarray(42).toString()).toBe(`hello${i}`);
    });
    const st = (await run.run('show port stats 0'))!.data as { stats: { ipackets: number }[] };
    expect(st.stats[0].ipackets).toBe(3);
    expect(stat('tx_packets') - ktx0).toBe(3);

    expect((await run.run('port detach 0'))!.ok).toBe(true);
    expect(exists()).toBe(false);
  });
});
