import { describe, expect, it } from 'vitest';
import { parseDevargs, splitArgs } from '../../src/devargs/parse.js';

describe('parseDevargs accepts every pasted form', () => {
  const cases: [string, string, string, string][] = [
    ['net_pcap0,tx_pcap=x.pcap', 'net_pcap0', 'tx_pcap=x.pcap', 'plain'],
    ['--vdev=net_tap0,iface=foo0', 'net_tap0', 'iface=foo0', 'eal'],
    ['--vdev net_tap0,iface=foo0', 'net_tap0', 'iface=foo0', 'eal'],
    ["--vdev 'net_tap1,iface=foo1'", 'net_tap1', 'iface=foo1', 'eal'],
    ['dpdk-devargs=net_pcap0,rx_pcap=fuzzy.pcap', 'net_pcap0', 'rx_pcap=fuzzy.pcap', 'ovs'],
    ['options:dpdk-devargs=net_pcap0,rx_pcap=fuzzy.pcap', 'net_pcap0', 'rx_pcap=fuzzy.pcap', 'ovs'],
    ['rte_eal_hotplug_add("vdev", "virtio_user0", "tx_pcap=report.pcap")', 'virtio_user0', 'tx_pcap=report.pcap', 'c-call'],
    ['res = rte_eal_hotplug_add("vdev","net_null0","");', 'net_null0', '', 'c-call'],
    ['net_null0', 'net_null0', '', 'plain'],
    ['vdev:net_null1,size=64', 'net_null1', 'size=64', 'plain'],
  ];
  for (const [input, name, args, form] of cases) {
    it(input, () => {
      const r = parseDevargs(input);
      expect(r.ok).toBe(true);
      if (!r.ok) return;
      expect(r.devargs.name).toBe(name);
      expect(r.devargs.args).toBe(args);
      expect(r.devargs.form).toBe(form);
    });
  }
});

describe('parseDevargs rejects with a code and a hint', () => {
  it.each([
    ['', 'devargs-malformed'],
    ['rte_eal_hotplug_add("pci", "0000:00:01.0", "")', 'bus-wrong'],
    ['0000:00:01.0', 'bus-wrong'],
    ['pci:net_null0', 'bus-wrong'],
    ['rte_eal_hotplug_add(vdev, name)', 'devargs-malformed'],
    ['--vdev', 'devargs-malformed'],
    ['-x', 'devargs-malformed'],
  ])('%s -> %s', (input, code) => {
    const r = parseDevargs(input);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe(code);
    expect(r.error.hint.length).toBeGreaterThan(5);
  });
});

describe('splitArgs', () => {
  it('keeps [] lists together and keys without values', () => {
    expect(splitArgs('a=1,b=[x,y],c')).toEqual([
      { key: 'a', value: '1', raw: 'a=1' }, { key: 'b', value: '[x,y]', raw: 'b=[x,y]' }, { key: 'c', value: null, raw: 'c' },
    ]);
  });
});
