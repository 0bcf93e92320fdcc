// info args: the selected frame's arguments as they were when the PMD probe was entered.
import type { CommandSpec } from '../types.js';
import { fail, ok } from '../types.js';
import { traceState } from '../../trace/state.js';
import { chainProbe } from './frame.js';

export const infoArgs: CommandSpec = {
  path: ['info', 'args'],
  section: 'Trace',
  usage: 'info args',
  summary: "the selected frame's arguments (values recorded at probe entry)",
  async run(ctx, argv) {
    if (argv.length) return fail('usage', `info args takes no arguments`, "select a frame first with 'frame N'");
    const rec = chainProbe(ctx);
    if (!('frames' in rec)) return rec;
    const n = traceState(ctx.session).frame;
    const f = rec.frames[n];
    if (!f.args) return fail('no-values', `no values were recorded for frame ${n} (${f.fn ?? '??'})`, f.origin === 'shell' ? "it is the shell's own frame" : 'values are read only for DPDK frames with DWARF');
    return ok('frame-vars', { probeId: rec.id, n, fn: f.fn, what: 'args', vars: f.args });
  },
};
