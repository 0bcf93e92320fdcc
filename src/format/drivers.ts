// info drivers / info driver NAME.
import type { Shown } from './types.js';
import type { Style } from './style.js';
import { columns } from './table.js';

export function formatDrivers(r: Shown<'drivers'>, s: Style): string[] {
  return columns([
    ['Driver', 'Alias', 'Keys'].map((h) => s.c.bold(h)),
    ...r.data.drivers.map((d) => [d.name, d.alias ?? '-', d.keys.map((k) => k.key).join(' ') || '-']),
  ]).split('\n');
}

export function formatDriver(r: Shown<'driver'>, s: Style): string[] {
  const d = r.data.driver;
  return [
    s.c.bold(d.name) + (d.alias ? `  (alias ${d.alias})` : '') + (r.data.claimedBy ? `  — the vdev bus gives "${r.data.claimedBy}" to this driver` : ''),
    `  registered parameters: ${d.params || '(none)'}`,
    ...columns(d.keys.map((k) => ['  ' + k.key, k.syntax, k.kind])).split('\n'),
  ];
}
