// Formatters for the trace area's result kinds.
import type { Formatter } from '../types.js';

export const traceFormatters: Record<string, Formatter> = {};
