// diagnose [--explain] [DEVARGS]: why the last failed probe failed, or why DEVARGS would fail
// (probed in a throwaway EAL), with fixes proved in a scratch EAL.
import { fixesForTarget } from '../../target/gate.js';
import type { CommandSpec } from '../types.js';
import { ok } from '../types.js';
import { diagnoseDevargs, diagnoseDown, diagnoseProbe } from '../../diagnose/diagnose.js';
import type { RawPort } from '../../protocol/ops.js';
import type { DiagnoseData } from '../../results/diagnose.js';

export const diagnose: CommandSpec = {
  path: ['diagnose'],
  aliases: [['why']],
  section: 'Diagnose',
  summary: 'why a probe failed: cause, evidence, and fixes proved in a scratch EAL',
  details: `diagnose            the last failed probe of this session
diagnose DEVARGS    probe DEVARGS in a throwaway EAL (never this session) and diagnose it
--explain           the longer text: what the vdev bus and rte_kvargs did
Fixes are tried in a scratch EAL and marked proved only when DPDK attached them there.`,
  args: [{ name: 'DEVARGS', kind: 'devargs', optional: true, summary: 'a device to diagnose in a scratch EAL; without it, the last failed probe' }],
  options: [{ name: '--explain', summary: 'the longer text: what the vdev bus and rte_kvargs did' }],
  async run(ctx, { args, options }) {
    const explain = options['--explain'] === true;
    const devargs = args.word('DEVARGS');
    if (devargs !== undefined) {
      ctx.session.prewarm();
      const r = await diagnoseDevargs(ctx.session, devargs);
      const port: RawPort | undefined = r.attempt.port;
      const data: DiagnoseData = {
        source: 'scratch', input: devargs, diagnosis: r.diagnosis, explain,
        attached: r.diagnosis ? null : port ? { port: port.port, mac: port.mac } : null,
        ...(r.diagnosis ? {} : { message: `${devargs} attaches in a fresh EAL: nothing to diagnose` }),
      };
      if (r.diagnosis) ctx.session.lastDiagnosis = r.diagnosis;
      return ok('diagnosis', data, r.attempt.log);
    }
    const rec = [...(await ctx.session.history())].reverse().find((p) => !p.ok);
    // A dead EAL is the first thing to fix, unless the last failed probe is what killed it.
    const diedInProbe = rec?.died && ctx.session.inferior.death?.during === 'hotplugAdd';
    if (!ctx.session.inferior.alive && !diedInProbe) {
      const down = await diagnoseDown(ctx.session);
      ctx.session.lastDiagnosis = down;
      return ok('diagnosis', { source: 'session', input: null, diagnosis: down, explain });
    }
    if (!rec) {
      return ok('diagnosis', { source: 'session', input: null, diagnosis: null, explain, message: ctx.session.probes.length ? 'no probe of this session has failed' : "no probe yet: 'diagnose DEVARGS' tries one in a throwaway EAL" });
    }
    // Attached: no fix that pulls a started port from under the application (src/target/gate.ts).
    const { diag: d, note } = await fixesForTarget(ctx.session, ctx.commands.match, await diagnoseProbe(ctx.session, rec));
    ctx.session.lastDiagnosis = d;
    return ok('diagnosis', { source: 'probe', input: rec.input, probeId: rec.id, diagnosis: d, explain }, note ? [...rec.log, { text: note }] : rec.log);
  },
};
