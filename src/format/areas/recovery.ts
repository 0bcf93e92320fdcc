// Formatters for the recovery area's result kinds.
import type { Formatter } from '../types.js';

export const recoveryFormatters: Record<string, Formatter> = {};
