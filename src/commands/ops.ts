// ops PORT [--set]: the port's struct eth_dev_ops, slot by slot in the struct's own order (read
// from DWARF), each with the function it points to; and the burst functions.
import type { CommandSpec } from './types.js';
import { fail, ok } from './types.js';
import { isFailure, resolvePort } from './args.js';

export const ops: CommandSpec = {
  path: ['ops'],
  section: 'Inspect',
  usage: 'ops PORT [--set|--all]',
  summary: "a port's eth_dev_ops table and burst functions, with source locations",
  details: 'By default only the slots the driver set are listed (the NULL ones are counted): that is what\nthe driver implements. --all lists every slot in struct order, NULLs included.',
  args: ['port'],
  async run(ctx, argv) {
    const flags = argv.filter((a) => a.startsWith('-'));
    const bad = flags.find((f) => f !== '--set' && f !== '--all');
    if (bad) return fail('usage', `unknown option ${bad}`, `usage: ${this.usage}`);
    const port = await resolvePort(ctx, argv.find((a) => !a.startsWith('-')), this.usage);
    if (isFailure(port)) return port;
    const r = await ctx.session.call('ops', { port: port.port });
    if (!r) return fail('no-such-port', `no port ${port.port}`);
    const burst = Object.fromEntries(Object.entries(r.devBurst).map(([k, f]) => [k, f?.fn ?? null]));
    return ok('ops', {
      port: port.port, name: port.name, driver: port.driver, started: port.started, all: flags.includes('--all'),
      table: r.table, ops: r.slots.map((s) => ({ slot: s.slot, fn: s.fn, file: s.file, line: s.line, type: s.type })),
      burst, burstFrames: r.devBurst, fastPath: r.fpBurst,
    });
  },
};
