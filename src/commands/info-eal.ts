// info eal: the EAL's version and configuration as the running EAL reports it.
import type { CommandSpec } from './types.js';
import { ok } from './types.js';
import { targetLabel } from '../session/target.js';
import { dpdkBuild } from '../util/paths.js';

export const infoEal: CommandSpec = {
  path: ['info', 'eal'],
  section: 'Inferior',
  attached: { readsTelemetry: true },
  summary: 'DPDK version, EAL arguments, lcores, IOVA mode, hugepages, port limit',
  args: [],
  async run(ctx) {
    const info = await ctx.session.call('ealInfo', {});
    const t = ctx.session.target;
    if (t) {
      // Attached: the application's EAL arguments as it was started (/proc/PID/cmdline). The
      // lcores a secondary reports are its own, so they are left out.
      const { lcoreCount: _l, mainLcore: _m, ...shared } = info;
      return ok('eal', {
        ...shared, args: t.app.ealArgs, appArgs: t.app.appArgs, pid: t.app.pid, binary: t.app.exe, prefix: t.app.prefix,
        runtimeDir: t.app.runtimeDir, processType: 'primary', target: targetLabel(t),
        ...(t.kind === 'app' ? { secondary: { pid: ctx.session.inferior.pid ?? null, args: ctx.session.inferior.ealArgs } } : { readOnly: true }),
      });
    }
    const startFailures = await ctx.session.startFailuresOf();
    return ok('eal', { ...info, buildtype: dpdkBuild().buildtype, ...(startFailures.length ? { startFailures } : {}) });
  },
};
