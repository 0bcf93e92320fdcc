// The recovery area's result kinds and their data: a death (src/recovery/types.ts DeathData), bt
// of a probe that crashed, the settings, the deaths so far, a stack sample, a probe the pre-flight
// trial refused.
import type { CrashReport, DeathData, HangSample } from '../recovery/types.js';
import type { PreflightResult } from '../recovery/preflight.js';

export interface CrashBtData { probeId: number; input: string; devargs: string | null; full: boolean; crash: CrashReport }
export interface RecoveryData { policy: 'restore' | 'clean'; timeoutMs: number; slowMs: number; deaths: number }
/** A probe refused because its pre-flight trial crashed or hung a throwaway EAL. */
export interface PreflightRefusal { input: string; preflight: PreflightResult }
/** A command given up on: it did not return and was not waiting on the EAL (kind 'error'). */
export interface AbandonedData { command: string; how: 'timeout'; afterMs: number; abandoned: true }

/** The recovery area's result kinds: kind -> data (src/format/areas/recovery.ts formats each). */
export interface RecoveryKinds {
  crash: DeathData;
  'crash-bt': CrashBtData;
  crashes: { deaths: DeathData[] };
  recovery: RecoveryData;
  'inferior-wait': HangSample;
  preflight: PreflightRefusal;
}
