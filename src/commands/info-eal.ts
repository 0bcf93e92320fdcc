// info eal: the EAL's version and configuration as the running EAL reports it.
import type { CommandSpec } from './types.js';
import { ok } from './types.js';

export const infoEal: CommandSpec = {
  path: ['info', 'eal'],
  section: 'Inferior',
  usage: 'info eal',
  summary: 'DPDK version, EAL arguments, lcores, IOVA mode, hugepages, port limit',
  async run(ctx) {
    const info = await ctx.session.call('ealInfo', {});
    const startFailures = await ctx.session.startFailuresOf();
    return ok('eal', { ...info, ...(startFailures.length ? { startFailures } : {}) });
  },
};
