// info args: the selected frame's arguments as they were when the PMD probe was entered.
import type { CommandSpec } from '../types.js';
import { fail, ok } from '../types.js';
import { noValues, selectedFrame } from './frame.js';

export const infoArgs: CommandSpec = {
  path: ['info', 'args'],
  section: 'Trace',
  usage: 'info args',
  summary: "the selected frame's arguments (values recorded at probe entry)",
  async run(ctx, argv) {
    if (argv.length) return fail('usage', `info args takes no arguments`, "select a frame first with 'frame N'");
    const sel = await selectedFrame(ctx);
    if (!('rec' in sel)) return sel;
    const { rec, n, f } = sel;
    if (!f.args) return noValues(n, f);
    return ok('frame-vars', { probeId: rec.id, n, fn: f.fn, what: 'args', vars: f.args });
  },
};
