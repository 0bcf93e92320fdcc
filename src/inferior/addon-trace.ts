// Typed face of native/dwarf.cc (trace area): symbol and line-table facts, variables with raw
// DWARF location expressions, raw memory, and the probe-entry hook. Only src/inferior/ uses it;
// Addon (./addon.ts) includes it. Tests fake just these functions.
import type { RawCallSite, RawFrameVars, RawMember, RawSymbolAt, RawLineRange, RawSymbolAddr, RawUnwound, RawGatherStep, RawChainRecord } from '../protocol/raw-trace.js';

export interface TraceAddon {
  lookupSymbols(name: string): RawSymbolAddr[];
  symbolAt(addr: bigint): RawSymbolAt | null;
  lineRange(addr: bigint): RawLineRange | null;
  lineAddrs(baseName: string, line: number): { addr: bigint; file?: string; line: number }[];
  frameVars(pc: bigint): RawFrameVars | null;
  callSite(returnAddress: bigint): RawCallSite | null;
  tailCalls(entry: bigint): { callee?: string; ret?: bigint }[];
  inlineChain(pc: bigint): { fn?: string; inlines: { fn: string; entry?: bigint; callFile?: string; callLine?: number }[] } | null;
  typeMembers(die: number): RawMember[] | null;
  peek(addr: bigint, len: number): Buffer | null;
  /** The recorder's planner: called once per new chain of return addresses, inside the probe. */
  setProbeHook(fn: ((frames: RawUnwound[], dev: bigint, stackLow: bigint, stackHigh: bigint) => RawGatherStep[]) | null): void;
  chainRecord(seq: number): RawChainRecord | null;
  dropPlan(ips: bigint[]): boolean;
}
