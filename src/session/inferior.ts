// Client side of one inferior process. Starting is asynchronous (the EAL needs >100 ms to
// calibrate its TSC), requests are queued behind readiness, and a death of the child (signal,
// rte_exit, abort) is turned into data: how it died, the crash stack, the last DPDK lines.
import { spawn, type ChildProcess } from 'node:child_process';
import { EventEmitter } from 'node:events';
import { inferiorMainPath } from '../util/paths.js';
import { removeOwnRuntimeDir } from '../util/runtime-dir.js';
import { channelNative, RequestChannel } from './channel.js';
import { EarlyProcess } from './early.js';
import type { ChannelReply, LogLine, OpName, Ops, ReadyMessage, Reply } from '../protocol/ops.js';

export { DEFAULT_EAL_ARGS } from '../cli/args.js';

export type InferiorState = 'starting' | 'running' | 'init-failed' | 'exited' | 'crashed';

export interface Death {
  code: number | null;
  signal: NodeJS.Signals | null;
  /** Raw crash line from the addon's signal handler: signo, fault address, return addresses. */
  crash?: { signo: number; faultAddr: string; addrs: string[]; maps?: CrashMap[]; addonBase?: string };
  lastLog: string[];
  /** DPDK lines logged but not yet drained when it died (rte_exit/rte_panic messages, crash context). */
  dpdkLog?: string[];
  /** The process ended through exit() (rte_exit) rather than a signal. */
  exited?: boolean;
  during?: string;
}

/** One executable mapping of the dead process: start/end/offset hex, the mapped file. */
export interface CrashMap { start: string; end: string; offset: string; path: string }

export class InferiorError extends Error {
  constructor(public code: string, message: string, public death?: Death) { super(message); }
}

/**
 * The shell's environment minus what the inferior's Node must not read: NODE_EXTRA_CA_CERTS
 * (Node loads those certificates at start, ~40 ms of CPU here, and the inferior makes no TLS
 * connection) and NODE_OPTIONS (meant for the shell: an --inspect there would make both
 * processes claim one port, a --require would load into the EAL's process).
 */
export function inferiorEnv(ealArgs: string[], env: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  const { NODE_EXTRA_CA_CERTS: _certs, NODE_OPTIONS: _options, ...rest } = env;
  return { ...rest, VDEV_SHELL_EAL_ARGS: JSON.stringify(ealArgs) };
}

interface Pending { resolve: (v: unknown) => void; reject: (e: Error) => void; op: string; timer?: NodeJS.Timeout }

// Enough for the EAL's 100-line usage text not to push out the line that says what was wrong.
const LAST_LOG_KEEP = 200;

const NO_LINES: readonly string[] = [];

/** The inferior's process: spawned here, or adopted from bin/vdev-shell. */
type InferiorProcess = ChildProcess | EarlyProcess;

export class Inferior extends EventEmitter {
  private readonly proc: InferiorProcess;
  readonly ready: Promise<ReadyMessage>;
  state: InferiorState = 'starting';
  readyInfo?: ReadyMessage;
  death?: Death;
  readonly startedAt = Date.now();
  private nextId = 1;
  private pending = new Map<number, Pending>();
  private recentLog: string[] = [];
  /** Lines the child printed outside rte_log (stdout/stderr), attached to the next reply. */
  private console: string[] = [];
  private crashText = '';
  /**
   * Called right after a request is written on the request channel, while the EAL works on it:
   * the session whose EAL this is runs its deferred work there (Session.onNextRequest).
   */
  afterRequestWritten?: () => void;
  /** The request channel (null: requests go over Node's IPC). */
  private channel: RequestChannel | null = null;

  /**
   * Spawns the inferior, or adopts the one bin/vdev-shell started beside the shell (`early`,
   * src/session/early.ts): that one talks over the request channel from its first line on.
   */
  constructor(readonly ealArgs: string[], early?: EarlyProcess) {
    super();
    const p: InferiorProcess = early ?? spawn(process.execPath, [inferiorMainPath()], {
      stdio: ['ignore', 'pipe', 'pipe', 'pipe', 'ipc'],
      serialization: 'advanced',
      env: inferiorEnv(ealArgs),
    });
    this.proc = p;
    const child = early ? null : p as ChildProcess;
    const crash = early ? early.crash : child!.stdio[3] as NodeJS.ReadableStream;
    const collect = (buf: Buffer): void => {
      for (const line of buf.toString().split('\n')) if (line.trim()) { this.console.push(line); this.remember([line]); }
    };
    for (const out of early ? [early.console] : [child!.stdout!, child!.stderr!]) out.on('data', collect);
    crash.on('data', (b: Buffer) => {
      this.crashText += b.toString();
      if (/^(left|exit)$/m.test(this.crashText)) this.emit('left');
    });
    this.ready = new Promise((resolve, reject) => {
      const onReady = (m: ReadyMessage): void => {
        this.readyInfo = m;
        this.remember(m.log.map((l) => l.text));
        if (m.ret < 0) {
          this.state = 'init-failed';
          reject(new InferiorError('eal-init-failed', `rte_eal_init failed (${m.errnoText})`, undefined));
          return;
        }
        this.state = 'running';
        if (child) {
          child.on('message', (r: Reply) => this.onReply(r));
          if (m.channel) {
            this.channel = process.env.VDEV_SHELL_CHANNEL === 'ipc' ? null
              : RequestChannel.open(m.pid, m.channel, (r) => this.onReply(r as Reply), () => this.pending.size > 0, () => this.afterRequestWritten?.());
            const answer: ChannelReply = { type: 'channel', ok: this.channel !== null };
            child.send(answer);
          }
        }
        resolve(m);
      };
      if (early) {
        // Its first line on the reply pipe is 'ready'; every later one a reply.
        const channel = RequestChannel.adopt(early.pipes, (m) => {
          if (this.state === 'starting') onReady(m as ReadyMessage);
          else this.onReply(m as Reply);
        }, () => this.pending.size > 0, () => this.afterRequestWritten?.());
        this.channel = channel;
        early.beforeExit = () => channel.drain();
      } else child!.once('message', onReady);
      p.once('exit', () => {
        if (this.state === 'starting') reject(new InferiorError('inferior-died', `the inferior died while starting the EAL${this.deathText()}`, this.death));
      });
    });
    this.ready.catch(() => undefined); // observed by whoever awaits it; never an unhandled rejection
    // The crash report on fd 3 may still be in flight when 'exit' fires, so the death is recorded
    // once both the exit and the end of fd 3 are seen. (The child's own 'close' event is not used:
    // with the IPC channel after extra pipes, Node 20 does not always emit it.)
    let exited: [number | null, NodeJS.Signals | null] | undefined;
    let crashPipeDone = false;
    const settle = (): void => { if (exited && crashPipeDone && !this.death) this.onExit(...exited); };
    p.on('exit', (code: number | null, signal: NodeJS.Signals | null) => {
      exited = [code, signal];
      // The EAL removes its own runtime directory as it leaves; one killed or crashed could not.
      removeOwnRuntimeDir(ealArgs, p.pid);
      settle();
    });
    crash.on('close', () => { crashPipeDone = true; settle(); });
    child?.on('error', (e) => this.emit('spawn-error', e));
    // Its pipes are opened once the EAL is up: the byte mover is loaded meanwhile (~2 ms).
    if (process.env.VDEV_SHELL_CHANNEL !== 'ipc') channelNative();
  }

  get pid(): number | undefined { return this.proc.pid; }
  /**
   * Once its start has settled: up, or failed with its death recorded (a failed start always
   * ends the process; how it ended comes a moment after the failure itself).
   */
  async settled(): Promise<void> {
    try {
      await this.ready;
    } catch {
      if (!this.death) await new Promise<void>((r) => { this.once('death', () => r()); setTimeout(r, 2000).unref(); });
    }
  }
  /** Its process has ended and been reaped ('death' may still wait for the crash report). */
  get reaped(): boolean { return this.proc.exitCode !== null || this.proc.signalCode !== null; }
  /** Sends it a signal (SIGKILL: a hang, a proof that blocks); its death then says how it ended. */
  kill(signal: NodeJS.Signals): void { this.proc.kill(signal); }
  /** How requests travel: the request channel, or Node's IPC where it could not be opened. */
  get transport(): 'channel' | 'ipc' { return this.channel ? 'channel' : 'ipc'; }
  /** Ops sent and not answered yet (a command stuck in the EAL has one here). */
  get inFlight(): string[] { return [...this.pending.values()].map((p) => p.op); }
  get alive(): boolean { return this.state === 'starting' || this.state === 'running'; }

  private remember(lines: string[]): void {
    this.recentLog.push(...lines);
    if (this.recentLog.length > LAST_LOG_KEEP) this.recentLog.splice(0, this.recentLog.length - LAST_LOG_KEEP);
  }

  private deathText(): string {
    const d = this.death;
    if (!d) return '';
    return d.signal ? ` (killed by ${d.signal})` : ` (exit code ${d.code})`;
  }

  private onReply(r: Reply): void {
    const p = this.pending.get(r.id);
    if (!p) return;
    this.pending.delete(r.id);
    if (p.timer) clearTimeout(p.timer);
    if (r.ok) {
      const res = r.result as { log?: LogLine[] } | null;
      if (res && Array.isArray(res.log) && res.log.length) this.remember(res.log.map((l) => l.text));
      p.resolve(r.result);
    } else p.reject(new InferiorError(r.error.code, r.error.message));
  }

  private onExit(code: number | null, signal: NodeJS.Signals | null): void {
    const crashed = signal !== null || /^crash /m.test(this.crashText) || (/^exit$/m.test(this.crashText) && code !== 0);
    const during = [...this.pending.values()][0]?.op;
    this.death = { code, signal, lastLog: [...this.recentLog], during };
    const m = /^crash (\w+) (\w+)((?: \w+)*)/m.exec(this.crashText);
    if (m) {
      this.death.crash = { signo: parseInt(m[1], 16), faultAddr: '0x' + m[2], addrs: m[3].trim().split(' ').filter(Boolean).map((a) => '0x' + a) };
      const maps = [...this.crashText.matchAll(/^map (\w+) (\w+) (\w+) (.+)$/gm)].map((x) => ({ start: '0x' + x[1], end: '0x' + x[2], offset: '0x' + x[3], path: x[4] }));
      if (maps.length) this.death.crash.maps = maps;
      if (this.readyInfo?.addonBase) this.death.crash.addonBase = this.readyInfo.addonBase;
    }
    const dpdkLog = [...this.crashText.matchAll(/^log (.*)$/gm)].map((x) => x[1]);
    if (dpdkLog.length) { this.death.dpdkLog = dpdkLog; this.death.lastLog.push(...dpdkLog); }
    if (/^exit$/m.test(this.crashText) && signal === null && code !== 0) this.death.exited = true;
    // Dying before rte_eal_init returned is an EAL that did not start: from 25.11 the EAL's
    // argument parser exits the process itself on a bad option instead of returning -1.
    if (this.state === 'starting') this.state = 'init-failed';
    else if (this.state !== 'init-failed') this.state = crashed ? 'crashed' : 'exited';
    const err = new InferiorError('inferior-died', `the inferior died${this.deathText()}`, this.death);
    for (const p of this.pending.values()) { if (p.timer) clearTimeout(p.timer); p.reject(err); }
    this.pending.clear();
    this.channel?.close();
    this.emit('death', this.death);
  }

  private initLogAsked?: Promise<LogLine[]>;
  /**
   * rte_eal_init's log lines with the DPDK frame that logged each. 'ready' carries only their
   * text when init succeeded (finding emitters loads the addon's DWARF, ~100 ms start-up need
   * not wait for); a failed init's lines come with their emitters.
   */
  initLog(): Promise<LogLine[]> {
    this.initLogAsked ??= this.request('initLog', {}).catch(() => this.readyInfo?.log ?? []);
    return this.initLogAsked;
  }

  /** Lines the child wrote to stdout/stderr since the last call (printf-style DPDK output). */
  takeConsole(): readonly string[] {
    const c = this.console;
    if (!c.length) return NO_LINES; // nothing printed (nearly always): no new array
    this.console = [];
    return c;
  }

  request<K extends OpName>(op: K, args: Ops[K]['args'], timeoutMs?: number): Promise<Ops[K]['result']> {
    // Running (nearly every request): sent now, not a turn later behind the settled 'ready'.
    if (this.state === 'running') return this.send(op, args, timeoutMs);
    return this.ready.then(() => {
      if (this.state !== 'running') throw new InferiorError('inferior-down', `the inferior is not running (${this.state})`, this.death);
      return this.send(op, args, timeoutMs);
    });
  }

  private send<K extends OpName>(op: K, args: Ops[K]['args'], timeoutMs?: number): Promise<Ops[K]['result']> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      const p: Pending = { resolve: resolve as (v: unknown) => void, reject, op };
      if (timeoutMs && timeoutMs > 0) {
        p.timer = setTimeout(() => {
          this.pending.delete(id);
          reject(new InferiorError('timeout', `${op} did not return within ${timeoutMs} ms`));
        }, timeoutMs);
      }
      this.pending.set(id, p);
      if (this.channel) this.channel.send({ id, op, args });
      else (this.proc as ChildProcess).send({ id, op, args });
    });
  }

  /**
   * Ends the inferior: a disconnect lets it detach its devices first, a kill follows if it hangs.
   * Resolves once its death is recorded (the state is final then); with `leaving` (the shell is
   * quitting) already once it said it left, its devices detached: the rest of its exit (Node's
   * teardown, the kernel freeing its memory, ~10 ms here) then no longer keeps the shell alive.
   */
  async stop(graceMs = 2000, opts: { leaving?: boolean } = {}): Promise<void> {
    if (this.death) return;
    const dead = new Promise<void>((r) => this.once('death', () => r()));
    const done = opts.leaving && this.state === 'running'
      ? Promise.race([dead, new Promise<void>((r) => this.once('left', () => r()))]) : dead;
    const p = this.proc;
    if (!this.reaped) {
      // A spawned inferior hears us over IPC; an adopted one over the request channel only.
      const listening = p instanceof EarlyProcess ? this.channel !== null : p.connected;
      // Still inside rte_eal_init: nothing was attached yet, so there is nothing to detach and no
      // reason to wait ~100 ms for the TSC calibration to finish (quit right after start-up).
      if (this.state === 'starting' || !listening) p.kill('SIGTERM');
      else if (this.channel) this.channel.close(); // end of the request pipe: detach all, exit
      else (p as ChildProcess).disconnect();
    }
    const t = setTimeout(() => p.kill('SIGKILL'), graceMs);
    await done;
    clearTimeout(t);
    if (!this.death) this.release();
  }

  /** The child and its pipes no longer keep this process's event loop alive. */
  private release(): void {
    const p = this.proc;
    p.unref();
    if (p instanceof EarlyProcess) return;
    p.channel?.unref();
    for (const s of p.stdio) (s as { unref?: () => void } | null)?.unref?.();
  }

}
