// One handler per protocol op. Runs inside the inferior, next to the EAL.
import type { Addon } from './addon.js';
import type { BurstName, RawLogLine, RawPort } from '../protocol/raw.js';
import type { Frame, LeftPorts, LogLine, Ops, OpName, OpsReply, StoppedCapture } from '../protocol/ops.js';
import { inlineGroup, logWithEmitters, symbolize } from './symbolize.js';
import { matchesPortRef } from '../util/port-ref.js';
import type { PacketOps } from '../protocol/ops-packets.js';
import type { TraceOps } from '../protocol/ops-trace.js';
import { traceHandlers } from './handlers-trace.js';
import { packetHandlers } from './handlers-packets.js';
import { closeLeftTuns, tunFds } from './left-tuns.js';

export type Handler<K extends OpName> = (addon: Addon, args: Ops[K]['args']) => Ops[K]['result'];
export type Handlers<Keys extends OpName = OpName> = { [K in Keys]: Handler<K> };
type CoreOps = Exclude<OpName, keyof PacketOps | keyof TraceOps>;

let opsLayout: ReturnType<Addon['structLayout']> | undefined;

function burstFrames(addon: Addon, burst: Record<BurstName, bigint>): Record<BurstName, Frame | null> {
  const names = Object.keys(burst) as BurstName[];
  const frames = symbolize(addon, names.map((n) => burst[n]), false);
  const out = {} as Record<BurstName, Frame | null>;
  names.forEach((n, i) => { out[n] = burst[n] === 0n ? null : frames[i]; });
  return out;
}

/**
 * A capture of this port is ended before the port goes (detach, close), so its pcapng file gets
 * its statistics block and no callback outlives the port it was hooked on.
 */
function stopCaptureOf(addon: Addon, port: number): StoppedCapture | undefined {
  const cap = addon.captureInfo();
  if (!cap || cap.port !== port) return undefined;
  const r = addon.captureStop();
  const c = r?.capture ?? cap;
  return { file: c.path, rx: c.rx, tx: c.tx, dropped: c.dropped, ...(r?.bytes !== undefined ? { bytes: r.bytes } : {}) };
}

/**
 * After a successful remove, the device's ports that outlive it are orphans (net_ring with
 * nodeaction= names its ports from the arguments, and its remove finds no port by the device's
 * name). They are closed here, which releases them, and the driver's remove callback is named.
 */
function closeLeftPorts(addon: Addon, device: string, before: RawPort[]): LeftPorts | undefined {
  const mine = before.filter((p) => (p.device ?? p.name) === device);
  const now = new Set(addon.portIds());
  const left = mine.filter((p) => now.has(p.port));
  if (!left.length || addon.onVdevBus(device)) return undefined;
  const drv = left[0].driver ? addon.vdevDriver(left[0].driver) : null;
  const remove = drv && drv.remove !== 0n ? symbolize(addon, [drv.remove], false)[0] : null;
  const closeLog: LogLine[] = [];
  const closed = left.map((p) => {
    const c = addon.portClose(p.port);
    if (c) closeLog.push(...logWithEmitters(addon, c.log));
    return { port: p.port, name: p.name, ret: c?.ret ?? -1 };
  });
  return { remove, closed, closeLog };
}

const coreHandlers: Handlers<CoreOps> = {
  hotplugAdd: (addon, { name, args, emitters, record, watchTuns }) => {
    const portsBefore = addon.portIds();
    // Listing this process's fds costs more than the probe of a net_null (~0.4 ms): only for a
    // driver that may open tun/tap devices, or one the shell does not know.
    const tuns = watchTuns === false ? null : tunFds();
    const r = addon.hotplugAdd(name, args, record !== false);
    // A failed probe owns nothing: a tun/tap it left open would keep its interface on the host.
    const left = r.ret !== 0 && tuns ? closeLeftTuns(tuns) : [];
    return {
      portsBefore, portsAfter: addon.ports(), ...(left.length ? { closedTuns: left } : {}),
      ret: r.ret, errno: r.errno, errnoText: r.errnoText, driver: r.driver,
      probeEntered: r.probeEntered, probeRet: r.probeRet, alreadyOnBus: r.alreadyOnBus,
      ...(r.chainSeq ? { chainSeq: r.chainSeq } : {}),
      log: emitters === false ? r.log.map((l) => ({ text: l.text })) : logWithEmitters(addon, r.log),
    };
  },
  hotplugRemove: (addon, { name, emitters }) => {
    const r = addon.hotplugRemove(name);
    return { ret: r.ret, errno: r.errno, errnoText: r.errnoText, log: emitters === false ? r.log.map((l) => ({ text: l.text })) : logWithEmitters(addon, r.log), portsAfter: addon.portIds() };
  },
  detachPort: (addon, { ref }) => {
    const before = addon.ports();
    const port = before.find((p) => matchesPortRef(p, ref)) ?? null;
    // `port close` leaves the device on the vdev bus without a port: detach removes it by name.
    if (!port && (/^\d+$/.test(ref) || !addon.onVdevBus(ref))) return null;
    const captureStopped = port ? stopCaptureOf(addon, port.port) : undefined;
    const device = port ? port.device ?? port.name : ref;
    const r = addon.hotplugRemove(device);
    const leftPorts = r.ret === 0 ? closeLeftPorts(addon, device, before) : undefined;
    const ports = addon.ports();
    return {
      port, ...(port ? {} : { device: ref }), ret: r.ret, errno: r.errno, errnoText: r.errnoText, log: logWithEmitters(addon, r.log),
      portsAfter: ports.map((p) => p.port), ports, ...(captureStopped ? { captureStopped } : {}), ...(leftPorts ? { leftPorts } : {}),
    };
  },
  vdevDriver: (addon, { name }) => addon.vdevDriver(name),
  onVdevBus: (addon, { name }) => addon.onVdevBus(name),
  vdevDrivers: (addon, { names }) => names.map((n) => addon.vdevDriver(n)),
  ealInfo: (addon) => ({ ...addon.ealInfo(), args: ealArgs, pid: process.pid, maxPorts: addon.maxPorts }),
  ports: (addon) => addon.ports(),
  port: (addon, { port }) => addon.port(port),
  stats: (addon, { port }) => addon.stats(port),
  statsReset: (addon, { port }) => addon.statsReset(port),
  macSet: (addon, { port, mac }) => {
    const r = addon.macSet(port, mac);
    if (r === null) return null;
    if (typeof r === 'number') return { ret: r, log: [] };
    return { ret: r.ret, log: logWithEmitters(addon, r.log) };
  },
  portClose: (addon, { port }) => {
    // ethdev closes only a stopped port: a started one keeps its capture running (the close fails).
    const captureStopped = addon.port(port)?.started === false ? stopCaptureOf(addon, port) : undefined;
    const r = addon.portClose(port);
    return r && { ret: r.ret, log: logWithEmitters(addon, r.log), ...(captureStopped ? { captureStopped } : {}) };
  },
  ops: (addon, { port }) => {
    const raw = addon.ops(port);
    if (!raw) return null;
    opsLayout ??= addon.structLayout('eth_dev_ops');
    if (!opsLayout) throw Object.assign(new Error('struct eth_dev_ops not found in the addon DWARF'), { code: 'no-dwarf' });
    const ptrs = opsLayout.members.map((m) => raw.words[m.offset / 8] ?? 0n);
    const frames = symbolize(addon, ptrs, false);
    const reply: OpsReply = {
      table: '0x' + raw.table.toString(16),
      size: raw.size,
      slots: opsLayout.members.map((m, i) => ({
        slot: m.name, type: m.type, offset: m.offset,
        addr: ptrs[i] === 0n ? null : '0x' + ptrs[i].toString(16),
        fn: ptrs[i] === 0n ? null : frames[i].fn,
        file: ptrs[i] === 0n ? null : frames[i].file,
        line: ptrs[i] === 0n ? null : frames[i].line,
      })),
      devBurst: burstFrames(addon, raw.devBurst),
      fpBurst: burstFrames(addon, raw.fpBurst),
    };
    return reply;
  },
  symbolize: (addon, { addrs, returnAddresses, inlines }) => {
    const pcs = addrs.map((a) => BigInt(a));
    const frames = symbolize(addon, pcs, returnAddresses);
    if (!inlines || returnAddresses) return frames;
    return frames.map((f, i) => {
      const group = inlineGroup(addon, f, pcs[i]);
      return group.length > 1 ? { ...f, inlineFrames: group } : { ...f, line: group[0].line };
    });
  },
  lookupSymbol: (addon, { name }) => {
    const a = addon.lookupSymbol(name);
    return a === null ? null : symbolize(addon, [a], false)[0];
  },
  structLayout: (addon, { name }) => addon.structLayout(name),
  logDrain: (addon) => logWithEmitters(addon, addon.logDrain()),
  initLog: (addon) => (initLog.emitted ??= logWithEmitters(addon, initLog.raw)),
};

export const handlers: Handlers = { ...coreHandlers, ...packetHandlers, ...traceHandlers };

let ealArgs: string[] = [];
export function setEalArgs(args: string[]): void { ealArgs = args; }

// Symbolizing a line's emitter loads the addon's DWARF (~100 ms): the init log waits for the
// first initLog request instead of delaying 'ready'.
const initLog: { raw: RawLogLine[]; emitted?: LogLine[] } = { raw: [] };
export function setInitLog(lines: RawLogLine[]): void { initLog.raw = lines; }
