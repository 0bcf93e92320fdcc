// show port info PORT|all: everything the EAL knows about a port.
import type { CommandSpec } from './types.js';
import { ok } from './types.js';

export const showPortInfo: CommandSpec = {
  path: ['show', 'port', 'info'],
  section: 'Ports',
  attached: { readsTelemetry: true },
  summary: 'name, driver, devargs, MAC, link, queues, state, socket of a port',
  args: [{ name: 'PORT', kind: 'port-or-all', optional: true }],
  async run(ctx, { args }) {
    const ports = args.ports('PORT');
    // The shell's own mbuf pool (port start / tx / rx use it): its size and how much is in use.
    // Attached, the shell's pool is not the application's business: not shown.
    if (ctx.session.target) return ok('port-info', { ports });
    return ok('port-info', { ports, mempool: await ctx.session.call('pktPool', {}) });
  },
};
