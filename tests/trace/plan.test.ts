// Gather plans (src/trace/plan.ts): which bytes the recorder must copy at the next probe of a
// chain, from the reads the printer made at the first.
import { describe, expect, it } from 'vitest';
import { planFromReads, type Read } from '../../src/trace/plan.js';
import { recordMemory } from '../../src/inferior/probe-capture.js';
import type { TraceAddon } from '../../src/inferior/addon-trace.js';
import type { RawChainRecord } from '../../src/protocol/raw-trace.js';

const low = 0x7000n, high = 0x8000n;
const cfas = [0x7100n, 0x7400n, 0x7800n];

describe('gather plans', () => {
  it('needs nothing for reads of the stack itself', () => {
    expect(planFromReads([{ addr: 0x7200n, len: 4 }, { addr: 0x7210n, len: 8 }], cfas, low, high)).toEqual([]);
  });

  it('a string in the span now, behind a pointer, still gets a step: next time it may be on the heap', () => {
    // a std::string's text is inline (on the stack) when short and on the heap when long
    const reads: Read[] = [{ addr: 0x73e8n, len: 8, value: 0x7300n }, { addr: 0x7300n, len: 201 }];
    expect(planFromReads(reads, cfas, low, high)).toEqual([{ cfaIndex: 1, off: -0x18n, abs: 0n, derefs: [0n], len: 201 }]);
  });

  it('a string behind a char * on the stack: one deref from its slot, relative to its frame CFA', () => {
    const reads: Read[] = [{ addr: 0x73e8n, len: 8, value: 0x5000_0010n }, { addr: 0x5000_0010n, len: 201 }];
    expect(planFromReads(reads, cfas, low, high)).toEqual([{ cfaIndex: 1, off: -0x18n, abs: 0n, derefs: [0n], len: 201 }]);
  });

  it('a device field two pointers away keeps each member offset', () => {
    const reads: Read[] = [
      { addr: 0x7108n, len: 8, value: 0x6000_0000n }, // dev (stack slot above cfa[0]: frame 1)
      { addr: 0x6000_0048n, len: 8, value: 0x6100_0000n }, // dev->device.devargs
      { addr: 0x6100_0020n, len: 8, value: 0x6200_0000n }, // devargs->args
      { addr: 0x6200_0000n, len: 201 }, // the string
    ];
    expect(planFromReads(reads, cfas, low, high)).toEqual([{ cfaIndex: 1, off: -0x2f8n, abs: 0n, derefs: [0x48n, 0x20n, 0n], len: 201 }]);
  });

  it('a fixed address (a static variable) is read again where it is', () => {
    expect(planFromReads([{ addr: 0x4040n, len: 4 }], cfas, low, high)).toEqual([{ cfaIndex: -1, off: 0n, abs: 0x4040n, derefs: [], len: 4 }]);
  });

  it('printing a record reads each value from the chunk that holds the most of it, and says when none does', () => {
    const rec: RawChainRecord = {
      ip: [], cfa: [], dev: 0n, probeAddr: 0n, stackLow: 0x7000n, stack: Buffer.alloc(0x100, 0xaa),
      chunks: [
        // Two copies of the same bytes taken at the same probe: an 8-byte field read and a string
        // read at the same place; the longer one must serve the string.
        { addr: 0x5000n, bytes: Buffer.alloc(8, 0x41) },
        { addr: 0x5000n, bytes: Buffer.alloc(201, 0x41) },
        { addr: 0x6000n, bytes: Buffer.from([1, 2, 3]) }, // the end of a mapping: a short copy
      ],
    };
    let misses = 0;
    const t = { symbolAt: () => null } as unknown as TraceAddon;
    const mem = recordMemory(t, rec, () => { misses++; });
    expect(mem.peek(0x5000n, 201)?.length).toBe(201);
    expect(mem.peek(0x5004n, 8)?.toString()).toBe('AAAAAAAA'); // only the long copy has all of it
    expect(mem.peek(0x6000n, 8)).toEqual(Buffer.from([1, 2, 3]));
    expect(mem.peek(0x7010n, 4)).toEqual(Buffer.alloc(4, 0xaa));
    expect(misses).toBe(0);
    expect(mem.peek(0x9000n, 8)).toBeNull();
    expect(misses).toBe(1);
  });
});
