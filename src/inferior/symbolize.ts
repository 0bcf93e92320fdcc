// Turns raw addresses into Frames with paths a DPDK developer recognises
// (drivers/net/pcap/pcap_ethdev.c, not ../dpdk-src-22.11.11/drivers/...).
import type { Addon, RawSymbol } from './addon.js';
import type { Frame, LogLine } from '../session/protocol.js';
import type { RawLogLine } from './addon.js';

export function normalizeSourcePath(file: string | undefined): string | null {
  if (!file) return null;
  const m = /dpdk-src-[^/]+\/(.*)$/.exec(file);
  if (m) return m[1];
  if (/(^|\/)\.\.\/(\w+\.(cc|h))$/.test(file) && !file.includes('node_modules')) return 'native/' + file.replace(/^.*\//, '');
  return file.replace(/^(\.\.\/)+/, '');
}

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
  if (!fn.startsWith('_Z')) return fn;
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

export function symbolize(addon: Addon, addrs: bigint[], returnAddresses: boolean): Frame[] {
  // For return addresses look up pc-1 (the call instruction), as gdb does; frame #0 is exact.
  const lookup = addrs.map((a, i) => (returnAddresses && i > 0 && a > 0n ? a - 1n : a));
  const syms = lookup.length ? addon.symbolize(lookup) : [];
  return syms.map((s, i) => {
    const file = normalizeSourcePath(s.file);
    return {
      n: i,
      addr: '0x' + addrs[i].toString(16),
      fn: readableName(s.fn),
      file,
      line: s.line ?? null,
      module: s.module ?? null,
      origin: originOf(s, file),
    };
  });
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
    const emitter = emitterOf(symbolize(addon, l.frames, true));
    return emitter ? { text: l.text, emitter } : { text: l.text };
  });
}

const breakpointCache = new Map<bigint, Frame>();
/**
 * Where gdb stops for `break FN`: the first address past the prologue, i.e. the first line-table
 * row of the function whose line differs from the line of its entry.
 */
export function breakpointFrame(addon: Addon, fnAddr: bigint): Frame {
  const hit = breakpointCache.get(fnAddr);
  if (hit) return hit;
  const span = 512;
  const addrs = Array.from({ length: span }, (_, i) => fnAddr + BigInt(i));
  const syms = addon.symbolize(addrs);
  let at = 0;
  for (let i = 1; i < syms.length; i++) {
    if (syms[i].fn !== syms[0].fn) break;
    if (syms[i].line !== undefined && syms[i].line !== syms[0].line) { at = i; break; }
  }
  const f = symbolize(addon, [addrs[at]], false)[0];
  const frame = { ...f, addr: '0x' + fnAddr.toString(16) };
  breakpointCache.set(fnAddr, frame);
  return frame;
}
