// show port summary all (and `ports`): one line per port.
import type { CommandSpec } from './types.js';
import { ok } from './types.js';

export const showPortSummary: CommandSpec = {
  path: ['show', 'port', 'summary'],
  aliases: [['ports']],
  section: 'Ports',
  attached: { readsTelemetry: true },
  summary: 'one line per port: id, name, driver, MAC, link, state',
  args: [{ name: 'PORT', kind: 'port-or-all', optional: true }],
  async run(ctx, { args }) {
    return ok('ports', { ports: args.ports('PORT') });
  },
};
