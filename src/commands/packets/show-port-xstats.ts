// show port xstats PORT|all: rte_eth_xstats_get with the names the driver gives.
import type { CommandSpec } from '../types.js';
import { ok } from '../types.js';
import { eachPort } from '../args.js';

export const showPortXstats: CommandSpec = {
  path: ['show', 'port', 'xstats'],
  section: 'Ports',
  attached: { readsTelemetry: true },
  summary: "extended statistics of a port, named by its driver (rte_eth_xstats_get)",
  args: [{ name: 'PORT', kind: 'port-or-all', optional: true }],
  async run(ctx, { args }) {
    const { rows: out, log } = await eachPort(args.ports('PORT'), (p) => ctx.session.call('xstats', { port: p.port }),
      (p, r) => ({ port: p.port, name: p.name, ret: r.ret, xstats: r.xstats }));
    return ok('port-xstats', { ports: out }, log);
  },
};
