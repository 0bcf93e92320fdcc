// The result kinds of attach and detach (joining a running DPDK application, src/target) and their data.
import type { BuildSide } from '../session/target-attach.js';

export interface AttachData {
  kind: 'app' | 'telemetry';
  pid: number;
  prefix: string;
  exe: string | null;
  label: string;
  version: string | null;
  /** The application's EAL arguments (its /proc/PID/cmdline before "--"). */
  ealArgs: string[];
  ports: { port: number; name: string; driver?: string; mac?: string; started: boolean }[];
  /** Ports of the application the shell's secondary does not see (its build has no driver for them). */
  unseen: { port: number; name: string }[];
  /** The shell's secondary process (app), or null (telemetry). */
  secondaryPid: number | null;
  ms: number;
}
/** attach that could not join: which application, and both sides' DPDK builds when they differ. */
export interface AttachFailure { pid: number; prefix: string; exe: string | null; builds?: { app: BuildSide; shell: BuildSide }; telemetry?: unknown }

export interface DetachedData {
  pid: number; prefix: string; exe: string | null; kind: 'app' | 'telemetry'; alive: boolean; ownPid: number | null; ownState: string; ms: number;
}

/** attach's result kinds: kind -> data (src/format/areas/attach.ts formats each). */
export interface AttachKinds {
  attach: AttachData | AttachFailure;
  detached: DetachedData;
}
