// Devices the EAL arguments asked for (--vdev) that the EAL did not attach. rte_eal_init goes on
// when a --vdev probe fails (it logs "vdev_probe(): failed to initialize NAME device" and "Bus
// (vdev) probe failed.") and returns success: without this, a mistyped --vdev vanishes silently.
import { vdevArgs, vdevName } from '../devargs/eal-args.js';
import type { LogLine, RawPort } from '../protocol/ops.js';

export interface StartFailure {
  /** The devargs as given after --vdev. */
  devargs: string;
  name: string;
  /** DPDK's start-up lines about it (the bus's own summary line included). */
  lines: string[];
}

/** Which --vdev devices have no port after start-up, with the EAL lines that name them. */
export function startFailures(ealArgs: string[], ports: RawPort[], log: LogLine[]): StartFailure[] {
  const out: StartFailure[] = [];
  for (const devargs of vdevArgs(ealArgs)) {
    const name = vdevName(devargs);
    if (ports.some((x) => (x.device ?? x.name) === name || x.name === name)) continue;
    const named = new RegExp(`(^|[^\\w])${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}([^\\w]|$)`);
    const lines = log.map((l) => l.text).filter((t) => named.test(t) || /Bus \(vdev\) probe failed/.test(t));
    out.push({ devargs, name, lines });
  }
  return out;
}
