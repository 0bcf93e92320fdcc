// info locals: the selected frame's locals as they were when the PMD probe was entered.
import type { CommandSpec } from '../types.js';
import { frameVars } from './frame.js';

export const infoLocals: CommandSpec = {
  path: ['info', 'locals'],
  section: 'Trace',
  summary: "the selected frame's locals (values recorded at probe entry)",
  details: "Frame 0's locals are not set yet: the chain is recorded as the PMD probe is entered.",
  args: [],
  run: (ctx) => frameVars(ctx, 'locals'),
};
