import { describe, expect, it } from 'vitest';
import { commandTable, matchCommand } from '../../src/commands/registry.js';
import { usageOf } from '../../src/commands/grammar.js';

describe('command table', () => {
  it('matches full words, aliases and unique prefixes', () => {
    expect(matchCommand('show port info 0').spec?.path).toEqual(['show', 'port', 'info']);
    expect(matchCommand('sh po in 0').spec?.path).toEqual(['show', 'port', 'info']);
    expect(matchCommand('sh po in 0').argv).toEqual(['0']);
    expect(matchCommand('port attach net_null0,size=64').spec?.path).toEqual(['probe']);
    expect(matchCommand('port attach net_null0,size=64').rest).toBe('net_null0,size=64');
    expect(matchCommand('ports').spec?.path).toEqual(['show', 'port', 'summary']);
  });
  it('keeps the raw rest of the line (C calls contain spaces and quotes)', () => {
    const m = matchCommand('probe rte_eal_hotplug_add("vdev", "virtio_user0", "tx_pcap=report.pcap")');
    expect(m.rest).toBe('rte_eal_hotplug_add("vdev", "virtio_user0", "tx_pcap=report.pcap")');
  });
  it('says what is ambiguous or unknown', () => {
    expect(matchCommand('show port').spec).toBeUndefined();
    expect(matchCommand('prboe x').suggestion).toBe('probe');
    expect(matchCommand('info d').ambiguous).toEqual(['driver', 'drivers']);
  });
  it('every command has a usage, summary and section; names are unique', () => {
    const names = new Set<string>();
    for (const c of commandTable()) {
      expect(usageOf(c).length).toBeGreaterThan(0);
      expect(c.summary.length).toBeGreaterThan(0);
      for (const w of [c.path, ...(c.aliases ?? [])]) {
        const k = w.join(' ');
        expect(names.has(k), k).toBe(false);
        names.add(k);
      }
    }
  });
});
