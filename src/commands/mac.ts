// mac PORT [set XX:XX:XX:XX:XX:XX]: show and explain a port's MAC, or set it through DPDK.
import type { CommandSpec } from './types.js';
import { fail, ok } from './types.js';
import { explainMac, formatMac } from '../mac/explain.js';

export const mac: CommandSpec = {
  path: ['mac'],
  section: 'Ports',
  attached: { readsTelemetry: true },
  variant: { given: 'set', name: 'mac set', attached: { intrusive: "it would change the application's MAC address", needsEal: true } },
  summary: 'show a port MAC and what it means, or set it (rte_eth_dev_default_mac_addr_set)',
  args: [{ name: 'PORT', kind: 'port' }],
  keys: [{ name: 'set', value: 'MAC', kind: 'mac', summary: 'set the address (six hex bytes, 02:00:00:00:00:01) instead of showing it' }],
  async run(ctx, { args }) {
    const port = args.port('PORT');
    const bytes = args.mac('set');
    if (!bytes) {
      if (!port.mac) return fail('no-mac', `port ${port.port} reports no MAC address`);
      return ok('mac', { port: port.port, name: port.name, driver: port.driver, explain: explainMac(port.mac) });
    }
    if (bytes[0] & 1) return fail('bad-mac', `${formatMac(bytes)} is a multicast address and cannot be a port's address`, 'clear the lowest bit of the first byte, e.g. 02:...');
    const r = await ctx.session.call('macSet', { port: port.port, mac: formatMac(bytes) });
    if (!r) return fail('no-such-port', `port ${port.port} is gone`);
    const after = await ctx.session.findPort(String(port.port));
    const data = { port: port.port, name: port.name, driver: port.driver, ret: r.ret, explain: after?.mac ? explainMac(after.mac) : null };
    if (r.ret !== 0) {
      const why = r.ret === -95 ? `${port.driver} does not implement mac_addr_set (-ENOTSUP)` : `DPDK returned ${r.ret}`;
      return fail('mac-set-failed', `cannot set the MAC of port ${port.port}: ${why}`, `'ops ${port.port}' shows which ops the driver implements`, data, r.log, 'mac');
    }
    return ok('mac', data, r.log);
  },
};
