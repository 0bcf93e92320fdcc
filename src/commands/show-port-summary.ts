// show port summary all (and `ports`): one line per port.
import type { CommandSpec } from './types.js';
import { ok } from './types.js';

export const showPortSummary: CommandSpec = {
  path: ['show', 'port', 'summary'],
  aliases: [['ports']],
  section: 'Ports',
  attached: { readsTelemetry: true },
  usage: 'show port summary all',
  summary: 'one line per port: id, name, driver, MAC, link, state',
  args: ['port-or-all'],
  async run(ctx) {
    const ports = await ctx.session.ports();
    return ok('ports', { ports });
  },
};
