// info args: the selected frame's arguments as they were when the PMD probe was entered.
import type { CommandSpec } from '../types.js';
import { frameVars } from './frame.js';

export const infoArgs: CommandSpec = {
  path: ['info', 'args'],
  section: 'Trace',
  summary: "the selected frame's arguments (values recorded at probe entry)",
  args: [],
  run: (ctx) => frameVars(ctx, 'args'),
};
