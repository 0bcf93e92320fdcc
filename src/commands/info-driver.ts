// info driver NAME: one driver's keys with the value syntax its parameter string declares.
import type { CommandSpec } from './types.js';
import { fail, ok } from './types.js';
import { nearest } from '../util/nearest.js';

export const infoDriver: CommandSpec = {
  path: ['info', 'driver'],
  section: 'Devices',
  summary: 'keys a vdev driver accepts and their syntax, as registered by the driver',
  args: [{ name: 'NAME', kind: 'driver' }],
  async run(ctx, { args }) {
    const name = args.word('NAME')!;
    const drivers = await ctx.session.drivers();
    const d = drivers.find((x) => x.name === name || x.alias === name) ?? (await ctx.session.claim(name));
    if (!d) {
      const names = drivers.flatMap((x) => [x.name, ...(x.alias ? [x.alias] : [])]);
      const near = nearest(name, names, 3);
      return fail('driver-unknown', `no vdev driver "${name}"`, near.length ? `did you mean ${near.join(', ')}?` : "'info drivers' lists them");
    }
    return ok('driver', { driver: d, claimedBy: d.name !== name && d.alias !== name ? name : undefined });
  },
};
