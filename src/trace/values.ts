// Reads and prints C values the way gdb does in `bt` / `bt full`, from DWARF type descriptions
// and raw memory: `0x21cc3ad0`, `0x7f.. "vdev"`, `0x7f.. <pmd_pcap_drv>`, `RTE_IOVA_VA`, `...`.
// Pure: memory and symbols come through the Memory interface.
import type { RawOp, RawType } from '../protocol/raw-trace.js';

export interface Memory {
  peek(addr: bigint, len: number): Buffer | null;
  /** The symbol an address falls in (gdb prints it as <sym+off>), or null. */
  symbol(addr: bigint): { fn: string; offset: number } | null;
  /** Told of each read of a computed value (a register's contents), for gather plans. */
  noteValue?(read: { addr: bigint; len: number; value: bigint; origin?: { frame: number; reg: number; add: bigint } }): void;
}

const DW_OP_addr = 0x03, DW_OP_fbreg = 0x91, DW_OP_call_frame_cfa = 0x9c;
const DW_ATE = { boolean: 2, float: 4, signed: 5, signedChar: 6, unsigned: 7, unsignedChar: 8, utf: 0x10 };
const NOT_TEXT = /^u?int8_t$/; // gdb never prints int8_t/uint8_t pointers as strings

/** Address of a variable from its location expression (the -O0 forms: fbreg on the CFA, addr). */
export function varAddress(loc: RawOp[] | undefined, frameBase: RawOp[] | undefined, cfa: bigint | null, bias: bigint): bigint | null {
  if (!loc || loc.length !== 1) return null;
  const op = loc[0];
  if (op.op === DW_OP_addr) return op.n1 + bias;
  if (op.op === DW_OP_fbreg && cfa !== null && frameBase?.length === 1 && frameBase[0].op === DW_OP_call_frame_cfa) {
    return cfa + BigInt.asIntN(64, op.n1);
  }
  return null;
}

/** Skips typedefs and qualifiers; says whether a typedef like uint8_t was crossed (not text). */
export function strip(t: RawType): { t: RawType; notText: boolean } {
  let notText = false;
  while ((t.tag === 'typedef' || t.tag === 'const' || t.tag === 'volatile') && t.target) {
    if (t.tag === 'typedef' && t.name && NOT_TEXT.test(t.name)) notText = true;
    t = t.target;
  }
  return { t, notText };
}

export function typeText(t: RawType | undefined): string {
  if (!t) return 'void';
  switch (t.tag) {
    case 'base': case 'typedef': return t.name ?? '?';
    case 'struct': case 'union': case 'enum': case 'class': return `${t.tag} ${t.name ?? '{...}'}`;
    case 'const': return t.target?.tag === 'pointer' ? `${typeText(t.target)} const` : `const ${typeText(t.target)}`;
    case 'volatile': return `volatile ${typeText(t.target)}`;
    case 'pointer': case 'reference': {
      const inner = t.target && strip(t.target).t.tag === 'function' ? 'function' : typeText(t.target);
      return `${inner} ${t.tag === 'pointer' ? '*' : '&'}`.replace(/\* \*/g, '**');
    }
    case 'array': return `${typeText(t.target)} [${t.count ?? ''}]`;
    case 'function': return 'function';
    default: return t.name ?? '?';
  }
}

const isChar = (t: RawType): boolean => t.tag === 'base' && t.size === 1 && (t.enc === DW_ATE.signedChar || t.enc === DW_ATE.unsignedChar);

function readInt(b: Buffer, size: number, signed: boolean): bigint {
  const u = size === 8 ? b.readBigUInt64LE(0) : BigInt(size === 4 ? b.readUInt32LE(0) : size === 2 ? b.readUInt16LE(0) : b.readUInt8(0));
  return signed ? BigInt.asIntN(size * 8, u) : u;
}

/** gdb's escaping of a C string: printable ASCII as is, the usual escapes, the rest in octal. */
export function cString(bytes: Buffer): string {
  let s = '';
  for (const c of bytes) {
    if (c === 0x22 || c === 0x5c) s += '\\' + String.fromCharCode(c);
    else if (c === 0x0a) s += '\\n';
    else if (c === 0x09) s += '\\t';
    else if (c === 0x1b) s += '\\033';
    else if (c >= 0x20 && c < 0x7f) s += String.fromCharCode(c);
    else s += '\\' + c.toString(8).padStart(3, '0');
  }
  return `"${s}"`;
}

const STRING_LIMIT = 200; // gdb's default `print elements`

function readCString(addr: bigint, mem: Memory): string | null {
  const b = mem.peek(addr, STRING_LIMIT + 1);
  if (!b) return null;
  const nul = b.indexOf(0);
  if (nul >= 0) return cString(b.subarray(0, nul));
  return cString(b.subarray(0, STRING_LIMIT)) + '...';
}

function symText(addr: bigint, mem: Memory): string {
  const s = addr === 0n ? null : mem.symbol(addr);
  return s ? ` <${s.fn}${s.offset ? `+${s.offset}` : ''}>` : '';
}

/**
 * Prints the value of type `type` stored at `addr`. `scalars` is gdb's `print frame-arguments
 * scalars` (the default for bt): aggregates print as `...`.
 */
export function formatValueAt(type: RawType, addr: bigint, mem: Memory, scalars: boolean): string {
  const { t, notText } = strip(type);
  if (t.tag === 'struct' || t.tag === 'union' || t.tag === 'class') return scalars ? '...' : '{...}';
  if (t.tag === 'array') {
    const el = t.target ? strip(t.target) : undefined;
    if (scalars) return '...';
    if (el && isChar(el.t) && !el.notText && t.count) {
      const b = mem.peek(addr, t.count);
      if (!b) return `<error: Cannot access memory at address 0x${addr.toString(16)}>`;
      const nul = b.indexOf(0);
      return cString(nul >= 0 ? b.subarray(0, nul) : b);
    }
    return '{...}';
  }
  const size = t.tag === 'pointer' || t.tag === 'reference' ? 8 : t.size ?? 0;
  if (size === 0 || size > 8) return '<unprintable>';
  const b = mem.peek(addr, size);
  if (!b || b.length < size) return `<error: Cannot access memory at address 0x${addr.toString(16)}>`;
  if (t.tag === 'pointer' || t.tag === 'reference') {
    const p = b.readBigUInt64LE(0);
    const hex = '0x' + p.toString(16);
    if (t.tag === 'reference') return '@' + hex;
    const target = t.target ? strip(t.target) : undefined;
    const text = target && isChar(target.t) && !target.notText && !notText && p !== 0n ? readCString(p, mem) : null;
    return hex + symText(p, mem) + (text !== null ? ' ' + text : '');
  }
  if (t.tag === 'enum') {
    const v = Number(readInt(b, size, true));
    const hit = t.enumerators?.find(([, n]) => n === v);
    return hit ? hit[0] : String(v);
  }
  if (t.tag === 'base') {
    if (t.enc === DW_ATE.boolean) return b[0] ? 'true' : 'false';
    if (t.enc === DW_ATE.float) return String(size === 8 ? b.readDoubleLE(0) : b.readFloatLE(0));
    const signed = t.enc === DW_ATE.signed || t.enc === DW_ATE.signedChar;
    const v = readInt(b, size, signed);
    if (isChar(t) && !notText) {
      const c = Number(BigInt.asUintN(8, v));
      return `${v} ${c === 0 ? "'\\000'" : `'${cString(Buffer.from([c])).slice(1, -1).replace(/'/g, "\\'")}'`}`;
    }
    return v.toString();
  }
  if (t.tag === 'void') return '<void>';
  return '<unprintable>';
}
