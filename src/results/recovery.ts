// Data of the recovery area's results: a death (kind 'crash', src/recovery/types.ts DeathData),
// bt of a probe that crashed, the settings, the deaths so far, a stack sample.
import type { CrashReport } from '../recovery/types.js';

export interface CrashBtData { probeId: number; input: string; devargs: string | null; full: boolean; crash: CrashReport }
export interface RecoveryData { policy: 'restore' | 'clean'; timeoutMs: number; slowMs: number; deaths: number }
/** A command given up on: it did not return and was not waiting on the EAL (kind 'error'). */
export interface AbandonedData { command: string; how: 'timeout'; afterMs: number; abandoned: true }
