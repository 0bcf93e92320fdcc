// check DEVARGS: driver, keys, values, host paths and interfaces, privileges, name clashes, the
// port limit; what only the driver can tell is tried as given in a scratch EAL (src/diagnose/bare.ts).
// Fails (for `expect fail`) when it finds an error.
import type { CommandSpec } from '../types.js';
import { fail, ok } from '../types.js';
import { checkDevargs } from '../../diagnose/check.js';

export const check: CommandSpec = {
  path: ['check'],
  section: 'Diagnose',
  summary: 'check devargs before probing (driver, keys, paths, interfaces, clashes)',
  details: "Errors are causes the probe of these very devargs fails for. What only the driver can tell (a key it does not declare, no arguments at all) is tried as given in a scratch EAL when that leaves the host as it was, and remembered; otherwise check says the probe 'might' fail, and why. Never touches your EAL; 'diagnose DEVARGS' explains a failure and proves fixes.",
  args: [{ name: 'DEVARGS', kind: 'devargs' }],
  async run(ctx, { args }) {
    const r = await checkDevargs(ctx.session, args.word('DEVARGS')!, { learn: true });
    const err = r.findings.find((f) => f.severity === 'error');
    if (err) return { ...fail(err.code, err.message, err.hint, r, [], 'check') };
    return ok('check', r);
  },
};
