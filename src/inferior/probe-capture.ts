// The shell's breakpoint on the PMD probe: native/dwarf.cc calls this hook from the probe
// trampoline while the PMD's callers are still on the stack, so their arguments and locals can be
// read from DWARF locations (the callers' CFAs come from the unwinder) and printed gdb-style.
// Caches make every probe after the first cheap (the same few functions are on every chain).
import type { Addon } from './addon.js';
import { traceAddon, type RawFrameVars, type RawType, type RawUnwound, type TraceAddon, type RawMember } from './addon-trace.js';
import { formatValueAt, strip, typeText, varAddress, type Memory, type VarValue } from '../trace/values.js';

export interface CapturedFrame { ip: string; fn: string | null; cfa: string; args: VarValue[]; locals: VarValue[] }
export interface ProbeEntryCapture {
  /** Caller frames of the PMD probe, innermost first, each keyed by its return address. */
  frames: CapturedFrame[];
  /** The rte_vdev_device the bus handed to the probe, as a pointer value and what it names. */
  dev: { value: string; type: string; fields: { path: string; value: string }[] } | null;
  /** CFA of the PMD probe's frame: the trampoline calls it and this hook from the same SP. */
  pmdCfa: string | null;
  /** CFA of every unwound frame by return address (the shell's frames have no values, but a CFA). */
  cfaByIp: Record<string, string>;
  ms: number;
}

const varsCache = new Map<bigint, RawFrameVars | null>();
const membersCache = new Map<number, RawMember[]>();
let armed = false;
/** Benchmark switch (scripts/bench-trace.mjs): VDEV_SHELL_TRACE=off records no chain at all. */
export const traceOff = process.env.VDEV_SHELL_TRACE === 'off';
let last: ProbeEntryCapture | null = null;
const LAST_FN = 'rte_eal_hotplug_add';

export function varsAt(t: TraceAddon, pc: bigint): RawFrameVars | null {
  if (!varsCache.has(pc)) varsCache.set(pc, t.frameVars(pc));
  return varsCache.get(pc)!;
}

// dwfl's address-to-symbol search is linear in the symbol table (~30 us here); the pointers that
// have a symbol (drivers, string literals) are the same on every probe.
const symbolCache = new Map<bigint, { fn: string; offset: number } | null>();
// A capture reads hundreds of small values that sit on a few pages (the stack, the device): one
// native read per 4 KiB page instead of one per value (each native read is a system call). The
// pages go into one arena the caller may keep across captures: a probe then allocates nothing for
// the memory it reads (fresh 4 KiB Buffers per page cost more than the reads themselves).
const PAGE = 4096n;
export class PageArena {
  readonly buf: Buffer;
  used = 0;
  constructor(readonly pages = 32) { this.buf = Buffer.allocUnsafe(pages * Number(PAGE)); }
}
function pagedPeek(t: TraceAddon, arena?: PageArena): Memory['peek'] {
  const pages = new Map<bigint, Buffer | null>();
  if (arena) arena.used = 0;
  const read = (p: bigint): Buffer | null => {
    if (arena && arena.used < arena.pages && typeof t.peekInto === 'function') {
      const off = arena.used * Number(PAGE);
      if (t.peekInto(p, Number(PAGE), arena.buf, off) !== Number(PAGE)) return null;
      arena.used++;
      return arena.buf.subarray(off, off + Number(PAGE));
    }
    return t.peek(p, Number(PAGE));
  };
  const page = (p: bigint): Buffer | null => {
    if (!pages.has(p)) pages.set(p, read(p));
    return pages.get(p)!;
  };
  return (addr, len) => {
    const first = addr & ~(PAGE - 1n);
    const last = (addr + BigInt(Math.max(len, 1)) - 1n) & ~(PAGE - 1n);
    const parts: Buffer[] = [];
    for (let p = first; p <= last; p += PAGE) {
      const b = page(p);
      if (!b) return t.peek(addr, len); // a page that is not readable whole: ask for just the bytes
      parts.push(b);
    }
    const off = Number(addr - first);
    return (parts.length === 1 ? parts[0] : Buffer.concat(parts)).subarray(off, off + len);
  };
}

/** Memory as the trace code reads it. With an arena, what peek returns is valid until the next memoryOf on it. */
export function memoryOf(t: TraceAddon, arena?: PageArena): Memory {
  return {
    peek: pagedPeek(t, arena),
    symbol: (addr) => {
      if (!symbolCache.has(addr)) {
        if (symbolCache.size > 50_000) symbolCache.clear();
        const s = t.symbolAt(addr);
        symbolCache.set(addr, s && s.module ? { fn: s.fn, offset: s.offset } : null);
      }
      return symbolCache.get(addr)!;
    },
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

const captureArena = new PageArena();

function capture(t: TraceAddon, frames: RawUnwound[]): ProbeEntryCapture {
  const t0 = performance.now();
  const mem = memoryOf(t, captureArena);
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
    if (fv.fn === LAST_FN) break;
  }
  const cfaByIp: Record<string, string> = {};
  for (let i = 1; i + 1 < frames.length; i++) cfaByIp['0x' + frames[i].ip.toString(16)] = '0x' + frames[i + 1].cfa.toString(16);
  return { frames: out, dev, cfaByIp, pmdCfa: frames.length > 1 ? '0x' + frames[1].cfa.toString(16) : null, ms: performance.now() - t0 };
}

/** Installs the hook once per inferior; every later probe is captured automatically. */
export function armProbeCapture(addon: Addon): void {
  if (armed || traceOff) return;
  const t = traceAddon(addon);
  if (typeof t.setProbeHook !== 'function') return; // an older addon build: bt without values
  armed = true;
  t.setProbeHook((frames) => {
    try { last = capture(t, frames); } catch { last = null; }
  });
}

/** The capture of the probe that just ran (null when no PMD probe was entered). */
export function takeProbeCapture(): ProbeEntryCapture | null {
  const c = last;
  last = null;
  return c;
}
