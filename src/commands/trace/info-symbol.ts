// info symbol ADDR: which symbol an address is in, as gdb says it.
import type { CommandSpec } from '../types.js';
import { fail, ok } from '../types.js';

export const infoSymbol: CommandSpec = {
  path: ['info', 'symbol'],
  section: 'Trace',
  summary: 'the symbol (function or object) an address of the inferior belongs to',
  details: 'ADDR as hex (0x7f...) or decimal, e.g. an address from ops, bt or a pointer value in bt full.',
  args: [{ name: 'ADDR', kind: 'word', summary: 'an address: 0x7f3c12345678, *0x..., or decimal' }],
  async run(ctx, { args }) {
    const given = args.word('ADDR')!;
    const raw = given.replace(/^\*/, '');
    if (!/^(0x[0-9a-f]+|\d+)$/i.test(raw)) return fail('usage', `"${given}" is not an address`, 'give it as 0x7f3c12345678 or in decimal');
    const addr = '0x' + BigInt(raw).toString(16);
    const s = await ctx.session.call('traceSymbolAt', { addr });
    if (!s) return fail('no-symbol', `No symbol matches ${given}.`, 'addresses on the heap or the stack belong to no symbol');
    return ok('info-symbol', { addr, fn: s.fn, offset: s.offset, section: s.section, module: s.module, file: s.frame.file, line: s.frame.line });
  },
};
