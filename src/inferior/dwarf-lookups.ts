// DWARF facts the inferior asks of the addon again and again (bt, crash reports, log emitters):
// code does not move in a running process, so each answer is kept. One cache per question,
// shared by every caller.
import type { TraceAddon } from './addon-trace.js';
import type { RawCallSite, RawFrameVars } from '../protocol/raw-trace.js';

const varsCache = new Map<bigint, RawFrameVars | null>();
/** The function at pc: its DWARF name, entry, frame base, and the variables in scope there. */
export function varsAt(t: TraceAddon, pc: bigint): RawFrameVars | null {
  if (!varsCache.has(pc)) varsCache.set(pc, t.frameVars(pc));
  return varsCache.get(pc)!;
}

const callSiteCache = new Map<bigint, RawCallSite | null>();
/** The call site (DW_TAG_call_site) whose return address is ret. */
export function callSiteAt(t: TraceAddon, ret: bigint): RawCallSite | null {
  if (!callSiteCache.has(ret)) callSiteCache.set(ret, t.callSite(ret));
  return callSiteCache.get(ret)!;
}

const addrCache = new Map<string, bigint | null>();
/** The code address of a function by name (a call site's callee), as the symbol table has it. */
export function functionAddr(t: TraceAddon, name: string): bigint | null {
  if (!addrCache.has(name)) addrCache.set(name, t.lookupSymbols(name).find((s) => s.func)?.addr ?? null);
  return addrCache.get(name)!;
}
