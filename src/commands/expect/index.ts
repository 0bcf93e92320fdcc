// The `expect` assertions that make a .vsh script a test and check a lesson step, one command
// each; the registry adds this list to the command table.
import type { CommandSpec } from '../types.js';
import { expectFail, expectLog, expectOk, expectShown } from './result.js';
import { expectBurst, expectDriver, expectFile, expectFrame, expectMac, expectPorts } from './state.js';

export const expectCommands: CommandSpec[] = [expectOk, expectFail, expectLog, expectMac, expectFile, expectPorts, expectShown, expectFrame, expectDriver, expectBurst];
