import { describe, expect, it } from 'vitest';
import { normalizeSourcePath } from '../../src/util/source-path.js';

describe('normalizeSourcePath', () => {
  it('strips the set-up source tree directory, old and new names', () => {
    expect(normalizeSourcePath('../dpdk-src-22.11.11/drivers/bus/vdev/vdev.c')).toBe('drivers/bus/vdev/vdev.c');
    expect(normalizeSourcePath('src-27a3bb1f57e0/lib/eal/common/eal_common_dev.c')).toBe('lib/eal/common/eal_common_dev.c');
    expect(normalizeSourcePath('/root/.cache/vdev-shell/src-00eb5bc24260/drivers/net/pcap/pcap_ethdev.c')).toBe('drivers/net/pcap/pcap_ethdev.c');
    expect(normalizeSourcePath('../eal.cc')).toBe('native/eal.cc');
  });
});
