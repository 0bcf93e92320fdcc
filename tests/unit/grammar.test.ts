// The grammar is one declaration per command: usage, errors and help lines all come from it.
import { describe, expect, it } from 'vitest';
import { commandTable, matchCommand } from '../../src/commands/registry.js';
import { argumentLines, splitArgs, takeOptions, usageOf } from '../../src/commands/grammar.js';
import type { CommandSpec } from '../../src/commands/types.js';
import { checkLine, parseLine } from '../../src/commands/args.js';
import type { Body, CommandContext, RunLine } from '../../src/commands/types.js';
import { devargsOf } from '../../src/ui/hint.js';

const spec = (line: string): CommandSpec => {
  const m = matchCommand(line);
  if (!m.spec) throw new Error(`no command ${line}`);
  return m.spec;
};
const usage = (line: string): string => usageOf(spec(line));
/** The line's arguments split as the executor splits them (options first, then args and keys). */
const split = (line: string) => {
  const m = matchCommand(line);
  const o = takeOptions(m.spec!, m.argv, m.rest);
  return 'error' in o ? o : splitArgs(m.spec!, o.argv, o.rest, o.options);
};

describe('usage derived from the declaration', () => {
  it('writes arguments, their forms, keys and options as gdb and testpmd do', () => {
    expect(usage('port start')).toBe('port start PORT|all');
    expect(usage('show port info')).toBe('show port info [PORT|all]');
    expect(usage('bt')).toBe('bt [N|#N|-N|DEVICE] [full]');
    expect(usage('capture')).toBe('capture PORT FILE [rx|tx|both]');
    expect(usage('rx')).toBe('rx PORT [count N] [timeout MS] [hex]');
    expect(usage('mac')).toBe('mac PORT [set MAC]');
    expect(usage('recovery')).toBe('recovery [restore|clean] [timeout MS]');
  });
  it('groups options that exclude each other, and puts them before an argument that takes the rest of the line', () => {
    expect(usage('ops')).toBe('ops PORT [--set|--all]');
    expect(usage('diagnose')).toBe('diagnose [--explain] [DEVARGS]');
    expect(usage('attach')).toBe('attach (PID | --file-prefix PREFIX) [--telemetry|--force]');
  });
  it('an argument and the key that stands in its place are alternatives', () => {
    expect(usage('frame')).toBe('frame [N | function NAME]');
  });
  it('a command with many keys shows the first three, then KEY VALUE; help lists them all', () => {
    expect(usage('tx')).toBe('tx PORT [count N] [size BYTES] [dst MAC] [KEY VALUE]...');
    const lines = argumentLines(spec('tx')).map((l) => l.name);
    for (const k of spec('tx').keys!) expect(lines).toContain(k.value ? `${k.name} ${k.value}` : k.name);
  });
  it('arguments that take the rest of the line: devargs, EAL words, a regular expression', () => {
    expect(usage('probe')).toBe('probe [--force] DEVARGS');
    expect(usage('run')).toBe('run [EAL_ARG...]');
    expect(usage('expect log')).toBe('expect log REGEX');
    expect(usage('expect burst')).toBe('expect burst PORT rx|tx FUNC');
    expect(usage('quit')).toBe('quit');
  });
  it('every help line of an argument is written as its usage writes it', () => {
    for (const c of commandTable()) {
      const u = usageOf(c);
      for (const l of argumentLines(c).slice(0, c.args.length)) {
        for (const part of l.name.replace(/[[\]()]/g, '').split(/\s*\|\s*/)) expect(u, `${u}: ${part}`).toContain(part);
      }
    }
  });
});

describe('bad input names what was wrong and the usage', () => {
  it('a missing argument', () => {
    expect(split('port start')).toEqual({ code: 'usage', error: 'missing PORT', hint: 'usage: port start PORT|all' });
  });
  it('a word nothing takes', () => {
    expect(split('info eal now')).toMatchObject({ code: 'usage', error: 'unexpected "now"', hint: 'usage: info eal' });
  });
  it('a key without its value', () => {
    expect(split('mac 0 set')).toEqual({ code: 'bad-argument', error: 'set needs MAC', hint: 'usage: mac PORT [set MAC]' });
    expect(split('rx 0 count')).toMatchObject({ error: 'count needs N' });
  });
  it('an argument and its stand-in: one of them, not both, and not neither', () => {
    expect(split('frame 2 function pmd_pcap_probe')).toMatchObject({ code: 'usage', error: 'give N or function NAME, not both' });
    expect(split('frame function pmd_pcap_probe')).toMatchObject({ values: { function: 'pmd_pcap_probe' } });
    expect(split('frame')).toMatchObject({ words: {} });
    expect(split('attach')).toMatchObject({ code: 'usage', error: 'missing PID or --file-prefix PREFIX', hint: expect.stringContaining('usage: attach (PID | --file-prefix PREFIX)') });
    expect(split('attach 12 --file-prefix rte')).toMatchObject({ code: 'usage', error: 'give PID or --file-prefix PREFIX, not both' });
    expect(split('attach --file-prefix rte')).toMatchObject({ words: {} });
  });
  it('what only the line can tell is checked without a session (lesson files): a MAC, a number, a regular expression', () => {
    const check = (line: string) => { const m = matchCommand(line); return checkLine(m.spec!, m.argv, m.rest)?.error ?? null; };
    expect(check('expect mac 0 zz:00')).toMatchObject({ code: 'bad-mac', message: '"zz:00" is not a MAC address' });
    expect(check('expect ports two')).toMatchObject({ code: 'usage', message: "N must be a whole number, got 'two'" });
    expect(check('expect log (')).toMatchObject({ code: 'usage', message: expect.stringMatching(/^bad regular expression/) });
    expect(check('expect mac 0')).toMatchObject({ code: 'usage', message: 'missing MAC', hint: 'usage: expect mac PORT MAC' });
    expect(check('expect driver 0 net_null')).toBeNull();
    expect(check('probe')).toMatchObject({ code: 'usage', message: 'missing DEVARGS', hint: 'usage: probe [--force] DEVARGS' });
  });
  it('the hint under the prompt reads the devargs of any command that takes them, options taken out', () => {
    expect(devargsOf('probe --force net_null0,size=64')).toBe('net_null0,size=64');
    expect(devargsOf('check net_pcap0,rx_pcap=x')).toBe('net_pcap0,rx_pcap=x');
    expect(devargsOf('diagnose --explain')).toBeNull();
    expect(devargsOf('show port info 0')).toBeNull();
  });
  it('a word that is not one of those an argument may be', () => {
    expect(split('capture 0 x.pcapng up')).toMatchObject({ code: 'bad-argument', error: "DIR must be rx, tx or both, got 'up'" });
  });
});

describe('help', () => {
  const ctx = { commands: { table: commandTable, match: matchCommand }, cwd: '/' } as unknown as CommandContext;
  const help = async (line: string): Promise<Body> => {
    const m = matchCommand(line);
    const l = await parseLine(ctx, m.spec!, m.argv, m.rest);
    return 'ok' in l ? l : m.spec!.run(ctx, l as RunLine);
  };
  it('of one command: its derived usage, arguments and options', async () => {
    expect(await help('help expect mac')).toMatchObject({ ok: true, kind: 'help-command', data: { usage: 'expect mac PORT MAC', arguments: [{ name: 'PORT' }, { name: 'MAC' }] } });
    expect(await help('help ops')).toMatchObject({ data: { usage: 'ops PORT [--set|--all]', options: [{ name: '--set' }, { name: '--all' }] } });
  });
  it('of the first words of several commands (gdb help CLASS): those commands', async () => {
    const r = await help('help sh po') as Body & { data: { commands: { usage: string }[]; under: string } };
    expect(r).toMatchObject({ ok: true, kind: 'help', data: { under: 'show port' } });
    expect(r.data.commands.map((c) => c.usage)).toEqual(['show port summary [PORT|all]', 'show port info [PORT|all]', 'show port stats [PORT|all]', 'show port xstats [PORT|all]']);
    expect(await help('help nosuch')).toMatchObject({ ok: false, error: { code: 'unknown-command' } });
  });
});
