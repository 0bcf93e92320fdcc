// A probe's and a detach's result formatted once on stand-in results while the EAL starts (the
// shell waits ~100 ms for rte_eal_init then): the formatters' code is compiled there, not while
// the first probe's result is printed (~1.4 ms). Nothing is printed, nothing reaches the EAL.
import { formatResult } from '../format/index.js';
import type { Style } from '../format/style.js';
import type { CommandResult } from '../commands/types.js';
import type { DetachData, ProbeData } from '../results/devices.js';

export function warmFormatting(style: Style): void {
  const probed: ProbeData = {
    probeId: 1, input: 'net_null0', form: 'plain', name: 'net_null0', args: '', ret: 0, driver: 'net_null', alias: null,
    matched: { matched: 'net_null', via: 'name' }, port: 0, mac: '02:00:00:00:00:00', acceptedKeys: [], keys: [], silentFailure: false, ms: 1, warnings: [],
  };
  const detached: DetachData = { port: 0, name: 'net_null0', device: 'net_null0', ret: 0, removed: true };
  const probe = { cmd: 'probe net_null0', ok: true, kind: 'probe', data: probed, log: [] } as CommandResult;
  const detach = { cmd: 'port detach 0', ok: true, kind: 'detach', data: detached, log: [] } as CommandResult;
  try {
    for (const r of [probe, detach]) formatResult(r, style);
  } catch { /* a warm-up only */ }
}
