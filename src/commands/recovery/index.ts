// Commands of the recovery area, one file each; the registry adds this list to the command table.
import type { CommandSpec } from '../types.js';
import { infoCrashes } from './info-crashes.js';
import { infoWait } from './info-wait.js';
import { recovery } from './recovery.js';

export const recoveryCommands: CommandSpec[] = [infoCrashes, infoWait, recovery];
