// ops PORT [--set|--all]: the port's struct eth_dev_ops, slot by slot in the struct's own order (read
// from DWARF), each with the function it points to; and the burst functions.
import { dpdkLabel } from '../util/paths.js';
import type { CommandSpec } from './types.js';
import { fail, ok } from './types.js';

export const ops: CommandSpec = {
  path: ['ops'],
  section: 'Inspect',
  attached: { needsEal: true },
  summary: "a port's eth_dev_ops table and burst functions, with source locations",
  details: [
    'Slot names and order come from the DWARF of struct eth_dev_ops, the pointers from the running',
    "port's table, each resolved to its function and file:line.",
    'The default view is --set: only the slots the driver filled in (the NULL ones are counted).',
    'That is what the driver implements, ~15 lines instead of 113, and what the seed notes list;',
    'for a NULL slot ethdev has nothing to call (most rte_eth_* calls then return -ENOTSUP). --all lists every slot in struct',
    'order, NULLs included (the --json form always carries every slot).',
    "The burst functions are read from rte_eth_devices[PORT]; once the port is started ethdev copies",
    'them into rte_eth_fp_ops[PORT], which is shown when it differs. `ops diff A B` compares two ports.',
  ].join('\n'),
  args: [{ name: 'PORT', kind: 'port' }],
  options: [
    { name: '--set', summary: 'only the slots the driver set (the default)', excludes: ['--all'] },
    { name: '--all', summary: 'every slot, the NULL ones too' },
  ],
  async run(ctx, { options, args }) {
    const port = args.port('PORT');
    const r = await ctx.session.call('ops', { port: port.port });
    if (!r) return fail('no-such-port', `no port ${port.port}`);
    const burst = Object.fromEntries(Object.entries(r.devBurst).map(([k, f]) => [k, f?.fn ?? null]));
    return ok('ops', {
      port: port.port, name: port.name, driver: port.driver, started: port.started, all: options['--all'] === true,
      table: r.table, ops: r.slots.map((s) => ({ slot: s.slot, fn: s.fn, file: s.file, line: s.line, type: s.type })),
      burst, burstFrames: r.devBurst, fastPath: r.fpBurst, dpdk: dpdkLabel(),
    });
  },
};
