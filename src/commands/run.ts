// run [EAL ARGS] / restart [EAL ARGS]: start a fresh EAL in a new inferior.
import type { CommandSpec } from './types.js';
import { fail, ok } from './types.js';
import { DEFAULT_EAL_ARGS } from '../session/inferior.js';

export const run: CommandSpec = {
  path: ['run'],
  aliases: [['restart']],
  section: 'Inferior',
  untimed: true,
  managesEal: true,
  summary: 'start the EAL again in a new inferior (same arguments unless given)',
  args: [{ name: 'EAL_ARG', kind: 'words', optional: true, summary: "the EAL's arguments, as a DPDK application takes them (none: the same as before, or the last that started after a failed start)" }],
  details: 'Ports attached in the old inferior are gone; the probe history (bt) stays.\nExample: run --no-huge -m 128 --no-pci -l 0 --log-level=pmd.net.pcap:debug',
  async run(ctx, { args: given }) {
    // A bare `run` after an EAL that failed to start goes back to the last arguments that worked.
    const failedBefore = ctx.session.inferior.state === 'init-failed';
    const args = given.words('EAL_ARG') ?? (failedBefore ? (ctx.session.lastGoodArgs ?? DEFAULT_EAL_ARGS) : ctx.session.ealArgs);
    try {
      await ctx.session.restart(args);
    } catch (e) {
      const err = e as Error;
      const inf = ctx.session.inferior;
      // getopt and the EAL usage text go to stdout/stderr, not through rte_log: show them too.
      const raw = [...(inf.readyInfo?.log ?? []), ...inf.takeConsole().map((text) => ({ text }))];
      // The EAL's 100-line usage text says nothing about what was wrong: keep one line for it.
      const usage = raw.findIndex((l) => l.text.startsWith('Usage: '));
      const isUsage = (t: string): boolean => !/^(EAL|vdev-shell): /.test(t);
      const log = usage < 0 ? raw : [...raw.slice(0, usage), { text: `${raw[usage].text} ... (EAL usage text omitted)` },
        ...raw.slice(usage).filter((l) => !isUsage(l.text))];
      return fail('eal-init-failed', `the EAL did not start: ${err.message}`,
        `check the EAL arguments (DPDK's lines above say what it rejected); a bare 'run' goes back to: ${(ctx.session.lastGoodArgs ?? DEFAULT_EAL_ARGS).join(' ')}`,
        { ealArgs: args, state: inf.state }, log);
    }
    const inf = ctx.session.inferior;
    return ok('inferior', { pid: inf.pid, state: inf.state, ealArgs: inf.ealArgs, initMs: inf.readyInfo?.ms ?? null }, await inf.initLog());
  },
};
