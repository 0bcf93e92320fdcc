// info probes: the probe history that bt reads.
import type { CommandSpec } from './types.js';
import { ok } from './types.js';

export const infoProbes: CommandSpec = {
  path: ['info', 'probes'],
  section: 'Trace',
  summary: 'every probe of this session with its outcome (ids for bt)',
  args: [],
  async run(ctx) {
    return ok('probes', {
      probes: (await ctx.session.history()).map((p) => ({
        id: p.id, input: p.input, ok: p.ok, ret: p.ret, driver: p.driver, port: p.port?.port ?? null,
        // 'recorded': kept by the inferior until bt asks; 'loaded': fetched; 'lost': gone with its EAL
        chain: p.frames.length ? 'loaded' : p.chainSeq !== undefined ? 'recorded' : p.chainLost ? 'lost' : 'none',
      })),
    });
  },
};
