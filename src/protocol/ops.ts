// The typed protocol between the shell and the inferior (the child process that owns the EAL).
// Requests are {id, op, args}; replies {id, ok, result} or {id, ok:false, error}. Every reply that
// ran DPDK code carries the DPDK log lines it produced. src/protocol/ is the one contract: the
// shell (src/session) and the inferior (src/inferior) both import it and never each other.
import type { RawEalInfo, RawPort, RawStats, RawStructLayout, RawVdevDriver, BurstName } from './raw.js';

export type { RawEalInfo, RawPort, RawStats, RawStructLayout, RawVdevDriver, BurstName };

/** One argument or local of a recorded frame, printed at the moment the probe was entered. */
export interface VarValue {
  name: string; kind: 'param' | 'local'; type: string; value: string; addr?: string;
  /** gdb's NAME@entry: the value the caller passed (its call site says), when known. */
  entry?: string;
  /** For a device pointer: what it names (device.name, device.devargs->args). */
  fields?: { path: string; value: string }[];
}

/** A symbolized stack frame; file paths are relative to the DPDK source tree (or native/ for ours). */
export interface Frame {
  n: number;
  addr: string;          // hex
  fn: string | null;
  file: string | null;
  line: number | null;
  module: string | null;
  /** 'dpdk' for DPDK code, 'shell' for vdev-shell's own frames, 'libc'/'node' for the rest. */
  origin: 'dpdk' | 'shell' | 'libc' | 'node' | 'other';
  /** Arguments and locals as they were when the probe chain was recorded (trace area, bt full). */
  args?: VarValue[];
  locals?: VarValue[];
  /** The frame's canonical frame address when recorded (gdb's "frame at"). */
  cfa?: string;
  /** A function gcc inlined into its caller: a frame of its own, as gdb shows it (values not recorded). */
  inlined?: boolean;
  /** The frame stands at the line that called an inlined function: gdb prints it without an address. */
  atCall?: boolean;
  /** With symbolize's `inlines`: this address as gdb's frames, the inlined functions first. */
  inlineFrames?: Frame[];
}

export interface LogLine {
  text: string;
  /** The DPDK frame that called rte_log (absent for lines printed outside rte_log). */
  emitter?: Frame;
}

export interface HotplugReply {
  ret: number;
  errno: number;
  errnoText: string;
  driver: string | null;
  probeEntered: boolean;
  probeRet: number;
  /** The name was already on the vdev bus before this probe. */
  alreadyOnBus: boolean;
  /** The recorded probe chain, printed on demand by the probeChain op (absent: none recorded). */
  chainSeq?: number;
  log: LogLine[];
  /** Port ids before the call and the ports after it (one round trip instead of three). */
  portsBefore: number[];
  portsAfter: RawPort[];
  /** Tun/tap fds the failed probe left open, closed by the inferior (src/inferior/left-tuns.ts): the interfaces they held. */
  closedTuns?: { fd: number; iface: string }[];
}

export interface RemoveReply extends SimpleReply { portsAfter: number[] }

/** A capture that detach or close ended first (its file is complete, statistics block and all). */
export interface StoppedCapture { file: string; rx: number; tx: number; dropped: number; bytes?: number }

/**
 * Ports a device's remove left behind: the device is off the vdev bus, rte_eal_hotplug_remove
 * returned 0, yet its ports stay (the PMD looks its port up by the device's name, and these were
 * named from the arguments). Detach closes them so no port outlives its device.
 */
export interface LeftPorts { remove: Frame | null; closed: { port: number; name: string; ret: number }[]; closeLog: LogLine[] }

export interface SimpleReply { ret: number; errno?: number; errnoText?: string; log: LogLine[] }

export interface OpsReply {
  table: string;
  size: number;
  slots: { slot: string; type: string; offset: number; addr: string | null; fn: string | null; file: string | null; line: number | null }[];
  devBurst: Record<BurstName, Frame | null>;
  fpBurst: Record<BurstName, Frame | null>;
}

import type { PacketOps } from './ops-packets.js';
import type { TraceOps } from './ops-trace.js';

/** Each area adds its ops in its own file (ops-*.ts) so areas do not edit one list. */
export interface Ops extends PacketOps, TraceOps {
  /** emitters: false leaves DPDK's lines unsymbolized (check only needs their text; the first symbolization of a fresh EAL costs ~150 ms). */
  /** record: false leaves the probe chain unrecorded (a proof's; the first record of a fresh EAL plans it from DWARF, ~50 ms). */
  /** watchTuns:false: the claiming driver opens no tun/tap (its source says), so no fd scan before the probe. */
  hotplugAdd: { args: { name: string; args: string; emitters?: boolean; record?: boolean; watchTuns?: boolean }; result: HotplugReply };
  hotplugRemove: { args: { name: string; emitters?: boolean }; result: RemoveReply };
  /** Resolve a port by id or device name and detach it, in one round trip; null when no such port. */
  /** port: null = a device without a port (closed earlier) removed by name. */
  detachPort: { args: { ref: string }; result: (RemoveReply & { port: RawPort | null; device?: string; ports: RawPort[]; captureStopped?: StoppedCapture; leftPorts?: LeftPorts }) | null };
  vdevDriver: { args: { name: string }; result: RawVdevDriver | null };
  /** Is a device of that name on the vdev bus (with or without a port)? */
  onVdevBus: { args: { name: string }; result: boolean };
  /** vdevDriver for many names in one round trip (the driver list at start-up). */
  vdevDrivers: { args: { names: string[] }; result: (RawVdevDriver | null)[] };
  ealInfo: { args: Record<string, never>; result: RawEalInfo & { args: string[]; pid: number; maxPorts: number } };
  ports: { args: Record<string, never>; result: RawPort[] };
  port: { args: { port: number }; result: RawPort | null };
  stats: { args: { port: number }; result: RawStats | null };
  statsReset: { args: { port: number }; result: number | null };
  macSet: { args: { port: number; mac: string }; result: SimpleReply | null };
  portClose: { args: { port: number }; result: (SimpleReply & { captureStopped?: StoppedCapture }) | null };
  ops: { args: { port: number }; result: OpsReply | null };
  /** inlines: each frame also carries the frames gcc inlined at its address (inlineFrames, gdb's view). */
  symbolize: { args: { addrs: string[]; returnAddresses: boolean; inlines?: boolean }; result: Frame[] };
  lookupSymbol: { args: { name: string }; result: Frame | null };
  structLayout: { args: { name: string }; result: RawStructLayout | null };
  logDrain: { args: Record<string, never>; result: LogLine[] };
  /** rte_eal_init's log lines with their emitters (the ready message carries only their text). */
  initLog: { args: Record<string, never>; result: LogLine[] };
}

export type OpName = keyof Ops;

/**
 * Every op, with what the shell must know of it without asking. readOnly: it never changes the
 * set of ports or their names, so the session keeps its cached port list (Session.knownPorts);
 * any other op drops it. A new op that is not listed here does not compile.
 */
export const OP_TABLE: { [K in OpName]: { readOnly: boolean } } = {
  hotplugAdd: { readOnly: false }, hotplugRemove: { readOnly: false }, detachPort: { readOnly: false }, portClose: { readOnly: false },
  macSet: { readOnly: false }, statsReset: { readOnly: false }, portStart: { readOnly: false }, portStop: { readOnly: false },
  tx: { readOnly: false }, rx: { readOnly: false }, fwd: { readOnly: false }, captureStart: { readOnly: false },
  captureStop: { readOnly: false }, xstatsReset: { readOnly: false }, initLog: { readOnly: false }, ports: { readOnly: true },
  port: { readOnly: true }, vdevDriver: { readOnly: true }, onVdevBus: { readOnly: true }, vdevDrivers: { readOnly: true }, probeChain: { readOnly: true },
  probeChains: { readOnly: true }, ealInfo: { readOnly: true }, stats: { readOnly: true }, ops: { readOnly: true },
  symbolize: { readOnly: true }, lookupSymbol: { readOnly: true }, structLayout: { readOnly: true }, logDrain: { readOnly: true },
  pktPool: { readOnly: false }, captureInfo: { readOnly: false }, xstats: { readOnly: false }, traceSymbols: { readOnly: false },
  traceSymbolAt: { readOnly: false }, traceLine: { readOnly: false }, traceLineAt: { readOnly: false },
};
export interface Request<K extends OpName = OpName> { id: number; op: K; args: Ops[K]['args'] }
export type Reply =
  | { id: number; ok: true; result: unknown }
  | { id: number; ok: false; error: { code: string; message: string } };

/** First message of an inferior: the EAL init outcome. */
export interface ReadyMessage {
  type: 'ready';
  ret: number;
  errnoText: string;
  log: LogLine[];
  pid: number;
  ms: number;
  /** Load base of the addon in this inferior (hex), for symbolizing its crash elsewhere. */
  addonBase?: string;
  /** Probe chains recorded inside rte_eal_init, for the devices --vdev created (probeChain op). */
  chains?: { name: string; seq: number }[];
  /** The inferior's fds of the request channel's shell ends (src/session/channel.ts). */
  channel?: { requestWrite: number; replyRead: number };
}

/** The shell's answer to a channel offer: ok = it opened its ends, requests come that way. */
export interface ChannelReply { type: 'channel'; ok: boolean }
