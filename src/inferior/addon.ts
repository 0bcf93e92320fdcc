// The typed face of native/vdev.node. Only src/inferior/ imports this file: the addon runs
// DPDK, and DPDK lives in the inferior process. Its shapes are src/protocol/raw*.ts, which the
// shell reads too where they cross the wire as they are.
import { createRequire } from 'node:module';
import { addonPath } from '../util/paths.js';
import type { RawLogLine, RawResult, RawHotplug, RawVdevDriver, RawPort, RawStats, RawOps, RawSymbol, RawStructLayout, RawEalInfo } from '../protocol/raw.js';
import type { RawPktPool, RawPortStart, RawTxOpts, RawTx, RawRx, RawFwd, RawCapture, RawCaptureStart, RawCaptureStop, RawXstats } from '../protocol/raw-packets.js';

import type { TraceAddon } from './addon-trace.js';

/** The pipes of the request channel (native/channel.cc), close-on-exec. */
export interface ChannelPipes { requestRead: number; requestWrite: number; replyRead: number; replyWrite: number }

/** Every function of vdev.node; the trace area's are declared in ./addon-trace.ts. */
export interface Addon extends TraceAddon {
  /** vdevNames: devices the --vdev arguments create, whose probe chains are recorded too. */
  ealInit(args: string[], vdevNames?: string[]): RawResult & { chains?: { name: string; seq: number }[] };
  /** record=false: no probe-chain record (and probeEntered stays false). */
  hotplugAdd(name: string, args: string, record?: boolean): RawHotplug;
  hotplugRemove(name: string): RawResult;
  /** A device of this name is on the vdev bus (a closed port's device stays there). */
  onVdevBus(name: string): boolean;
  vdevDriver(name: string): RawVdevDriver | null;
  logDrain(): RawLogLine[];
  ealInfo(): RawEalInfo;
  /** rte_eal_cleanup (a secondary leaving its application). */
  ealCleanup(): number;
  ports(): RawPort[];
  port(id: number): RawPort | null;
  stats(id: number): RawStats | null;
  statsReset(id: number): number | null;
  macSet(id: number, mac: string): { ret: number; log: RawLogLine[] } | number | null;
  portClose(id: number): { ret: number; log: RawLogLine[] } | null;
  ops(id: number): RawOps | null;
  maxPorts: number;
  symbolize(addrs: bigint[]): RawSymbol[];
  lookupSymbol(name: string): bigint | null;
  structLayout(name: string): RawStructLayout | null;
  installCrashHandler(fd: number): void;
  /** dladdr of the addon: its load base, to translate a dead inferior's crash addresses. */
  loadBase(): { base: bigint; path: string } | null;
  // packets area (native/packets.cc); shapes in src/protocol/raw-packets.ts
  pktPool(): RawPktPool;
  portStart(id: number): RawPortStart | null;
  portStop(id: number): RawPortStart | null;
  tx(id: number, opts: RawTxOpts): RawTx | null;
  rx(id: number, opts: { count: number; timeoutMs: number; snap: number }): RawRx | null;
  fwd(src: number, dst: number, opts: { count: number; idleMs: number }): RawFwd | null;
  captureStart(id: number, path: string, rx: boolean, tx: boolean): RawCaptureStart | null;
  captureInfo(): RawCapture | null;
  captureStop(): RawCaptureStop | null;
  xstats(id: number): RawXstats | null;
  xstatsReset(id: number): { statsRet: number; xstatsRet: number; log: RawLogLine[] } | null;
  // request channel (native/channel.cc): src/inferior/channel.ts
  /** null: the pipes could not be made (requests stay on IPC). */
  channelPipes(): ChannelPipes | null;
  channelRead(fd: number, buf: Buffer, offset: number, spinUs: number, waitMs: number): number;
}

export function loadAddon(): Addon {
  const require = createRequire(import.meta.url);
  return require(addonPath()) as Addon;
}
