// check DEVARGS: the static check (no probe): driver, keys, values, host paths and interfaces,
// privileges, name clashes, the port limit. Fails (for `expect fail`) when it finds an error.
import type { CommandSpec } from '../types.js';
import { fail, ok } from '../types.js';
import { checkDevargs } from '../../diagnose/check.js';

export const check: CommandSpec = {
  path: ['check'],
  section: 'Diagnose',
  usage: 'check DEVARGS',
  summary: 'static check of devargs without probing (driver, keys, paths, interfaces, clashes)',
  details: "Fast enough to run as you type. Errors are causes the real probe would fail for; 'diagnose DEVARGS' probes in a throwaway EAL.",
  args: ['devargs'],
  async run(ctx, _argv, rest) {
    if (!rest.trim()) return fail('usage', 'missing DEVARGS', `usage: ${this.usage}`);
    const r = await checkDevargs(ctx.session, rest, { learn: true });
    const err = r.findings.find((f) => f.severity === 'error');
    if (err) return { ...fail(err.code, err.message, err.hint, r, [], 'check') };
    return ok('check', r);
  },
};
