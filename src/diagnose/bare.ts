// What check learns by probing the user's OWN input (the same name, the same arguments) in a
// scratch EAL: whether the driver attaches it. A verdict learned on a changed input need not hold
// for the user's: net_ring names its rings after the device, so a bare probe under another name
// (the old "<driver>_vdshbare0") failed where the user's net_ring0 attaches. So check calls an
// input wrong only on a lesson learned on that input; everything else is a "might".
//
// Only inputs whose probe leaves the host as it was are tried (see whyNotTried). Verdicts are
// cached per session, EAL arguments, driver and exact arguments, together with the state of the
// files the input names (a verdict on rx_pcap=x.pcap holds while x.pcap is as it was). The hint
// under the prompt reads the cache only.
import fs from 'node:fs';
import type { Session } from '../session/session.js';
import type { DriverInfo } from '../session/drivers.js';
import type { Devargs } from '../devargs/parse.js';
import { pathFacts } from './host.js';
import { keyRole } from './roles.js';
import type { Inferior } from '../session/inferior.js';
import { PROOF_MS } from './verify.js';

export interface Learned {
  attached: boolean;
  /** DPDK's first line of its own when it refused (else the EAL's), verbatim. */
  line?: string;
  /** The scratch EAL died or hung on it: how. */
  died?: string;
}

/** What was learned, per session (session.bare), for the EAL arguments it was learned under. */
export interface BareStore {
  eal: string;
  exact: Map<string, Learned>;
  /** Inputs tried per driver, for the "might" of an input not tried yet. */
  byDriver: Map<string, { input: string; bare: boolean; learned: Learned }[]>;
  /** Probes under way: a second caller waits on the first instead of starting another EAL. */
  pending: Map<string, Promise<Learned>>;
}
function store(session: Session): BareStore {
  const eal = session.ealArgs.join('\0');
  if (session.bare?.eal !== eal) session.bare = { eal, exact: new Map(), byDriver: new Map(), pending: new Map() };
  return session.bare;
}

/** The input, and what the host objects it names look like now (type, size, mtime). */
function keyOf(drv: DriverInfo, d: Devargs): string {
  const host = d.kv.filter((kv) => kv.value && keyRole(drv.name, kv.key)).map((kv) => {
    const f = pathFacts(kv.value!);
    let st: fs.Stats | null = null;
    try { st = fs.statSync(f.abs); } catch { /* missing */ }
    return [kv.key, f.abs, f.dirExists, st ? [st.mode, st.size, st.mtimeMs, st.ino] : null];
  });
  return `${drv.name}\n${d.name}\n${d.args}\n${JSON.stringify(host)}`;
}

/**
 * Why probing this input in a scratch EAL could change the host, or null when it cannot: it then
 * may be tried exactly as given. Files it would create are removed afterwards; files it would
 * truncate, interfaces it would create or bind and sockets it would open or connect are not tried.
 */
export function whyNotTried(drv: DriverInfo, d: Devargs): string | null {
  if (drv.keys.some((k) => keyRole(drv.name, k.key) === 'new-iface')) return `a ${drv.name} probe creates a kernel interface`;
  for (const kv of d.kv) {
    const role = keyRole(drv.name, kv.key);
    // A key without a value names nothing on the host.
    if (!role || !kv.value) continue;
    const v = kv.value;
    const f = pathFacts(v);
    if (role === 'pcap-out' && f.exists) return `${kv.key}=${v} would truncate an existing file`;
    if (role === 'pcap-in' && f.exists && !f.isFile) return `${kv.key}=${v} is not a regular file (opening it may block)`;
    if (role === 'host-iface') return `${kv.key}=${v} would bind a host interface (and may leave it promiscuous)`;
    if (role === 'vhost-socket' && d.kv.some((k) => k.key === 'server' && k.value === '1')) return `server=1 would create ${v} and wait for a vhost-user backend`;
    if (role === 'vhost-socket' && f.exists) return `${kv.key}=${v} would connect to a vhost-user backend`;
    if (role === 'socket-to-create') return `${kv.key}=${v} would create a socket`;
  }
  return null;
}

/** The verdict on exactly this input, if it is known without probing. */
export function knownVerdict(session: Session, drv: DriverInfo, d: Devargs): Learned | null {
  return store(session).exact.get(keyOf(drv, d)) ?? null;
}

/** Bare inputs of this driver (under other names) that failed in a scratch EAL: grounds for a "might". */
export function bareFailedAs(session: Session, drv: DriverInfo): string[] {
  return (store(session).byDriver.get(drv.name) ?? []).filter((x) => x.bare && !x.learned.attached).map((x) => x.input);
}

/** Probe exactly this input in a scratch EAL (the caller checked whyNotTried). */
export async function learnVerdict(session: Session, drv: DriverInfo, d: Devargs): Promise<Learned> {
  const s = store(session);
  const key = keyOf(drv, d);
  const cached = s.exact.get(key);
  if (cached) return cached;
  const running = s.pending.get(key);
  if (running) return running;
  const p = learnOnce(session, s, drv, d, key);
  s.pending.set(key, p);
  try { return await p; } finally { s.pending.delete(key); }
}

async function learnOnce(session: Session, s: BareStore, drv: DriverInfo, d: Devargs, key: string): Promise<Learned> {
  // Capture files the probe would create: removed afterwards (whyNotTried refused existing ones).
  const created = d.kv.filter((kv) => kv.value && keyRole(drv.name, kv.key) === 'pcap-out').map((kv) => pathFacts(kv.value!).abs);
  let learned: Learned;
  try {
    learned = await session.scratch((inf) => tryExactly(inf, d));
  } finally {
    for (const f of created) fs.rmSync(f, { force: true });
  }
  s.exact.set(key, learned);
  const list = s.byDriver.get(drv.name) ?? [];
  list.push({ input: d.text, bare: !d.kv.length, learned });
  s.byDriver.set(drv.name, list.slice(-8));
  return learned;
}

/** hotplug_add of the name and arguments as given; a port must appear; detached again. */
async function tryExactly(inf: Inferior, d: Devargs): Promise<Learned> {
  try {
    const r = await inf.request('hotplugAdd', { name: d.name, args: d.args, emitters: false, record: false }, PROOF_MS);
    const before = new Set(r.portsBefore);
    const fresh = r.portsAfter.filter((p) => !before.has(p.port) && p.device === d.name);
    if (r.ret === 0) await inf.request('hotplugRemove', { name: d.name, emitters: false }).catch(() => null);
    if (r.ret === 0 && fresh.length) return { attached: true };
    const own = r.log.find((l) => !/^EAL: /.test(l.text)) ?? r.log[0];
    return { attached: false, ...(own ? { line: own.text } : {}) };
  } catch (e) {
    const err = e as Error & { code?: string };
    // A driver that blocks (a FIFO, a silent peer) or crashes ends this throwaway EAL.
    if (err.code === 'timeout') { inf.kill('SIGKILL'); return { attached: false, died: `the probe did not return within ${PROOF_MS} ms` }; }
    return { attached: false, died: inf.death?.signal ? `the probe killed the EAL (${inf.death.signal})` : err.message };
  }
}
