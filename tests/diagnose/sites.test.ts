// The error sites are read from the selected DPDK tree, not listed by hand: the seven drivers'
// probe functions are found from their registrations, the EAL's hotplug and devargs parsing are
// in, and a site's line maps to the rule that reads it.
import { describe, expect, it } from 'vitest';
import { errorSites, formatRegex, sampleOf, siteCoverage, VDEV_DRIVERS, type LogSite } from '../../src/diagnose/sites.js';
import { READS } from '../../src/diagnose/rules/index.js';
import { dpdkBuild } from '../../src/util/paths.js';

describe('error sites of the selected DPDK source', () => {
  const scan = errorSites(dpdkBuild().src);
  const logs = scan.sites.filter((s): s is LogSite => s.kind === 'log');

  it('starts at every vdev driver probe and the EAL hotplug path', () => {
    for (const d of VDEV_DRIVERS) expect(scan.roots.some((r) => r.startsWith(`${d}:`)), d).toBe(true);
    for (const f of ['rte_eal_hotplug_add', 'rte_devargs_parse', 'rte_kvargs_parse']) expect(scan.roots).toContain(`${f}:${f}`);
    expect(logs.length).toBeGreaterThan(100);
  });

  it('finds the sites the corpus meets, with their format, and the rule that reads each', () => {
    const long = logs.find((s) => /device name should be shorter than/.test(s.format));
    expect(long).toMatchObject({ fn: 'rte_devargs_parse', file: 'lib/eal/common/eal_common_devargs.c' });
    const rx = logs.find((s) => s.fn === 'open_single_rx_pcap' && /Couldn't open/.test(s.format));
    expect(rx).toBeDefined();
    const cov = siteCoverage([long!, rx!], [...READS.values()], [{ text: "open_single_rx_pcap(): Couldn't open (null): A null pointer was supplied as the file name" }]);
    expect(cov.map((c) => c.rule)).toEqual(['nameTooLong', 'pcapFile']);
    expect(cov[1].triggeredBy).toMatch(/Couldn't open \(null\)/);
    expect(cov[0].triggeredBy).toBeNull();
  });

  it('samples and regexes of printf formats', () => {
    expect(sampleOf('arg %s %" PRIu64 " exceeds the limit %u'.replace('%" PRIu64 "', '%d'))).toBe('arg x 1 exceeds the limit 1');
    expect(formatRegex("Couldn't open %s: %s").test("Couldn't open /x: No such file")).toBe(true);
  });
});
