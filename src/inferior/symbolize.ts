// Turns raw addresses into Frames with paths a DPDK developer recognises
// (drivers/net/pcap/pcap_ethdev.c, not ../dpdk-src-22.11.11/drivers/...).
import type { Addon } from './addon.js';
import type { RawSymbol } from '../protocol/raw.js';
import type { Frame, LogLine } from '../protocol/ops.js';
import type { RawLogLine } from '../protocol/raw.js';
import { shapeProbeChain } from '../trace/chain.js';
import { typeText } from '../trace/values.js';
import { CHAIN_ENTRIES, captureOf } from './probe-capture.js';
import { callSiteAt, functionAddr, varsAt } from './dwarf-lookups.js';
import { normalizeSourcePath } from '../util/source-path.js';

export { normalizeSourcePath };

function originOf(sym: RawSymbol, file: string | null): Frame['origin'] {
  if (file && /^(lib|drivers|app|buses)\//.test(file)) return 'dpdk';
  if (file && file.startsWith('native/')) return 'shell';
  if (sym.module && /libc\.so|libpthread/.test(sym.module)) return 'libc';
  if (sym.module && /node$/.test(sym.module)) return 'node';
  if (sym.fn && /^_ZN(2v8|6v8impl|4Napi|4node)/.test(sym.fn)) return 'node';
  if (sym.file && /libio|stdio-common|glibc/.test(sym.file)) return 'libc';
  return 'other';
}

/** Demangle the few C++ names our own frames have, enough to read (vdev::HotplugAdd). */
export function readableName(fn: string | undefined): string | null {
  if (!fn) return null;
  if (!fn.startsWith('_Z')) return fn.replace(/@@?[\w.]+$/, ''); // _IO_file_fopen@@GLIBC_2.2.5: the version is not part of the name
  const parts: string[] = [];
  const re = /(\d+)([A-Za-z_][A-Za-z0-9_]*)/y;
  let i = fn.indexOf('N') >= 0 ? fn.indexOf('N') + 1 : 2;
  while (i < fn.length) {
    re.lastIndex = i;
    const m = re.exec(fn);
    if (!m) break;
    const len = Number(m[1]);
    const name = fn.substr(i + m[1].length, len);
    if (!name.startsWith('_GLOBAL__N')) parts.push(name);
    i += m[1].length + len;
    if (fn[i] === 'E') break;
  }
  return parts.length ? parts.join('::') : fn;
}

// Code does not move in a running process, so an address symbolizes the same way forever; the
// cache makes repeated probes of one driver cost no DWARF lookups (dwfl takes ~1 ms per frame).
const symbolCache = new Map<bigint, RawSymbol>();
function cachedSymbols(addon: Addon, addrs: bigint[]): RawSymbol[] {
  const missing = [...new Set(addrs.filter((a) => !symbolCache.has(a)))];
  if (missing.length) {
    addon.symbolize(missing).forEach((sym, i) => {
      // The line gdb gives for a function's entry (the last is_stmt row there): dwfl may pick
      // another of the several rows an optimized function has at its first address.
      const row = sym.line !== undefined && sym.offset === 0 ? addon.lineRange(missing[i]) : null;
      symbolCache.set(missing[i], row ? { ...sym, line: row.line, ...(row.file ? { file: row.file } : {}) } : sym);
    });
  }
  return addrs.map((a) => symbolCache.get(a)!);
}

// gcc names the parts it splits off or specialises (f.part.0, f.cold, f.constprop.0, f.isra.0);
// the ELF symbol has that name, DWARF the function's own, which is what gdb prints.
const CLONE = /\.(part|cold|constprop|isra|lto_priv|clone)(\.\d+)*$/;
function functionName(addon: Addon, fn: string | undefined, pc: bigint): string | null {
  if (!fn || !CLONE.test(fn)) return readableName(fn);
  return varsAt(addon, pc)?.fn ?? fn;
}

/**
 * `name+off` as gdb prints an address inside a function (`<vdev_probe_all_drivers+114>`): the
 * DWARF name when the function starts where the ELF symbol does (a .part/.constprop clone), the
 * ELF name otherwise (a .cold part lies away from its function's entry).
 */
export function addressName(addon: Addon, fn: string, offset: number, addr: bigint): string {
  let name = readableName(fn) ?? fn;
  if (CLONE.test(fn)) {
    const fv = varsAt(addon, addr);
    if (fv?.fn && fv.entry === addr - BigInt(offset)) name = fv.fn;
  }
  return `${name}${offset ? `+${offset}` : ''}`;
}

const inlineCache = new Map<bigint, ReturnType<Addon['inlineChain']>>();
function inlineChainAt(addon: Addon, pc: bigint): ReturnType<Addon['inlineChain']> {
  if (!inlineCache.has(pc)) inlineCache.set(pc, addon.inlineChain(pc));
  return inlineCache.get(pc)!;
}
const lineCache = new Map<bigint, number | null>();

export function symbolize(addon: Addon, addrs: bigint[], returnAddresses: boolean): Frame[] {
  // For return addresses look up pc-1 (the call instruction), as gdb does; frame #0 is exact.
  const lookup = addrs.map((a, i) => (returnAddresses && i > 0 && a > 0n ? a - 1n : a));
  const syms = cachedSymbols(addon, lookup);
  const groups = syms.map((s, i) => {
    const file = normalizeSourcePath(s.file);
    const frame: Frame = {
      n: i,
      addr: '0x' + addrs[i].toString(16),
      fn: functionName(addon, s.fn, lookup[i]),
      file,
      line: s.line ?? null,
      module: s.module ?? null,
      origin: originOf(s, file),
    };
    if (!returnAddresses) return [frame];
    return inlineGroup(addon, frame, lookup[i]);
  });
  if (!returnAddresses) return groups.flat();
  // Between a caller and its callee, the functions that tail-called on the way (their frames are
  // gone: `return f(...)` compiled to a jump), rebuilt from the call sites as gdb does.
  return groups.flatMap((g, i) => (i === 0 ? g : [...tailCallFrames(addon, groups[i - 1], lookup[i - 1], addrs[i], g[0]), ...g]));
}


/**
 * The frame gdb rebuilds for a function that tail-called the callee: the caller's call site (at
 * its return address) names a function T that is not the callee's, and T has exactly one tail call
 * to the callee's function. One level, as far as the call sites say it uniquely; else nothing.
 */
function tailCallFrames(addon: Addon, callee: Frame[], calleePc: bigint, ret: bigint, caller: Frame): Frame[] {
  if (caller.origin !== 'dpdk' || callee[callee.length - 1]?.origin !== 'dpdk') return [];
  const site = callSiteAt(addon, ret);
  const entry = varsAt(addon, calleePc)?.entry ?? null;
  const target = site?.callee ? functionAddr(addon, site.callee) : null;
  if (!site?.callee || target === null || entry === null || target === entry) return [];
  const hits = addon.tailCalls(target).filter((t) => t.callee && t.ret !== undefined && functionAddr(addon, t.callee) === entry);
  if (hits.length !== 1) return [];
  const row = addon.lineRange(hits[0].ret! - 1n);
  return [{ ...caller, addr: '0x' + hits[0].ret!.toString(16), fn: site.callee, file: normalizeSourcePath(row?.file) ?? caller.file, line: row?.line ?? null, inlined: true }];
}

/**
 * A DPDK frame at code address pc as gdb shows it: its line is the last is_stmt row there, and
 * the functions gcc inlined at pc are frames of their own, innermost first, each caller at the
 * line that called it (an optimized build; -O0 inlines nothing). Other frames stay as they are.
 */
export function inlineGroup(addon: Addon, frame: Frame, pc: bigint): Frame[] {
  // DPDK code, also where its line is a header's (atoi from stdlib.h inlined into a PMD)
  if (frame.origin !== 'dpdk' && !frame.module?.endsWith('.node')) return [frame];
  if (!lineCache.has(pc)) lineCache.set(pc, addon.lineRange(pc)?.line ?? null);
  const f: Frame = { ...frame, line: lineCache.get(pc) ?? frame.line };
  const chain = inlineChainAt(addon, pc);
  if (!chain || chain.inlines.length === 0) return [f];
  const names = [chain.fn ?? f.fn, ...chain.inlines.map((x) => x.fn)]; // outermost first
  const out: Frame[] = [{ ...f, fn: names[names.length - 1], inlined: true }];
  for (let k = chain.inlines.length - 1; k >= 0; k--) {
    const call = chain.inlines[k];
    const file = normalizeSourcePath(call.callFile) ?? f.file;
    out.push({ ...f, fn: names[k], file, line: call.callLine ?? null, atCall: true, ...(k > 0 ? { inlined: true } : {}),
      origin: file && /^(lib|drivers|app|buses)\//.test(file) ? 'dpdk' : f.origin });
  }
  return out;
}

/**
 * Symbolizes a stack from the top only as deep as `enough` needs: the Node/V8 frames below the
 * shell's own frame cost ~1 ms each in dwfl and are never shown.
 */
export function symbolizeUntil(addon: Addon, addrs: bigint[], returnAddresses: boolean, enough: (frames: Frame[]) => boolean): Frame[] {
  const CHUNK = 8;
  let upto = Math.min(addrs.length, CHUNK);
  for (;;) {
    const frames = symbolize(addon, addrs.slice(0, upto), returnAddresses);
    if (upto >= addrs.length || enough(frames)) return frames;
    upto = Math.min(addrs.length, upto + CHUNK);
  }
}

const LOG_FUNCS = new Set(['rte_log', 'rte_vlog']);

/** The frame that called rte_log: the first frame after the last rte_log/rte_vlog frame. */
export function emitterOf(frames: Frame[]): Frame | undefined {
  let last = -1;
  frames.forEach((f, i) => { if (f.fn && LOG_FUNCS.has(f.fn)) last = i; });
  if (last < 0 || last + 1 >= frames.length) return undefined;
  return { ...frames[last + 1], n: 0 };
}

export function logWithEmitters(addon: Addon, lines: RawLogLine[]): LogLine[] {
  return lines.map((l) => {
    const frames = symbolizeUntil(addon, l.frames, true, (fs) => {
      const last = fs.map((f) => f.fn && LOG_FUNCS.has(f.fn)).lastIndexOf(true);
      return last >= 0 && last + 1 < fs.length;
    });
    const emitter = emitterOf(frames);
    return emitter ? { text: l.text, emitter } : { text: l.text };
  });
}

const breakpointCache = new Map<bigint, Frame>();
/**
 * Where gdb 13 on x86-64 stops for `break FN` in gcc-built code (amd64_skip_prologue, then
 * symtab.c skip_prologue_sal): past `push %rbp; mov %rsp,%rbp` (after an endbr64) when the
 * function sets up a frame pointer, else at its first instruction (an optimized, frameless
 * function); a stop in mid-line moves on to the next line-table row while that is still in the
 * function.
 */
export function breakpointFrame(addon: Addon, fnAddr: bigint): Frame {
  const hit = breakpointCache.get(fnAddr);
  if (hit) return hit;
  const code = addon.peek(fnAddr, 8);
  let pc = fnAddr;
  if (code && code.length >= 8) {
    const p = code.readUInt32BE(0) === 0xf30f1efa ? 4 : 0; // endbr64
    const movRspRbp = (o: number): boolean => o + 3 <= code.length && code[o] === 0x48 && ((code[o + 1] === 0x89 && code[o + 2] === 0xe5) || (code[o + 1] === 0x8b && code[o + 2] === 0xec));
    if (code[p] === 0x55 && movRspRbp(p + 1)) pc = fnAddr + BigInt(p + 4);
  }
  if (pc !== fnAddr) {
    const row = addon.lineRange(pc);
    const end = fnAddr + BigInt(addon.symbolAt(fnAddr)?.size ?? 0);
    if (row && row.start !== pc && row.end > pc && row.end < end) pc = row.end;
  }
  // The line is the last line-table row at pc, as gdb's find_pc_line picks it (several rows can
  // share the first address of an optimized function); a stop where inlined code starts shows the
  // line that called it.
  const f = symbolize(addon, [pc], false)[0];
  const call = inlineChainAt(addon, pc)?.inlines.find((x) => x.entry === pc && x.callLine !== undefined);
  const row = call ? { line: call.callLine!, file: call.callFile } : addon.lineRange(pc);
  const frame = { ...f, ...(row ? { line: row.line, file: normalizeSourcePath(row.file) ?? f.file } : {}), addr: '0x' + fnAddr.toString(16) };
  breakpointCache.set(fnAddr, frame);
  return frame;
}

/**
 * A recorded probe chain as bt shows it, with the argument and local values of the moment the
 * PMD probe was entered (probe-capture.ts) attached to the caller frames; frame #0 (the PMD
 * probe) gets the trampoline's argument under the PMD's own parameter name. Its locals are not
 * set yet at entry. null when the record is no longer kept.
 */
export function probeChainFrames(addon: Addon, seq: number): Frame[] | null {
  const got = captureOf(addon, seq);
  if (!got) return null;
  const { rec, cap } = got;
  const pmd = rec.probeAddr ? breakpointFrame(addon, rec.probeAddr) : null;
  const entry = (f: Frame): boolean => !!f.fn && CHAIN_ENTRIES.has(f.fn);
  const deepEnough = (fs: Frame[]): boolean => fs.findIndex(entry) >= 0 && !entry(fs[fs.length - 1]);
  // rec.ip[0] is the recorder itself; from [1] on they are the trampoline and its callers.
  const chain = shapeProbeChain(symbolizeUntil(addon, rec.ip.slice(1), true, deepEnough), pmd);
  const byIp = new Map(cap.frames.map((f) => [f.ip, f]));
  return chain.map((f, i) => {
    if (i === 0 && pmd) {
      const fv = varsAt(addon, BigInt(pmd.addr));
      const p = fv?.vars.find((v) => v.kind === 'param');
      const withCfa = cap.pmdCfa ? { ...f, cfa: cap.pmdCfa } : f;
      if (!p || !cap.dev) return withCfa;
      return { ...withCfa, args: [{ name: p.name, kind: 'param' as const, type: typeText(p.type), value: cap.dev.value, fields: cap.dev.fields }] };
    }
    const c = f.inlined ? undefined : byIp.get(f.addr);
    if (c) return { ...f, args: c.args, locals: c.locals, cfa: c.cfa };
    return cap.cfaByIp[f.addr] ? { ...f, cfa: cap.cfaByIp[f.addr] } : f;
  });
}
