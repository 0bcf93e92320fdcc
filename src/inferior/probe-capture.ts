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
import { callSiteAt, functionAddr, varsAt } from './dwarf-lookups.js';
import type { RawFrameVars, RawType, RawUnwound, RawMember, RawChainRecord, RawVar } from '../protocol/raw-trace.js';
import { evaluate, soleRegister, type FrameContext, type Located } from '../trace/locations.js';
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

/** Which unwound entry carries a frame's registers (the unwinder's CFA arrives one entry late). */
const REGS_AT = 0;
const membersCache = new Map<number, RawMember[]>();
let armed = false;
/** Benchmark switch (scripts/bench/trace.mjs): VDEV_SHELL_TRACE=off records no chain at all. */
export const traceOff = process.env.VDEV_SHELL_TRACE === 'off';
/** Where a recorded chain enters DPDK: a hotplug, or the EAL's start-up (--vdev). */
export const CHAIN_ENTRIES = new Set(['rte_eal_hotplug_add', 'rte_eal_init']);

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
    noteValue: (r) => { reads.push({ ...r, synthetic: true }); },
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

// Values an expression computed (a register's contents) are printed by the same printer as
// memory: each gets a made-up address above user space, served by this overlay.
const SYNTHETIC_BASE = 0xffff_ff00_0000_0000n;
function withValues(mem: Memory): { mem: Memory; place(value: bigint, origin?: { frame: number; reg: number; add: bigint }): bigint } {
  const values: { value: bigint; origin?: { frame: number; reg: number; add: bigint } }[] = [];
  return {
    place(value, origin) { values.push({ value, ...(origin ? { origin } : {}) }); return SYNTHETIC_BASE + BigInt((values.length - 1) * 16); },
    mem: {
      ...mem,
      peek: (addr, len) => {
        if (addr < SYNTHETIC_BASE) return mem.peek(addr, len);
        const v = values[Number((addr - SYNTHETIC_BASE) / 16n)];
        if (!v || len > 8) return null;
        const b = Buffer.alloc(8);
        b.writeBigUInt64LE(BigInt.asUintN(64, v.value));
        mem.noteValue?.({ addr, len: 8, value: v.value, ...(v.origin ? { origin: v.origin } : {}) });
        return b.subarray(0, len);
      },
    },
  };
}

/** One variable's text (and address, when it lives in memory) from where it is. */
function show(v: RawVar, at: Located, vm: ReturnType<typeof withValues>, scalars: boolean): { value: string; addr?: string } {
  if (at.kind === 'unavailable') return { value: '<optimized out>' };
  if (at.kind === 'memory') return { value: formatValueAt(v.type, at.addr, vm.mem, scalars), addr: '0x' + at.addr.toString(16) };
  return { value: formatValueAt(v.type, vm.place(at.value, at.origin), vm.mem, scalars) };
}

function evalVars(ctx: FrameContext, vm: ReturnType<typeof withValues>, fv: RawFrameVars, kinds: ('param' | 'local')[]): VarValue[] {
  return fv.vars.filter((v) => kinds.includes(v.kind)).map((v) => {
    const shown = show(v, evaluate(v.loc, ctx, vm.mem), vm, v.kind === 'param');
    // gdb's NAME@entry: a parameter that arrived in a register has the value its caller's call
    // site says it passed (print entry-values default).
    const reg = v.kind === 'param' ? soleRegister(v.entryLoc) : null;
    const entry = reg !== null ? ctx.entryValue(reg) : null;
    const entryText = entry && entry.kind !== 'unavailable' ? show(v, entry, vm, true).value : undefined;
    return { name: v.name, kind: v.kind, type: typeText(v.type), ...shown, ...(entryText !== undefined ? { entry: entryText } : {}) };
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

function capture(t: TraceAddon, frames: RawUnwound[], mem0: Memory): ProbeEntryCapture {
  const out: CapturedFrame[] = [];
  let dev: ProbeEntryCapture['dev'] = null;
  const vm = withValues(mem0);
  const mem = vm.mem;
  // frames[0] is TraceProbeEntry, frames[1] the trampoline (its `dev` is the probe's argument).
  // libgcc's unwinder reports with each frame's ip the CFA of the frame below it: a frame's own
  // CFA arrives with its caller's entry.
  const cfaOf = (i: number): bigint | null => (i + 1 < frames.length ? frames[i + 1].cfa : null);
  const ctxs = new Map<number, FrameContext>();
  // Frame i as an expression sees it: its callee-saved registers (rsp is its callee's CFA), its
  // CFA and frame base, and the entry values its caller's call site gives.
  const ctxOf = (i: number, fv: RawFrameVars): FrameContext => {
    const hit = ctxs.get(i);
    if (hit) return hit;
    const regs = frames[i + REGS_AT]?.regs;
    const ctx: FrameContext = {
      index: i + REGS_AT,
      reg: (n) => (n === 7 ? cfaOf(i - 1) ?? undefined : regs?.[n]),
      cfa: cfaOf(i), frameBase: fv.frameBase, bias: fv.bias,
      entryValue: (n) => entryValueOf(i, fv, n),
    };
    ctxs.set(i, ctx);
    return ctx;
  };
  // DW_OP_entry_value(n) in frame i: the caller (frame i+1) described the call it made at
  // frame i+1's return address; if that call went to frame i's function, the parameter passed in
  // register n has the value the call site's DW_AT_call_value computes in the caller's frame.
  const entryValueOf = (i: number, fv: RawFrameVars, n: number): Located => {
    const unavailable: Located = { kind: 'unavailable' };
    if (i + 2 >= frames.length || fv.entry === undefined) return unavailable;
    const caller = varsAt(t, frames[i + 1].ip - 1n);
    const site = caller && callSiteAt(t, frames[i + 1].ip);
    if (!caller || !site) return unavailable;
    const cctx = ctxOf(i + 1, caller);
    let target: bigint | null = site.callee ? functionAddr(t, site.callee) : null;
    if (target === null && site.target) {
      const e = evaluate(site.target, cctx, mem);
      target = e.kind === 'value' ? e.value : e.kind === 'memory' ? e.addr : null;
    }
    if (target !== fv.entry) return unavailable; // a tail call or another function: gdb gives up too
    const p = site.params.find((x) => soleRegister(x.loc) === n);
    if (!p) return unavailable;
    // DW_AT_call_value computes the value itself: a plain result is that value, not an address.
    const e = evaluate(p.value, cctx, mem);
    return e.kind === 'memory' ? { kind: 'value', value: e.addr } : e;
  };
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
    const ctx = ctxOf(i, fv);
    out.push({ ip: '0x' + frames[i].ip.toString(16), fn: fv.fn ?? null, cfa: '0x' + cfa.toString(16), args: evalVars(ctx, vm, fv, ['param']), locals: evalVars(ctx, vm, fv, ['local']) });
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
    (globalThis as { vdevShellDid?: (what: string) => void }).vdevShellDid?.('plan'); // for the code cache (src/inferior/start.ts)
    const reads: Read[] = [];
    capture(t, frames, tracingMemory(t, reads));
    return planFromReads(reads, frames.map((f) => f.cfa), low, high);
  });
}

/** Prints a record's callers' values as they were at probe entry (null: the record is gone). */
export function captureOf(t: TraceAddon, seq: number): { rec: RawChainRecord; cap: ProbeEntryCapture } | null {
  const rec = t.chainRecord(seq);
  if (!rec) return null;
  const frames = rec.ip.map((ip, i) => ({ ip, cfa: rec.cfa[i], regs: rec.regs?.[i] }));
  let missed = false;
  const cap = capture(t, frames, recordMemory(t, rec, () => { missed = true; }));
  if (missed) t.dropPlan(rec.ip);
  return { rec, cap };
}
