// down [N]: select the frame N levels toward the PMD probe (frame 0), as gdb's down.
import type { CommandSpec } from '../types.js';
import { moveFrame } from './frame.js';

export const down: CommandSpec = {
  path: ['down'],
  section: 'Trace',
  usage: 'down [N]',
  summary: 'select the called frame (N levels down, toward the PMD probe) and show it',
  args: [{ name: 'N', kind: 'word', optional: true, summary: 'how many frames (default 1)' }],
  async run(ctx, argv) {
    return moveFrame(ctx, argv, this.usage, -1);
  },
};
