// port start PORT|all: one rx and one tx queue on the shell's mbuf pool, then rte_eth_dev_start.
import type { CommandSpec } from '../types.js';
import { ok } from '../types.js';
import { startFailure } from './started.js';
import type { LogLine } from '../../protocol/ops.js';

export const portStart: CommandSpec = {
  path: ['port', 'start'],
  section: 'Ports',
  attached: { intrusive: "it would reconfigure the application's port with the shell's queues and mbuf pool", needsEal: true },
  usage: 'port start PORT|all',
  summary: "configure 1 rx + 1 tx queue on the shell's mbuf pool and start the port",
  details: "The pool (vdsh_pkts) is made on first use; 'show port info' shows its size and use.\nExample: port start 0",
  args: [{ name: 'PORT', kind: 'port-or-all' }],
  async run(ctx, _argv, _rest, _options, args) {
    const done = [];
    const log: LogLine[] = [];
    for (const p of args.ports('PORT')) {
      const r = await ctx.session.call('portStart', { port: p.port });
      if (!r) continue;
      log.push(...r.log);
      if (r.ret < 0) return startFailure(p, { ...r, log }, await ctx.session.call('pktPool', {}));
      done.push({ port: p.port, name: p.name, already: r.stage === 'already-started', rxQueues: r.rxQueues, txQueues: r.txQueues });
    }
    return ok('port-start', { ports: done, pool: await ctx.session.call('pktPool', {}) }, log);
  },
};
