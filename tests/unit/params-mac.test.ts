import { describe, expect, it } from 'vitest';
import { parseParamString } from '../../src/drivers/params.js';
import { explainMac } from '../../src/mac/explain.js';
import { nearest } from '../../src/util/nearest.js';

describe('parseParamString reads parameter strings as DPDK wrote them', () => {
  it('net_pcap: a missing space between two keys', () => {
    const keys = parseParamString('rx_pcap=<string> tx_pcap=<string> phy_mac=<int>infinite_rx=<0|1>').map((k) => k.key);
    expect(keys).toEqual(['rx_pcap', 'tx_pcap', 'phy_mac', 'infinite_rx']);
  });
  it('net_null: an unbracketed syntax', () => {
    expect(parseParamString('size=<int> copy=<int> no-rx=0|1')).toEqual([
      { key: 'size', syntax: '<int>', kind: 'int' }, { key: 'copy', syntax: '<int>', kind: 'int' }, { key: 'no-rx', syntax: '0|1', kind: 'bool' },
    ]);
  });
  it('virtio_user: syntax with a space inside <>', () => {
    expect(parseParamString('path=<path> mac=<mac addr> cq=<int>').map((k) => [k.key, k.kind])).toEqual([['path', 'path'], ['mac', 'mac'], ['cq', 'int']]);
  });
});

describe('explainMac', () => {
  it('the pcap PMD default spells \\x02pcap\\0', () => {
    const e = explainMac('02:70:63:61:70:00')!;
    expect(e.locallyAdministered).toBe(true);
    expect(e.multicast).toBe(false);
    expect(e.asText).toBe('\\x02pcap\\0');
    expect(e.printable).toBe('pcap');
    expect(e.vendor).toBeNull();
  });
  it('a universal unicast address names its OUI', () => {
    const e = explainMac('44:A1:91:A4:9C:0B')!;
    expect(e.locallyAdministered).toBe(false);
    expect(e.oui).toBe('44:A1:91');
  });
  it('multicast and garbage', () => {
    expect(explainMac('01:00:5e:00:00:01')!.multicast).toBe(true);
    expect(explainMac('ff:ff:ff:ff:ff:ff')!.broadcast).toBe(true);
    expect(explainMac('zz:00:00:00:00:00')).toBeNull();
    expect(explainMac('02:00:00:00:00')).toBeNull();
  });
});

describe('nearest', () => {
  it('suggests close names', () => {
    expect(nearest('tx_pcapp', ['tx_pcap', 'rx_pcap', 'iface'])[0]).toBe('tx_pcap');
    expect(nearest('net_pcapx', ['net_pcap', 'net_null'])[0]).toBe('net_pcap');
    expect(nearest('zzzzzz', ['net_pcap'])).toEqual([]);
  });
});
