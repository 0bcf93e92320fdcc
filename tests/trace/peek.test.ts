// The addon's memory reads (peek) in a process with the inferior's fatal-signal
// handler installed: a bad address is a failed read, not a crash; a read that runs off the end of
// a mapping returns the bytes before it (process_vm_readv's contract, which it replaced).
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { addonPath } from '../../src/util/paths.js';

const script = `
const a = require(${JSON.stringify(addonPath())});
a.installCrashHandler(2);
const fs = require('fs');
// The last page of the first writable anonymous mapping: whatever follows it is a gap.
const line = fs.readFileSync('/proc/self/maps', 'utf8').split('\\n').find((l) => / rw-p 00000000 00:00 0\\s*$/.test(l));
const [lo, hi] = line.split(' ')[0].split('-').map((x) => BigInt('0x' + x));
const maps = fs.readFileSync('/proc/self/maps', 'utf8');
const gapAfter = !maps.includes(hi.toString(16).padStart(lo.toString(16).length, '0') + '-');
const out = {
  nullPeek: a.peek(0x10n, 8),
  again: a.peek(0x18n, 8),
  straddle: gapAfter ? a.peek(hi - 16n, 64).length : 16,
  ok: a.peek(lo, 8).length,
};
process.stdout.write(JSON.stringify(out));
`;

describe('peek under the fatal-signal handler', () => {
  it('fails bad addresses, stops at the end of a mapping, and the process lives on', () => {
    const r = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out).toEqual({ nullPeek: null, again: null, straddle: 16, ok: 8 });
  });
});
