// Protocol ops of the trace area: symbol and line-table questions (list FUNC, info line,
// info symbol, break-style locations), answered from the inferior's DWARF.
import type { Frame } from './ops.js';

export interface TraceLineRange { file: string | null; line: number; start: string; end: string; startSym: string | null; endSym: string | null }
export interface TraceSymbol { addr: string; size: number; func: boolean; frame: Frame; range: TraceLineRange | null; breakpoint: Frame | null }
export interface TraceSymbolAt { fn: string; offset: number; module: string | null; section: string | null; frame: Frame }

export interface TraceOps {
  traceSymbols: { args: { name: string }; result: TraceSymbol[] };
  traceSymbolAt: { args: { addr: string }; result: TraceSymbolAt | null };
  traceLine: { args: { addr: string }; result: TraceLineRange | null };
  /** The first code address of FILE:LINE (or of the next line with code), FILE as bt prints it. */
  traceLineAt: { args: { file: string; line: number }; result: TraceLineRange | null };
  /** A recorded probe chain as bt shows it, with argument and local values (null: no longer kept). */
  probeChain: { args: { seq: number }; result: Frame[] | null };
  /** probeChain for many records in one round trip (before a deliberate restart). */
  probeChains: { args: { seqs: number[] }; result: (Frame[] | null)[] };
}
