// The EAL bin/vdev-shell started beside the shell. rte_eal_init needs >100 ms (TSC calibration)
// and each Node start ~30 ms here: spawned by the shell, the EAL would start only once the
// shell's Node was up. The launcher (bash) starts both Nodes at once and hands the shell the
// pipes of that inferior (src/protocol/early.ts); this file adopts them. The inferior is this
// process's child (the launcher exec'd into the shell), so its exit status is ours to collect,
// but Node did not spawn it and will not: reapChild (native/channel.cc) does.
import fs from 'node:fs';
import net from 'node:net';
import { EventEmitter } from 'node:events';
import { EARLY_PID_ENV, removeEarlyFifos, SHELL_EARLY_FDS } from '../protocol/early.js';
import { channelNative } from './channel.js';
import { signalName } from '../util/signals.js';
import { removeOwnRuntimeDir } from '../util/runtime-dir.js';

/** The pipes of the adopted inferior, each a description of this process's own (close-on-exec). */
export interface EarlyPipes { requestWrite: number; replyPoll: number; replyWait: number }

/**
 * The adopted inferior's process: its pid, its crash report and console as streams, and 'exit'
 * (code, signal) once it is gone. What Inferior needs of a ChildProcess, no more.
 */
export class EarlyProcess extends EventEmitter {
  exitCode: number | null = null;
  signalCode: NodeJS.Signals | null = null;
  private reapTimer?: NodeJS.Timeout;

  constructor(readonly pid: number, readonly pipes: EarlyPipes, readonly crash: net.Socket, readonly console: net.Socket) {
    super();
    // Its end of the crash pipe closes when it dies: collect its status then (Node teardown
    // after the last write may take a few ms more).
    crash.on('close', () => this.reap());
  }

  get running(): boolean { return this.exitCode === null && this.signalCode === null; }

  kill(signal: NodeJS.Signals = 'SIGTERM'): void {
    if (!this.running) return;
    try { process.kill(this.pid, signal); } catch { /* gone already */ }
  }

  /**
   * Ends one the shell will not adopt (a script that does not exist) once it may be inside
   * rte_eal_init: killed there, it cannot remove the runtime directory DPDK already made for it
   * (src/util/runtime-dir.ts), so the shell does once it is dead (a zombie until the shell exits).
   */
  discard(ealArgs: string[]): void {
    this.kill('SIGKILL');
    const end = Date.now() + 2000;
    const dead = (): boolean => { try { return /^\d+ \(.*\) Z/.test(fs.readFileSync(`/proc/${this.pid}/stat`, 'utf8')); } catch { return true; } };
    while (!dead() && Date.now() < end) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 1);
    removeOwnRuntimeDir(ealArgs, this.pid);
  }

  /** Set by its Inferior: delivers what it wrote on the reply pipe before its exit is told. */
  beforeExit: () => Promise<void> = async () => undefined;

  private reap(): void {
    const r = channelNative()?.reapChild(this.pid);
    if (r === null) { this.reapTimer = setTimeout(() => this.reap(), 2); return; }
    const sig = r?.signal ? signalName(r.signal) as NodeJS.Signals : null;
    // As with Node's IPC, its last messages ('ready' of a failed rte_eal_init) come before 'exit'.
    void this.beforeExit().finally(() => {
      this.exitCode = r?.code ?? null;
      this.signalCode = sig ?? null;
      this.emit('exit', this.exitCode, this.signalCode);
    });
  }

  /** Nothing of it keeps this process's event loop alive any more. */
  unref(): void {
    this.reapTimer?.unref();
    this.crash.unref();
    this.console.unref();
  }
}

/**
 * The inferior the launcher started, when it started one for this command line: its pipes
 * reopened close-on-exec (the shell's own children must not inherit them: the inferior would
 * never see the request pipe end) and the inherited descriptors closed. Null otherwise; the
 * shell then spawns its EAL itself.
 */
export function adoptEarly(env: NodeJS.ProcessEnv = process.env): EarlyProcess | null {
  const pid = Number(env[EARLY_PID_ENV]);
  delete env[EARLY_PID_ENV];
  removeEarlyFifos(env);
  if (!Number.isInteger(pid) || pid <= 0) return null;
  const F = SHELL_EARLY_FDS, O = fs.constants;
  const inherited = [F.replyRead, F.requestWrite, F.crash, F.console];
  const opened: number[] = [];
  try {
    // A description of our own (Node opens close-on-exec) of each inherited pipe.
    const o = (fd: number, flags: number): number => { const n = fs.openSync(`/proc/self/fd/${fd}`, flags); opened.push(n); return n; };
    const pipes = { requestWrite: o(F.requestWrite, O.O_WRONLY), replyPoll: o(F.replyRead, O.O_RDONLY | O.O_NONBLOCK), replyWait: o(F.replyRead, O.O_RDONLY) };
    // Sockets, not fs streams: a pipe read by an fs stream holds a thread-pool thread meanwhile.
    const crash = new net.Socket({ fd: o(F.crash, O.O_RDONLY), readable: true, writable: false });
    const consoleStream = new net.Socket({ fd: o(F.console, O.O_RDONLY), readable: true, writable: false });
    for (const fd of inherited) fs.closeSync(fd);
    return new EarlyProcess(pid, pipes, crash, consoleStream);
  } catch {
    // Not what the launcher promised: leave it, start our own.
    for (const fd of [...opened, ...inherited]) { try { fs.closeSync(fd); } catch { /* not open */ } }
    try { process.kill(pid, 'SIGTERM'); } catch { /* gone */ }
    return null;
  }
}
