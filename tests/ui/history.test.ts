import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { History, dedupe, historyPath, historyStep } from '../../src/ui/history.js';
import { tmpDir } from '../helpers/tmp.js';

describe('history', () => {
  it('lives in ~/.vdev_shell_history unless VDEV_SHELL_HISTORY moves it', () => {
    expect(historyPath({ HOME: '/home/u' })).toBe('/home/u/.vdev_shell_history');
    expect(historyPath({ HOME: '/home/u', VDEV_SHELL_HISTORY: '/tmp/h' })).toBe('/tmp/h');
  });
  it('keeps each line once, at its newest position, and is bounded', () => {
    expect(dedupe(['a', 'b', 'a', 'c'])).toEqual(['b', 'a', 'c']);
    expect(dedupe(['1', '2', '3', '4'], 2)).toEqual(['3', '4']);
    expect(dedupe(['', '  ', 'x'])).toEqual(['x']);
  });
  it('writes the file after every line, merging with what another shell wrote', () => {
    const file = path.join(tmpDir(), 'hist');
    const h = new History(file, 5);
    h.add('probe net_null0');
    expect(fs.readFileSync(file, 'utf8')).toBe('probe net_null0\n');
    fs.appendFileSync(file, 'bt\n'); // another shell
    h.add('ops 0');
    h.add('probe net_null0');
    expect(fs.readFileSync(file, 'utf8').split('\n').filter(Boolean)).toEqual(['bt', 'ops 0', 'probe net_null0']);
    for (let i = 0; i < 10; i++) h.add(`mac ${i}`);
    expect(fs.readFileSync(file, 'utf8').split('\n').filter(Boolean)).toHaveLength(5);
    expect(new History(file, 5).entries.at(-1)).toBe('mac 9');
  });
  it('searches backwards and walks up/down keeping the draft', () => {
    const h = new History(null);
    for (const l of ['probe net_null0', 'bt', 'probe net_pcap0', 'ops 0']) h.add(l);
    expect(h.searchBack('probe')).toBe(2);
    expect(h.searchBack('probe', 2)).toBe(0);
    expect(h.searchBack('nothing')).toBe(-1);
    let cur = { index: h.entries.length, draft: '' };
    const up = historyStep(h.entries, cur, 'typing', -1)!;
    expect(up.text).toBe('ops 0');
    cur = up.cursor;
    const down = historyStep(h.entries, cur, 'ops 0', 1)!;
    expect(down.text).toBe('typing');
    expect(historyStep(h.entries, down.cursor, 'typing', 1)).toBeNull();
  });
  it('reports a file it cannot write and keeps the lines in memory', () => {
    const dir = tmpDir();
    const h = new History(path.join(dir, 'no', 'such'));
    fs.writeFileSync(path.join(dir, 'no'), 'a file where a directory should be');
    h.add('bt');
    expect(h.entries).toEqual(['bt']);
    expect(h.writeError).toMatch(/history not saved/);
  });
});
