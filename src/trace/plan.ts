// Gather plans for the probe-chain recorder (native/chain_record.cc): from the reads the printer
// made on live memory at one probe, where each read's bytes can be found again at the next probe
// of the same chain. Pure.
import type { RawGatherStep } from '../protocol/raw-trace.js';

/** One read the printer made: where, how many bytes, and the pointer it found (8-byte reads). */
export interface Read {
  addr: bigint; len: number; value?: bigint;
  /** Not memory: a value an expression computed (a register's contents); never gathered itself. */
  synthetic?: boolean;
  /** For a synthetic value: the register of the recorded frame it came from. */
  origin?: { frame: number; reg: number; add: bigint };
}

const DEREF_REACH = 1n << 16n; // a struct member or string lies this close behind its pointer

/**
 * A read inside the stack span [low, high) needs nothing: the recorder copies the span. Any other
 * read is reached from an earlier pointer read (a string behind a char *, a device field) or is a
 * fixed address; each becomes a step from a stack slot (relative to the CFA of the frame it is in,
 * since stack depth differs between calls) or from the fixed address, through the pointers.
 */
export function planFromReads(reads: Read[], cfas: bigint[], low: bigint, high: bigint): RawGatherStep[] {
  const inStack = (r: Read): boolean => !r.synthetic && r.addr >= low && r.addr + BigInt(r.len) <= high;
  // The read a pointer value came from: the latest earlier pointer read that lands just before it.
  const parent = reads.map((r, i) => {
    for (let j = i - 1; j >= 0; j--) {
      const v = reads[j].value;
      if (v !== undefined && r.addr >= v && r.addr - v < DEREF_REACH) return j;
    }
    return -1;
  });
  const isParent = new Set(parent.filter((p) => p >= 0));
  const steps: RawGatherStep[] = [];
  reads.forEach((r, i) => {
    // A read in the stack span reached through a pointer still gets a step: the same pointer may
    // lead off the stack at the next probe (a std::string's text is inline when short, on the heap
    // when long); the recorder copies nothing for a step that lands in the span.
    if (r.synthetic || (inStack(r) && parent[i] < 0) || isParent.has(i)) return;
    const derefs: bigint[] = [];
    let at = i;
    while (parent[at] >= 0) {
      const p = parent[at];
      derefs.unshift(reads[at].addr - reads[p].value!);
      at = p;
    }
    const root = reads[at];
    if (root.synthetic) {
      // A value from a register: start there on the next probe (the first deref is the value
      // itself, no memory read); without an origin, only this read's own address is known.
      if (root.origin) steps.push({ cfaIndex: -1, regFrame: root.origin.frame, reg: root.origin.reg, off: root.origin.add, abs: 0n, derefs, len: r.len });
      else steps.push({ cfaIndex: -1, off: 0n, abs: r.addr, derefs: [], len: r.len });
      return;
    }
    if (root === r) { steps.push({ cfaIndex: -1, off: 0n, abs: r.addr, derefs: [], len: r.len }); return; }
    if (inStack(root)) {
      // Relative to the CFA of the frame the root lives in: stack depth differs between calls.
      let k = -1;
      cfas.forEach((c, j) => { if (c >= root.addr && (k < 0 || c < cfas[k])) k = j; });
      if (k >= 0) steps.push({ cfaIndex: k, off: root.addr - cfas[k], abs: 0n, derefs, len: r.len });
    } else {
      steps.push({ cfaIndex: -1, off: 0n, abs: root.addr, derefs, len: r.len });
    }
  });
  return steps;
}

