// source FILE: run the commands of a .vsh file, nested sources included.
import fs from 'node:fs';
import type { CommandSpec } from './types.js';
import { fail, ok } from './types.js';

export const source: CommandSpec = {
  path: ['source'],
  section: 'Scripts',
  untimed: true,
  summary: 'run the commands in a .vsh script (expect lines make it a test)',
  args: [{ name: 'FILE', kind: 'file', rest: true }],
  async run(ctx, { rest, args }) {
    const file = rest.trim();
    const full = args.file('FILE');
    if (!fs.existsSync(full)) return fail('no-such-file', `no script ${full}`, 'give a path relative to the current directory (or to the sourcing script)');
    const results = await ctx.runScript(full);
    const failed = results.filter((r) => !r.ok && !r.expected);
    const data = { file: full, commands: results.length, failed: failed.length, firstFailure: failed[0] ? { cmd: failed[0].cmd, error: failed[0].error } : null };
    return failed.length ? fail('script-failed', `${failed.length} of ${results.length} commands in ${file} failed; first: ${failed[0].cmd}`, failed[0].error?.message, data, [], 'source') : ok('source', data);
  },
};
