// up [N]: select the frame N levels toward the caller (rte_eal_hotplug_add), as gdb's up.
import type { CommandSpec } from '../types.js';
import { moveFrame } from './frame.js';

export const up: CommandSpec = {
  path: ['up'],
  section: 'Trace',
  usage: 'up [N]',
  summary: 'select the calling frame (N levels up the probe chain) and show it',
  args: [{ name: 'N', kind: 'word', optional: true, summary: 'how many frames (default 1)' }],
  async run(ctx, argv) {
    return moveFrame(ctx, argv, this.usage, 1);
  },
};
