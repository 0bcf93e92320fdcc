// What a failed (or checked) probe's input says by itself, shared by probe, check, the rules and
// the warnings so each question is answered once: does the name name another bus, which driver
// names are closest to it, who declares a key, is a value a C integer.
import type { DriverInfo } from '../session/drivers.js';
import { nearest } from '../util/nearest.js';

/** The bus a device name names instead of vdev ("pci:...", "auxiliary:..."), "a PCI address", or null. */
export function otherBus(name: string): string | null {
  const prefix = /^(\w+):/.exec(name);
  if (prefix) return `bus "${prefix[1]}"`;
  return /^(?:[0-9a-f]{4}:)?[0-9a-f]{2}:[0-9a-f]{2}\.[0-7]$/i.test(name) ? 'a PCI address' : null;
}

/** Every name the vdev bus matches as a prefix: driver names and aliases. */
export const driverNames = (drivers: DriverInfo[]): string[] => drivers.flatMap((x) => [x.name, ...(x.alias ? [x.alias] : [])]);

/** The name without its instance number ("net_nul0" -> "net_nul"), what a driver name is compared with. */
export const nameStem = (name: string): string => name.replace(/[_-]?\d+$/, '');

/** Driver names or aliases closest to a device name that no driver claims. */
export const nearestDriverNames = (name: string, drivers: DriverInfo[], n = 3): string[] => nearest(nameStem(name), driverNames(drivers), n);

/** Other drivers that declare a key. */
export const keyOwners = (key: string, drivers: DriverInfo[], except: DriverInfo | null): DriverInfo[] =>
  drivers.filter((d) => d !== except && d.name !== except?.name && d.keys.some((k) => k.key === key));

/** A value C's strtol/strtoul read whole (decimal or 0x hex, optional sign). */
export const isCInt = (v: string): boolean => /^[+-]?(0x[0-9a-f]+|\d+)$/i.test(v);
