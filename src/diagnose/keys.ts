// Keys of a devargs string held against the claiming driver's registered parameter string, and
// against every other driver's: which keys the driver does not declare and who owns them.
import type { Devargs } from '../devargs/parse.js';
import type { DriverInfo } from '../session/drivers.js';
import { keyOwners } from './classify.js';

export interface KeyCheck {
  key: string;
  value: string | null;
  declared: boolean;
  /** Other drivers that declare this key. */
  ownedBy: string[];
  syntax?: string;
}

export function checkKeys(devargs: Devargs, driver: DriverInfo | null, all: DriverInfo[]): KeyCheck[] {
  return devargs.kv.map(({ key, value }) => {
    const spec = driver?.keys.find((k) => k.key === key);
    return {
      key, value, declared: !!spec,
      ownedBy: keyOwners(key, all, driver).map((d) => d.name),
      ...(spec ? { syntax: spec.syntax } : {}),
    };
  });
}
