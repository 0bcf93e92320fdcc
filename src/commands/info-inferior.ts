// info inferior: the child process that owns the EAL (gdb's word).
import type { CommandSpec } from './types.js';
import { ok } from './types.js';

export const infoInferior: CommandSpec = {
  path: ['info', 'inferior'],
  section: 'Inferior',
  usage: 'info inferior',
  summary: 'pid, state and EAL arguments of the process that runs DPDK',
  async run(ctx) {
    const inf = ctx.session.inferior;
    const ports = inf.alive ? (await ctx.session.ports()).length : 0;
    return ok('inferior', {
      pid: inf.pid ?? null, state: inf.state, ealArgs: inf.ealArgs, ports,
      initMs: inf.readyInfo?.ms ?? null, upSeconds: Math.round((Date.now() - inf.startedAt) / 100) / 10,
      death: inf.death ?? null, deaths: ctx.session.deaths.length, transport: inf.transport,
    });
  },
};
