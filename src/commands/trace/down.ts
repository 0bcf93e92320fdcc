// down [N]: select the frame N levels toward the PMD probe (frame 0), as gdb's down.
import type { CommandSpec } from '../types.js';
import { fail } from '../types.js';
import { traceState } from '../../trace/state.js';
import { chainProbe, showFrame } from './frame.js';

export const down: CommandSpec = {
  path: ['down'],
  section: 'Trace',
  usage: 'down [N]',
  summary: 'select the called frame (N levels down, toward the PMD probe) and show it',
  args: ['text'],
  async run(ctx, argv) {
    if (argv.length > 1 || (argv[0] !== undefined && !/^\d+$/.test(argv[0]))) return fail('usage', `"${argv.join(' ')}" is not a number of frames`, `usage: ${this.usage}`);
    const rec = chainProbe(ctx);
    if (!('frames' in rec)) return rec;
    const cur = traceState(ctx.session).frame;
    if (cur === 0) return fail('no-frame', 'Bottom (innermost) frame selected; you cannot go down.', 'frame 0 is the PMD probe');
    return showFrame(ctx, rec, Math.max(0, cur - Number(argv[0] ?? 1)));
  },
};
