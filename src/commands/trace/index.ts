// Commands of the trace area, one file each; the registry adds this list to the command table.
// (bt, ops and info probes predate the area folder and stay in src/commands/.)
import type { CommandSpec } from '../types.js';
import { frame } from './frame.js';
import { list } from './list.js';
import { infoSymbol } from './info-symbol.js';
import { infoLine } from './info-line.js';
import { opsDiff } from './ops-diff.js';
import { up } from './up.js';
import { down } from './down.js';
import { infoArgs } from './info-args.js';
import { infoLocals } from './info-locals.js';
import { infoFrame } from './info-frame.js';

export const traceCommands: CommandSpec[] = [frame, up, down, infoArgs, infoLocals, infoFrame, list, infoSymbol, infoLine, opsDiff];
