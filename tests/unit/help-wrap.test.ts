// help in a terminal of 80 to 120 columns: each description wraps under its own column, never
// back to column 0, and no line is wider than the terminal.
import { describe, expect, it } from 'vitest';
import { commandTable } from '../../src/commands/registry.js';
import { usageOf } from '../../src/commands/grammar.js';
import { columns } from '../../src/format/table.js';
import { formatHelp } from '../../src/format/areas/support.js';
import { makeStyle } from '../../src/format/style.js';
import type { Shown } from '../../src/format/types.js';

const plain = (t: string): string => t.replace(/\x1b\[[0-9;]*m/g, '');
const help = (): Shown<'help'> => ({
  ok: true, kind: 'help', cmd: 'help', log: [],
  data: { commands: commandTable().map((c) => ({ usage: usageOf(c), summary: c.summary, section: c.section, aliases: (c.aliases ?? []).map((a) => a.join(' ')) })) },
});

describe('help wrapping', () => {
  it.each([80, 100, 120])('at %i columns every line fits and every description line is indented', (width) => {
    for (const color of [false, true]) {
      const lines = formatHelp(help(), makeStyle({ color, width })).join('\n').split('\n').map(plain);
      const sections = new Set(commandTable().map((c) => c.section));
      const footer = lines.findIndex((l) => /^Commands and subcommands/.test(l));
      expect(footer).toBeGreaterThan(0);
      lines.forEach((l, i) => {
        expect(l.length, l).toBeLessThanOrEqual(width);
        if (i < footer && !sections.has(l)) expect(l, l).toMatch(/^ /);
      });
      // every word of every summary is still there, in order
      const text = lines.join(' ').replace(/\s+/g, ' ');
      for (const c of commandTable()) expect(text).toContain(c.summary.replace(/\s+/g, ' ').split(' ').slice(-3).join(' '));
    }
  });

  it('a wrapped description continues under its own first line', () => {
    const out = columns([['  short', 'one two three four five six seven eight nine ten eleven twelve'], ['  x', 'y']], 2, 40).split('\n');
    expect(out[0]).toBe('  short  one two three four five six');
    expect(out[1]).toBe('         seven eight nine ten eleven');
    expect(out[2]).toBe('         twelve');
    expect(out[3]).toBe('  x      y');
  });

  it('goes under its row when the first column leaves too little room; colour codes take no room', () => {
    const usage = '  ' + 'u'.repeat(60);
    const out = columns([[usage, '\x1b[2mdim words that are long enough to wrap at eighty columns and then some more\x1b[22m']], 2, 80).split('\n');
    expect(out[0]).toBe(usage);
    for (const l of out.slice(1)) { expect(plain(l)).toMatch(/^ {6}\S/); expect(plain(l).length).toBeLessThanOrEqual(80); }
  });

  it('without a width (or when it all fits) rows stay on one line', () => {
    expect(columns([['a', 'b c d']], 2)).toBe('a  b c d');
    expect(columns([['a', 'b c d']], 2, 80)).toBe('a  b c d');
  });
});
