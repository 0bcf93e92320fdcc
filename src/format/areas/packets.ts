// Formatters for the packets area's result kinds.
import type { Formatter } from '../types.js';

export const packetsFormatters: Record<string, Formatter> = {};
