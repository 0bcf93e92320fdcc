// vdev-shell's probe against testpmd's `port attach` from the same DPDK build: the same devargs
// must succeed or fail alike, give the same MAC, and produce the same DPDK log lines.
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { testpmdAttach } from '../helpers/testpmd.js';
import { tmpDir } from '../helpers/tmp.js';

// Each case is a sequence of devargs attached in one EAL; the LAST one is compared.
// randomMac: the driver draws a random address (rte_eth_random_addr), so only its kind is compared.
const CASES: { what: string; seq: string[]; randomMac?: boolean }[] = [
  { what: 'net_null', seq: ['net_null0'], randomMac: true },
  { what: 'net_null with keys', seq: ['net_null1,size=64,copy=1'], randomMac: true },
  { what: 'seed success: pcap tx', seq: ['net_pcap_pdump_0,tx_pcap=report.pcap'] },
  { what: 'seed failure: pcap key on virtio_user', seq: ['virtio_user0,tx_pcap=report.pcap'] },
  { what: 'name no driver claims', seq: ['foo0'] },
  { what: 'misspelt key', seq: ['net_pcap0,tx_pcapp=x.pcap'] },
  { what: 'unknown key on null', seq: ['net_null2,bogus=1'] },
  { what: 'alias eth_pcap', seq: ['eth_pcap0,tx_pcap=alias.pcap'] },
  { what: 'rx_pcap missing file', seq: ['net_pcap1,rx_pcap=/nonexistent-vdsh/in.pcap'] },
  { what: 'virtio_user without path', seq: ['virtio_user1'] },
  { what: 'net_ring', seq: ['net_ring0'] },
  { what: 'tap with fixed MAC', seq: ['net_tap0,iface=vdshor0,mac=fixed'] },
  { what: 'tap with given MAC', seq: ['net_tap1,iface=vdshor1,mac=02:11:22:33:44:55'] },
  { what: 'af_packet on a missing interface', seq: ['net_af_packet0,iface=vdshnone0'] },
  { what: 'same name twice (22.11 returns 0, attaches nothing)', seq: ['net_null3', 'net_null3'] },
];

describe('probe agrees with testpmd port attach', () => {
  for (const c of CASES) {
    it(c.what, () => {
      const tp = testpmdAttach(c.seq, tmpDir());
      const ours = runCli(['-batch', '--json', ...c.seq.flatMap((d) => ['-ex', `probe ${d}`])], { cwd: tmpDir() });
      expect(tp).toHaveLength(c.seq.length);
      expect(ours.json).toHaveLength(c.seq.length);
      const t = tp[tp.length - 1];
      const o = ours.json[ours.json.length - 1];
      expect(o.ok, JSON.stringify({ t, o })).toBe(t.ok);
      // testpmd calls rte_dev_probe("NAME,ARGS"); the shell calls rte_eal_hotplug_add("vdev", NAME,
      // ARGS) like the seed application, which hands EAL "vdev:NAME": only that prefix may differ.
      // From 24.11 testpmd parses the identifier itself before rte_dev_probe parses it again, so a
      // name no bus claims is reported twice ("failed to parse device"); the shell makes one call.
      const tLines = t.lines.filter((l, i) => !(i > 0 && l === t.lines[i - 1] && /failed to parse device/.test(l)));
      expect(o.log.map((l) => l.replace('"vdev:', '"'))).toEqual(tLines);
      if (t.ok) {
        expect(o.data.port).toBe(t.port);
        // Both sides must have printed a MAC: two failed parses are not an agreement.
        const MAC = /^[0-9A-F]{2}(:[0-9A-F]{2}){5}$/;
        const [om, tm] = [String(o.data.mac).toUpperCase(), String(t.mac).toUpperCase()];
        expect(om).toMatch(MAC);
        expect(tm).toMatch(MAC);
        if (c.randomMac) {
          // locally administered unicast on both sides, and different draws (2^46 to 1 against equal)
          for (const m of [om, tm]) expect(parseInt(m.slice(0, 2), 16) & 3).toBe(2);
          expect(om).not.toBe(tm);
        } else expect(om).toBe(tm);
      } else {
        expect(o.data.port).toBeUndefined();
        expect(t.port).toBeNull();
      }
    });
  }
});
