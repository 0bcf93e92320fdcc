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
// A readable mapping with a gap after it (no mapping starts where it ends): a read that runs
// off its end must stop at the gap. Some such mapping always exists; the test fails if none is found.
const maps = fs.readFileSync('/proc/self/maps', 'utf8').trim().split('\\n').map((l) => {
  const [range, perms, , , , name] = l.split(/\\s+/);
  const [lo, hi] = range.split('-').map((x) => BigInt('0x' + x));
  return { lo, hi, perms, name: name ?? '' };
});
const starts = new Set(maps.map((m) => m.lo));
const edge = maps.find((m) => m.perms.startsWith('rw') && !m.name.startsWith('[v') && !starts.has(m.hi));
const out = {
  nullPeek: a.peek(0x10n, 8),
  again: a.peek(0x18n, 8),
  edgeFound: !!edge,
  straddle: edge ? a.peek(edge.hi - 16n, 64).length : null,
  ok: edge ? a.peek(edge.lo, 8).length : null,
};
process.stdout.write(JSON.stringify(out));
`;

describe('peek under the fatal-signal handler', () => {
  it('fails bad addresses, stops at the end of a mapping, and the process lives on', () => {
    const r = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out).toEqual({ nullPeek: null, again: null, edgeFound: true, straddle: 16, ok: 8 });
  });
});
