// Runs one command under watch: a command still running after slowMs gets its inferior's stack
// sampled (session event 'slow'); one still running after the timeout, or interrupted (Ctrl-C),
// is cancelled by killing the inferior. Either way, and when the inferior dies by itself (a
// crash, rte_exit, rte_panic), the result says what happened and the EAL is restarted with the
// session restored. Nothing here throws for a death: it becomes a CommandResult.
import type { Body, CommandContext, CommandSpec } from '../commands/types.js';
import { Inferior, InferiorError, type Death } from '../session/inferior.js';
import type { Session } from '../session/session.js';
import { symbolizeCrash } from './crash-report.js';
import { restartAndRestore } from './restore.js';
import { leaveTarget } from '../session/target-attach.js';
import { captureStack, nameStack, type RawStack } from './stack-sample.js';
import type { GuardState, RunningCommand } from '../session/state.js';
import type { DeathData, HangSample } from './types.js';

/** Cancels the command running in this session (Ctrl-C): returns false when none runs. */
export function cancelRunning(session: Session, reason: 'interrupted' | 'timeout' = 'interrupted'): boolean {
  const a = session.guard.running;
  const top = a[a.length - 1];
  // Only a command waiting on its EAL is worth a kill: a script between two lines, or a command
  // busy in the shell, is left alone (the caller stops the script instead).
  if (!top || (top.inf.alive && top.inf.inFlight.length === 0)) return false;
  top.cancel(reason);
  return true;
}

function waitDeath(inf: Inferior): Promise<Death> {
  if (inf.death) return Promise.resolve(inf.death);
  return new Promise((r) => inf.once('death', (d: Death) => r(d)));
}


/** An EAL that died between commands and is to be restarted first (see reviveIfDead). */
function diedBetween(session: Session, spec: CommandSpec): boolean {
  const dead = session.inferior;
  return !(dead.alive || !dead.death || dead.state === 'init-failed' || session.guard.handled.has(dead) || spec.managesEal);
}

/** Restarts an EAL that died between commands (killed from outside, OOM): a log line says so. */
async function reviveIfDead(session: Session): Promise<string> {
  const dead = session.inferior;
  const death = dead.death!;
  session.guard.handled.add(dead);
  const how = death.signal ? `killed by ${death.signal}` : `exit code ${death.code}`;
  // Attached: the dead one is the shell's secondary in the application, not the shell's own EAL,
  // which is still running as it was: the session goes back to it, nothing is restarted.
  const t = session.target;
  if (t?.kind === 'app' && t.own?.alive) {
    await leaveTarget(session);
    return `vdev-shell: the shell's secondary process in pid ${t.app.pid} had died (${how}); back to the shell's own EAL`;
  }
  const rep = await restartAndRestore(session, { clean: session.recovery.policy === 'clean' });
  session.recovery.deaths.push({
    command: '(between commands)', devargs: null, probeId: null, driver: null, how: death.signal ? 'killed' : 'exit',
    signal: death.signal, exitCode: death.code, crash: null, hang: null, lastLog: death.dpdkLog ?? [], restore: rep,
  });
  if (rep.error) return `vdev-shell: the EAL had died (${how}) and did not start again: ${rep.error}`;
  return `vdev-shell: the EAL had died (${how}) since the last command; restarted it` +
    (rep.clean ? ' clean' : `, restored ${rep.restored.length} of ${rep.restored.length + rep.failed.length} device(s)` + (rep.failed.length ? ` (lost: ${rep.failed.map((f) => f.devargs).join(' ')})` : ''));
}

export function guardCommand(ctx: CommandContext, spec: CommandSpec, cmd: string, run: () => Promise<Body>): Promise<Body> {
  // The EAL alive (nearly always): straight to the command, without a turn for the check.
  if (!diedBetween(ctx.session, spec)) return guarded(ctx, spec, cmd, run);
  return reviveIfDead(ctx.session).then(async (revived) => {
    const body = await guarded(ctx, spec, cmd, run);
    return { ...body, log: [{ text: revived }, ...body.log] };
  });
}

type Outcome = { b: Body } | { e: unknown } | { cancelled: true };

/**
 * One command under watch, as the watch timer and Ctrl-C see it (RunningCommand). Its state lives
 * in fields and its steps are methods: most commands finish in well under a millisecond, and
 * closures and promises made for a hang that never comes were most of what guarding one cost.
 */
class Watched implements RunningCommand {
  cancelled: 'timeout' | 'interrupted' | null = null;
  abandoned = false;
  readonly t0 = performance.now();
  readonly slowAt: number;
  readonly timeoutAt: number;
  private slowDone = false;
  private timeoutDone = false;
  private recheckAt = Infinity;
  // The stack is captured once (quick: a command being cancelled is killed right after) and
  // named once, in another live EAL: the spare while this one is blocked, the restarted one after.
  private raw: Promise<RawStack | null> | null = null;
  private named: Promise<HangSample | null> | null = null;
  /** Ends the wait for the command: its outcome, or its cancel once the EAL is dead. */
  settle?: (o: Outcome) => void;

  constructor(readonly session: Session, readonly inf: Inferior, readonly cmd: string, timed: boolean) {
    const st = session.recovery;
    // The deadlines: the slow-command sample, then the timeout (and its re-checks while the command
    // is busy outside the EAL); the slow sample may still be due after a timeout shorter than it.
    this.slowAt = timed && st.slowMs > 0 ? this.t0 + st.slowMs : Infinity;
    this.timeoutAt = timed && st.timeoutMs > 0 ? this.t0 + st.timeoutMs : Infinity;
  }

  takeSample(): Promise<RawStack | null> {
    this.raw ??= this.inf.alive && this.inf.pid ? captureStack(this.inf.pid) : Promise.resolve(null);
    return this.raw;
  }

  /** null when nothing was sampled (a crash, an exit) */
  nameSample(live?: Promise<Inferior | null>): Promise<HangSample | null> {
    const raw = this.raw;
    if (!raw) return Promise.resolve(null);
    this.named ??= raw.then((r) => (r ? nameStack(this.session, r, live) : null));
    return this.named;
  }

  cancel(reason: 'timeout' | 'interrupted'): void {
    if (this.cancelled) return;
    this.cancelled = reason;
    const inf = this.inf;
    // Sample before the kill: afterwards there is nothing left to look at.
    void this.takeSample().then(() => {
      if (inf.alive) inf.kill('SIGKILL');
      void waitDeath(inf).then(() => this.settle?.({ cancelled: true }));
    });
  }

  private slow(): void {
    // the EAL that names the frames (the spare) starts while eu-stack runs
    const live = this.session.idleInferior(this.inf.pid);
    void this.takeSample().then(() => this.nameSample(live)).then((sample) => {
      if (!this.cancelled) this.session.emit('slow', { cmd: this.cmd, ms: Math.round(performance.now() - this.t0), sample });
    });
  }

  // Time out only a command that waits on THIS EAL: a long command busy elsewhere (a scratch
  // EAL, the file system) must not cost the user's session; check again a little later.
  private onTimeout(): void {
    const st = this.session.recovery;
    if (this.inf.inFlight.length || !this.inf.alive) this.cancel('timeout');
    else if (performance.now() - this.t0 > 3 * st.timeoutMs) {
      // Stuck outside the EAL for three timeouts: stop waiting (nothing to kill; the EAL is fine).
      this.abandoned = true;
      this.cancelled = 'timeout';
      this.settle?.({ cancelled: true });
    } else this.recheckAt = performance.now() + Math.max(250, st.timeoutMs / 4);
  }

  check(now: number): number {
    if (!this.slowDone && now >= this.slowAt) { this.slowDone = true; this.slow(); }
    if (!this.timeoutDone && now >= this.timeoutAt) { this.timeoutDone = true; this.onTimeout(); }
    else if (now >= this.recheckAt) { this.recheckAt = Infinity; this.onTimeout(); }
    return Math.min(this.slowDone ? Infinity : this.slowAt, this.timeoutDone ? this.recheckAt : this.timeoutAt);
  }
}

async function guarded(ctx: CommandContext, spec: CommandSpec, cmd: string, run: () => Promise<Body>): Promise<Body> {
  const session = ctx.session;
  const inf = session.inferior;
  const me = new Watched(session, inf, cmd, !spec.untimed);
  const stack = session.guard.running;
  stack.push(me);
  watchUntil(session.guard, Math.min(me.slowAt, me.timeoutAt));
  try {
    // The first to settle wins: the command's own outcome, or its cancel (Ctrl-C, timeout).
    const outcome = await new Promise<Outcome>((resolve) => {
      me.settle = resolve;
      run().then((b) => resolve({ b }), (e: unknown) => resolve({ e }));
    });
    const cancelled = me.cancelled;
    if ('b' in outcome && !cancelled) return outcome.b;
    const e = 'e' in outcome ? outcome.e : undefined;
    const died = cancelled !== null || (e instanceof InferiorError && (e.code === 'inferior-died' || e.code === 'timeout') && inf.death !== undefined);
    if (!died) {
      if (e !== undefined) throw e;
      return (outcome as { b: Body }).b;
    }
    if (me.abandoned) {
      const ms = Math.round(performance.now() - me.t0);
      return { ok: false, kind: 'error', data: { command: cmd, how: 'timeout', afterMs: ms, abandoned: true }, error: { code: 'timeout', message: `'${cmd}' did not return within ${ms} ms and was not waiting on the EAL; abandoned`, hint: 'the EAL is untouched; this is a vdev-shell bug worth reporting' }, log: [] };
    }
    if (cancelled && !inf.death) await waitDeath(inf);
    const ms = Math.round(performance.now() - me.t0);
    return await deathResult(session, cmd, inf, cancelled, () => me.nameSample(), ms);
  } finally {
    // Nearly always the innermost (pop: splice would make an array of what it removed).
    if (stack[stack.length - 1] === me) stack.pop();
    else stack.splice(stack.indexOf(me), 1);
    if (!stack.length) session.guard.watch.timer?.unref();
  }
}

/**
 * One timer watches the deadlines of every running command: most commands finish in well under
 * a millisecond, so a timer of their own (made, queued, cleared) cost more than their checks.
 * It stays armed from one command to the next (unreferenced while none runs, so it keeps no
 * process alive) and fires no sooner than the earliest deadline; each firing checks every running
 * command and arms it again for the next deadline, if any.
 */
function watchUntil(g: GuardState, at: number): void {
  const w = g.watch;
  if (w.timer && w.at <= at) { w.timer.ref(); return; }
  if (at === Infinity) return;
  if (w.timer) clearTimeout(w.timer);
  w.at = at;
  w.timer = setTimeout(() => {
    w.timer = null;
    w.at = Infinity;
    const now = performance.now();
    let next = Infinity;
    for (const c of [...g.running]) next = Math.min(next, c.check(now));
    watchUntil(g, next);
  }, Math.max(1, at - performance.now()));
}

async function deathResult(session: Session, cmd: string, inf: Inferior, cancelled: 'timeout' | 'interrupted' | null, nameSample: () => Promise<HangSample | null>, ms: number): Promise<Body> {
  const death = inf.death!;
  session.guard.handled.add(inf);
  const st = session.recovery;
  const rec = [...session.probes].reverse().find((p) => p.died && !p.crash && p.at >= inf.startedAt);
  const restore = await restartAndRestore(session, { clean: st.policy === 'clean' });
  let crash = null;
  if (death.crash && !cancelled && session.inferior.alive) {
    try { crash = await symbolizeCrash(session, death.crash); } catch { crash = null; }
  }
  // a stack sampled before the kill, named now in the restarted EAL (if the slow report has not already)
  const hang = await nameSample();
  const how: DeathData['how'] = cancelled ?? (death.crash ? 'crash' : death.signal ? 'killed' : 'exit');
  let driver: string | null = null;
  if (rec?.devargs && session.inferior.alive) {
    try { driver = (await session.claim(rec.devargs.name))?.name ?? null; } catch { driver = null; }
    rec.driver ??= driver;
  }
  if (rec && crash) {
    rec.crash = crash;
    rec.frames = crash.frames;
  }
  const data: DeathData = {
    command: cmd, devargs: rec?.devargs?.text ?? null, probeId: rec?.id ?? null, driver,
    how, signal: death.signal, exitCode: death.code, crash, hang,
    lastLog: (death.dpdkLog ?? []).slice(-12),
    restore, afterMs: ms,
  };
  st.deaths.push(data);
  const restored = restore.error ? `the EAL did not come back: ${restore.error}`
    : restore.clean ? 'a clean EAL was started (nothing restored)'
      : `EAL restarted; restored ${restore.restored.length} of ${restore.restored.length + restore.failed.length} device(s)`;
  const where = crash?.dpdkFrame ? ` in ${crash.dpdkFrame.fn} (${crash.dpdkFrame.file}:${crash.dpdkFrame.line})` : crash?.top?.fn ? ` in ${crash.top.fn}` : '';
  const what = rec?.devargs ? `probing ${rec.devargs.text}` : `'${cmd}'`;
  let code: string, message: string, hint: string;
  if (how === 'timeout' || how === 'interrupted') {
    code = how;
    const w = hang?.dpdkFrame ? ` waiting in ${hang.waitingIn ?? hang.dpdkFrame.fn} from ${hang.dpdkFrame.fn} (${hang.dpdkFrame.file}:${hang.dpdkFrame.line})` : '';
    message = how === 'timeout' ? `${what} did not return within ${st.timeoutMs} ms${w}; cancelled` : `${what} interrupted${w}`;
    hint = `${hang?.meaning ?? 'the inferior was stuck'}; ${restored}`;
  } else if (how === 'crash') {
    code = 'inferior-crashed';
    message = `the inferior crashed with ${crash?.signal ?? death.signal}${where} while ${what}`;
    hint = `${restored}; 'bt' shows the crash frames`;
  } else if (how === 'exit') {
    code = 'inferior-exited';
    message = `DPDK ended the inferior (exit code ${death.code}) while ${what}` + (data.lastLog.length ? `: ${data.lastLog[data.lastLog.length - 1].trim()}` : '');
    hint = restored;
  } else {
    code = 'inferior-died';
    message = `the inferior was killed by ${death.signal} while ${what}`;
    hint = restored;
  }
  return { ok: false, kind: 'crash', data, error: { code, message, hint }, log: data.lastLog.map((text) => ({ text })) };
}
