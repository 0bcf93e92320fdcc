// detach (gdb's word): leave the attached application as it was and go back to the shell's own
// EAL. `detach PORT|NAME` is still `port detach` (testpmd's), as it was before attach existed.
import type { CommandSpec } from './types.js';
import { fail, ok } from './types.js';
import { leaveTarget } from '../session/target-attach.js';
import { portDetach } from './port-detach.js';

export const detach: CommandSpec = {
  path: ['detach'],
  section: 'Inferior',
  variant: { given: 'PORT', name: 'port detach', attached: portDetach.attached! },
  summary: "leave the attached application (untouched) for the shell's own EAL; with PORT: port detach",
  details: "Without an argument: the shell's secondary process leaves the application, which keeps its\nports and devices; the session is back on the shell's own EAL, as it was before attach.\nWith PORT or NAME: the same as 'port detach' (testpmd's word).",
  args: [{ name: 'PORT', kind: 'device', optional: true, forms: ['PORT', 'NAME'] }],
  async run(ctx, line) {
    if (line.args.word('PORT') !== undefined) return portDetach.run.call(portDetach, ctx, line);
    const t = ctx.session.target;
    if (!t) return fail('not-attached', 'not attached to an application', "'attach PID' joins one; 'detach PORT' (or 'port detach') removes a device");
    const t0 = performance.now();
    await leaveTarget(ctx.session);
    const inf = ctx.session.inferior;
    return ok('detached', {
      pid: t.app.pid, prefix: t.app.prefix, exe: t.app.exe, kind: t.kind, alive: fsAlive(t.app.pid),
      ownPid: inf.pid ?? null, ownState: inf.state, ms: Math.round((performance.now() - t0) * 10) / 10,
    });
  },
};

function fsAlive(pid: number): boolean {
  try { process.kill(pid, 0); return true; } catch (e) { return (e as NodeJS.ErrnoException).code === 'EPERM'; }
}
