// The result kinds about the inferior and its EAL and their data: info eal, info inferior.
import type { Death } from '../session/inferior.js';
import type { StartFailure } from '../session/start-vdevs.js';
import type { Ops } from '../protocol/ops.js';

/**
 * What the EAL reports, and the build type; attached, the application's EAL arguments, binary,
 * prefix and runtime directory instead, with the shell's secondary (or readOnly: telemetry).
 */
export type EalData = Ops['ealInfo']['result'] & {
  buildtype?: string; startFailures?: StartFailure[];
  appArgs?: string[]; binary?: string | null; prefix?: string; runtimeDir?: string; target?: string;
  secondary?: { pid: number | null; args: string[] }; readOnly?: true;
};

/** Which process the commands act on: the shell's own EAL, or an application (attach). */
export type TargetData = { kind: 'own'; label: string } | {
  kind: 'app' | 'telemetry'; label: string; pid: number; prefix: string; exe: string | null; runtimeDir: string;
  version: unknown; since: number; ownPid: number | null; why?: string;
};

export interface InferiorData {
  pid: number | null | undefined; state: string; ealArgs: string[]; initMs: number | null;
  ports?: number; upSeconds?: number; death?: Death | null; deaths?: number; transport?: 'channel' | 'ipc'; target?: TargetData;
}

/** The inferior's result kinds: kind -> data (src/format/areas/inferior.ts formats each). */
export interface InferiorKinds {
  eal: EalData;
  inferior: InferiorData;
}
