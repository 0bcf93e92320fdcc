// Inferior-side handlers of the packets area: call the native loops, symbolize the burst
// functions that did the work, attach the DPDK log lines with their emitters.
import type { Addon } from './addon.js';
import type { RawLogLine } from '../protocol/raw.js';
import type { Handlers } from './handlers.js';
import type { Frame } from '../protocol/ops.js';
import type { PacketOps } from '../protocol/ops-packets.js';
import { logWithEmitters, symbolize } from './symbolize.js';

const fn = (addon: Addon, a: bigint | undefined): Frame | null => (a ? symbolize(addon, [a], false)[0] : null);
const hex = (b: Uint8Array | undefined): string => (b ? Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('hex') : '');
const logs = (addon: Addon, l: RawLogLine[] | undefined, emitters = true) => (emitters ? logWithEmitters(addon, l ?? []) : (l ?? []).map((x) => ({ text: x.text })));

export const packetHandlers: Handlers<keyof PacketOps> = {
  pktPool: (addon) => addon.pktPool(),
  portStart: (addon, { port, emitters }) => {
    const r = addon.portStart(port);
    return r && { ...r, log: logs(addon, r.log, emitters !== false) };
  },
  portStop: (addon, { port, emitters }) => {
    const r = addon.portStop(port);
    return r && { ...r, log: logs(addon, r.log, emitters !== false) };
  },
  tx: (addon, { port, opts }) => {
    const r = addon.tx(port, opts);
    if (!r) return null;
    const { frame, burstFn, log, ...rest } = r;
    return { ...rest, frameHex: hex(frame), burstFn: fn(addon, burstFn), log: logs(addon, log) };
  },
  rx: (addon, { port, count, timeoutMs, snap }) => {
    const r = addon.rx(port, { count, timeoutMs, snap });
    if (!r) return null;
    const { packets, burstFn, log, ...rest } = r;
    return {
      ...rest, burstFn: fn(addon, burstFn), log: logs(addon, log),
      packets: (packets ?? []).map((p) => ({ len: p.len, hex: hex(p.data), segs: p.segs, atNs: p.atNs })),
    };
  },
  fwd: (addon, { src, dst, count, idleMs }) => {
    const r = addon.fwd(src, dst, { count, idleMs });
    if (!r) return null;
    const { rxBurstFn, txBurstFn, log, ...rest } = r;
    return { ...rest, rxBurstFn: fn(addon, rxBurstFn), txBurstFn: fn(addon, txBurstFn), log: logs(addon, log) };
  },
  captureStart: (addon, { port, path, rx, tx }) => {
    const r = addon.captureStart(port, path, rx, tx);
    return r && { ...r, log: logs(addon, r.log) };
  },
  captureInfo: (addon) => addon.captureInfo(),
  captureStop: (addon) => {
    const r = addon.captureStop();
    return r && { ...r, log: logs(addon, r.log) };
  },
  xstats: (addon, { port }) => {
    const r = addon.xstats(port);
    return r && { ret: r.ret, xstats: r.xstats ?? [], log: logs(addon, r.log) };
  },
  xstatsReset: (addon, { port }) => {
    const r = addon.xstatsReset(port);
    return r && { ...r, log: logs(addon, r.log) };
  },
};
