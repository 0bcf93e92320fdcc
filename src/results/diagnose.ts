// Data of the diagnose area's results: a diagnosis, fix N of it, and the static check
// (src/diagnose/check.ts).
import type { Diagnosis } from '../diagnose/types.js';

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
