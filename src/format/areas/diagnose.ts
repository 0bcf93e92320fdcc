// Formatters for the diagnose area's result kinds.
import type { Formatter } from '../types.js';

export const diagnoseFormatters: Record<string, Formatter> = {};
