// down [N]: select the frame N levels toward the PMD probe (frame 0), as gdb's down.
import { frameMover } from './frame.js';

export const down = frameMover('down', -1, 'select the called frame (N levels down, toward the PMD probe) and show it');
