// The vdev drivers of this build: every PMD_INFO_STRING blob whose name the running EAL's vdev
// bus resolves to itself, with the alias the driver registered (RTE_PMD_REGISTER_ALIAS).
import { readPmdInfo } from '../drivers/pmdinfo.js';
import type { ParamSpec } from '../drivers/params.js';
import type { Inferior } from './inferior.js';

export interface DriverInfo { name: string; alias: string | null; params: string; keys: ParamSpec[] }

export async function loadVdevDrivers(inferior: Inferior): Promise<DriverInfo[]> {
  const infos = readPmdInfo();
  const regs = await inferior.request('vdevDrivers', { names: infos.map((i) => i.name) });
  const out: DriverInfo[] = [];
  infos.forEach((info, i) => {
    const reg = regs[i];
    if (reg && reg.name === info.name) out.push({ name: info.name, alias: reg.alias, params: info.params, keys: info.keys });
  });
  return out.sort((a, b) => a.name.localeCompare(b.name));
}

/**
 * What loading the list costs in the shell, done while its EAL starts (the shell idles then):
 * the drivers' parameter lists read from disk, and the ICU collator the sort creates on its
 * first use (~0.4 ms at the first probe otherwise).
 */
export function warmDriverList(): void {
  readPmdInfo();
  ['b', 'a'].sort((x, y) => x.localeCompare(y));
}

/** Why the vdev bus gave a name to this driver: the driver name or alias that prefixes it. */
export function matchedPrefix(driver: DriverInfo, name: string): { matched: string; via: 'name' | 'alias' } | null {
  if (name.startsWith(driver.name)) return { matched: driver.name, via: 'name' };
  if (driver.alias && name.startsWith(driver.alias)) return { matched: driver.alias, via: 'alias' };
  return null;
}
