// The output pane's window and paging, row wrapping, and the status line, without a terminal.
import { describe, expect, it } from 'vitest';
import { makeStyle } from '../../src/format/style.js';
import { FOLLOW, page, paneView, wrapRows, cutRow, type OutputEntry } from '../../src/ui/output.js';
import { bannerRows, statusLine, type StatusInfo } from '../../src/ui/status.js';

const s = makeStyle({ color: false, width: 60 });
const note = (id: number, n: number): OutputEntry => ({ id, kind: 'note', lines: Array.from({ length: n }, (_, i) => `e${id} line ${i}`) });

describe('output pane', () => {
  const entries = [note(1, 10), { id: 2, kind: 'echo', text: 'ops 0' } as OutputEntry, note(3, 30)];
  it('follows the newest rows', () => {
    const v = paneView(entries, FOLLOW, s, 60, 8);
    expect(v.rows.at(-1)).toBe('e3 line 29');
    expect(v.below).toBe(0);
    expect(v.above).toBe(41 - 8);
  });
  it('shows a long result from its command, with the rest below', () => {
    const v = paneView(entries, { kind: 'anchor', entryId: 2, row: 0 }, s, 60, 8);
    expect(v.rows[0]).toBe('(vdev) ops 0');
    expect(v.rows).toHaveLength(7); // the 8th row is the "more" line
    expect(v.below).toBe(41 - 10 - 7);
  });
  it('pages down to the end (then follows) and back up', () => {
    let sc = page(entries, { kind: 'anchor', entryId: 2, row: 0 }, s, 60, 8, 1);
    expect(paneView(entries, sc, s, 60, 8).rows[0]).toBe('e3 line 6');
    for (let i = 0; i < 5; i++) sc = page(entries, sc, s, 60, 8, 1);
    expect(sc).toEqual(FOLLOW);
    sc = page(entries, sc, s, 60, 8, -1);
    expect(paneView(entries, sc, s, 60, 8).rows[0]).toBe('e3 line 15');
  });
  it('an anchor that would leave space below falls back to the newest rows', () => {
    const v = paneView([note(1, 3), note(2, 3)], { kind: 'anchor', entryId: 2, row: 0 }, s, 60, 8);
    expect(v.rows).toHaveLength(6);
    expect(v.below).toBe(0);
  });
  it('wraps with the line\'s indentation and DPDK\'s gutter kept', () => {
    const rows = wrapRows('│ EAL: Driver cannot attach the device (virtio_user0) and more words here', 30);
    expect(rows.length).toBeGreaterThan(1);
    for (const r of rows) { expect(r.startsWith('│ ')).toBe(true); expect(r.length).toBeLessThanOrEqual(30); }
    const ind = wrapRows('  key tx_pcap: not declared by net_virtio_user; declared by net_pcap', 30);
    for (const r of ind) expect(r.startsWith('  ')).toBe(true);
    expect(cutRow('a'.repeat(80), 60)).toHaveLength(60);
  });
});

describe('status line and banner', () => {
  const base: StatusInfo = { state: 'running', pid: 4242, ealArgs: ['--no-huge', '-m', '64', '--no-pci', '--no-shconf', '-l', '0', '--no-telemetry'], ports: 1, last: { cmd: 'probe virtio_user0,tx_pcap=report.pcap', ok: false, code: 'key-wrong-driver' }, busy: null, queued: 0 };
  it('says state, pid, ports, the last result and the EAL args, within the width', () => {
    const wide = statusLine(base, s, 160);
    expect(wide).toBe('● EAL running pid 4242 │ 1 port │ ✗ probe virtio_user0,tx_p… (key-wrong-driver) │ EAL --no-huge -m 64 --no-pci --no-shconf -l 0 --no-telemetry');
    const mid = statusLine(base, s, 100);
    expect(mid.length).toBeLessThanOrEqual(100);
    expect(mid).toMatch(/│ EAL --no-huge -m .*…$/);
    const narrow = statusLine(base, s, 60);
    expect(narrow.length).toBeLessThanOrEqual(60);
    expect(narrow).toMatch(/^● EAL running pid 4242 │ 1 port │ ✗ probe virtio_user0/);
    expect(statusLine({ ...base, busy: 'bt', queued: 2 }, s, 100)).toMatch(/running: bt \(\+2 queued\)/);
    expect(statusLine({ ...base, state: 'crashed', ports: null }, s, 100)).toMatch(/^✗ EAL crashed │ ✗ probe/);
  });
  it('banner without colour is marked in plain text, and wraps to the width', () => {
    const rows = bannerRows({ pid: 7, how: 'killed by SIGKILL', lastLog: [] }, s, 60);
    expect(rows[0].trimEnd()).toBe('!! The EAL died (inferior pid 7, killed by SIGKILL). Its');
    expect(rows.join(' ')).toMatch(/Type 'run' \(or 'restart'\)/);
  });
});
