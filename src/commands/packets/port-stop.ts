// port stop PORT|all: rte_eth_dev_stop (queues and the pool stay; port start resumes).
import type { CommandSpec } from '../types.js';
import { fail, ok } from '../types.js';
import { eachPort } from '../args.js';

export const portStop: CommandSpec = {
  path: ['port', 'stop'],
  section: 'Ports',
  attached: { intrusive: "it would stop the application's port under it", needsEal: true },
  summary: 'stop a port (rte_eth_dev_stop); port start resumes it',
  args: [{ name: 'PORT', kind: 'port-or-all' }],
  async run(ctx, { args }) {
    const { rows, log, failed } = await eachPort(args.ports('PORT'), (p) => ctx.session.call('portStop', { port: p.port }),
      (p, r) => ({ port: p.port, name: p.name, already: r.stage === 'already-stopped' }),
      (p, r, log) => (r.ret < 0 ? fail('port-stop-failed', `rte_eth_dev_stop on port ${p.port} (${p.name}) returned ${r.ret} (${r.errnoText})`, 'see the DPDK lines above', { port: p.port, ...r }, log, 'port-stop') : undefined));
    return failed ?? ok('port-stop', { ports: rows }, log);
  },
};
