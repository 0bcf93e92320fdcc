// info frame: the selected frame in detail (gdb's `info frame`): its CFA, pc, caller and callee,
// and the argument values recorded at probe entry.
import type { CommandSpec } from '../types.js';
import { ok } from '../types.js';
import { chainProbe } from './frame.js';

export const infoFrame: CommandSpec = {
  path: ['info', 'frame'],
  section: 'Trace',
  summary: 'the selected frame in detail: frame address (CFA), pc, caller, callee, arguments',
  details: "Frame 0's pc is where `break PMD_PROBE` stops; the others are return addresses (their line\nis the call's). \"frame at\" is the canonical frame address, as gdb prints it.",
  args: [],
  async run(ctx) {
    const rec = await chainProbe(ctx);
    if (!('frames' in rec)) return rec;
    const n = ctx.session.trace.frame;
    const f = rec.frames[n];
    return ok('info-frame', {
      probeId: rec.id, n, frame: f, cfa: f.cfa ?? null,
      caller: rec.frames[n + 1] ? { n: n + 1, fn: rec.frames[n + 1].fn, cfa: rec.frames[n + 1].cfa ?? null } : null,
      callee: n > 0 ? { n: n - 1, fn: rec.frames[n - 1].fn, cfa: rec.frames[n - 1].cfa ?? null } : null,
    });
  },
};
