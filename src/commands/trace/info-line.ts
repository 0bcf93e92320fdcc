// info line FUNC | FILE:LINE | *ADDR: the source line and the code addresses it spans, as gdb says it.
import type { CommandSpec } from '../types.js';
import { fail, usageOf, ok } from '../types.js';
import type { InfoLine } from '../../results/trace.js';
import { resolveSource } from '../../trace/source.js';

export const infoLine: CommandSpec = {
  path: ['info', 'line'],
  section: 'Trace',
  summary: "a line's code addresses (for FUNC: its first line, and where `break FUNC` stops)",
  details: 'Each definition of a static function that several drivers define is listed. A FILE:LINE\nwithout code says which address the next line with code starts at, as gdb does.',
  args: [{ name: 'LOCATION', kind: 'function', forms: ['FUNC', 'FILE:LINE', '*ADDR'], summary: 'a function, FILE:LINE, or *ADDR (a code address)' }],
  async run(ctx, { args }) {
    const arg = args.word('LOCATION')!;
    if (arg.startsWith('*')) {
      if (!/^\*(0x[0-9a-f]+|\d+)$/i.test(arg)) return fail('usage', `"${arg}" is not an address`, 'info line *0x7f3c12345678');
      const r = await ctx.session.call('traceLine', { addr: '0x' + BigInt(arg.slice(1)).toString(16) });
      if (!r) return fail('no-line', `No line number information available for address ${arg.slice(1)}`);
      return ok('info-line', { name: null, lines: [{ ...r, breakpoint: null }] });
    }
    const fileLine = /^(.+):(\d+)$/.exec(arg);
    if (fileLine) {
      const src = resolveSource(fileLine[1]);
      if ('error' in src) return fail('no-source', src.error, src.hint);
      const n = Number(fileLine[2]);
      if (n < 1 || n > src.lines.length) return fail('no-line', `Line number ${n} is out of range for "${src.rel}" (${src.lines.length} lines).`);
      const r = await ctx.session.call('traceLineAt', { file: src.rel, line: n });
      if (!r) return fail('no-line', `Line ${n} of "${src.rel}" has no code in this build`, 'is the file compiled into the build? (info line FUNC)');
      const line: InfoLine = { ...r, breakpoint: null, ...(r.line !== n ? { asked: n } : {}) };
      return ok('info-line', { name: null, lines: [line] });
    }
    if (!/^[A-Za-z_]\w*$/.test(arg)) return fail('usage', `"${arg}" is not a function name`, `usage: ${usageOf(this)}`);
    const defs = (await ctx.session.call('traceSymbols', { name: arg })).filter((d) => d.func && d.range);
    if (!defs.length) return fail('no-function', `Function "${arg}" not defined.`, 'names are C functions of the DPDK build, e.g. pmd_pcap_probe');
    const lines: InfoLine[] = defs.map((d) => ({ ...d.range!, breakpoint: d.breakpoint ? { file: d.breakpoint.file, line: d.breakpoint.line } : null }));
    return ok('info-line', { name: arg, lines });
  },
};
