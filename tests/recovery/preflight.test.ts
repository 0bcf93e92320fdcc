// probe's pre-flight: input that crashes or hangs a throwaway EAL is refused with the real
// reason, the user's EAL never sees it; --force runs it (crash shown, session restored).
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { fifo } from './host.js';

const cli = (...lines: string[]) => runCli(['-batch', '--json', '--timeout', '5000', ...lines.flatMap((l) => ['-ex', l])]);

describe('pre-flight', () => {
  it('refuses a crashing input with the crash frame; the session never died', () => {
    const r = cli('probe net_null0', 'probe net_ring0,internal=0', 'probe net_null1', 'info crashes');
    expect(r.json).toHaveLength(4);
    const [, refused, next, crashes] = r.json;
    expect(refused.error?.code).toBe('would-crash');
    expect(refused.error?.message).toMatch(/SIGSEGV in parse_internal_args \(drivers\/net\/ring\/rte_eth_ring\.c:\d+\)/);
    expect(refused.error?.hint).toMatch(/probe --force net_ring0,internal=0/);
    expect(refused.data.preflight.triggers.map((t: { key: string }) => t.key)).toEqual(['internal']);
    // The user's EAL went on: port numbers continue and no death was recorded.
    expect(next.ok).toBe(true);
    expect(next.data.port).toBe(1);
    expect(crashes.data.deaths).toEqual([]);
  });

  it('refuses a hanging input with where it blocked', () => {
    const f = fifo();
    const r = cli('info inferior', `probe net_pcap0,rx_pcap=${f}`, 'probe net_null0', 'info inferior', 'info crashes');
    const [before, refused, next, after, crashes] = r.json;
    expect(refused.error?.code).toBe('would-hang');
    expect(refused.data.preflight.verdict).toBe('hang');
    // The pcap PMD's function that opens the rx file (open_single_rx_pcap; an optimized build inlines it into open_rx_pcap).
    expect(refused.data.preflight.hang.dpdkFrame).toMatchObject({ fn: expect.stringMatching(/^open\w*_rx_pcap$/), file: 'drivers/net/pcap/pcap_ethdev.c' });
    expect(refused.data.preflight.triggers[0].why).toMatch(/FIFO/);
    // The throwaway EAL hung, not the user's: same EAL process, nothing died, ports go on from 0.
    expect(next.data.port).toBe(0);
    expect(after.data.pid).toBe(before.data.pid);
    expect(crashes.data.deaths).toEqual([]);
  });

  it('tries risky input that turns out fine, and plain input not at all', () => {
    const r = cli('probe net_null0,size=1x', 'probe net_null1');
    expect(r.json[0].ok).toBe(true);
    expect(r.json[0].data.preflight.verdict).toBe('ok');
    expect(r.json[1].ok).toBe(true);
    expect(r.json[1].data.preflight).toBeUndefined();
  });

  it('--force demonstrates the crash, then the shell goes on', () => {
    // An input that crashes every DPDK from 22.11 on (a key without a value stopped crashing in 24.11).
    const r = cli('probe --force net_ring0,internal=0', 'probe net_null0');
    expect(r.json[0].error?.code).toBe('inferior-crashed');
    expect(r.json[0].data.crash.dpdkFrame.fn).toBe('parse_internal_args');
    expect(r.json[1].ok).toBe(true);
  });
});
