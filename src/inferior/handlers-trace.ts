// Inferior-side handlers of the trace area: DWARF symbol and line-table facts for list, info line,
// info symbol, shaped with the same symbolizer as bt and ops.
import type { Addon } from './addon.js';
import type { Handlers } from './handlers.js';
import type { TraceLineRange, TraceOps } from '../protocol/ops-trace.js';
import { addressName, breakpointFrame, normalizeSourcePath, probeChainFrames, readableName, symbolize } from './symbolize.js';

const hex = (a: bigint): string => '0x' + a.toString(16);

function symText(addon: Addon, a: bigint): string | null {
  const s = addon.symbolAt(a);
  return s ? addressName(addon, s.fn, s.offset, a) : null;
}

function lineRange(addon: Addon, a: bigint): TraceLineRange | null {
  const r = addon.lineRange(a);
  if (!r) return null;
  return { file: normalizeSourcePath(r.file), line: r.line, start: hex(r.start), end: hex(r.end), startSym: symText(addon, r.start), endSym: symText(addon, r.end) };
}

export const traceHandlers: Handlers<keyof TraceOps> = {
  probeChain: (addon, { seq }) => probeChainFrames(addon, seq),
  probeChains: (addon, { seqs }) => seqs.map((seq) => probeChainFrames(addon, seq)),
  traceSymbols: (addon, { name }) => addon.lookupSymbols(name).map((s) => ({
    addr: hex(s.addr), size: s.size, func: s.func,
    frame: symbolize(addon, [s.addr], false)[0],
    range: s.func ? lineRange(addon, s.addr) : null,
    breakpoint: s.func ? breakpointFrame(addon, s.addr) : null,
  })),
  traceSymbolAt: (addon, { addr }) => {
    const a = BigInt(addr);
    const s = addon.symbolAt(a);
    if (!s) return null;
    return { fn: readableName(s.fn) ?? s.fn, offset: s.offset, module: s.module ?? null, section: s.section ?? null, frame: symbolize(addon, [a], false)[0] };
  },
  traceLine: (addon, { addr }) => lineRange(addon, BigInt(addr)),
  traceLineAt: (addon, { file, line }) => {
    const at = (n: number) => addon.lineAddrs(file.replace(/^.*\//, ''), n).filter((r) => normalizeSourcePath(r.file) === file);
    let rows = at(line);
    if (!rows.length) return null;
    // A line without code: dwfl answers with some rows of the next line with code; gdb means its first.
    if (rows[0].line !== line) rows = at(rows[0].line);
    const first = rows.reduce((a, b) => (b.addr < a.addr ? b : a));
    return lineRange(addon, first.addr);
  },
};
