import type { CommandResult } from '../commands/types.js';
import type { Style } from './style.js';

/** Renders one kind of result as lines of text. */
export type Formatter = (r: CommandResult<any>, s: Style) => string[];
