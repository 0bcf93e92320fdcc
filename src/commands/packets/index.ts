// Commands of the packets area, one file each; the registry adds this list to the command table.
import type { CommandSpec } from '../types.js';
import { portStart } from './port-start.js';
import { portStop } from './port-stop.js';
import { tx } from './tx.js';
import { rx } from './rx.js';
import { fwd } from './fwd.js';
import { capture } from './capture.js';
import { captureStop } from './capture-stop.js';
import { pcap } from './pcap.js';
import { showPortXstats } from './show-port-xstats.js';
import { clearPortStats } from './clear-port-stats.js';

export const packetsCommands: CommandSpec[] = [portStart, portStop, tx, rx, fwd, capture, captureStop, pcap, showPortXstats, clearPortStats];
