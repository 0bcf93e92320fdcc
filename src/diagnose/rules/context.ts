// What every rule reads, typed by how far the probe got: RuleCtx (anything), InputCtx (the devargs
// parsed), ClaimedCtx (and a driver claimed the name). Rules are pure functions of these: the
// attempt (devargs, DPDK's lines, return code), driver facts, session facts and host facts, the
// last behind an interface so tests can give recorded ones (liveHost() reads this machine).
import type { Devargs } from '../../devargs/parse.js';
import type { DriverInfo } from '../../session/drivers.js';
import type { Frame, LogLine, RawPort } from '../../protocol/ops.js';
import { charDeviceName, dirEntries, hostIfaces, ifaceLoopback, ifaceUp, isPcapFile, isTunTap, listeningSockets, pathFacts, type PathFacts } from '../host.js';
import type { Attempt, Candidate, Cause } from '../types.js';

export interface HostFacts {
  ifaces: string[];
  caps: { netAdmin: boolean; netRaw: boolean } | null;
  cwd: string;
  path(p: string): PathFacts;
  entries(dir: string): string[];
  isPcap(abs: string): boolean;
  listening(): Set<string>;
  ifaceUp(name: string): boolean;
  ifaceLoopback(name: string): boolean;
  isTunTap(name: string): boolean;
  /** The kernel's name of a character device ("vhost-net", "net/tun"). */
  charName(abs: string): string | null;
}

/** This machine, read when asked. */
export function liveHost(caps: HostFacts['caps']): HostFacts {
  const cwd = process.cwd();
  return {
    ifaces: hostIfaces(), caps, cwd, path: (p) => pathFacts(p, cwd), entries: dirEntries, isPcap: isPcapFile, listening: listeningSockets,
    ifaceUp, ifaceLoopback, isTunTap, charName: charDeviceName,
  };
}

export interface RuleCtx {
  a: Attempt;
  drivers: DriverInfo[];
  /** Keys a driver's own kvargs parser takes beyond its declared ones (from its source). */
  parserKeys: (driver: string) => ReadonlySet<string> | ReadonlyMap<string, unknown> | undefined;
  /** Ports of the user's session (name clashes and the port limit are judged there). */
  ports: RawPort[];
  maxPorts: number;
  inferiorDown: boolean;
  host: HostFacts;
}
export interface InputCtx extends RuleCtx { d: Devargs }
export interface ClaimedCtx extends InputCtx { drv: DriverInfo }

export interface Finding {
  cause: Cause;
  summary: string;
  key?: string;
  value?: string | null;
  site?: Frame;
  facts: string[];
  explain: string[];
  candidates: Candidate[];
  /** Failures DPDK meets after this one once it is out of the way, in order (two faults in one input). */
  then?: { cause: Cause; summary: string; key?: string }[];
}

export type Rule<C extends RuleCtx> = (c: C) => Finding | null;

/** Every DPDK line pattern a rule reads, by rule (the coverage report matches source sites against them). */
export const READS = new Map<string, { rule: string; re: RegExp }>();
export function reads(rule: string, re: RegExp): RegExp {
  if (!READS.has(re.source)) READS.set(re.source, { rule, re });
  return re;
}

const EAL_FILE = /^lib\/eal\//;
/** From DPDK 24.11 every line starts with its log type ("ETH_PCAP: ", "VIRTIO_INIT: "); 22.11 only "EAL: ". */
const TYPE_PREFIX = /^([A-Z][A-Z0-9_]*): /;
/** The driver's own lines: everything not logged by the EAL's generic hotplug code. */
export const ownLines = (log: LogLine[]): LogLine[] => log.filter((l) => !(l.emitter?.file && EAL_FILE.test(l.emitter.file)) && TYPE_PREFIX.exec(l.text)?.[1] !== 'EAL');
/** The same lines with the log type prefix taken off, so one pattern reads every DPDK version; EAL lines keep theirs. */
export const normalizeLog = (log: LogLine[]): LogLine[] => log.map((l) => {
  const m = TYPE_PREFIX.exec(l.text);
  return m && m[1] !== 'EAL' ? { ...l, text: l.text.slice(m[0].length) } : l;
});

export function find(log: LogLine[], re: RegExp): { line: LogLine; m: RegExpExecArray } | null {
  for (const line of log) { const m = re.exec(line.text); if (m) return { line, m }; }
  return null;
}

export const site = (l: LogLine | undefined): Frame | undefined => l?.emitter ?? undefined;
export const claimText = (c: InputCtx): string => {
  const a = c.a;
  if (!a.driver) return '';
  const m = a.matched;
  return m ? `the vdev bus gave "${c.d.name}" to ${a.driver.name} because the name starts with its ${m.via} "${m.matched}"` : `${a.driver.name} claimed "${c.d.name}"`;
};
export const kvText = (d: DriverInfo): string => d.keys.map((k) => `${k.key}=${k.syntax}`).join(' ') || '(no keys)';
export const taken = (c: RuleCtx): Set<string> => new Set(c.ports.flatMap((p) => [p.name, p.device ?? p.name]));
export const plain = (c: InputCtx): string => c.d.text;
export const syn = (drv: DriverInfo, key: string): string => drv.keys.find((k) => k.key === key)?.syntax ?? '?';
export const matchedPrefixOf = (x: DriverInfo, name: string): boolean => name.startsWith(x.name) || (!!x.alias && name.startsWith(x.alias));

/** The host interface a user most likely means to open: up and not the loopback (never a test's vdsh*), else any. */
export function likelyIface(h: HostFacts): string | undefined {
  const real = h.ifaces.filter((i) => !i.startsWith('vdsh'));
  return real.find((i) => h.ifaceUp(i) && !h.ifaceLoopback(i)) ?? real.find((i) => !h.ifaceLoopback(i)) ?? real[0] ?? h.ifaces[0];
}
