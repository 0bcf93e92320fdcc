// check DEVARGS: driver lookup, keys against the driver's parameter string and its own parser,
// paths, interfaces, sockets, privileges, name clashes, the port limit; what only the driver can
// tell is settled by probing the input as given in a scratch EAL (bare.ts), else a "might". Its
// promise, tested both ways against the real EAL over every corpus (tests/diagnose/promise.ts): an
// error is a cause the probe of this very input fails for, and for every cause in CHECK_COVERS it
// never calls fine what the probe rejects for that cause.
import fs from 'node:fs';
import type { Session } from '../session/session.js';
import type { DriverInfo } from '../session/drivers.js';
import { matchedPrefix } from '../session/drivers.js';
import { parseDevargs, type Devargs } from '../devargs/parse.js';
import { nullBusHazard } from '../devargs/layers.js';
import { nearest } from '../util/nearest.js';
import { nearestDriverNames, otherBus } from './classify.js';
import { checkKeys } from './keys.js';
import { charDeviceName, hostIfaces, ifaceUp, IFNAMSIZ, isPcapFile, isTunTap, isVhostDevice, listeningSockets, pathFacts, processCaps } from './host.js';
import { capNeeded, keyRole } from './roles.js';
import { bareFailedAs, knownVerdict, learnVerdict, whyNotTried, type Learned } from './bare.js';
import { driverSource } from '../recovery/driver-source.js';
import type { Cause } from './types.js';
import { defaultIfaceRisk } from './verify.js';

export interface CheckFinding {
  code: string; severity: 'error' | 'warning' | 'info'; message: string; key?: string; hint?: string;
  /** A "might": why check could not make it an error (not tried as given in a scratch EAL, and why). */
  unconfirmed?: string;
}
export interface CheckResult {
  input: string; ok: boolean; name: string | null; driver: string | null; findings: CheckFinding[]; ms?: number;
  /** A probe of this very input in a scratch EAL would settle a "might" (checkDevargs with learn does it). */
  unsettled?: boolean;
}

/**
 * Causes check vouches for: when the probe fails for one of them, check named it (as an error, or
 * as a "might" warning when only a probe of the input would tell and check could not try it). An
 * error is a cause the probe of this very input fails for. Besides these, arg-missing (learned by
 * probing the input as given in a scratch EAL) and value-invalid for values outside a driver's
 * declared literal alternatives (net_tap mac=fixed|xx:..., net_null no-rx=0|1).
 */
export const CHECK_COVERS: Cause[] = [
  'bus-wrong', 'driver-unknown', 'key-wrong-driver', 'key-unknown', 'name-in-use', 'port-limit', 'file-missing', 'dir-missing',
  'not-pcap', 'path-is-dir', 'iface-missing', 'iface-name-too-long', 'iface-in-use', 'iface-down', 'backend-missing', 'permission', 'inferior-down',
];

const isFifo = (abs: string): boolean => { try { return fs.statSync(abs).isFIFO(); } catch { return false; } };

/**
 * opts.learn lets check probe the input exactly as given in a scratch EAL when only the driver can
 * tell (the check command does); as-you-type and pre-flight callers use what was learned already
 * and never wait for a scratch EAL.
 */
export async function checkDevargs(session: Session, input: string, opts: { learn?: boolean } = {}): Promise<CheckResult> {
  const t0 = performance.now();
  const done = (r: Omit<CheckResult, 'ok' | 'ms'>): CheckResult => ({ ...r, ok: !r.findings.some((f) => f.severity === 'error'), ms: Math.round((performance.now() - t0) * 10) / 10 });
  const p = parseDevargs(input);
  if (!p.ok) return done({ input, name: null, driver: null, findings: [{ code: 'bus-wrong', severity: 'error', message: p.error.message, hint: p.error.hint }] });
  const d = p.devargs;
  const findings: CheckFinding[] = [];
  // A bus=/class= form DPDK's hotplug crashes on (src/devargs/layers.ts reads why from the source).
  const crash = nullBusHazard(d);
  if (crash) return done({ input, name: d.name, driver: null, findings: [{ code: 'would-crash', severity: 'error', message: crash.message, hint: crash.hint }] });
  if (otherBus(d.name)) return done({ input, name: d.name, driver: null, findings: [{ code: 'bus-wrong', severity: 'error', message: `"${d.name}" is not a vdev name`, hint: 'give a vdev name such as net_pcap0' }] });
  const alive = session.inferior.alive;
  if (!alive) findings.push({ code: 'inferior-down', severity: 'error', message: 'the EAL is not running', hint: "type 'run' to start it again" });
  const drivers = await session.drivers().catch(() => [] as DriverInfo[]);
  // The running vdev bus decides; with the EAL down, the same prefix rule over the known drivers.
  const drv = alive ? await session.claim(d.name).catch(() => null) : drivers.find((x) => matchedPrefix(x, d.name)) ?? null;
  if (!drv) {
    const near = nearestDriverNames(d.name, drivers);
    findings.push({ code: 'driver-unknown', severity: 'error', message: `no vdev driver claims "${d.name}"`, hint: near.length ? `did you mean ${near.map((n) => `${n}0`).join(', ')}?` : "a vdev name starts with a driver name or alias; see 'info drivers'" });
    return done({ input, name: d.name, driver: null, findings });
  }
  if (alive) await sessionChecks(session, d, findings);
  const suspects = keyFindings(d, drv, drivers, findings);
  valueChecks(d, drv, findings);
  suspects.push(...hostChecks(session, d, drv, findings));
  kernelNamed(d, drv, findings);
  repeatWarnings(d, drv, findings);
  suspects.push(...shadowed(d, drv, findings));
  const unsettled = alive ? await driverVerdict(session, d, drv, suspects, findings, !!opts.learn) : false;
  if (!alive) for (const f of suspects) findings.push({ ...f, severity: 'warning', unconfirmed: 'the EAL is not running', message: `${f.message}: the probe might fail for it` });
  return done({ input, name: d.name, driver: drv.name, findings, ...(unsettled ? { unsettled } : {}) });
}

async function sessionChecks(session: Session, d: Devargs, findings: CheckFinding[]): Promise<void> {
  const ports = await session.knownPorts().catch(() => []);
  const holder = ports.find((p) => p.device === d.name || p.name === d.name);
  if (holder) findings.push({ code: 'name-in-use', severity: 'error', message: `"${d.name}" is already attached as port ${holder.port}`, hint: `'port detach ${holder.port}' first, or another name` });
  // 'port close' frees the port but leaves the device on the vdev bus: the name stays taken. The
  // bus says so, not the shell's list (a detach DPDK half did leaves the name free with a port behind).
  else if (session.attached.some((x) => x.name === d.name) && await session.call('onVdevBus', { name: d.name }).catch(() => true)) findings.push({ code: 'name-in-use', severity: 'error', message: `"${d.name}" is still on the vdev bus (its port was closed, the device not detached)`, hint: `'port detach ${d.name}' removes the device and frees the name, or choose another name` });
  const max = await session.maxPorts();
  if (ports.length >= max) findings.push({ code: 'port-limit', severity: 'error', message: `all ${max} ethdev ports are in use (RTE_MAX_ETHPORTS)`, hint: "detach a port first ('show port summary all' lists them)" });
}

/** Literal alternatives only ("fixed|xx:xx:xx:xx:xx:xx", "0|1" without brackets): values drivers compare. */
function valueChecks(d: Devargs, drv: DriverInfo, findings: CheckFinding[]): void {
  const ignored = ignoredRepeats(d, drv);
  for (const kv of d.kv) {
    if (ignored.has(kv.key)) continue;
    const spec = drv.keys.find((k) => k.key === kv.key);
    if (!spec || spec.syntax.startsWith('<') || !spec.syntax.includes('|') || kv.value === null) continue;
    const alts = spec.syntax.split('|');
    const fits = alts.some((a) => (/^x{2}(:x{2}){5}$/.test(a) ? /^[0-9a-f]{2}(:[0-9a-f]{2}){5}$/i.test(kv.value!) : a === kv.value));
    // strtoul reads "abc" as 0: a non-number is only suspicious, a number outside the list is refused.
    const sure = alts.some((a) => /x/.test(a)) || /^\d+$/.test(kv.value);
    if (!fits) findings.push({ code: 'value-invalid', severity: sure ? 'error' : 'warning', key: kv.key, message: `${kv.key}=${kv.value} is not one of ${spec.syntax}`, hint: `${drv.name} declares ${kv.key}=${spec.syntax}` });
  }
}

/** Host facts; returns the suspects only a probe can settle (a host key given without a value). */
function hostChecks(session: Session, d: Devargs, drv: DriverInfo, findings: CheckFinding[]): CheckFinding[] {
  const suspects: CheckFinding[] = [];
  let ifaces: string[] | null = null;
  const need = capNeeded(drv.name, d.kv.map((k) => k.key));
  const caps = need ? processCaps(session.inferior.pid) : null;
  if (need && caps && !caps[need]) findings.push({ code: 'permission', severity: 'error', message: `${drv.name} needs ${need === 'netAdmin' ? 'CAP_NET_ADMIN' : 'CAP_NET_RAW'} and the EAL process lacks it`, hint: 'run vdev-shell as root' });
  const ignored = ignoredRepeats(d, drv);
  for (const kv of d.kv) {
    const role = keyRole(drv.name, kv.key);
    if (!role || ignored.has(kv.key)) continue;
    const v = kv.value ?? '';
    const err = (code: Cause, message: string, hint?: string): void => { findings.push({ code, severity: 'error', key: kv.key, message, ...(hint ? { hint } : {}) }); };
    // No value: kvargs hands the driver NULL where it expects a name; what follows (a refusal, a
    // crash, a default) is the driver's, so only a probe of the input tells.
    if (kv.value === null && role !== 'new-iface') {
      suspects.push({ code: 'value-invalid', severity: 'error', key: kv.key, message: `${kv.key} has no value: ${drv.name} is handed NULL where it expects ${role.startsWith('pcap') ? 'a file' : role === 'host-iface' ? 'an interface name' : 'a socket path'}`, hint: `${kv.key}=VALUE` });
      continue;
    }
    if (role === 'host-iface' || role === 'new-iface') {
      ifaces ??= hostIfaces();
      if (v.length >= IFNAMSIZ) { err('iface-name-too-long', `interface name "${v}" is ${v.length} characters; Linux allows ${IFNAMSIZ - 1}`); continue; }
      if (role === 'host-iface' && v === '') { err('value-invalid', `${kv.key}= is empty: it names no interface`); continue; }
      if (role === 'host-iface' && !ifaces.includes(v)) {
        const near = nearest(v, ifaces, 3);
        err('iface-missing', `host interface "${v}" does not exist`, near.length ? `did you mean ${near.join(', ')}?` : `interfaces: ${ifaces.join(' ')}`);
      }
      if (role === 'host-iface' && drv.name === 'net_pcap' && ifaces.includes(v) && !ifaceUp(v)) err('iface-down', `host interface "${v}" is down; libpcap cannot capture on it`, `ip link set ${v} up`);
      if (role === 'new-iface' && /[/:\s]/.test(v)) err('value-invalid', `"${v}" is not a valid interface name (no "/", ":" or whitespace)`);
      if (role === 'new-iface' && ifaces.includes(v) && !isTunTap(v)) err('iface-in-use', `"${v}" is an existing host interface that is not a tun/tap; ${drv.name} cannot create it`);
      continue;
    }
    if (role === 'pcap-in' || role === 'pcap-out') {
      if (v === '') { err('value-invalid', `${kv.key} has no value`, `${kv.key}=FILE`); continue; }
      const f = pathFacts(v);
      // libpcap opens a FIFO like a file: the probe blocks until a writer (reader) appears.
      if (f.exists && isFifo(f.abs)) {
        findings.push({ code: 'fifo', severity: 'warning', key: kv.key, message: `${kv.key}=${v} is a FIFO: the probe blocks in open() until the other end is opened` });
        continue;
      }
      if (f.isDir) err('path-is-dir', `${kv.key}=${v} is a directory`);
      else if (!f.dirExists) err('dir-missing', `directory ${f.dir} does not exist`);
      else if (role === 'pcap-in' && !f.exists) err('file-missing', `${kv.key}=${v}: no such file`, kv.key === 'rx_pcap' ? 'tx_pcap writes a capture; rx_pcap reads one' : undefined);
      else if (role === 'pcap-in' && !isPcapFile(f.abs)) err('not-pcap', `${kv.key}=${v} is not a pcap/pcapng capture`);
      continue;
    }
    if (role === 'vhost-socket') {
      // server=1 (virtio_user_ethdev.c, vhost_user_start_server): the driver makes the socket and waits for a backend.
      if (d.kv.some((k) => k.key === 'server' && k.value === '1')) {
        findings.push({ code: 'server-waits', severity: 'warning', key: kv.key, message: `server=1: ${drv.name} creates ${v} itself and the probe waits in accept() until a vhost-user backend connects` });
        continue;
      }
      const f = pathFacts(v);
      // A kernel vhost device (vhost-net, vhost-vdpa-N): only the probe can tell. Any other character device fails its vhost ioctls.
      if (f.isChar && isVhostDevice(f.abs)) continue;
      if (f.isChar) { err('backend-missing', `path=${v} is a character device (${charDeviceName(f.abs) ?? '?'}), not a vhost-user socket or a kernel vhost device`, 'a vhost-user socket, /dev/vhost-net or /dev/vhost-vdpa-N'); continue; }
      if (!f.exists) err('backend-missing', `path=${v} does not exist: no vhost-user backend listens there`, `start one first, e.g. 'probe net_vhost0,iface=${v}' and 'port start net_vhost0'`);
      else if (!f.isSocket) err('backend-missing', `path=${v} is not a unix socket`);
      else if (!listeningSockets().has(f.abs) && !listeningSockets().has(v)) err('backend-missing', `nothing listens on ${v}`);
    }
  }
  return suspects;
}

/**
 * An interface the driver creates with no name given: it hands TUNSETIFF a "%d" template read from
 * its source, and the kernel picks the first free name (tap0, dtap1): a name nobody asked for,
 * which another tool or a second shell may be using, so the user hears it before the probe.
 */
function kernelNamed(d: Devargs, drv: DriverInfo, findings: CheckFinding[]): void {
  const key = defaultIfaceRisk(d, drv).add;
  const t = key ? driverSource(drv.name)?.nameTemplate : undefined;
  if (!key || !t) return;
  const who = keyRole(drv.name, key) === 'backend-iface' ? `${drv.name}'s vhost-kernel backend (path= is a character device) creates a tap before it talks to the device, and` : `${drv.name} creates a kernel interface and`;
  findings.push({
    code: 'iface-kernel-named', severity: 'warning', key,
    message: `${who} no ${key}= names it: DPDK hands the kernel the template "${t.template}" (${t.file}:${t.line}), so the kernel picks the name (the first free ${t.template.replace('%d', 'N')})`,
    hint: `${key}=NAME gives it a name of yours`,
  });
}

/**
 * Undeclared keys. One the driver's own kvargs parser takes (its valid-arguments array in the source)
 * is only a warning; the rest are suspects: most drivers then refuse the device, net_ring ignores
 * all its arguments, so only a probe of the input tells (driverVerdict).
 */
function keyFindings(d: Devargs, drv: DriverInfo, drivers: DriverInfo[], findings: CheckFinding[]): CheckFinding[] {
  const suspects: CheckFinding[] = [];
  const src = driverSource(drv.name);
  for (const k of checkKeys(d, drv, drivers).filter((x) => !x.declared)) {
    const site = src?.validKeys.get(k.key);
    if (site) {
      findings.push({ code: 'key-undeclared', severity: 'warning', key: k.key, message: `${drv.name} does not declare "${k.key}" in its parameter string (what 'info driver' lists), yet its parser accepts it (${site.file}:${site.line}): the driver reads it` });
      continue;
    }
    const near = nearest(k.key, drv.keys.map((s) => s.key), 2);
    suspects.push({
      code: k.ownedBy.length ? 'key-wrong-driver' : 'key-unknown', severity: 'error', key: k.key,
      message: `${drv.name} does not accept "${k.key}"` + (k.ownedBy.length ? ` (${k.ownedBy.join(', ')} does)` : ''),
      hint: k.ownedBy.length ? `name the device after ${k.ownedBy[0]}, e.g. ${k.ownedBy[0]}0` : near.length ? `did you mean ${near.join(', ')}?` : `${drv.name} accepts: ${drv.keys.map((s) => s.key).join(' ') || '(no keys)'}`,
    });
  }
  return suspects;
}

/**
 * What only the driver can tell (does it refuse a key it does not know, a host key without a value,
 * does it attach anything without arguments) becomes an error only when the input itself, same
 * name and arguments, failed in a scratch EAL; otherwise a "might" that says why it was not tried.
 * A key the driver's parser refuses also puts the other key findings in doubt: net_tap and
 * net_ring then ignore all their arguments (and attach), the others refuse the device.
 */
async function driverVerdict(session: Session, d: Devargs, drv: DriverInfo, suspects: CheckFinding[], findings: CheckFinding[], learn: boolean): Promise<boolean> {
  const bare = !d.kv.length;
  if (!suspects.length && !bare) return false;
  let v: Learned | null = knownVerdict(session, drv, d);
  const why = v ? null : whyNotTried(drv, d);
  if (!v && learn && !why) v = await learnVerdict(session, drv, d).catch(() => null);
  const unsettled = !v && !why;
  const failed = !!v && !v.attached && !v.died;
  const tried = (l: Learned): string => l.line ? ` (tried as given in a scratch EAL; DPDK: ${l.line})` : ' (tried as given in a scratch EAL)';
  const declares = `it declares: ${drv.keys.map((k) => `${k.key}=${k.syntax}`).join(' ')}`;
  if (bare) {
    const before = bareFailedAs(session, drv).filter((x) => x !== d.text);
    if (failed) findings.push({ code: 'arg-missing', severity: 'error', message: `${drv.name} attaches nothing as "${d.name}" without arguments${tried(v!)}`, hint: declares });
    else if (!v && before.length) {
      const reason = why ? `not tried as given: ${why}` : `it failed bare as ${before[0]} in a scratch EAL, not yet tried as "${d.name}"`;
      findings.push({ code: 'arg-missing', severity: 'warning', unconfirmed: reason, message: `${drv.name} might attach nothing without arguments (${reason})`, hint: declares });
    }
    return unsettled;
  }
  const unknownKey = suspects.some((f) => f.code.startsWith('key-'));
  const reason = v?.died ? `in a scratch EAL the probe of this input ended otherwise: ${v.died}` : why ? `not tried as given: ${why}` : "not tried as given yet: 'check' tries it in a scratch EAL";
  if (unknownKey && !failed) {
    // The driver's parser refuses the whole string: the key findings below may never be reached.
    for (const f of findings) {
      if (f.severity !== 'error' || !f.key) continue;
      f.severity = 'warning';
      if (v?.attached) f.message += ` (yet ${drv.name} attached these devargs in a scratch EAL: it ignored its arguments)`;
      else { f.unconfirmed = reason; f.message += ` (if ${drv.name} ignores its arguments when its parser refuses a key, this does not matter)`; }
    }
  }
  for (const f of suspects) {
    if (failed) findings.push({ ...f, message: f.message + tried(v!) });
    else if (v?.attached && f.code.startsWith('key-')) {
      findings.push({ code: 'key-undeclared', severity: 'warning', key: f.key, message: `${drv.name} does not declare "${f.key}" and its parser does not take it, yet it attached these devargs in a scratch EAL: the key is ignored` });
    } else if (v?.attached) {
      findings.push({ ...f, severity: 'warning', message: `${f.message}, yet ${drv.name} attached these devargs in a scratch EAL (it did not read ${f.key}=)` });
    } else {
      findings.push({ ...f, severity: 'warning', unconfirmed: reason, message: `${f.message}: the probe might fail for it (${reason})` });
    }
  }
  return unsettled;
}

/** Keys given more than once that the driver reads only when they appear exactly once (its source): all copies are ignored. */
function ignoredRepeats(d: Devargs, drv: DriverInfo): Set<string> {
  const once = driverSource(drv.name)?.onlyOnce;
  const n = new Map<string, number>();
  for (const kv of d.kv) n.set(kv.key, (n.get(kv.key) ?? 0) + 1);
  return new Set([...n].filter(([k, c]) => c > 1 && once?.has(k)).map(([k]) => k));
}

function repeatWarnings(d: Devargs, drv: DriverInfo, findings: CheckFinding[]): void {
  const once = driverSource(drv.name)?.onlyOnce;
  for (const k of ignoredRepeats(d, drv)) {
    const site = once!.get(k)!;
    const n = d.kv.filter((kv) => kv.key === k).length;
    findings.push({ code: 'key-repeated', severity: 'warning', key: k, message: `"${k}" is given ${n} times; ${drv.name} reads it only when it appears exactly once (rte_kvargs_count(...) == 1 at ${site.file}:${site.line}), so every copy is ignored` });
  }
}

/**
 * Errors on some of the host objects an input names while another is fine: the driver may read only
 * some of them (net_pcap reads iface= alone when it is given; rx_pcap/tx_pcap win over
 * rx_iface/tx_iface), so only a probe of the input can tell. They become suspects.
 */
function shadowed(d: Devargs, drv: DriverInfo, findings: CheckFinding[]): CheckFinding[] {
  const hostKeys = new Set(d.kv.filter((kv) => kv.value && keyRole(drv.name, kv.key)).map((kv) => kv.key));
  if (hostKeys.size < 2) return [];
  const bad = findings.filter((f) => f.severity === 'error' && f.key && hostKeys.has(f.key));
  const badKeys = new Set(bad.map((f) => f.key));
  if (!bad.length || [...hostKeys].every((k) => badKeys.has(k))) return [];
  for (const f of bad) findings.splice(findings.indexOf(f), 1);
  return bad;
}
