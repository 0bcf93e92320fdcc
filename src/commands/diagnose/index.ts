// Commands of the diagnose area, one file each; the registry adds this list to the command table.
import type { CommandSpec } from '../types.js';
import { diagnose } from './diagnose.js';
import { check } from './check.js';
import { fix } from './fix.js';

export const diagnoseCommands: CommandSpec[] = [diagnose, check, fix];
