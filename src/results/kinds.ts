// The one map from result kind to the type of its data. A command returns ok(kind, data) with
// this type; the formatter of that kind (src/format) receives it typed; toJson prints it as is.
// A new kind is one line here, its data type beside it, its command and its formatter.
import type { ProbeData, PreflightRefusal, DetachData, CloseData, MacData, DriversData, DriverData, ProbesData, PortsData, PortInfoData, PortStatsData } from './devices.js';
import type { EalData, InferiorData } from './inferior.js';
import type { BtData, BtNoChain, OpsData, FrameData, InfoFrameData, FrameVarsData, ListData, InfoSymbolData, InfoLineData, OpsDiffData } from './trace.js';
import type { PortStartData, PortStopData, PortStartFailure, TxData, RxData, NoRx, FwdData, CaptureData, CaptureStopData, PcapData, XstatsData, ClearStatsData } from './packets.js';
import type { CrashBtData, RecoveryData, AbandonedData } from './recovery.js';
import type { DiagnoseData, FixData } from './diagnose.js';
import type { AttachData, AttachFailure, DetachedData } from './attach.js';
import type { ExplainData, ExplainListData, LessonListData, LessonStepData, LessonHintData, LessonNoteData } from './teach.js';
import type { HelpData, HelpCommandData, SourceData, ExpectData, ScriptInterrupted } from './support.js';
import type { DeathData, HangSample } from '../recovery/types.js';
import type { CheckResult } from '../diagnose/check.js';
import type { Death } from '../session/inferior.js';

export interface ResultKinds {
  // devices and ports
  probe: ProbeData;
  preflight: PreflightRefusal;
  detach: DetachData;
  close: CloseData;
  mac: MacData;
  drivers: DriversData;
  driver: DriverData;
  probes: ProbesData;
  ports: PortsData;
  'port-info': PortInfoData;
  'port-stats': PortStatsData;
  // the inferior
  eal: EalData;
  inferior: InferiorData;
  // trace
  bt: BtData | BtNoChain;
  ops: OpsData;
  frame: FrameData;
  'info-frame': InfoFrameData;
  'frame-vars': FrameVarsData;
  list: ListData;
  'info-symbol': InfoSymbolData;
  'info-line': InfoLineData;
  'ops-diff': OpsDiffData;
  // packets
  'port-start': PortStartData | PortStartFailure;
  'port-stop': PortStopData | PortStartFailure;
  tx: TxData;
  rx: RxData | NoRx;
  fwd: FwdData | NoRx;
  capture: CaptureData;
  'capture-stop': CaptureStopData;
  pcap: PcapData;
  'port-xstats': XstatsData;
  'clear-stats': ClearStatsData;
  // recovery
  crash: DeathData;
  'crash-bt': CrashBtData;
  crashes: { deaths: DeathData[] };
  recovery: RecoveryData;
  'inferior-wait': HangSample;
  // diagnose
  diagnosis: DiagnoseData;
  check: CheckResult;
  fix: FixData;
  // attach to a running application
  attach: AttachData | AttachFailure;
  detached: DetachedData;
  // learn
  explain: ExplainData;
  'explain-list': ExplainListData;
  'lesson-list': LessonListData;
  'lesson-step': LessonStepData;
  'lesson-hint': LessonHintData;
  'lesson-note': LessonNoteData;
  // support
  help: HelpData;
  'help-command': HelpCommandData;
  source: SourceData;
  expect: ExpectData;
  quit: Record<string, never>;
  /** A failure with no kind of its own: the error says it all; data, when any, is for JSON. */
  error: { death: Death } | AbandonedData | ScriptInterrupted | { ealArgs: string[]; state: string };
}
