// Devices the EAL arguments asked for (--vdev) that the EAL did not attach. rte_eal_init goes on
// when a --vdev probe fails (it logs "vdev_probe(): failed to initialize NAME device" and "Bus
// (vdev) probe failed.") and returns success: without this, a mistyped --vdev vanishes silently.
import { parseDevargs } from '../devargs/parse.js';
import type { LogLine, RawPort } from './protocol.js';

export interface StartFailure {
  /** The devargs as given after --vdev. */
  devargs: string;
  name: string;
  /** DPDK's start-up lines about it (the bus's own summary line included). */
  lines: string[];
}

/** The --vdev values of an EAL argument list, in order (`--vdev X` and `--vdev=X`). */
export function vdevArgs(ealArgs: string[]): string[] {
  const out: string[] = [];
  ealArgs.forEach((a, i) => {
    if (a === '--vdev' && i + 1 < ealArgs.length) out.push(ealArgs[i + 1]);
    else if (a.startsWith('--vdev=')) out.push(a.slice('--vdev='.length));
  });
  return out;
}

/** The device name a --vdev value creates (its first field, when the devargs do not parse). */
export function vdevName(devargs: string): string {
  const p = parseDevargs(devargs);
  return p.ok ? p.devargs.name : devargs.split(',')[0];
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
