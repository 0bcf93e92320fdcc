// The trace area's result kinds and their data: bt, ops, frame, info frame/args/locals, list, info symbol,
// info line, ops diff.
import type { Frame, LogLine, BurstName, VarValue } from '../protocol/ops.js';
import type { TraceLineRange } from '../protocol/ops-trace.js';
import type { Listing } from '../trace/source.js';

export interface BtData {
  probeId: number; input: string; ok: boolean; full: boolean; devargs: string | null; frames: Frame[];
  failurePoint: { text: string; frame?: Frame } | null;
}
/** bt of a probe that has no chain to show (never entered the PMD probe, or the record is gone). */
export interface BtNoChain { probeId: number; log?: LogLine[] }

export interface OpsSlot { slot: string; fn: string | null; file: string | null; line: number | null; type: string }
export interface OpsData {
  port: number; name: string; driver?: string; started: boolean; all: boolean; table: string; ops: OpsSlot[];
  burst: Record<string, string | null>; burstFrames: Record<BurstName, Frame | null>; fastPath: Record<BurstName, Frame | null>;
  /** "22.11.11 debug": the slot list is this build's (DWARF), not a fixed table. */
  dpdk?: string;
}

export interface FrameData { probeId: number; n: number; frame: Frame; source: { line: number; text: string } | null; sourceError: string | null }
export interface FrameRef { n: number; fn: string | null; cfa: string | null }
export interface InfoFrameData { probeId: number; n: number; frame: Frame; cfa: string | null; caller: FrameRef | null; callee: FrameRef | null }
export interface FrameVarsData { probeId: number; n: number; fn: string | null; what: 'args' | 'locals'; vars: VarValue[] }

export interface ListBlock { header?: string; listing: Listing }
export interface ListData { blocks: ListBlock[] }

export interface InfoSymbolData { addr: string; fn: string; offset: number; section: string | null; module: string | null; file: string | null; line: number | null }

export type InfoLine = TraceLineRange & { breakpoint: { file: string | null; line: number | null } | null; asked?: number };
export interface InfoLineData { name: string | null; lines: InfoLine[] }

export interface OpsDiffData {
  ports: { port: number; name: string; driver: string | null }[];
  all: boolean;
  rows: { slot: string; a: string | null; b: string | null; aAt: string | null; bAt: string | null; mark: string }[];
  burst: { name: string; a: string | null; b: string | null; mark: string }[];
  summary: { onlyA: number; onlyB: number; different: number; same: number; slots: number };
}

/** The trace area's result kinds: kind -> data (src/format/areas/trace.ts formats each). */
export interface TraceKinds {
  bt: BtData | BtNoChain;
  ops: OpsData;
  frame: FrameData;
  'info-frame': InfoFrameData;
  'frame-vars': FrameVarsData;
  list: ListData;
  'info-symbol': InfoSymbolData;
  'info-line': InfoLineData;
  'ops-diff': OpsDiffData;
}
