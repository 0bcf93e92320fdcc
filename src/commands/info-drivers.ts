// info drivers: every vdev driver in this build, from the registered drivers and their
// PMD_INFO_STRING parameter strings.
import type { CommandSpec } from './types.js';
import { ok } from './types.js';

export const infoDrivers: CommandSpec = {
  path: ['info', 'drivers'],
  section: 'Devices',
  summary: 'the vdev drivers of this build with their aliases and keys',
  args: [],
  async run(ctx) {
    return ok('drivers', { drivers: await ctx.session.drivers() });
  },
};
