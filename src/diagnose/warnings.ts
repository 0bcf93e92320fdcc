// Warnings after a probe DPDK ACCEPTED: where the devargs will not do what they say. Judged from
// the claiming driver's declared parameters (PMD_INFO_STRING), its own source (which keys its
// kvargs parser takes, which it reads only once), and what the running EAL actually made (port
// names, count, kernel interface). Pure apart from reading the DPDK source and /sys.
import fs from 'node:fs';
import type { Devargs } from '../devargs/parse.js';
import type { DriverInfo } from '../session/drivers.js';
import type { RawPort } from '../protocol/ops.js';
import { matchedPrefix } from '../session/drivers.js';
import { driverSource, type DriverSource } from '../recovery/driver-source.js';
import { parseMac } from '../mac/explain.js';
import { isCInt } from './classify.js';
import type { LogLine } from '../protocol/ops.js';
import { reads } from './rules/context.js';
import { ifNameOf, persistentTunOf } from '../util/host-iface.js';

/** net_pcap's own word that a repeated key was ignored (read before any guess from the source). */
const IGNORED_REPEAT = reads('keyRepeated', /(\w+) has not been enabled since the argument has been provided more than once/);

export interface ProbeWarning { code: string; key: string | null; message: string }

export interface WarningInput {
  devargs: Devargs;
  driver: DriverInfo | null;
  drivers: DriverInfo[];
  /** Ports the probe created (the EAL's port list after minus before, for this device). */
  ports: RawPort[];
  /** Devices attached before this one (for resources two devices would share). */
  others: Devargs[];
  /** Source facts of the driver; looked up when not given. null = no source available. */
  source?: DriverSource | null;
  /** DPDK's lines of the probe (a driver may say itself that it ignored a key). */
  log?: LogLine[];
  /** Interface name of a kernel ifindex (tests can stub /sys). */
  ifName?: (ifIndex: number) => string | null;
}


/** Keys whose value names a host resource one device owns (a file it writes, an interface it binds). */
const OWNED_KINDS = new Set(['iface', 'path']);
const OWNED_KEYS = /^(tx_pcap|rx_pcap|iface|rx_iface|rx_iface_in|tx_iface|path)$/;

export function probeWarnings(w: WarningInput): ProbeWarning[] {
  const out: ProbeWarning[] = [];
  const { devargs: d, driver } = w;
  const add = (code: string, key: string | null, message: string): void => { out.push({ code, key, message }); };
  if (!driver) return out;
  // Read only for a key that needs it: a probe without arguments never opens the DPDK source.
  let read: DriverSource | null | undefined = w.source;
  const src = (): DriverSource | null => (read === undefined ? (read = driverSource(driver.name)) : read);

  // The vdev bus gives a name to the first driver whose name or alias PREFIXES it. A suffix of
  // digits, or one set off by '_' (net_pcap_pdump_0, the seed's deliberate name), reads as meant;
  // glued letters (net_nullabc, net_pcapx0) look like another driver's name and get the warning.
  const m = matchedPrefix(driver, d.name);
  if (m && !/^(\d*|_.*)$/.test(d.name.slice(m.matched.length))) {
    add('name-prefix', null, `"${d.name}" went to ${driver.name} only because it starts with ${m.via === 'alias' ? `its alias "${m.matched}"` : `"${m.matched}"`}: the vdev bus matches driver names by prefix, so any name starting that way is a ${driver.name} device`);
  } else if (m?.via === 'alias') {
    add('name-alias', null, `"${d.name}" was claimed through ${driver.name}'s alias "${m.matched}" (RTE_PMD_REGISTER_ALIAS); the port is a ${driver.name} port`);
  }

  const counts = new Map<string, number>();
  for (const kv of d.kv) counts.set(kv.key, (counts.get(kv.key) ?? 0) + 1);
  const seen = new Set<string>();
  for (const kv of d.kv) {
    const { key, value } = kv;
    const spec = driver.keys.find((k) => k.key === key);
    if (/\s/.test(key) || (value !== null && value !== value.trim())) {
      add('whitespace', key.trim(), `whitespace inside ${JSON.stringify(kv.raw)}: rte_kvargs keeps it, so the key or value is not the one you meant`);
    }
    if (!spec) {
      const site = src()?.validKeys.get(key);
      add('key-undeclared', key, site
        ? `${driver.name} does not declare "${key}" in its parameter string (what 'info driver' lists), yet its parser accepts it (${site.file}:${site.line}): the driver reads it`
        : `${driver.name} does not declare "${key}"; DPDK accepted the probe anyway, so the key was ignored`);
    }
    if (value === null) {
      // A flag (net_tap persist) is only counted by the driver: no value is read, none is missing.
      if (!src()?.countedOnly.has(key)) add('value-missing', key, `"${key}" has no value: DPDK hands the driver a NULL value` + (spec ? `; ${driver.name} then used its default` : ''));
    } else if (value === '') {
      add('value-empty', key, `"${key}=" is empty` + (spec?.kind === 'int' ? ': a C number parser reads it as 0' : ''));
    } else if (spec) {
      const v = value.trim();
      if (spec.kind === 'int' && !isCInt(v)) {
        add('value-not-int', key, `${key}=${value} is not a number (${spec.syntax}): C parsers (strtoul/atoi) stop at the first non-digit, so "${value}" reads as ${/^\d+/.exec(v)?.[0] ?? '0'}`);
      } else if (spec.kind === 'int' && v.startsWith('-')) {
        add('value-negative', key, `${key}=${value} is negative; an unsigned parser wraps it to a huge number (${BigInt.asUintN(32, BigInt(v)).toString()} as 32-bit)`);
      } else if (spec.kind === 'bool' && v !== '0' && v !== '1') {
        add('value-not-bool', key, `${key}=${value} is not 0 or 1 (${spec.syntax}): atoi reads "${value}" as ${/^[+-]?\d+/.exec(v)?.[0] ?? '0'}`);
      } else if (spec.kind === 'mac' && !parseMac(v) && !/^fixed$/.test(v)) {
        add('value-not-mac', key, `${key}=${value} is not a MAC address (${spec.syntax})`);
      } else if (spec.kind === 'mac') {
        const b = parseMac(v);
        if (b && b[0] & 1) add('mac-multicast', key, `${key}=${value} is a multicast address (first octet odd): a port address must be unicast`);
        if (b && b.every((x) => x === 0)) add('mac-zero', key, `${key}=${value} is all zeros`);
      } else if (spec.kind === 'path' && !fs.existsSync(v)) {
        add('path-missing', key, `${key}=${value} does not exist (yet)`);
      }
    }
    const n = counts.get(key) ?? 0;
    if (n > 1 && !seen.has(key)) {
      const once = src()?.onlyOnce.get(key);
      const said = w.log?.find((l) => IGNORED_REPEAT.exec(l.text.replace(/^[A-Z][A-Z0-9_]*: /, ''))?.[1] === key);
      add('key-repeated', key, said
        ? `"${key}" is given ${n} times, so ${driver.name} ignored it: "${said.text}"`
        : once
        ? `"${key}" is given ${n} times; ${driver.name} reads it only when it appears exactly once (rte_kvargs_count(...) == 1 at ${once.file}:${once.line}), so EVERY copy was ignored`
        : `"${key}" is given ${n} times; DPDK keeps all copies and ${driver.name} handles each one (the last may win, or each may add a queue or port)`);
    }
    seen.add(key);
    // A resource another attached device already names (two writers of one pcap file, two binders of one interface).
    if (value && (OWNED_KEYS.test(key) || (spec && OWNED_KINDS.has(spec.kind)))) {
      const other = w.others.find((o) => o.name !== d.name && o.kv.some((x) => x.value === value && OWNED_KEYS.test(x.key)));
      if (other) add('shared-resource', key, `${key}=${value} is also used by ${other.name}: two devices now share it (a pcap file written twice is garbage; one interface read twice sees packets twice)`);
    }
  }

  // What the EAL made, held against what was asked.
  if (w.ports.length > 1) add('extra-ports', null, `one device made ${w.ports.length} ports (${w.ports.map((p) => `${p.port}:${p.name}`).join(', ')})`);
  for (const p of w.ports) {
    if (p.name !== d.name) add('port-name-differs', null, `port ${p.port} is named "${p.name}", not "${d.name}": ${driver.name} named the ethdev from its arguments`);
  }
  const ifaceArg = d.kv.find((k) => k.key === 'iface' && k.value)?.value;
  const port = w.ports[0];
  if (ifaceArg && port?.ifIndex && /tap|tun/.test(driver.name)) {
    const actual = (w.ifName ?? ifNameOf)(port.ifIndex);
    if (actual && actual !== ifaceArg) add('iface-renamed', 'iface', `asked for interface "${ifaceArg}" but the kernel interface is "${actual}"`);
  } else if (!ifaceArg && d.kv.some((k) => k.key === 'iface') && port?.ifIndex) {
    const actual = (w.ifName ?? ifNameOf)(port.ifIndex);
    if (actual) add('iface-default', 'iface', `"iface" without a value: the kernel interface got the default name "${actual}"`);
  }
  // The kernel says the interface outlives the port (IFF_PERSIST: net_tap's persist flag).
  const own = persistentTunOf(port ?? null, w.ifName);
  if (own) {
    add('iface-persists', null, `kernel interface "${own}" is persistent (IFF_PERSIST): it stays on the host after 'port detach' and 'quit'; 'ip link delete ${own}' removes it`);
  }
  return out;
}
