// What a diagnosis is: a stable cause code, one plain sentence, the evidence it rests on, and fixes
// ordered by likelihood, each marked verified only when DPDK attached it in a scratch EAL.
import type { Frame, LogLine, RawPort } from '../protocol/ops.js';
import type { DriverInfo } from '../session/drivers.js';
import type { Devargs, DevargsError } from '../devargs/parse.js';

export const CAUSES = [
  'key-wrong-driver', 'key-unknown', 'driver-unknown', 'name-in-use', 'port-limit',
  'file-missing', 'dir-missing', 'not-pcap', 'path-is-dir', 'iface-missing', 'iface-name-too-long',
  'iface-in-use', 'iface-down', 'value-invalid', 'value-missing', 'arg-missing', 'backend-missing', 'key-wrong-backend',
  'name-too-long', 'devargs-syntax', 'resource-exhausted', 'kernel-refused', 'multi-process', 'bus-wrong', 'permission',
  'inferior-down', 'crash', 'hang', 'no-rule',
] as const;
export type Cause = typeof CAUSES[number];

export interface Fix {
  /** Shell commands to type, in order, one per line; `fix N` runs them. */
  commands: string[];
  /** Steps outside the shell (a directory, an interface, privileges) the user takes first; never run by `fix N`. */
  host?: string[];
  /** True only when DPDK attached these devargs in a scratch EAL. */
  verified: boolean;
  why: string;
  /** When tried and refused: DPDK's first line of its own (or the EAL's). */
  tried?: string;
  /** Why it was not tried, or what the proof did differently (temp file, backend). */
  note?: string;
  /** What it gives up of what was asked (never the first fix when another exists). */
  changesIntent?: string;
  /** The same fix as the C call the user pasted, when they pasted one. */
  c?: string;
}

export interface Evidence {
  /** DPDK's lines, verbatim, with where each was logged. */
  log: LogLine[];
  ret: number | null;
  driver: string | null;
  /** Why the vdev bus gave the name to that driver. */
  matched: { matched: string; via: 'name' | 'alias' } | null;
  key?: string;
  value?: string | null;
  /** The DPDK code that logged the line the cause rests on. */
  site?: Frame;
  /** Further facts checked (host interfaces, files, ports). */
  facts: string[];
}

export interface Diagnosis {
  cause: Cause;
  summary: string;
  /** Longer teaching text (diagnose --explain). */
  explain: string[];
  evidence: Evidence;
  /** Failures DPDK meets after this cause once it is out of the way, in the order it meets them. */
  then?: { cause: Cause; summary: string; key?: string }[];
  fixes: Fix[];
  /** Where the failing probe ran: the user's session or a scratch EAL (diagnose DEVARGS). */
  where: 'session' | 'scratch';
  ms: number;
}

/** One probe outcome, from the user's session or from a scratch EAL. */
export interface Attempt {
  input: string;
  devargs: Devargs | null;
  parseError?: DevargsError;
  ret: number | null;
  driver: DriverInfo | null;
  matched: Evidence['matched'];
  ok: boolean;
  silentFailure: boolean;
  /** false when the name was NOT on the vdev bus before: a ret-0-no-port outcome is then the driver's own. */
  alreadyOnBus?: boolean;
  log: LogLine[];
  port?: RawPort;
  died?: boolean;
  /** How it died (signal, rte_exit) or that it did not return in time. */
  death?: { how: string; hung: boolean; lines: string[] };
}

/** A fix to try: devargs (plain form) plus shell steps the user runs first. */
export interface Candidate {
  devargs: string;
  /** Shell commands that run before the probe. */
  before?: string[];
  /** Steps on the host, outside the shell (never proved, never run by `fix N`). */
  host?: string[];
  why: string;
  /** Scratch-only set-up the proof needs (a vhost-user backend on this socket). */
  backend?: { socket: string };
  /** Not to be tried (would change the host); the reason is shown. */
  untried?: string;
  /** What the fix gives up of what the user asked for; such a fix is never first. */
  changesIntent?: string;
  /** The proof first makes a capture file for this key (in a temp file next to it). */
  makeCapture?: { key: string };
  /** Ablation probes that refine an unknown cause; shown only if they attach. */
  probeOnly?: { key: string };
}
