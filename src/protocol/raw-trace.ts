// Raw shapes of the trace area of the addon (native/dwarf.cc, native/chain_record.cc): symbol and
// line-table facts, variables with raw DWARF location expressions, recorded probe chains.
/** A DWARF type, as far as needed to read and print a value. `die` is its offset in .debug_info. */
export interface RawType {
  tag: 'base' | 'pointer' | 'reference' | 'typedef' | 'const' | 'volatile' | 'struct' | 'union' | 'class' |
    'function' | 'enum' | 'array' | 'void' | 'other';
  name?: string;
  size?: number;
  /** DW_ATE_* of a base type. */
  enc?: number;
  die?: number;
  target?: RawType;
  count?: number;
  enumerators?: [string, number][];
}
/** One DWARF expression operation; `block` is a DW_OP_entry_value's sub-expression bytes. */
export interface RawOp { op: number; n1: bigint; n2: bigint; block?: Buffer }
/** entryLoc: a parameter's location at the function's entry pc (for gdb's NAME@entry). */
export interface RawVar { name: string; kind: 'param' | 'local'; depth: number; loc?: RawOp[]; entryLoc?: RawOp[]; type: RawType }
/** fn: the DWARF name (a clone such as f.part.0 has its origin's); entry: the function's entry address. */
export interface RawFrameVars { fn?: string; entry?: bigint; bias: bigint; frameBase?: RawOp[]; vars: RawVar[] }
/** A call site (DW_TAG_call_site) at a return address: the callee by name or target expression, and each parameter's passed value. */
export interface RawCallSite { callee?: string; target?: RawOp[]; tail: boolean; bias: bigint; params: { loc?: RawOp[]; value?: RawOp[] }[] }
export interface RawMember { name: string; offset: number; type: RawType }
export interface RawSymbolAt { fn: string; offset: number; size: number; module?: string; section?: string }
export interface RawLineRange { file?: string; line: number; start: bigint; end: bigint }
export interface RawSymbolAddr { addr: bigint; size: number; func: boolean }
/** regs: the frame's callee-saved registers by DWARF number (rbx 3, rbp 6, r12-r15). */
export interface RawUnwound { ip: bigint; cfa: bigint; regs?: Record<number, bigint> }
/** Start at cfa[cfaIndex] + off (or abs when cfaIndex < 0), follow each deref, copy len bytes. */
/** regFrame/reg: start at that frame's register value (+ off) instead. */
export interface RawGatherStep { cfaIndex: number; off: bigint; abs: bigint; derefs: bigint[]; len: number; regFrame?: number; reg?: number }
/** One probe as native/chain_record.cc recorded it at PMD probe entry. */
export interface RawChainRecord {
  ip: bigint[]; cfa: bigint[]; regs?: Record<number, bigint>[]; dev: bigint; probeAddr: bigint;
  stackLow: bigint; stack: Buffer; chunks: { addr: bigint; bytes: Buffer }[];
}
