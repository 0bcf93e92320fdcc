// info wait: where the inferior's main thread is right now (eu-stack sample), and what that
// usually means. The UI runs it while a command is slow; it works at any time.
import type { CommandSpec } from '../types.js';
import { fail, ok } from '../types.js';
import { sampleStack } from '../../recovery/stack-sample.js';

export const infoWait: CommandSpec = {
  path: ['info', 'wait'],
  section: 'Inferior',
  attached: { needsEal: true },
  summary: "sample the inferior's stack: where it is waiting",
  args: [],
  async run(ctx) {
    const inf = ctx.session.inferior;
    if (!inf.alive || !inf.pid) return fail('inferior-down', `the EAL is not running (${inf.state})`, "type 'run' to start it");
    const s = await sampleStack(ctx.session, inf.pid);
    if (s.error) return fail('sample-failed', `could not sample pid ${inf.pid}: ${s.error}`, 'eu-stack (elfutils) must be installed and allowed to ptrace');
    return ok('inferior-wait', s);
  },
};
