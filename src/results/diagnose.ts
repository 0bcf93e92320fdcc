// The diagnose area's result kinds and their data: a diagnosis, fix N of it, and the static
// check (its data, CheckResult, is src/diagnose/check.ts's).
import type { Diagnosis } from '../diagnose/types.js';
import type { CheckResult } from '../diagnose/check.js';

export interface DiagnoseData {
  /** 'probe' = a probe of this session (probeId), 'scratch' = DEVARGS probed in a throwaway EAL. */
  source: 'probe' | 'scratch' | 'session';
  input: string | null;
  probeId?: number;
  /** DEVARGS attached fine in the throwaway EAL (nothing to diagnose). */
  attached?: { port: number; mac?: string } | null;
  diagnosis: Diagnosis | null;
  explain: boolean;
  message?: string;
}

export interface FixStep { command: string; ok: boolean; code?: string; message?: string }
export interface FixData { n: number; cause: string; commands: string[]; steps: FixStep[]; done: boolean }

/** The diagnose area's result kinds: kind -> data (src/format/areas/diagnose.ts formats each). */
export interface DiagnoseKinds {
  diagnosis: DiagnoseData;
  check: CheckResult;
  fix: FixData;
}
