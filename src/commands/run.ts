// run [EAL ARGS] / restart [EAL ARGS]: start a fresh EAL in a new inferior.
import type { CommandSpec } from './types.js';
import { fail, ok } from './types.js';
import { splitWords } from '../util/words.js';

export const run: CommandSpec = {
  path: ['run'],
  aliases: [['restart']],
  section: 'Inferior',
  usage: 'run [EAL ARGS...]',
  summary: 'start the EAL again in a new inferior (same arguments unless given)',
  details: 'Ports attached in the old inferior are gone; the probe history (bt) stays.\nExample: run --no-huge -m 128 --no-pci -l 0 --log-level=pmd.net.pcap:debug',
  async run(ctx, _argv, rest) {
    const args = rest.trim() ? splitWords(rest) : ctx.session.ealArgs;
    try {
      await ctx.session.restart(args);
    } catch (e) {
      const err = e as Error;
      return fail('eal-init-failed', `the EAL did not start: ${err.message}`, 'check the EAL arguments; the DPDK lines say what it rejected',
        { ealArgs: args }, (ctx.session.inferior.readyInfo?.log ?? []), 'inferior');
    }
    const inf = ctx.session.inferior;
    return ok('inferior', { pid: inf.pid, state: inf.state, ealArgs: inf.ealArgs, initMs: inf.readyInfo?.ms ?? null }, inf.readyInfo?.log ?? []);
  },
};
