// fix N: run proved fix N of the last diagnosis, its commands in order, each shown as it runs
// (like typing them); stops at the first command that fails.
import type { CommandSpec } from '../types.js';
import { fail, ok } from '../types.js';
import type { FixData, FixStep } from '../../results/diagnose.js';


export const fix: CommandSpec = {
  path: ['fix'],
  section: 'Diagnose',
  summary: 'run proved fix N (default 1) of the last diagnosis, step by step',
  details: `Runs the commands of fix N as shown under the last diagnosis (a failed probe's or diagnose's),
in order, each with its own output; stops at the first that fails. Only proved fixes run: a fix
that needs steps on the host (a directory, an interface, privileges) is yours to take.`,
  args: [{ name: 'N', kind: 'number', optional: true, summary: 'which proved fix (default 1)' }],
  async run(ctx, { args }) {
    const d = ctx.session.lastDiagnosis;
    if (!d) return fail('no-diagnosis', 'no diagnosis yet', "a failed probe or 'diagnose DEVARGS' gives one");
    const n = args.number('N') ?? 1;
    if (n < 1) return fail('usage', 'fixes are numbered from 1', 'fix N, N from 1');
    const f = d.fixes[n - 1];
    if (!f) return fail('no-such-fix', `the last diagnosis (${d.cause}) has ${d.fixes.length ? `fixes 1-${d.fixes.length}` : 'no fix'}`, d.fixes.length ? `fix 1 .. fix ${d.fixes.length}` : undefined);
    if (!f.verified) {
      return fail('fix-not-proved', `fix ${n} is not proved${f.tried ? ` (DPDK refused it: ${f.tried})` : f.note ? ` (${f.note})` : ''}`,
        f.host?.length ? `its host steps are yours: ${f.host.join(' / ')}` : 'type its commands yourself if you want to try it');
    }
    const steps: FixStep[] = [];
    for (const command of f.commands) {
      const r = await ctx.runLine(command);
      steps.push({ command, ok: !!r?.ok, ...(r?.error ? { code: r.error.code, message: r.error.message } : {}) });
      if (!r?.ok) break;
    }
    const data: FixData = { n, cause: d.cause, commands: f.commands, steps, done: steps.length === f.commands.length && steps.every((s) => s.ok) };
    if (data.done) return ok('fix', data);
    const bad = steps[steps.length - 1];
    return fail('fix-failed', `fix ${n} stopped at step ${steps.length} of ${f.commands.length}: ${bad.command} (${bad.code ?? 'failed'})`, 'the host or session changed since the proof; diagnose again', data, [], 'fix');
  },
};
