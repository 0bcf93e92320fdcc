// The --vdev arguments of an EAL argument list. Both ends read them: the inferior to record the
// probe chains of the devices rte_eal_init creates, the shell to say which of them failed.
import { parseDevargs } from './parse.js';

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
