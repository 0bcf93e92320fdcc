// show port stats PORT|all: rte_eth_stats_get.
import type { CommandSpec } from './types.js';
import { ok } from './types.js';
import { isFailure, resolvePorts } from './args.js';

export const showPortStats: CommandSpec = {
  path: ['show', 'port', 'stats'],
  section: 'Ports',
  attached: { readsTelemetry: true },
  usage: 'show port stats PORT|all',
  summary: 'packet and byte counters of a port (rte_eth_stats_get)',
  args: ['port-or-all'],
  async run(ctx, argv) {
    const ports = await resolvePorts(ctx, argv[0], this.usage);
    if (isFailure(ports)) return ports;
    const stats = [];
    for (const p of ports) stats.push({ port: p.port, name: p.name, ...(await ctx.session.call('stats', { port: p.port })) });
    return ok('port-stats', { stats });
  },
};
