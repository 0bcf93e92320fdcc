// The shell's breakpoint on the PMD probe, JS half. native/chain_record.cc records each probe's
// callers (return addresses, CFAs, the stack span they live in, and the pointed-to bytes a gather
// plan names); this file makes those plans and, when bt asks, prints a record gdb-style: the
// callers' arguments and locals read from DWARF locations with the CFAs the unwinder gave.
//
// A plan is made once per chain of return addresses, by running the same printer on live memory
// with every read noted: a read inside the stack span needs nothing (the span is copied); any
// other read is reached from an earlier pointer read (a string behind a char *, a device field)
// or is a fixed address, and becomes a gather step. Printing a record later replays the printer
// over the copied bytes, so it reads exactly what it read when the plan was made.
import type { TraceAddon } from './addon-trace.js';
import type { RawFrameVars, RawType, RawUnwound, RawMember, RawChainRecord } from '../protocol/raw-trace.js';
import { formatValueAt, strip, typeText, varAddress, type Memory } from '../trace/values.js';
import type { VarValue } from '../protocol/ops.js';
import { planFromReads, type Read } from '../trace/plan.js';

export interface CapturedFrame { ip: string; fn: string | null; cfa: string; args: VarValue[]; locals: VarValue[] }
export interface ProbeEntryCapture {
  /** Caller frames of the PMD probe, innermost first, each keyed by its return address. */
  frames: CapturedFrame[];
  /** The rte_vdev_device the bus handed to the probe, as a pointer value and what it names. */
  dev: { value: string; type: string; fields: { path: string; value: string }[] } | null;
  /** CFA of the PMD probe's frame: the trampoline calls it and the recorder from the same SP. */
  pmdCfa: string | null;
  /** CFA of every unwound frame by return address (the shell's frames have no values, but a CFA). */
  cfaByIp: Record<string, string>;
}

const varsCache = new Map<bigint, RawFrameVars | null>();
const membersCache = new Map<number, RawMember[]>();
let armed = false;
/** Benchmark switch (scripts/bench/trace.mjs): VDEV_SHELL_TRACE=off records no chain at all. */
export const traceOff = process.env.VDEV_SHELL_TRACE === 'off';
/** Where a recorded chain enters DPDK: a hotplug, or the EAL's start-up (--vdev). */
export const CHAIN_ENTRIES = new Set(['rte_eal_hotplug_add', 'rte_eal_init']);

export function varsAt(t: TraceAddon, pc: bigint): RawFrameVars | null {
  if (!varsCache.has(pc)) varsCache.set(pc, t.frameVars(pc));
  return varsCache.get(pc)!;
}

// dwfl's address-to-symbol search is linear in the symbol table (~30 us here); the pointers that
// have a symbol (drivers, string literals) are the same on every probe.
const symbolCache = new Map<bigint, { fn: string; offset: number } | null>();
function symbolOf(t: TraceAddon): Memory['symbol'] {
  return (addr) => {
    if (!symbolCache.has(addr)) {
      if (symbolCache.size > 50_000) symbolCache.clear();
      const s = t.symbolAt(addr);
      symbolCache.set(addr, s && s.module ? { fn: s.fn, offset: s.offset } : null);
    }
    return symbolCache.get(addr)!;
  };
}

/** Live memory, with every read noted (for making a plan). */
function tracingMemory(t: TraceAddon, reads: Read[]): Memory {
  return {
    peek: (addr, len) => {
      const b = t.peek(addr, len);
      if (b) reads.push({ addr, len, ...(len === 8 && b.length === 8 ? { value: b.readBigUInt64LE(0) } : {}) });
      return b;
    },
    symbol: symbolOf(t),
  };
}

/**
 * A record's bytes: the copied stack span and the gathered chunks; anything else is unreadable
 * (onMiss says so: the plan did not foresee that read).
 */
export function recordMemory(t: TraceAddon, rec: RawChainRecord, onMiss: () => void): Memory {
  const low = rec.stackLow, high = rec.stackLow + BigInt(rec.stack.length);
  return {
    peek: (addr, len) => {
      if (addr >= low && addr + BigInt(len) <= high) {
        const o = Number(addr - low);
        return rec.stack.subarray(o, o + len);
      }
      // The chunk that holds the most of the read: another may start at the same place but stop
      // sooner (a struct's field read next to a string); shorter than asked only when the copy
      // itself stopped at the end of a mapping, as process_vm_readv would.
      let best: Buffer | null = null;
      for (const c of rec.chunks) {
        if (addr < c.addr || addr >= c.addr + BigInt(c.bytes.length)) continue;
        const o = Number(addr - c.addr);
        const b = c.bytes.subarray(o, Math.min(o + len, c.bytes.length));
        if (!best || b.length > best.length) best = b;
        if (best.length === len) break;
      }
      if (!best) onMiss();
      return best;
    },
    symbol: symbolOf(t),
  };
}

function members(t: TraceAddon, type: RawType): RawMember[] {
  if (type.die === undefined) return [];
  if (!membersCache.has(type.die)) membersCache.set(type.die, t.typeMembers(type.die) ?? []);
  return membersCache.get(type.die)!;
}

/** Follows a C access path (`device.devargs->args`) from a value of `type` at `addr`. */
function follow(t: TraceAddon, mem: Memory, type: RawType, addr: bigint, path: string): { type: RawType; addr: bigint } | null {
  for (const part of path.split(/\.|->/)) {
    let s = strip(type).t;
    if (s.tag === 'pointer') {
      const b = mem.peek(addr, 8);
      if (!b || !s.target) return null;
      addr = b.readBigUInt64LE(0);
      if (addr === 0n) return null;
      s = strip(s.target).t;
    }
    const m = members(t, s).find((x) => x.name === part);
    if (!m) return null;
    type = m.type;
    addr += BigInt(m.offset);
  }
  return { type, addr };
}

/** What a device pointer names: the fields a reader of a probe wants (and gdb would need `p` for). */
const DEVICE_FIELDS: Record<string, string[]> = {
  rte_vdev_device: ['device.name', 'device.devargs->args'],
  rte_device: ['name', 'devargs->args'],
};

function evalVars(t: TraceAddon, mem: Memory, fv: RawFrameVars, cfa: bigint, kinds: ('param' | 'local')[]): VarValue[] {
  return fv.vars.filter((v) => kinds.includes(v.kind)).map((v) => {
    const at = varAddress(v.loc, fv.frameBase, cfa, fv.bias);
    return {
      name: v.name, kind: v.kind, type: typeText(v.type),
      value: at === null ? '<optimized out>' : formatValueAt(v.type, at, mem, v.kind === 'param'),
      ...(at !== null ? { addr: '0x' + at.toString(16) } : {}),
    };
  });
}

function deviceFields(t: TraceAddon, mem: Memory, ptrType: RawType, ptrAddr: bigint): { path: string; value: string }[] {
  const target = strip(ptrType).t.target;
  const name = target ? strip(target).t.name : undefined;
  return (DEVICE_FIELDS[name ?? ''] ?? []).flatMap((path) => {
    const hit = follow(t, mem, ptrType, ptrAddr, path);
    return hit ? [{ path, value: formatValueAt(hit.type, hit.addr, mem, false) }] : [];
  });
}

function capture(t: TraceAddon, frames: RawUnwound[], mem: Memory): ProbeEntryCapture {
  const out: CapturedFrame[] = [];
  let dev: ProbeEntryCapture['dev'] = null;
  // frames[0] is TraceProbeEntry, frames[1] the trampoline (its `dev` is the probe's argument).
  // libgcc's unwinder reports with each frame's ip the CFA of the frame below it: a frame's own
  // CFA arrives with its caller's entry.
  const cfaOf = (i: number): bigint | null => (i + 1 < frames.length ? frames[i + 1].cfa : null);
  for (let i = 1; i + 1 < frames.length; i++) {
    const fv = varsAt(t, frames[i].ip - 1n);
    if (!fv) continue;
    if (i === 1) {
      const p = fv.vars.find((v) => v.kind === 'param');
      const at = p && varAddress(p.loc, fv.frameBase, cfaOf(i), fv.bias);
      if (p && at) dev = { value: formatValueAt(p.type, at, mem, true), type: typeText(p.type), fields: deviceFields(t, mem, p.type, at) };
      continue;
    }
    const cfa = cfaOf(i)!;
    out.push({ ip: '0x' + frames[i].ip.toString(16), fn: fv.fn ?? null, cfa: '0x' + cfa.toString(16), args: evalVars(t, mem, fv, cfa, ['param']), locals: evalVars(t, mem, fv, cfa, ['local']) });
    if (fv.fn && CHAIN_ENTRIES.has(fv.fn)) break;
  }
  const cfaByIp: Record<string, string> = {};
  for (let i = 1; i + 1 < frames.length; i++) cfaByIp['0x' + frames[i].ip.toString(16)] = '0x' + frames[i + 1].cfa.toString(16);
  return { frames: out, dev, cfaByIp, pmdCfa: frames.length > 1 ? '0x' + frames[1].cfa.toString(16) : null };
}

/**
 * Arms the recorder once per inferior: from then on every probe is recorded by native code, and
 * JS is entered only to plan a chain of return addresses not seen before.
 */
export function armProbeCapture(t: TraceAddon): void {
  if (armed || traceOff) return;
  armed = true;
  t.setProbeHook((frames, _dev, low, high) => {
    const reads: Read[] = [];
    capture(t, frames, tracingMemory(t, reads));
    return planFromReads(reads, frames.map((f) => f.cfa), low, high);
  });
}

/** Prints a record's callers' values as they were at probe entry (null: the record is gone). */
export function captureOf(t: TraceAddon, seq: number): { rec: RawChainRecord; cap: ProbeEntryCapture } | null {
  const rec = t.chainRecord(seq);
  if (!rec) return null;
  const frames = rec.ip.map((ip, i) => ({ ip, cfa: rec.cfa[i] }));
  let missed = false;
  const cap = capture(t, frames, recordMemory(t, rec, () => { missed = true; }));
  if (missed) t.dropPlan(rec.ip);
  return { rec, cap };
}
