// The Learn section: explain (topics) and lesson (guided steps checked on the live EAL).
import type { CommandSpec } from './types.js';
import { explain } from './explain.js';
import { lesson } from './lesson.js';

export const teachCommands: CommandSpec[] = [explain, lesson];
