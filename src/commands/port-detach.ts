// port detach PORT|NAME: remove the device from the vdev bus (rte_eal_hotplug_remove), which
// also closes the port and lets the PMD undo what it created on the host (tap interfaces).
import type { CommandSpec } from './types.js';
import { fail, ok, usageOf } from './types.js';
import { isFailure, resolvePort } from './args.js';
import type { Frame } from '../protocol/ops.js';

/** "rte_pmd_ring_remove, drivers/net/ring/rte_eth_ring.c:791" */
const frameAt = (f: Frame): string | null => f.fn && f.file ? `${f.fn}, ${f.file}:${f.line}` : f.fn;

export const portDetach: CommandSpec = {
  path: ['port', 'detach'],
  aliases: [['device', 'detach']],
  section: 'Devices',
  attached: { needsEal: true, removesPort: true },
  summary: 'detach a device: close its port and remove it from the vdev bus',
  details: "NAME may also be a device whose port was closed ('port close'): it is still on the vdev bus\nand detach removes it, as testpmd's 'device detach' does.",
  args: [{ name: 'PORT', kind: 'device', forms: ['PORT', 'NAME'] }],
  async run(ctx, { args }) {
    const ref = args.word('PORT')!;
    const r = await ctx.session.detachRef(ref);
    if (!r) {
      const why = await resolvePort(ctx, ref, usageOf(this)); // says which ports exist
      return isFailure(why) ? why : fail('no-such-port', `no port ${ref}`);
    }
    const port = r.port;
    const left = r.leftPorts && { driver: port?.driver ?? null, remove: r.leftPorts.remove && frameAt(r.leftPorts.remove), closed: r.leftPorts.closed };
    const data = { port: port?.port ?? null, name: port?.name ?? r.device, device: r.device, ret: r.ret, removed: r.removed, ...(r.captureStopped ? { captureStopped: r.captureStopped } : {}), ...(left ? { leftPorts: left } : {}), ...(r.ifaceStays ? { ifaceStays: r.ifaceStays } : {}) };
    if (r.removed) return ok('detach', data, r.log);
    const what = port ? `port ${port.port} (${port.name})` : `device ${r.device}`;
    return fail('detach-failed', `DPDK could not detach ${what}, rte_eal_hotplug_remove returned ${r.ret}`, 'see the DPDK lines above', data, r.log, 'detach');
  },
};
