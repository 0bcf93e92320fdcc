// Small edits of a devargs string for candidate fixes. Pure: the result is the plain form
// "name,k=v,..." that probe accepts.
import type { Devargs, KeyValue } from '../devargs/parse.js';
import type { DriverInfo } from '../session/drivers.js';

const join = (name: string, kv: KeyValue[]): string => [name, ...kv.map((k) => (k.value === null ? k.key : `${k.key}=${k.value}`))].join(',');

export const dropKey = (d: Devargs, ...keys: string[]): string => join(d.name, d.kv.filter((k) => !keys.includes(k.key)));
export const setKey = (d: Devargs, key: string, to: string): string => join(d.name, d.kv.map((k) => (k.key === key ? { ...k, key: to } : k)));
export const setValue = (d: Devargs, key: string, value: string): string =>
  join(d.name, d.kv.some((k) => k.key === key) ? d.kv.map((k) => (k.key === key ? { ...k, value } : k)) : [...d.kv, { key, value, raw: '' }]);
export const addKey = (d: Devargs, key: string, value: string): string => join(d.name, [...d.kv, { key, value, raw: '' }]);

/** A name not in use: the same stem with the next free number. */
export function freeName(name: string, taken: Set<string>): string {
  const m = /^(.*?)(\d*)$/.exec(name)!;
  let n = m[2] ? Number(m[2]) + 1 : 0;
  while (taken.has(`${m[1]}${n}`)) n++;
  return `${m[1]}${n}`;
}

/**
 * The device renamed to start with another driver's name (keeping its number), dropping keys
 * that driver does not declare; `exact` uses the name as given.
 */
export function renameTo(d: Devargs, prefix: string, taken: Set<string>, exact = false, owner?: DriverInfo): string {
  let name = prefix;
  if (!exact) {
    const num = /(\d+)$/.exec(d.name)?.[1] ?? '0';
    name = `${prefix}${num}`;
    if (taken.has(name)) name = freeName(name, taken);
  }
  const kv = owner ? d.kv.filter((k) => owner.keys.some((s) => s.key === k.key)) : d.kv;
  return join(name, kv);
}
