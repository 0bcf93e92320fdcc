// gdb attached to the inferior as the oracle for "the burst function that took them": the address
// and name tx/rx/fwd report are what gdb reads in rte_eth_fp_ops for the port.
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Session } from '../../src/session/session.js';
import { Runner } from '../../src/script/runner.js';
import { tmpDir } from '../helpers/tmp.js';

let session: Session | undefined;
afterEach(async () => { await session?.close(); session = undefined; });

function gdbPrint(pid: number, exprs: string[]): string[] {
  const out = execFileSync('gdb', ['-p', String(pid), '-batch', ...exprs.flatMap((e) => ['-ex', `print ${e}`])],
    { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], timeout: 60_000 });
  return out.split('\n').filter((l) => /^\$\d+ = /.test(l)).map((l) => l.replace(/^\$\d+ = /, ''));
}

describe('burst functions against gdb', () => {
  it('tx and rx name the function gdb finds in rte_eth_fp_ops, at the same address', async () => {
    const dir = tmpDir();
    session = new Session();
    const run = new Runner(session);
    expect((await run.run(`probe net_pcap0,tx_pcap=${path.join(dir, 'o.pcap')}`))!.ok).toBe(true);
    expect((await run.run('probe net_ring0'))!.ok).toBe(true);
    const tx0 = (await run.run('tx 0 count 3'))!.data as { burstFn: { fn: string; addr: string } };
    const tx1 = (await run.run('tx 1 count 3'))!.data as { burstFn: { fn: string; addr: string } };
    const rx1 = (await run.run('rx 1 count 3 timeout 2000'))!.data as { received: number; burstFn: { fn: string; addr: string } };
    expect(rx1.received).toBe(3);
    const g = gdbPrint(session.inferior.pid!, ['rte_eth_fp_ops[0].tx_pkt_burst', 'rte_eth_fp_ops[1].tx_pkt_burst', 'rte_eth_fp_ops[1].rx_pkt_burst']);
    expect(g).toEqual([
      `(eth_tx_burst_t) ${tx0.burstFn.addr} <${tx0.burstFn.fn}>`,
      `(eth_tx_burst_t) ${tx1.burstFn.addr} <${tx1.burstFn.fn}>`,
      `(eth_rx_burst_t) ${rx1.burstFn.addr} <${rx1.burstFn.fn}>`,
    ]);
    expect([tx0.burstFn.fn, tx1.burstFn.fn, rx1.burstFn.fn]).toEqual(['eth_pcap_tx_dumper', 'eth_ring_tx', 'eth_ring_rx']);
  });
});
