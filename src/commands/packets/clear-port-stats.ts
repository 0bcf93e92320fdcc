// clear port stats PORT|all: rte_eth_stats_reset and rte_eth_xstats_reset.
import type { CommandSpec } from '../types.js';
import { fail, ok } from '../types.js';
import { eachPort } from '../args.js';

export const clearPortStats: CommandSpec = {
  path: ['clear', 'port', 'stats'],
  section: 'Ports',
  attached: { intrusive: "it would reset the application's counters", needsEal: true },
  summary: 'reset the basic and extended counters of a port',
  args: [{ name: 'PORT', kind: 'port-or-all', optional: true }],
  async run(ctx, { args }) {
    const { rows: out, log } = await eachPort(args.ports('PORT'), (p) => ctx.session.call('xstatsReset', { port: p.port }),
      (p, r) => ({ port: p.port, name: p.name, statsRet: r.statsRet, xstatsRet: r.xstatsRet }));
    const bad = out.find((o) => o.statsRet < 0);
    if (bad) return fail('clear-failed', `rte_eth_stats_reset on port ${bad.port} returned ${bad.statsRet}`, 'the driver may not support resetting counters', { ports: out }, log, 'clear-stats');
    return ok('clear-stats', { ports: out }, log);
  },
};
