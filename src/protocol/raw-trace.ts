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
export interface RawOp { op: number; n1: bigint; n2: bigint }
export interface RawVar { name: string; kind: 'param' | 'local'; depth: number; loc?: RawOp[]; type: RawType }
export interface RawFrameVars { fn?: string; bias: bigint; frameBase?: RawOp[]; vars: RawVar[] }
export interface RawMember { name: string; offset: number; type: RawType }
export interface RawSymbolAt { fn: string; offset: number; size: number; module?: string; section?: string }
export interface RawLineRange { file?: string; line: number; start: bigint; end: bigint }
export interface RawSymbolAddr { addr: bigint; size: number; func: boolean }
export interface RawUnwound { ip: bigint; cfa: bigint }
/** Start at cfa[cfaIndex] + off (or abs when cfaIndex < 0), follow each deref, copy len bytes. */
export interface RawGatherStep { cfaIndex: number; off: bigint; abs: bigint; derefs: bigint[]; len: number }
/** One probe as native/chain_record.cc recorded it at PMD probe entry. */
export interface RawChainRecord {
  ip: bigint[]; cfa: bigint[]; dev: bigint; probeAddr: bigint;
  stackLow: bigint; stack: Buffer; chunks: { addr: bigint; bytes: Buffer }[];
}
