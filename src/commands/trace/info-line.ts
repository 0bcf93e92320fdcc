// info line FUNC | *ADDR: the source line and the code addresses it spans, as gdb says it.
import type { CommandSpec } from '../types.js';
import { fail, ok } from '../types.js';
import type { TraceLineRange } from '../../session/protocol-trace.js';

export const infoLine: CommandSpec = {
  path: ['info', 'line'],
  section: 'Trace',
  usage: 'info line FUNC | *ADDR',
  summary: "a function's first line and the addresses it spans (and where `break FUNC` stops)",
  details: 'Each definition of a static function that several drivers define is listed.',
  args: ['function'],
  async run(ctx, argv) {
    if (argv.length !== 1) return fail('usage', argv.length ? `too many arguments: ${argv.join(' ')}` : 'missing FUNC', `usage: ${this.usage}`);
    const arg = argv[0];
    if (arg.startsWith('*')) {
      if (!/^\*(0x[0-9a-f]+|\d+)$/i.test(arg)) return fail('usage', `"${arg}" is not an address`, 'info line *0x7f3c12345678');
      const r = await ctx.session.call('traceLine', { addr: '0x' + BigInt(arg.slice(1)).toString(16) });
      if (!r) return fail('no-line', `No line number information available for address ${arg.slice(1)}`);
      return ok('info-line', { name: null, lines: [{ ...r, breakpoint: null }] });
    }
    if (!/^[A-Za-z_]\w*$/.test(arg)) return fail('usage', `"${arg}" is not a function name`, `usage: ${this.usage}`);
    const defs = (await ctx.session.call('traceSymbols', { name: arg })).filter((d) => d.func && d.range);
    if (!defs.length) return fail('no-function', `Function "${arg}" not defined.`, 'names are C functions of the DPDK build, e.g. pmd_pcap_probe');
    const lines: (TraceLineRange & { breakpoint: { file: string | null; line: number | null } | null })[] = defs.map((d) => ({
      ...d.range!, breakpoint: d.breakpoint ? { file: d.breakpoint.file, line: d.breakpoint.line } : null,
    }));
    return ok('info-line', { name: arg, lines });
  },
};
