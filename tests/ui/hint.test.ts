// The hint under the prompt against the real EAL: it never waits on a scratch EAL (what check knows
// comes first, a "might" where only a probe of the input can tell), then the settled answer from a
// probe of the input as given; and it never calls wrong a documented input the probe attaches.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HintScheduler, type Hint } from '../../src/ui/hint.js';
import { Session } from '../../src/session/session.js';

let session: Session;
beforeAll(async () => { session = new Session(); await session.ready(); await session.drivers(); });
afterAll(async () => { await session.close(); });

/** Types the line and collects the hints shown until `until` holds for one. */
async function hints(line: string, until: (h: Hint) => boolean): Promise<Hint[]> {
  const seen: Hint[] = [];
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no settled hint for "${line}": ${JSON.stringify(seen)}`)), 20_000);
    const s = new HintScheduler(session, (h) => { if (!h) return; seen.push(h); if (until(h)) { clearTimeout(timer); resolve(); } }, 0);
    s.update(line);
  });
  return seen;
}

describe('hint under the prompt', () => {
  it('shows a "might" at once and the settled error after the input was tried in a scratch EAL', async () => {
    const seen = await hints('probe virtio_user0,tx_pcap=report.pcap', (h) => h.level === 'error');
    expect(seen[0]).toMatchObject({ level: 'warning', text: expect.stringMatching(/net_virtio_user does not accept "tx_pcap".*might fail.*not tried as given yet/) });
    expect(seen[seen.length - 1].text).toMatch(/tried as given in a scratch EAL; DPDK: .*error when parsing param/);
    // Settled once: typed again, the answer comes from the cache, first time.
    const again = await hints('probe virtio_user0,tx_pcap=report.pcap', () => true);
    expect(again[0].level).toBe('error');
  });

  it('net_ring0 (pcap_ring.rst) is never called wrong; net_pcap0 without arguments is, once tried as that name', async () => {
    const ring = await hints('probe net_ring0', (h) => h.level === 'ok');
    expect(ring.map((h) => h.level)).toEqual(['info', 'ok']); // "trying it as given…", then settled
    expect((await hints('probe net_ring0', () => true)).map((h) => h.level)).toEqual(['ok']); // cached
    const pcap = await hints('probe net_pcap0', (h) => h.level === 'error');
    expect(pcap[0]).toMatchObject({ level: 'info', text: expect.stringMatching(/trying it as given in a scratch EAL/) });
    expect(pcap[pcap.length - 1].text).toMatch(/net_pcap attaches nothing as "net_pcap0" without arguments \(tried as given/);
    // Another name of the same driver: a "might" that says where the lesson came from, not an error.
    const other = await hints('probe net_pcap1', () => true);
    expect(other[0]).toMatchObject({ level: 'warning', text: expect.stringMatching(/might attach nothing.*failed bare as net_pcap0.*not yet tried as "net_pcap1"/) });
  });
});
