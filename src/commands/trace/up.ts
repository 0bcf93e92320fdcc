// up [N]: select the frame N levels toward the caller (rte_eal_hotplug_add), as gdb's up.
import type { CommandSpec } from '../types.js';
import { fail } from '../types.js';
import { traceState } from '../../trace/state.js';
import { chainProbe, showFrame } from './frame.js';

export const up: CommandSpec = {
  path: ['up'],
  section: 'Trace',
  usage: 'up [N]',
  summary: 'select the calling frame (N levels up the probe chain) and show it',
  args: ['text'],
  async run(ctx, argv) {
    if (argv.length > 1 || (argv[0] !== undefined && !/^\d+$/.test(argv[0]))) return fail('usage', `"${argv.join(' ')}" is not a number of frames`, `usage: ${this.usage}`);
    const rec = chainProbe(ctx);
    if (!('frames' in rec)) return rec;
    const cur = traceState(ctx.session).frame;
    if (cur >= rec.frames.length - 1) return fail('no-frame', 'Initial frame selected; you cannot go up.', "the outermost frame is the shell's own call of rte_eal_hotplug_add");
    return showFrame(ctx, rec, Math.min(rec.frames.length - 1, cur + Number(argv[0] ?? 1)));
  },
};
