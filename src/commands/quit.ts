// quit: detach everything (the inferior removes its devices) and leave.
import type { CommandSpec } from './types.js';
import { ok } from './types.js';

export const quit: CommandSpec = {
  path: ['quit'],
  aliases: [['exit'], ['q']],
  section: 'Support',
  notATry: true,
  untimed: true,
  managesEal: true,
  args: [],
  summary: "detach all devices, stop the EAL and exit (attached: the application's devices stay)",
  async run(ctx) {
    ctx.quit();
    return ok('quit', {});
  },
};
