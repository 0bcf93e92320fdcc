// port close PORT: rte_eth_dev_close only. Like testpmd, the device stays probed on the bus, so
// probing the same name again fails until `port detach` removes it; we say so.
import type { CommandSpec } from './types.js';
import { fail, ok } from './types.js';

export const portClose: CommandSpec = {
  path: ['port', 'close'],
  section: 'Ports',
  attached: { intrusive: "it would close the application's port under it", needsEal: true },
  summary: 'close a port (the device stays on the vdev bus; use port detach to remove it)',
  args: [{ name: 'PORT', kind: 'port' }],
  async run(ctx, { args }) {
    const port = args.port('PORT');
    const r = await ctx.session.call('portClose', { port: port.port });
    if (!r) return fail('no-such-port', `port ${port.port} is gone`);
    const data = {
      port: port.port, name: port.name, ret: r.ret, note: `device ${port.device || port.name} is still on the vdev bus; 'port detach ${port.device || port.name}' removes it`,
      ...(r.captureStopped ? { captureStopped: r.captureStopped } : {}),
    };
    const hint = port.started ? `'port stop ${port.port}' first: ethdev closes only a stopped port` : undefined;
    return r.ret === 0 ? ok('close', data, r.log) : fail('close-failed', `rte_eth_dev_close returned ${r.ret}`, hint, data, r.log, 'close');
  },
};
