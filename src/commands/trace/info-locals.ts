// info locals: the selected frame's locals as they were when the PMD probe was entered.
import type { CommandSpec } from '../types.js';
import { fail, ok } from '../types.js';
import { noValues, selectedFrame } from './frame.js';

export const infoLocals: CommandSpec = {
  path: ['info', 'locals'],
  section: 'Trace',
  usage: 'info locals',
  summary: "the selected frame's locals (values recorded at probe entry)",
  details: "Frame 0's locals are not set yet: the chain is recorded as the PMD probe is entered.",
  async run(ctx, argv) {
    if (argv.length) return fail('usage', `info locals takes no arguments`, "select a frame first with 'frame N'");
    const sel = await selectedFrame(ctx);
    if (!('rec' in sel)) return sel;
    const { rec, n, f } = sel;
    if (n === 0) return fail('no-values', `frame 0 (${f.fn}) had just been entered: its locals were not set yet`, "'up' then 'info locals' shows the caller's");
    if (!f.locals) return noValues(n, f);
    return ok('frame-vars', { probeId: rec.id, n, fn: f.fn, what: 'locals', vars: f.locals });
  },
};
