// recovery [restore|clean] [timeout MS]: what the shell does after the inferior dies, and how
// long a command may run before it is cancelled.
import type { CommandSpec } from '../types.js';
import { ok } from '../types.js';

export const recovery: CommandSpec = {
  path: ['recovery'],
  section: 'Inferior',
  summary: 'after a crash: restore the attached devices (default) or start clean; command timeout',
  details: `restore re-probes what was attached, in order, after a crash, rte_exit or a cancelled hang;
clean starts an empty EAL instead. The timeout is also set by --timeout and VDEV_SHELL_TIMEOUT_MS.`,
  args: [{ name: 'POLICY', kind: 'word', oneOf: ['restore', 'clean'], optional: true, summary: 'what to do after a crash: restore (the default) or clean' }],
  keys: [{ name: 'timeout', value: 'MS', summary: 'cancel a command after MS ms (0 = never)', int: { min: 0, max: 86_400_000 } }],
  async run(ctx, { args }) {
    const st = ctx.session.recovery;
    const policy = args.word('POLICY');
    if (policy === 'restore' || policy === 'clean') st.policy = policy;
    if (args.values.timeout !== undefined) st.timeoutMs = args.int('timeout');
    return ok('recovery', { policy: st.policy, timeoutMs: st.timeoutMs, slowMs: st.slowMs, deaths: st.deaths.length });
  },
};
