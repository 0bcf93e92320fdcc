// Gather plans (src/trace/plan.ts): which bytes the recorder must copy at the next probe of a
// chain, from the reads the printer made at the first.
import { describe, expect, it } from 'vitest';
import { planFromReads, type Read } from '../../src/trace/plan.js';

const low = 0x7000n, high = 0x8000n;
const cfas = [0x7100n, 0x7400n, 0x7800n];

describe('gather plans', () => {
  it('needs nothing for reads inside the stack span', () => {
    expect(planFromReads([{ addr: 0x7200n, len: 4 }, { addr: 0x7ff8n, len: 8, value: 0x7300n }, { addr: 0x7300n, len: 201 }], cfas, low, high)).toEqual([]);
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
});
