// info crashes: every death of the inferior in this session (crash, rte_exit, cancelled hang),
// where it happened and what came back.
import type { CommandSpec } from '../types.js';
import { ok } from '../types.js';

export const infoCrashes: CommandSpec = {
  path: ['info', 'crashes'],
  section: 'Inferior',
  summary: 'crashes, exits and cancelled hangs of the inferior in this session',
  args: [],
  async run(ctx) {
    return ok('crashes', { deaths: ctx.session.recovery.deaths });
  },
};
