// recovery [restore|clean] [timeout MS]: what the shell does after the inferior dies, and how
// long a command may run before it is cancelled.
import type { CommandSpec } from '../types.js';
import { fail, ok } from '../types.js';

export const recovery: CommandSpec = {
  path: ['recovery'],
  section: 'Inferior',
  usage: 'recovery [restore|clean] [timeout MS]',
  summary: 'after a crash: restore the attached devices (default) or start clean; command timeout',
  details: `restore  after a crash, rte_exit or cancelled hang, re-probe what was attached, in order
clean    start an empty EAL instead
timeout MS  cancel a command after MS ms (0 = never); also --timeout and VDEV_SHELL_TIMEOUT_MS`,
  args: [{ name: 'SETTINGS', kind: 'text', optional: true, summary: 'restore or clean, and/or timeout MS' }],
  async run(ctx, { argv }) {
    const st = ctx.session.recovery;
    for (let i = 0; i < argv.length; i++) {
      const a = argv[i];
      if (a === 'restore' || a === 'clean') st.policy = a;
      else if (a === 'timeout') {
        const v = argv[++i];
        if (v === undefined || !/^\d+$/.test(v)) return fail('bad-argument', 'timeout needs a number of milliseconds', 'e.g. recovery timeout 5000 (0 = never)');
        st.timeoutMs = Number(v);
      } else return fail('bad-argument', `unknown recovery setting "${a}"`, 'usage: recovery [restore|clean] [timeout MS]');
    }
    return ok('recovery', { policy: st.policy, timeoutMs: st.timeoutMs, slowMs: st.slowMs, deaths: st.deaths.length });
  },
};
