// Data shapes of the recovery area: what the shell reports when the inferior crashed, hung,
// or exited, and what it restored afterwards. Plain data: rendered by src/format/areas/recovery.ts.
import type { Frame } from '../protocol/ops.js';

export interface CrashReport {
  signo: number;
  /** SIGSEGV, SIGABRT, ... */
  signal: string;
  faultAddr: string;
  /** The innermost frame after the signal handler (the faulting instruction, exact pc). */
  top: Frame | null;
  /** The first DPDK frame, counting from the fault (for a SIGABRT in libc, the DPDK caller). */
  dpdkFrame: Frame | null;
  /** From the fault down to rte_eal_hotplug_add (or the shell's caller), renumbered from 0. */
  frames: Frame[];
  /** Every frame of the raw stack after the handler, for `bt full`. */
  allFrames: Frame[];
  /** How the addresses were translated into the live inferior: 'maps' or 'addon-base'. */
  via: 'maps' | 'addon-base' | 'none';
}

export interface HangSample {
  pid: number;
  /** Innermost first; the main thread of the inferior (the one serving commands). */
  frames: Frame[];
  /** The first DPDK frame: where DPDK is waiting. */
  dpdkFrame: Frame | null;
  /** The blocking call (accept, open, recvmsg, ...) if the top frame is one. */
  waitingIn: string | null;
  meaning: string;
  ms: number;
  error?: string;
}

export interface RestoredDevice { devargs: string; port?: number; ok: boolean; reason?: string; log?: string[] }

export interface RestoreReport {
  clean: boolean;
  pid: number | null;
  restored: RestoredDevice[];
  failed: RestoredDevice[];
  ms: number;
  error?: string;
}

/** data of a result whose command ended with the inferior dead (kind 'crash'). */
export interface DeathData {
  command: string;
  /** The devargs being probed when it died, if it was a probe. */
  devargs: string | null;
  probeId: number | null;
  driver: string | null;
  how: 'crash' | 'exit' | 'killed' | 'timeout' | 'interrupted';
  signal: string | null;
  exitCode: number | null;
  crash: CrashReport | null;
  hang: HangSample | null;
  /** DPDK's last lines before it died (rte_exit/rte_panic messages land here). */
  lastLog: string[];
  restore: RestoreReport | null;
  afterMs?: number;
}
