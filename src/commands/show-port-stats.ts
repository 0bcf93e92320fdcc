// show port stats PORT|all: rte_eth_stats_get.
import type { CommandSpec } from './types.js';
import { ok } from './types.js';
import { eachPort } from './args.js';

export const showPortStats: CommandSpec = {
  path: ['show', 'port', 'stats'],
  section: 'Ports',
  attached: { readsTelemetry: true },
  summary: 'packet and byte counters of a port (rte_eth_stats_get)',
  args: [{ name: 'PORT', kind: 'port-or-all', optional: true }],
  async run(ctx, { args }) {
    const { rows: stats } = await eachPort(args.ports('PORT'), (p) => ctx.session.call('stats', { port: p.port }), (p, r) => ({ port: p.port, name: p.name, ...r }));
    return ok('port-stats', { stats });
  },
};
