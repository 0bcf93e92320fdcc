// up [N]: select the frame N levels toward the caller (rte_eal_hotplug_add), as gdb's up.
import { frameMover } from './frame.js';

export const up = frameMover('up', 1, 'select the calling frame (N levels up the probe chain) and show it');
