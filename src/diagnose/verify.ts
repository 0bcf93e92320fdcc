// Proof in a scratch EAL (never the user's): probe a candidate there, see whether a port appears,
// then detach it so nothing it made on the host (tap interfaces, sockets) outlives the proof.
// Capture files a fix would write are redirected to a temporary file in the same directory, so a
// proof neither creates nor truncates the user's file but still proves the directory is writable.
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { Inferior } from '../session/inferior.js';
import type { DriverInfo } from '../session/drivers.js';
import { matchedPrefix } from '../session/drivers.js';
import type { LogLine } from '../protocol/ops.js';
import { parseDevargs, type Devargs } from '../devargs/parse.js';
import { pathFacts } from './host.js';
import { makeProofIface, proofIfaceName, releaseProofIface } from './proof-iface.js';
import { driverSource } from '../recovery/driver-source.js';
import { keyRole } from './roles.js';
import type { Attempt, Candidate } from './types.js';

let seq = 0;
const isCharDevice = (p: string): boolean => { try { return fs.statSync(p).isCharacterDevice(); } catch { return false; } };
/** Alive and not yet reaped: 'close' (which updates inf.alive) can lag a SIGKILL by a while. */
export const usable = (inf: Inferior): boolean => inf.alive && !inf.reaped;
/** A proof that takes longer is a driver that waits (a socket peer, a FIFO): give up and kill the scratch EAL. */
export const PROOF_MS = 3000;

export interface Trial { attached: boolean; ret: number | null; log: LogLine[]; port?: number; note?: string }

/**
 * A driver that creates a kernel interface (a 'new-iface' key: net_tap, net_tun; virtio_user's
 * iface with a vhost-kernel backend) names it from
 * that key only when the key is given once and its kvargs parse the whole string; otherwise it
 * falls back to DPDK's default name (dtapN, dtunN), a name the shell does not own. For a proof:
 * the reason not to run it, or the key to add with a name made for the proof when it is missing.
 */
export function defaultIfaceRisk(d: Devargs, drv: DriverInfo | null): { refuse?: string; add?: string } {
  // virtio_user's iface names a tap only where a vhost-kernel backend makes one (path= a character device)
  const kernelBackend = !!drv && d.kv.some((k) => keyRole(drv.name, k.key) === 'vhost-socket' && !!k.value && isCharDevice(k.value));
  const creates = (key: string): boolean => { const r = keyRole(drv?.name, key); return r === 'new-iface' || (r === 'backend-iface' && kernelBackend); };
  const created = drv?.keys.filter((k) => creates(k.key)).map((k) => k.key) ?? [];
  if (!drv || !created.length) return {};
  const takes = driverSource(drv.name)?.validKeys;
  const unknown = d.kv.find((k) => !drv.keys.some((s) => s.key === k.key) && !takes?.has(k.key));
  if (unknown) return { refuse: `${drv.name}'s kvargs refuse "${unknown.key}", so it would ignore ${created[0]}= and create an interface under DPDK's default name, which the shell does not own` };
  const given = d.kv.filter((k) => created.includes(k.key));
  if (given.length > 1) return { refuse: `${created[0]} is given ${given.length} times, so ${drv.name} would ignore it and create an interface under DPDK's default name, which the shell does not own` };
  if (given.length === 1 && !given[0].value) return { refuse: `${created[0]} has no value, so ${drv.name} would create an interface under DPDK's default name, which the shell does not own` };
  return given.length ? {} : { add: created[0] };
}

/**
 * The devargs a proof runs: pcap-out paths swapped for temp siblings, host interfaces swapped
 * for ones made for the proof (proof-iface.ts), an interface the driver would create under
 * DPDK's default name given a proof name instead. What to undo afterwards; `refused` when a host
 * interface is named and none could be made, or the driver would make one under a name nobody
 * owns (the proof is then not run).
 */
function proofArgs(d: Devargs, drv: DriverInfo | null, swapIfaces: boolean): { args: string; temps: string[]; ifaces: string[]; swapped: string[]; named: string[]; refused?: string } {
  const temps: string[] = [], ifaces: string[] = [], swapped: string[] = [];
  const driver = drv?.name ?? null;
  const risk = swapIfaces ? defaultIfaceRisk(d, drv) : {};
  let refused: string | undefined = risk.refuse;
  const parts = d.kv.map((k) => {
    const role = keyRole(driver, k.key);
    if (k.value && role === 'pcap-out') {
      const f = pathFacts(k.value);
      if (f.dirExists && !f.isDir) {
        const t = path.join(f.dir, `.vdsh-proof-${process.pid}-${++seq}.pcap`);
        temps.push(t);
        return `${k.key}=${t}`;
      }
    }
    if (swapIfaces && k.value && role === 'host-iface' && fs.existsSync(`/sys/class/net/${k.value}`)) {
      const made = makeProofIface(k.value);
      if (!made) { refused = `no interface could be made for the proof (${k.key}=${k.value} is a host interface it must not touch)`; return `${k.key}=${k.value}`; }
      ifaces.push(made);
      swapped.push(`${made} in place of ${k.value}`);
      return `${k.key}=${made}`;
    }
    return k.value === null ? k.key : `${k.key}=${k.value}`;
  });
  const named: string[] = [];
  if (risk.add) {
    const name = proofIfaceName();
    parts.push(`${risk.add}=${name}`);
    named.push(`${risk.add}=${name} in place of DPDK's default name`);
  }
  return { args: parts.join(','), temps, ifaces, swapped, named, ...(refused ? { refused } : {}) };
}

/**
 * Probe d in the scratch EAL and detach it again. Nothing shows a scratch probe's chain, so none is
 * recorded; a proof (proof=true) needs only DPDK's words and whether a port appeared, so its lines
 * are not symbolized either. Both would load the addon's DWARF in the fresh EAL (~50 ms and ~150 ms).
 */
async function attachDetach(inf: Inferior, d: Devargs, driver: DriverInfo | null, proof: boolean): Promise<Trial & { full: Attempt['log']; ok: boolean; silent: boolean; portInfo?: Attempt['port'] }> {
  const { args, temps, ifaces, swapped, named, refused } = proofArgs(d, driver, proof);
  try {
    if (refused) return { attached: false, ok: false, silent: false, ret: null, log: [], full: [], note: `not tried: ${refused}` };
    const quiet = proof ? { emitters: false, record: false } : { record: false };
    const r = await inf.request('hotplugAdd', { name: d.name, args, ...quiet }, PROOF_MS).catch((e: Error & { code?: string }) => {
      // A driver that blocks (or a crash) ends this throwaway EAL; the caller sees it as not alive.
      if (e.code === 'timeout') { inf.kill('SIGKILL'); throw Object.assign(new Error(`the probe did not return within ${PROOF_MS} ms`), { code: 'timeout' }); }
      throw e;
    });
    const before = new Set(r.portsBefore);
    const fresh = r.portsAfter.filter((p) => !before.has(p.port) && p.device === d.name);
    if (r.ret === 0) await inf.request('hotplugRemove', { name: d.name, ...(proof ? { emitters: false } : {}) });
    const ok = r.ret === 0 && fresh.length > 0;
    return {
      attached: ok, ok, silent: r.ret === 0 && !fresh.length, ret: r.ret, log: r.log, full: r.log, port: fresh[0]?.port, portInfo: fresh[0],
      ...(temps.length || swapped.length || named.length ? { note: proofNote(temps, swapped, named) } : {}),
    };
  } finally {
    for (const t of temps) fs.rmSync(t, { force: true });
    for (const i of ifaces) releaseProofIface(i);
  }
}

function proofNote(temps: string[], swapped: string[], named: string[]): string {
  const parts = [
    ...(temps.length ? [`${temps.map((t) => path.basename(t)).join(', ')} in place of the capture file`] : []),
    ...(swapped.length ? [`${swapped.join(', ')} (a veth made for the proof)`] : []),
    ...(named.length ? [`${named.join(', ')} (a name made for the proof)`] : []),
  ];
  return `proved with ${parts.join(' and ')} (removed)`;
}

/** Probe the user's input in a scratch EAL (diagnose DEVARGS), leaving nothing attached. */
export async function scratchAttempt(inf: Inferior, input: string, drivers: DriverInfo[]): Promise<Attempt> {
  const p = parseDevargs(input);
  if (!p.ok) return { input, devargs: null, parseError: p.error, ret: null, driver: null, matched: null, ok: false, silentFailure: false, log: [] };
  const d = p.devargs;
  const reg = await inf.request('vdevDriver', { name: d.name });
  const driver = reg ? drivers.find((x) => x.name === reg.name) ?? { name: reg.name, alias: reg.alias, params: '', keys: [] } : null;
  const t = await attachDetach(inf, d, driver, false).catch(async (e: Error & { code?: string }) => {
    const hung = e.code === 'timeout';
    if (hung) await inf.stop(200).catch(() => undefined);
    return { died: { how: hung ? e.message : inf.death?.signal ? `killed by ${inf.death.signal}` : e.message, hung, lines: inf.death?.dpdkLog ?? [] } };
  });
  if ('died' in t) {
    return {
      input, devargs: d, ret: null, driver, matched: driver ? matchedPrefix(driver, d.name) : null, ok: false, silentFailure: false,
      log: t.died.lines.map((text) => ({ text })), died: true, death: t.died,
    };
  }
  return {
    input, devargs: d, ret: t.ret, driver, matched: driver ? matchedPrefix(driver, d.name) : null, ok: t.ok, silentFailure: t.silent,
    log: [...t.full, ...inf.takeConsole().map((text) => ({ text }))], ...(t.portInfo ? { port: t.portInfo } : {}),
  };
}

/** Try one candidate fix in the scratch EAL; a vhost-user backend is set up there first when needed. */
export async function tryCandidate(inf: Inferior, c: Candidate, drivers: DriverInfo[]): Promise<Trial> {
  const p = parseDevargs(c.devargs);
  if (!p.ok) return { attached: false, ret: null, log: [], note: p.error.message };
  const d = p.devargs;
  const reg = await inf.request('vdevDriver', { name: d.name });
  if (!reg) return { attached: false, ret: -14, log: [], note: `no driver claims ${d.name}` };
  const drv = drivers.find((x) => x.name === reg.name) ?? { name: reg.name, alias: reg.alias, params: '', keys: [] };
  if (c.makeCapture) return proveMadeCapture(inf, d, c.makeCapture.key, drv);
  const backend = c.backend ? await startBackend(inf, c.backend.socket) : null;
  try {
    if (backend && !backend.ok) return { attached: false, ret: null, log: backend.log, note: `the scratch vhost backend did not start on ${c.backend!.socket}` };
    const t = await attachDetach(inf, d, drv, true);
    if (backend) t.note = [t.note, `proved against net_vhost serving ${c.backend!.socket} in the scratch EAL`].filter(Boolean).join('; ');
    return t;
  } finally {
    if (backend) await stopBackend(inf, backend);
  }
}

/**
 * The fix makes the capture it then reads: in the scratch EAL a tx-only pcap port writes one next
 * to the path (a temp name, so the user's path stays untouched), and the user's device reads it.
 */
async function proveMadeCapture(inf: Inferior, d: Devargs, key: string, driver: DriverInfo): Promise<Trial> {
  const kv = d.kv.find((k) => k.key === key);
  const f = kv?.value ? pathFacts(kv.value) : null;
  if (!f?.dirExists) return { attached: false, ret: null, log: [], note: `not tried: the directory for ${key} does not exist` };
  const temp = path.join(f.dir, `.vdsh-proof-${process.pid}-${++seq}.pcap`);
  const maker = `net_pcap_vdshmk${seq}`;
  try {
    const w = await inf.request('hotplugAdd', { name: maker, args: `tx_pcap=${temp}`, emitters: false, record: false }, PROOF_MS);
    if (w.ret === 0) await inf.request('hotplugRemove', { name: maker, emitters: false });
    if (w.ret !== 0 || !fs.existsSync(temp)) return { attached: false, ret: w.ret, log: w.log, note: 'the capture could not be made in that directory' };
    const p = parseDevargs([d.name, ...d.kv.map((k) => (k.key === key ? `${k.key}=${temp}` : k.value === null ? k.key : `${k.key}=${k.value}`))].join(','));
    if (!p.ok) return { attached: false, ret: null, log: [], note: p.error.message };
    const t = await attachDetach(inf, p.devargs, driver, true);
    return { ...t, note: `proved with a capture made at ${path.basename(temp)} in place of ${kv!.value} (removed)` };
  } finally {
    fs.rmSync(temp, { force: true });
  }
}

interface Kick { name: string; port?: number; server: net.Server; conns: net.Socket[]; path: string }
interface Backend { ok: boolean; name: string; port?: number; createdSocket: string | null; log: LogLine[]; kick?: Kick }

async function startBackend(inf: Inferior, socket: string): Promise<Backend> {
  const name = `net_vhost_proof${++seq}`;
  const existed = fs.existsSync(socket);
  const r = await inf.request('hotplugAdd', { name, args: `iface=${socket}`, emitters: false, record: false });
  const port = r.portsAfter.find((x) => x.device === name)?.port;
  const b: Backend = { ok: false, name, port, createdSocket: existed ? null : socket, log: r.log };
  if (r.ret !== 0 || port === undefined) return b;
  const s = await inf.request('portStart', { port, emitters: false });
  b.ok = !!s && s.ret === 0;
  if (b.ok) b.kick = await kickVhostThread(inf).catch(() => undefined);
  return b;
}

/**
 * DPDK 22.11's vhost event thread polls with a 1000 ms timeout (lib/vhost/fd_man.c:246) and only
 * sees a listening socket added meanwhile on its next round, so a virtio_user probe right after
 * port start waits up to 1 s. A vhost CLIENT connection is added with fdset_pipe_notify()
 * (lib/vhost/socket.c:283), which wakes the thread at once: connect one to a throwaway listener.
 */
async function kickVhostThread(inf: Inferior): Promise<Kick> {
  const p = path.join(os.tmpdir(), `vdsh-kick-${process.pid}-${++seq}.sock`);
  const conns: net.Socket[] = [];
  const server = net.createServer((c) => { conns.push(c); });
  await new Promise<void>((resolve, reject) => { server.once('error', reject); server.listen(p, resolve); });
  const k: Kick = { name: `net_vhost_kick${seq}`, server, conns, path: p };
  const r = await inf.request('hotplugAdd', { name: k.name, args: `iface=${p},client=1`, emitters: false, record: false });
  k.port = r.portsAfter.find((x) => x.device === k.name)?.port;
  if (r.ret === 0 && k.port !== undefined) await inf.request('portStart', { port: k.port, emitters: false });
  return k;
}

/**
 * The backend goes first, the kick device stays: from 24.11 the vhost library stops its event
 * thread when its last socket is unregistered and joins it, which waits out the thread's 1000 ms
 * epoll_wait (lib/vhost/socket.c rte_vhost_driver_unregister -> fd_man.c fdset_destroy). The kick
 * device, a client of a listener of ours, names nothing on the host once its path is removed; the
 * scratch EAL detaches it when it stops, after the diagnosis.
 */
async function stopBackend(inf: Inferior, b: Backend): Promise<void> {
  if (b.port !== undefined) await inf.request('portStop', { port: b.port, emitters: false }).catch(() => null);
  await inf.request('hotplugRemove', { name: b.name, emitters: false }).catch(() => null);
  if (b.kick) {
    const k = b.kick;
    for (const c of k.conns) c.destroy();
    k.server.close();
    fs.rmSync(k.path, { force: true });
  }
  if (b.createdSocket) fs.rmSync(b.createdSocket, { force: true });
}
