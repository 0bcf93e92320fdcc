// The shell's model of one debugging session: the inferior that owns the EAL, the probe
// history (for bt), the vdev drivers of the build, and what was attached (to restore after a
// crash and to clean up at exit). Commands talk to this, never to the addon.
import { EventEmitter } from 'node:events';
import { Inferior, InferiorError, DEFAULT_EAL_ARGS, type Death } from './inferior.js';
import type { CrashReport } from '../recovery/types.js';
import { driverSource, warmDriverSources } from '../recovery/driver-source.js';
import { warmFirstProbe } from './warm.js';
import type { Diagnosis } from '../diagnose/types.js';
import { loadVdevDrivers, matchedPrefix, type DriverInfo } from './drivers.js';
import { OP_TABLE, type Frame, type LogLine, type OpName, type Ops, type RawPort, type StoppedCapture, type LeftPorts } from '../protocol/ops.js';
import { newGuardState, newRecoveryState, newTraceState, type BareStore, type Tutor } from './state.js';
import { startFailures, type StartFailure } from './start-vdevs.js';
import { vdevArgs } from '../devargs/eal-args.js';
import { persistentTunOf } from '../util/host-iface.js';
import { matchesPortRef } from '../util/port-ref.js';
import { parseDevargs, type Devargs, type DevargsError } from '../devargs/parse.js';
import type { Target } from './target.js';
import { leaveTarget } from './target-attach.js';
import { telemetryCall } from '../target/telemetry.js';

export interface ProbeRecord {
  id: number;
  input: string;
  devargs: Devargs | null;
  parseError?: DevargsError;
  ret: number | null;
  errnoText?: string;
  driver: string | null;
  alias: string | null;
  /** How the driver claimed the name: its name or alias as a prefix of the device name. */
  matched: { matched: string; via: 'name' | 'alias' } | null;
  probeEntered: boolean;
  ok: boolean;
  port?: RawPort;
  frames: Frame[];
  log: LogLine[];
  at: number;
  ms: number;
  /** Why a probe with ret 0 still attached nothing (DPDK 22.11 returns 0 for a name already probed). */
  silentFailure?: boolean;
  /** The device name was already on the vdev bus before this probe. */
  alreadyOnBus?: boolean;
  /**
   * The recorded chain not fetched yet (frames stay empty until Session.chainOf loads them): the
   * inferior keeps it until it is asked for, so a probe costs no printing nobody reads.
   */
  chainSeq?: number;
  /** Why frames are empty although the PMD probe was entered: the record is gone. */
  chainLost?: string;
  /** Interfaces whose tun/tap fd the failed probe left open in the EAL; the inferior closed them. */
  closedTuns?: string[];
  /** The inferior died inside this probe (crash, rte_exit, or cancelled hang); crash is filled by recovery. */
  died?: boolean;
  crash?: CrashReport;
}

/**
 * Emits 'restored' (src/recovery RestoreReport) after the EAL was restarted following a death,
 * and 'start-failures' (StartFailure[]) when an EAL started without devices its --vdev asked for.
 */
export class Session extends EventEmitter {
  private current!: Inferior;
  /** The EAL commands go to (the shell's own, a restarted one, or the secondary in an application). */
  get inferior(): Inferior { return this.current; }
  set inferior(inf: Inferior) {
    this.current = inf;
    inf.afterRequestWritten = this.runWhileWaiting;
  }
  /**
   * Work that may wait until this session's EAL is busy: once a request is written the shell has
   * nothing to do until the reply (a net_null hotplug takes ~50 us), so line mode prints the
   * previous command's result then, on this core, while the EAL works on the other
   * (src/cli/line-mode.ts). Each task runs once, in order, right after the next request to this
   * session's EAL is written (over the request channel); a task must not throw.
   */
  private readonly whileWaiting: (() => void)[] = [];
  onNextRequest(task: () => void): void { this.whileWaiting.push(task); }
  private readonly runWhileWaiting = (): void => {
    while (this.whileWaiting.length) this.whileWaiting.shift()!();
  };
  ealArgs: string[];
  readonly probes: ProbeRecord[] = [];
  /** Devargs of devices the user attached, in order, to restore after a crash. */
  attached: Devargs[] = [];
  private driversCache?: { promise: Promise<DriverInfo[]>; loaded?: DriverInfo[] };
  private nextProbeId = 1;
  /** Inferior deaths seen in this session, newest last. */
  readonly deaths: Death[] = [];
  /** The diagnosis shown last (a failed probe's or diagnose's): what `fix N` runs. */
  lastDiagnosis?: Diagnosis;
  /** The application attached to (src/session/target-attach.ts); null: the shell's own EAL. */
  target: Target | null = null;
  /** Things that happened between commands (the application ended), told with the next result. */
  readonly notices: string[] = [];
  // What the areas keep per session (src/session/state.ts).
  /** src/recovery: the policy after a death, the command timeout, the deaths so far. */
  readonly recovery = newRecoveryState();
  /** src/trace: the selected probe chain and frame, where `list` goes on. */
  trace = newTraceState();
  /** src/recovery/guard.ts: the commands running now, the deaths dealt with. */
  readonly guard = newGuardState();
  /** src/diagnose/bare.ts: what probing the user's own inputs in a scratch EAL taught (made on first use). */
  bare?: BareStore;
  /** src/teach/tutor.ts: the lessons, the step under way (made on first use). */
  tutor?: Tutor;
  /** RTE_MAX_ETHPORTS of the build, once an EAL said it (maxPorts()). */
  maxPortsSeen?: number;

  /** first: an inferior already started with ealArgs (the command line starts it before loading this). */
  constructor(ealArgs: string[] = DEFAULT_EAL_ARGS, first?: Inferior) {
    super();
    this.ealArgs = ealArgs;
    this.inferior = this.adopt(first ?? new Inferior(ealArgs));
  }

  /** A pre-started EAL (same args) for restart and scratch probes: a fresh EAL costs >100 ms. */
  private spare?: Inferior;

  /** Start a spare EAL in the background so the next restart or scratch probe need not wait. */
  prewarm(): void {
    if (!this.spare || !this.spare.alive || !sameArgs(this.spare.ealArgs, this.ealArgs)) {
      void this.spare?.stop();
      this.spare = new Inferior(this.ealArgs);
    }
  }

  /**
   * A live EAL of the same binaries that can answer now, other than pid: for what a blocked or
   * dead inferior cannot answer itself (naming its stack). The session's own when it is free,
   * else the spare, started if need be (it stays the spare).
   */
  async idleInferior(exceptPid?: number): Promise<Inferior | null> {
    const own = this.inferior;
    if (own.alive && own.pid !== exceptPid && own.inFlight.length === 0) {
      try { await own.ready; return own; } catch { /* it did not start: try the spare */ }
    }
    this.prewarm();
    const s = this.spare!;
    try { await s.ready; } catch { return null; }
    return s.alive && s.pid !== exceptPid ? s : null;
  }

  private takeSpare(args: string[]): Inferior {
    const s = this.spare;
    this.spare = undefined;
    if (s && s.alive && sameArgs(s.ealArgs, args)) return s;
    void s?.stop();
    return new Inferior(args);
  }

  /**
   * Runs fn against a throwaway EAL that is never the user's session (diagnose proves fixes
   * there), then stops it and warms the next one.
   */
  async scratch<T>(fn: (inf: Inferior) => Promise<T>): Promise<T> {
    const inf = this.takeSpare(this.ealArgs);
    try {
      await inf.ready;
      return await fn(inf);
    } finally {
      void inf.stop();
      this.prewarm();
    }
  }

  /** The arguments of the last EAL that initialised: what a bare `run` falls back to after a failure. */
  lastGoodArgs?: string[];

  private adopt(inf: Inferior): Inferior {
    // Its start leaves the shell idle: what the first probe's warnings read is read meanwhile.
    if (inf.state === 'starting') {
      setImmediate(warmFirstProbe, this);
      void warmDriverSources(() => inf.state === 'starting');
    }
    inf.ready.then(() => {
      this.lastGoodArgs = inf.ealArgs;
      if (inf !== this.inferior) return;
      void this.afterStart(inf);
      // Which drivers the vdev bus has (read-only, no log): the first probe needs them.
      void this.drivers().catch(() => undefined);
    }, () => undefined);
    if (inf.death) this.deaths.push(inf.death); // died before this session was made
    else inf.on('death', (d: Death) => { if (inf === this.inferior) this.deaths.push(d); });
    return inf;
  }

  async ready(): Promise<void> { await this.inferior.ready; }

  /** Send one request; a dead inferior becomes an InferiorError with code inferior-down. */
  call<K extends OpName>(op: K, args: Ops[K]['args'], timeoutMs?: number): Promise<Ops[K]['result']> {
    // The read-only view: the application's telemetry socket answers, no EAL of ours is asked.
    if (this.target?.kind === 'telemetry') return this.callTelemetry(this.target, op, args);
    if (!this.inferior.alive) return this.notRunning();
    if (!OP_TABLE[op].readOnly) this.portsSeen = undefined;
    // Not async: a request to a running EAL is sent now, not a turn later.
    return this.inferior.request(op, args, timeoutMs);
  }

  private async callTelemetry<K extends OpName>(t: Target, op: K, args: Ops[K]['args']): Promise<Ops[K]['result']> {
    return telemetryCall(t, op, args);
  }

  private async notRunning(): Promise<never> {
    // An EAL that did not start: the error a command that waited for its start got, whether
    // this one came before or after the failure (bin/vdev-shell's EAL may fail before the first).
    if (this.inferior.state === 'init-failed') await this.inferior.ready;
    throw new InferiorError('inferior-down', `the EAL is not running (${this.inferior.state === 'init-failed' ? 'rte_eal_init failed' : this.inferior.state})`, this.inferior.death);
  }

  /** The port list as the last reply that carried it saw it, for this inferior. */
  private portsSeen?: { inf: Inferior; ports: RawPort[] };
  /** Which driver each device name goes to: fixed for an EAL's lifetime (its drivers are). */
  private claims?: { inf: Inferior; byName: Map<string, DriverInfo | null> };

  /**
   * Ports for name checks on the hot path (check, warnings): the list from the last reply that
   * carried one, unless a command that may change ports ran since. Not for display: link state
   * can move without a command.
   */
  async knownPorts(): Promise<RawPort[]> {
    return this.portsKnown() ?? this.ports();
  }

  /** knownPorts without a wait: undefined when they must be asked for. */
  portsKnown(): RawPort[] | undefined {
    return this.portsSeen && this.portsSeen.inf === this.inferior ? this.portsSeen.ports : undefined;
  }

  drivers(): Promise<DriverInfo[]> {
    if (!this.driversCache) {
      const c: { promise: Promise<DriverInfo[]>; loaded?: DriverInfo[] } = { promise: loadVdevDrivers(this.inferior) };
      this.driversCache = c;
      c.promise.then((d) => { c.loaded = d; }, () => { if (this.driversCache === c) this.driversCache = undefined; });
    }
    return this.driversCache.promise;
  }

  /** drivers() once loaded, without a wait (undefined before). */
  driversNow(): DriverInfo[] | undefined { return this.driversCache?.loaded; }

  async driver(nameOrAlias: string): Promise<DriverInfo | undefined> {
    return findDriver(this.driversNow() ?? await this.drivers(), nameOrAlias);
  }

  /** The driver the running vdev bus gives a device name to (asked of the EAL itself). */
  async claim(name: string): Promise<DriverInfo | null> {
    if (this.claims?.inf !== this.inferior) this.claims = { inf: this.inferior, byName: new Map() };
    const cache = this.claims.byName;
    if (cache.has(name)) return cache.get(name)!;
    const reg = await this.call('vdevDriver', { name });
    const info = reg ? (await this.driver(reg.name)) ?? { name: reg.name, alias: reg.alias, params: '', keys: [] } : null;
    cache.set(name, info);
    return info;
  }

  /** Per EAL, the driver each device name went to when it was probed (the bus matches by name). */
  private readonly probedDrivers = new WeakMap<Inferior, Map<string, string>>();
  private probedDriversOf(inf: Inferior): Map<string, string> {
    let m = this.probedDrivers.get(inf);
    if (!m) this.probedDrivers.set(inf, (m = new Map()));
    return m;
  }
  /**
   * Whether a probe of this name may open tun/tap devices (the inferior then watches for ones a
   * failed probe leaves open): unless its driver is known and its source names no /dev/net/tun.
   */
  private mayOpenTun(name: string): boolean {
    const drv = this.claimed(name)?.name ?? this.probedDrivers.get(this.inferior)?.get(name);
    if (drv !== undefined) return driverSource(drv)?.opensTun !== false;
    // Not probed yet: the vdev bus gives a name to a driver whose name or alias starts it; if any
    // such driver of the list the EAL gave may open one, watch.
    const all = this.driversNow();
    return !all || all.some((d) => matchedPrefix(d, name) !== null && driverSource(d.name)?.opensTun !== false);
  }

  /** claim's answer when this EAL was asked already (null: no driver), else undefined. */
  claimed(name: string): DriverInfo | null | undefined {
    return this.claims?.inf === this.inferior ? this.claims.byName.get(name) : undefined;
  }

  /** RTE_MAX_ETHPORTS of this build: asked of the EAL once (every EAL of the build has the same). */
  async maxPorts(): Promise<number> {
    if (this.maxPortsSeen === undefined) {
      const n = (await this.call('ealInfo', {})).maxPorts;
      if (n > 0) this.maxPortsSeen = n; // the telemetry view does not know it (0): ask again later
      return n;
    }
    return this.maxPortsSeen;
  }

  async ports(): Promise<RawPort[]> {
    const inf = this.inferior;
    const ports = await this.call('ports', {});
    this.portsSeen = { inf, ports };
    return ports;
  }

  /** history:false probes without a record in the probe history (session restore after a crash). */
  async probe(input: string, opts: { history?: boolean } = {}): Promise<ProbeRecord> {
    const history = opts.history !== false;
    const parsed = parseDevargs(input);
    const t0 = performance.now();
    const rec: ProbeRecord = {
      id: this.nextProbeId++, input, devargs: parsed.ok ? parsed.devargs : null, ret: null, driver: null,
      alias: null, matched: null, probeEntered: false, ok: false, frames: [], log: [], at: Date.now(), ms: 0,
    };
    if (!parsed.ok) {
      rec.parseError = parsed.error;
      if (history) this.probes.push(rec);
      return rec;
    }
    const d = parsed.devargs;
    let r: Ops['hotplugAdd']['result'];
    try {
      r = await this.call('hotplugAdd', { name: d.name, args: d.args, watchTuns: this.mayOpenTun(d.name) });
    } catch (e) {
      // A crash or hang inside the probe: keep the record so bt can show where it died.
      if (e instanceof InferiorError && e.death) {
        Object.assign(rec, { died: true, ms: performance.now() - t0 });
        if (history) this.probes.push(rec);
      }
      throw e;
    }
    this.portsSeen = { inf: this.inferior, ports: r.portsAfter };
    if (r.driver) this.probedDriversOf(this.inferior).set(d.name, r.driver);
    const fresh = r.portsAfter.filter((p) => !r.portsBefore.includes(p.port) && p.device === d.name);
    rec.ret = r.ret;
    rec.errnoText = r.errnoText;
    rec.driver = r.driver;
    rec.probeEntered = r.probeEntered;
    const printed = this.inferior.takeConsole();
    rec.log = printed.length ? [...r.log, ...printed.map((text) => ({ text }))] : r.log;
    if (r.chainSeq !== undefined) {
      rec.chainSeq = r.chainSeq;
      this.chainHolder.set(rec, this.inferior);
    }
    if (r.driver) {
      const info = findDriver(this.driversNow() ?? await this.drivers(), r.driver);
      rec.alias = info?.alias ?? null;
      if (info) rec.matched = matchedPrefix(info, d.name);
    }
    // Judge by the port list, not the return code: 22.11 returns 0 for a name already probed.
    rec.ok = r.ret === 0 && fresh.length > 0;
    rec.silentFailure = r.ret === 0 && fresh.length === 0;
    rec.alreadyOnBus = r.alreadyOnBus;
    // A tun fd never attached to an interface (virtio_user opens path=/dev/net/tun as its vhost device) held none.
    const held = r.closedTuns?.map((t) => t.iface).filter(Boolean) ?? [];
    if (held.length) rec.closedTuns = held;
    if (fresh.length) rec.port = fresh[0];
    // A device probed into an application is the application's: not the shell's to restore.
    if (rec.ok && !this.target) this.attached.push(d);
    rec.ms = performance.now() - t0;
    if (history) this.probes.push(rec);
    return rec;
  }

  private starts = new WeakMap<Inferior, Promise<StartFailure[]>>();

  /**
   * Once an EAL of this session is up (asked once per EAL, with one port list): its --vdev
   * probes join the probe history (their chains were recorded inside rte_eal_init, so bt works
   * for them), and a --vdev that attached nothing is known (info eal) and said (event
   * 'start-failures'). Without --vdev there is nothing to ask.
   */
  private afterStart(inf: Inferior): Promise<StartFailure[]> {
    let p = this.starts.get(inf);
    if (!p) {
      p = vdevArgs(inf.ealArgs).length ? inf.ready.then(() => this.examineStart(inf)).catch(() => []) : Promise.resolve([]);
      this.starts.set(inf, p);
    }
    return p;
  }

  private async examineStart(inf: Inferior): Promise<StartFailure[]> {
    const ports = await inf.request('ports', {});
    const chains = inf.readyInfo?.chains ?? [];
    if (chains.length) await this.recordStartProbes(inf, chains, ports).catch(() => undefined);
    const failed = startFailures(inf.ealArgs, ports, inf.readyInfo?.log ?? []);
    if (failed.length && inf === this.inferior) this.emit('start-failures', failed);
    return failed;
  }

  /** What the EAL's --vdev arguments asked for and did not get. */
  startFailuresOf(): Promise<StartFailure[]> { return this.afterStart(this.inferior); }

  /** The probe history once the EAL is up (bt, info probes, diagnose): its --vdev probes in it. */
  async history(): Promise<ProbeRecord[]> {
    await this.afterStart(this.inferior);
    return this.probes;
  }

  private async recordStartProbes(inf: Inferior, chains: { name: string; seq: number }[], ports: RawPort[]): Promise<void> {
    const initLog = await inf.initLog();
    for (const text of vdevArgs(inf.ealArgs)) {
      const parsed = parseDevargs(text);
      if (!parsed.ok) continue;
      const d = parsed.devargs;
      const chain = chains.find((c) => c.name === d.name);
      if (!chain) continue;
      const port = ports.find((p) => (p.device ?? p.name) === d.name);
      const info = await this.claim(d.name).catch(() => null);
      const rec: ProbeRecord = {
        id: this.nextProbeId++, input: `--vdev ${text}`, devargs: d, ret: null, driver: info?.name ?? null, alias: info?.alias ?? null,
        matched: info ? matchedPrefix(info, d.name) : null, probeEntered: true, ok: !!port, ...(port ? { port } : {}),
        frames: [], log: initLog.filter((l) => l.text.includes(d.name)), at: Date.now(), ms: 0, chainSeq: chain.seq,
      };
      this.chainHolder.set(rec, inf);
      this.probes.push(rec);
    }
  }

  /** Which inferior holds each probe's unfetched chain record. */
  private chainHolder = new WeakMap<ProbeRecord, Inferior>();

  /** Loads a probe's recorded chain into rec.frames (bt, frame, info args... call this first). */
  async chainOf(rec: ProbeRecord): Promise<ProbeRecord['frames']> {
    if (rec.chainSeq === undefined) return rec.frames;
    const inf = this.chainHolder.get(rec);
    if (!inf || !inf.alive) {
      this.chainDone(rec, 'the EAL that recorded it is gone (it died before the chain was asked for)');
      return rec.frames;
    }
    try {
      const frames = await inf.request('probeChain', { seq: rec.chainSeq });
      if (frames) rec.frames = frames;
      this.chainDone(rec, frames ? undefined : 'the inferior keeps the last 512 probe chains; this one was dropped');
    } catch (e) {
      // The record may still be there (a timeout) or not (the EAL died): either way say why.
      if (!inf.alive) this.chainDone(rec, 'the EAL that recorded it died while the chain was fetched');
      throw e;
    }
    return rec.frames;
  }

  private chainDone(rec: ProbeRecord, lost: string | undefined): void {
    delete rec.chainSeq;
    this.chainHolder.delete(rec);
    if (lost) rec.chainLost = lost;
  }

  /** Fetches every chain the given inferior still holds (before it is stopped on purpose). */
  async keepChains(inf: Inferior): Promise<void> {
    if (!inf.alive) return;
    const recs = this.probes.filter((r) => r.chainSeq !== undefined && this.chainHolder.get(r) === inf);
    if (!recs.length) return;
    const got = await inf.request('probeChains', { seqs: recs.map((r) => r.chainSeq!) }).catch(() => null);
    if (!got) return;
    recs.forEach((rec, i) => {
      const frames = got[i];
      if (frames) rec.frames = frames;
      this.chainDone(rec, frames ? undefined : 'the inferior keeps the last 512 probe chains; this one was dropped');
    });
  }

  /** Resolve "1" or "net_pcap0" to a port. */
  async findPort(ref: string): Promise<RawPort | null> {
    return (await this.ports()).find((p) => matchesPortRef(p, ref)) ?? null;
  }

  /** Detach by id or device name in one round trip; null when there is no such port. */
  async detachRef(ref: string): Promise<{ port: RawPort | null; device: string; ret: number; log: LogLine[]; removed: boolean; captureStopped?: StoppedCapture; leftPorts?: LeftPorts; ifaceStays?: string } | null> {
    const r = await this.call('detachPort', { ref });
    if (!r) return null;
    this.portsSeen = { inf: this.inferior, ports: r.ports };
    const device = r.port ? r.port.device ?? r.port.name : r.device!;
    const removed = r.port ? !r.portsAfter.includes(r.port.port) : r.ret === 0;
    if (removed) this.attached = this.attached.filter((d) => d.name !== device);
    const log = r.leftPorts ? [...r.log, ...r.leftPorts.closeLog] : r.log;
    const ifaceStays = removed ? persistentTunOf(r.port) : null;
    return { port: r.port, device, ret: r.ret, log, removed, ...(r.captureStopped ? { captureStopped: r.captureStopped } : {}), ...(r.leftPorts ? { leftPorts: r.leftPorts } : {}), ...(ifaceStays ? { ifaceStays } : {}) };
  }

  /** Detach a port already in hand (the soak and bench scripts). */
  async detach(port: RawPort): Promise<{ ret: number; log: LogLine[]; removed: boolean }> {
    const name = port.device ?? port.name;
    const r = await this.call('hotplugRemove', { name });
    const still = r.portsAfter.includes(port.port);
    if (!still) this.attached = this.attached.filter((d) => d.name !== name);
    return { ret: r.ret, log: r.log, removed: !still };
  }

  /** Start a new EAL (after a crash, or with new arguments). The old inferior is stopped first. */
  async restart(args: string[] = this.ealArgs): Promise<void> {
    // Attached: the application is left first. When the secondary died (crash recovery), the
    // shell's own EAL, still running as it was, is what the session goes back to.
    if (this.target) {
      const secondaryDied = this.target.kind === 'app' && !this.inferior.alive;
      await leaveTarget(this);
      if (secondaryDied && sameArgs(args, this.ealArgs) && this.inferior.alive) return;
    }
    await this.keepChains(this.inferior);
    await this.inferior.stop();
    this.ealArgs = args;
    this.attached = [];
    this.driversCache = undefined;
    const next = this.takeSpare(args);
    next.on('death', (d: Death) => { if (next === this.inferior) this.deaths.push(d); });
    this.inferior = next;
    await this.inferior.ready;
    this.lastGoodArgs = args;
    await this.afterStart(next);
  }

  /** leaving: the shell is quitting (Inferior.stop says what it need not wait for then). */
  async close(opts: { leaving?: boolean } = {}): Promise<void> {
    await leaveTarget(this);
    await Promise.all([this.inferior.stop(undefined, opts), this.spare?.stop(undefined, opts)]);
  }
}

const findDriver = (drivers: DriverInfo[], nameOrAlias: string): DriverInfo | undefined =>
  drivers.find((d) => d.name === nameOrAlias || d.alias === nameOrAlias);

const sameArgs = (a: string[], b: string[]): boolean => a.length === b.length && a.every((x, i) => x === b[i]);

export { InferiorError };
