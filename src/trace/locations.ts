// DWARF location expressions of one frame of a recorded probe chain, evaluated as gdb evaluates
// them for `bt`: the -O0 forms (a slot on the frame base) and what an optimized build writes
// (a value in a callee-saved register, a register-relative address, DW_OP_entry_value: the value
// the caller passed, read from the caller's DW_TAG_call_site, and DW_OP_stack_value). Anything
// else (a piece, an implicit pointer, a caller-saved register of an outer frame) is unavailable,
// which gdb prints as <optimized out>. Pure: registers, memory and call sites come from outside.
import type { RawOp } from '../protocol/raw-trace.js';
import type { Memory } from './values.js';

/** Where a computed value came from, so a later probe of the same chain can find it again. */
export interface ValueOrigin { frame: number; reg: number; add: bigint }
export type Located =
  | { kind: 'memory'; addr: bigint }
  | { kind: 'value'; value: bigint; origin?: ValueOrigin }
  | { kind: 'unavailable' };

/** What one frame offers an expression. */
export interface FrameContext {
  /** Index of the frame in the recorded chain (origins refer to it). */
  index: number;
  /** A register's value in this frame; undefined when the frame does not know it. */
  reg(n: number): bigint | undefined;
  cfa: bigint | null;
  frameBase?: RawOp[];
  bias: bigint;
  /** DW_OP_entry_value(register n): the value the caller passed in n, from its call site. */
  entryValue(n: number): Located;
}

const OP = {
  addr: 0x03, deref: 0x06, const1u: 0x08, const1s: 0x09, const2u: 0x0a, const2s: 0x0b, const4u: 0x0c, const4s: 0x0d,
  const8u: 0x0e, const8s: 0x0f, constu: 0x10, consts: 0x11, dup: 0x12, and: 0x1a, minus: 0x1c, neg: 0x1f, plus: 0x22,
  plusUconst: 0x23, lit0: 0x30, reg0: 0x50, breg0: 0x70, regx: 0x90, fbreg: 0x91, bregx: 0x92, nop: 0x96,
  callFrameCfa: 0x9c, stackValue: 0x9f, entryValue: 0xa3, gnuEntryValue: 0xf3,
} as const;
const SIGNED = new Set<number>([OP.const1s, OP.const2s, OP.const4s, OP.const8s, OP.consts]);

interface Entry { v: bigint; origin?: ValueOrigin }

/** The register a DW_OP_entry_value sub-expression names (DW_OP_regN or DW_OP_regx N), if that is all it is. */
export function entryRegister(block: Buffer | undefined): number | null {
  if (!block || block.length === 0) return null;
  if (block.length === 1 && block[0] >= OP.reg0 && block[0] < OP.reg0 + 32) return block[0] - OP.reg0;
  if (block[0] === OP.regx) {
    let n = 0, shift = 0;
    for (let i = 1; i < block.length; i++) {
      n |= (block[i] & 0x7f) << shift;
      shift += 7;
      if (!(block[i] & 0x80)) return i === block.length - 1 ? n : null;
    }
  }
  return null;
}

/** A single-register location (DW_OP_regN / DW_OP_regx): the register number, else null. */
export function soleRegister(ops: RawOp[] | undefined): number | null {
  if (!ops || ops.length !== 1) return null;
  const o = ops[0];
  if (o.op >= OP.reg0 && o.op < OP.reg0 + 32) return o.op - OP.reg0;
  if (o.op === OP.regx) return Number(o.n1);
  return null;
}

const UNAVAILABLE: Located = { kind: 'unavailable' };

export function evaluate(ops: RawOp[] | undefined, f: FrameContext, mem: Memory): Located {
  if (!ops || ops.length === 0) return UNAVAILABLE;
  const sole = soleRegister(ops);
  if (sole !== null) {
    const v = f.reg(sole);
    return v === undefined ? UNAVAILABLE : { kind: 'value', value: v, origin: { frame: f.index, reg: sole, add: 0n } };
  }
  const stack: Entry[] = [];
  const pop = (): Entry | undefined => stack.pop();
  const regRel = (n: number, off: bigint): boolean => {
    const v = f.reg(n);
    if (v === undefined) return false;
    stack.push({ v: BigInt.asUintN(64, v + off), origin: { frame: f.index, reg: n, add: off } });
    return true;
  };
  for (const o of ops) {
    const op = o.op;
    if (op === OP.addr) stack.push({ v: o.n1 + f.bias });
    else if (op >= OP.const1u && op <= OP.consts) stack.push({ v: SIGNED.has(op) ? BigInt.asUintN(64, BigInt.asIntN(64, o.n1)) : o.n1 });
    else if (op >= OP.lit0 && op < OP.lit0 + 32) stack.push({ v: BigInt(op - OP.lit0) });
    else if (op >= OP.breg0 && op < OP.breg0 + 32) { if (!regRel(op - OP.breg0, BigInt.asIntN(64, o.n1))) return UNAVAILABLE; }
    else if (op === OP.bregx) { if (!regRel(Number(o.n1), BigInt.asIntN(64, o.n2))) return UNAVAILABLE; }
    else if (op === OP.callFrameCfa) { if (f.cfa === null) return UNAVAILABLE; stack.push({ v: f.cfa }); }
    else if (op === OP.fbreg) {
      const base = f.frameBase && f.frameBase.length === 1 && f.frameBase[0].op === OP.callFrameCfa ? f.cfa : null;
      if (base === null) return UNAVAILABLE;
      stack.push({ v: BigInt.asUintN(64, base + BigInt.asIntN(64, o.n1)) });
    } else if (op === OP.deref) {
      const a = pop();
      const b = a && mem.peek(a.v, 8);
      if (!b || b.length < 8) return UNAVAILABLE;
      stack.push({ v: b.readBigUInt64LE(0) });
    } else if (op === OP.dup) { const a = stack[stack.length - 1]; if (!a) return UNAVAILABLE; stack.push({ ...a }); }
    else if (op === OP.plusUconst) {
      const a = pop();
      if (!a) return UNAVAILABLE;
      stack.push({ v: BigInt.asUintN(64, a.v + o.n1), ...(a.origin ? { origin: { ...a.origin, add: a.origin.add + o.n1 } } : {}) });
    } else if (op === OP.plus || op === OP.minus || op === OP.and) {
      const b = pop(), a = pop();
      if (!a || !b) return UNAVAILABLE;
      stack.push({ v: BigInt.asUintN(64, op === OP.plus ? a.v + b.v : op === OP.minus ? a.v - b.v : a.v & b.v) });
    } else if (op === OP.neg) { const a = pop(); if (!a) return UNAVAILABLE; stack.push({ v: BigInt.asUintN(64, -a.v) }); }
    else if (op === OP.entryValue || op === OP.gnuEntryValue) {
      const n = entryRegister(o.block);
      if (n === null) return UNAVAILABLE;
      const e = f.entryValue(n);
      if (e.kind !== 'value') return UNAVAILABLE;
      stack.push({ v: e.value, ...(e.origin ? { origin: e.origin } : {}) });
    } else if (op === OP.stackValue) {
      const a = pop();
      return a ? { kind: 'value', value: a.v, ...(a.origin ? { origin: a.origin } : {}) } : UNAVAILABLE;
    } else if (op === OP.nop) continue;
    else return UNAVAILABLE; // pieces, implicit values and pointers, parameter refs: not shown
  }
  const top = pop();
  return top ? { kind: 'memory', addr: top.v } : UNAVAILABLE;
}
