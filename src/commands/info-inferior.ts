// info inferior: the child process that owns the EAL (gdb's word).
import type { CommandSpec } from './types.js';
import { ok } from './types.js';
import { targetLabel } from '../session/target.js';

export const infoInferior: CommandSpec = {
  path: ['info', 'inferior'],
  section: 'Inferior',
  summary: 'pid, state and EAL arguments of the process that runs DPDK',
  args: [],
  async run(ctx) {
    const inf = ctx.session.inferior;
    // A start under way is waited for: what it ended as is the answer, whenever this was typed.
    await inf.settled();
    const t = ctx.session.target;
    const ports = inf.alive || t ? (await ctx.session.ports()).length : 0;
    return ok('inferior', {
      pid: inf.pid ?? null, state: inf.state, ealArgs: inf.ealArgs, ports,
      initMs: inf.readyInfo?.ms ?? null, upSeconds: Math.round((Date.now() - inf.startedAt) / 100) / 10,
      death: inf.death ?? null, deaths: ctx.session.deaths.length, transport: inf.transport,
      // Which process the commands act on: the shell's own EAL, or an application (attach).
      target: t ? {
        kind: t.kind, label: targetLabel(t), pid: t.app.pid, prefix: t.app.prefix, exe: t.app.exe, runtimeDir: t.app.runtimeDir,
        version: t.version, since: t.since, ownPid: t.own?.pid ?? null, ...(t.why ? { why: t.why } : {}),
      } : { kind: 'own', label: targetLabel(null) },
    });
  },
};
