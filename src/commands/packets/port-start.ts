// port start PORT|all: one rx and one tx queue on the shell's mbuf pool, then rte_eth_dev_start.
import type { CommandSpec } from '../types.js';
import { ok } from '../types.js';
import { startFailure } from './started.js';
import { eachPort } from '../args.js';

export const portStart: CommandSpec = {
  path: ['port', 'start'],
  section: 'Ports',
  attached: { intrusive: "it would reconfigure the application's port with the shell's queues and mbuf pool", needsEal: true },
  summary: "configure 1 rx + 1 tx queue on the shell's mbuf pool and start the port",
  details: "The pool (vdsh_pkts) is made on first use; 'show port info' shows its size and use.\nExample: port start 0",
  args: [{ name: 'PORT', kind: 'port-or-all' }],
  async run(ctx, { args }) {
    const { rows, log, failed } = await eachPort(args.ports('PORT'), (p) => ctx.session.call('portStart', { port: p.port }),
      (p, r) => ({ port: p.port, name: p.name, already: r.stage === 'already-started', rxQueues: r.rxQueues, txQueues: r.txQueues }),
      async (p, r, log) => (r.ret < 0 ? startFailure(p, { ...r, log }, await ctx.session.call('pktPool', {})) : undefined));
    return failed ?? ok('port-start', { ports: rows, pool: await ctx.session.call('pktPool', {}) }, log);
  },
};
