// attach / detach (gdb's words): the session's target becomes a running DPDK application. The
// shell starts a new inferior as a DPDK secondary process of that application (--proc-type=
// secondary --file-prefix=PREFIX, same DPDK build), and the shell's own EAL waits, untouched,
// until detach. Where joining cannot work, the reason is found before trying when /proc tells
// (--no-huge, --in-memory, --no-shconf, another build), else from DPDK's own lines.
import fs from 'node:fs';
import path from 'node:path';
import { Inferior, InferiorError, type Death } from './inferior.js';
import type { Session } from './session.js';
import type { Target } from './target.js';
import type { LogLine, RawPort } from '../protocol/ops.js';
import { optionValue, type AppInfo } from '../target/app.js';
import { runtimeBase } from '../util/runtime-dir.js';
import { telemetryHello, unseenPorts } from '../target/telemetry.js';
import { dpdkBuild } from '../util/paths.js';

export interface JoinFailure {
  code: 'already-attached' | 'cannot-join' | 'other-build' | 'other-version' | 'no-permission' | 'join-failed';
  message: string;
  hint: string;
  /** What both sides run, when builds or versions differ. */
  builds?: { app: BuildSide; shell: BuildSide };
  log: LogLine[];
}
export interface BuildSide {
  version: string | null;
  /** The driver directory compiled into the EAL: <prefix>/lib/<arch>/dpdk/pmds-<ABI>. */
  pluginDir: string | null;
  /** DPDK's ABI version from that directory's name (23.0 is 22.11, 26.0 is 25.11). */
  abi: string | null;
  binary: string | null;
}

const realDir = (p: string): string => { try { return fs.realpathSync(p); } catch { return p; } };

const abiOf = (dir: string | null): string | null => (dir ? /pmds-([\d.]+)$/.exec(dir)?.[1] ?? null : null);

/** The shell build's driver directory, as its EAL has it compiled in. */
function shellPluginDir(prefix: string): string | null {
  try {
    for (const arch of fs.readdirSync(path.join(prefix, 'lib'))) {
      const d = path.join(prefix, 'lib', arch, 'dpdk');
      const pmds = fs.existsSync(d) ? fs.readdirSync(d).find((x) => x.startsWith('pmds-')) : undefined;
      if (pmds) return path.join(d, pmds);
    }
  } catch { /* no lib directory */ }
  return null;
}

const appSide = (app: AppInfo, version: string | null): BuildSide =>
  ({ version, pluginDir: app.build.pluginDir, abi: abiOf(app.build.pluginDir), binary: app.build.ealLibrary ?? app.exe });

export interface Joined {
  target: Target; ms: number; ports: RawPort[]; log: LogLine[];
  /** The application's ports the secondary cannot see (no driver for them in the shell's build). */
  unseen: { port: number; name: string }[];
}

/** How long a secondary may take to join before the attempt is abandoned. */
const JOIN_TIMEOUT_MS = 20_000;
const WATCH_MS = 200;

/** The shell's own build, for comparison with an application's. */
export function shellBuild(): BuildSide {
  const b = dpdkBuild();
  const pluginDir = shellPluginDir(b.prefix);
  return { version: `DPDK ${b.version}`, pluginDir, abi: abiOf(pluginDir), binary: b.prefix };
}

/** "DPDK 22.11.11" and "22.11.11" compare equal. */
const bare = (v: string | null): string | null => v?.replace(/^DPDK\s+/, '').trim() ?? null;

/** The EAL arguments of a secondary process of this application. */
export function secondaryArgs(app: AppInfo): string[] {
  // The application's main lcore: the secondary's own main thread sleeps between requests.
  const lcores = optionValue(app.ealArgs, '-l') ?? optionValue(app.ealArgs, '--lcores');
  const main = lcores ? /^\d+/.exec(lcores)?.[0] ?? '0' : '0';
  return ['--proc-type=secondary', `--file-prefix=${app.prefix}`, '-l', main, '--no-telemetry',
    ...(app.ealArgs.includes('--no-pci') ? ['--no-pci'] : [])];
}

/** Why this application cannot be joined, found before trying; null when it looks joinable. */
export function preJoinCheck(app: AppInfo, version: string | null, force: boolean): JoinFailure | null {
  const telem = telemetryHint(app);
  if (app.blockers.length) {
    return {
      code: 'cannot-join', log: [],
      message: `cannot join pid ${app.pid} as a secondary process: ${app.blockers.map((b) => b.why).join('; ')}`,
      hint: `restart the application without ${app.blockers.map((b) => b.option).join(', ')} (with hugepages) to attach to it; ${telem}`,
    };
  }
  // DPDK looks for a primary only under its own user's runtime directory (/var/run/dpdk for root,
  // $XDG_RUNTIME_DIR/dpdk or /tmp/dpdk for others): another user's application cannot be found.
  const base = realDir(runtimeBase());
  if (realDir(path.dirname(app.runtimeDir)) !== base) {
    return {
      code: 'no-permission', log: [],
      message: `pid ${app.pid} keeps its runtime files in ${app.runtimeDir}, another user's: a secondary process of this user looks only in ${runtimeBase()}/${app.prefix}`,
      hint: `run vdev-shell as the user of the application; ${telem}`,
    };
  }
  const shell = shellBuild();
  const mine = dpdkBuild().prefix;
  const other = appSide(app, version);
  if (version && bare(version) !== bare(shell.version) && !force) {
    return {
      code: 'other-version', log: [], builds: { app: other, shell },
      message: `pid ${app.pid} runs ${version}, the shell ${shell.version}: DPDK joins a secondary only to a primary of the same version and build`,
      hint: `run vdev-shell with the application's DPDK (VDEV_SHELL_DPDK_SRC=its source tree, then npm run setup); ${telem}`,
    };
  }
  if (app.build.pluginDir && !app.build.pluginDir.startsWith(mine + '/') && !force) {
    return {
      code: 'other-build', log: [], builds: { app: other, shell },
      message: `pid ${app.pid} runs another DPDK build (its drivers live in ${app.build.pluginDir}${other.abi && other.abi !== shell.abi ? `, DPDK ABI ${other.abi} against the shell's ${shell.abi}` : ''}; the shell's build is ${mine}): a secondary shares the primary's memory and structures, so the builds must be the same`,
      hint: `build the application against ${mine}, or point vdev-shell at the application's DPDK source (VDEV_SHELL_DPDK_SRC); 'attach --force' tries anyway; ${telem}`,
    };
  }
  try {
    fs.accessSync(app.runtimeDir, fs.constants.R_OK | fs.constants.W_OK | fs.constants.X_OK);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EACCES' || code === 'EPERM') {
      return {
        code: 'no-permission', log: [],
        message: `no permission to join pid ${app.pid}: its runtime directory ${app.runtimeDir} is not open to this user`,
        hint: 'run vdev-shell as the user of the application (usually root for DPDK with hugepages)',
      };
    }
    // No runtime directory: the application keeps none (checked above) or it is not a primary.
    return {
      code: 'cannot-join', log: [],
      message: `pid ${app.pid} has no DPDK runtime directory ${app.runtimeDir}: it is not a DPDK primary process with shared config`,
      hint: telem,
    };
  }
  return null;
}

/** What to say about the read-only view. */
export function telemetryHint(app: AppInfo): string {
  if (app.telemetry) return `'attach --telemetry ${app.pid}' shows its ports, stats and EAL parameters read-only through its telemetry socket`;
  if (app.ealArgs.includes('--no-telemetry')) return 'it runs with --no-telemetry, so no read-only view is possible either';
  return `it has no telemetry socket (${app.runtimeDir}/dpdk_telemetry.v2), so no read-only view is possible either`;
}

/** Joins the application: a secondary inferior becomes the session's inferior. */
export async function attachApp(session: Session, app: AppInfo, opts: { force?: boolean } = {}): Promise<Joined | JoinFailure> {
  if (session.target) {
    return { code: 'already-attached', message: `already attached to pid ${session.target.app.pid}`, hint: "'detach' first", log: [] };
  }
  const t0 = performance.now();
  const version = app.telemetry ? telemetryHello(app.telemetry)?.version ?? null : null;
  const pre = preJoinCheck(app, version, !!opts.force);
  if (pre) return pre;
  const own = session.inferior;
  // The shell's own EAL need not be up: it waits as it is (with -p PID both start side by side).
  own.ready.catch(() => undefined);
  // A secondary must map the application's memory at the very addresses the application uses;
  // Node places its own mappings at random addresses, which now and then sit on that range
  // ("Cannot get a virtual area at requested address"). A new process has a new layout: retry.
  let inf: Inferior | null = null;
  const collisions: string[] = [];
  for (let attempt = 1; !inf; attempt++) {
    const r = await join(app);
    if ('inf' in r) { inf = r.inf; break; }
    const collided = r.log.map((l) => l.text).find((t) => VA_COLLISION.test(t));
    if (collided && attempt < JOIN_ATTEMPTS) { collisions.push(collided); continue; }
    const said = r.log.map((l) => l.text).find((t) => /mismatch|denied|permission|cannot|could not|failed|fail to|error/i.test(t) && !/FATAL/.test(t));
    return {
      code: 'join-failed', log: r.log, builds: { app: appSide(app, version), shell: shellBuild() },
      message: `DPDK refused the secondary process for pid ${app.pid} (prefix ${app.prefix}): ${said ?? r.error}` +
        (attempt > 1 ? ` (${attempt} attempts: the application's memory addresses were taken in this process each time)` : ''),
      hint: collided
        ? `start the application with --base-virtaddr (an address range free in both), or without address space randomisation; ${telemetryHint(app)}`
        : `DPDK's lines above say why; ${telemetryHint(app)}`,
    };
  }
  const target: Target = {
    kind: 'app', app, since: Date.now(), version, own, ownAttached: session.attached, startTime: startTimeOf(app.pid),
  };
  inf.on('death', (d: Death) => { if (inf === session.inferior) session.deaths.push(d); });
  session.attached = [];
  session.inferior = inf;
  session.target = target;
  watch(session, target);
  const ports = await session.ports();
  const ms = performance.now() - t0;
  // Tried again after an address collision: said, with DPDK's line, in the attach result.
  const retried = collisions.map((text) => ({ text: `vdev-shell: joining again after: ${text}` }));
  const unseen = app.telemetry ? unseenPorts(app.telemetry, ports.map((p) => p.port)) : [];
  return { target, ms, ports, log: [...retried, ...(inf.readyInfo?.log ?? [])], unseen };
}

const JOIN_ATTEMPTS = 4;
const VA_COLLISION = /Cannot get a virtual area at requested address|Could not map memory|Cannot mmap memory for|Could not attach/i;

/** One attempt: a secondary inferior up, or DPDK's lines saying why not. */
async function join(app: AppInfo): Promise<{ inf: Inferior } | { error: string; log: LogLine[] }> {
  const inf = new Inferior(secondaryArgs(app));
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([inf.ready, new Promise((_, reject) => {
      timer = setTimeout(() => reject(new InferiorError('timeout', `the secondary process did not finish rte_eal_init within ${JOIN_TIMEOUT_MS / 1000} s`)), JOIN_TIMEOUT_MS);
    })]);
    return { inf };
  } catch (e) {
    if (inf.alive) await inf.stop(500);
    const lines = [...(inf.readyInfo?.log ?? []), ...inf.takeConsole().map((text) => ({ text }))];
    return { error: (e as Error).message, log: lines.length ? lines : (inf.death?.lastLog ?? []).map((text) => ({ text })) };
  } finally {
    if (timer) clearTimeout(timer);
  }
}

/** The read-only view: nothing joins; ports and stats come from the telemetry socket. */
export function attachTelemetry(session: Session, app: AppInfo, why?: string): Target | JoinFailure {
  if (session.target) return { code: 'already-attached', message: `already attached to pid ${session.target.app.pid}`, hint: "'detach' first", log: [] };
  if (!app.telemetry) return { code: 'cannot-join', message: `pid ${app.pid} has no telemetry socket`, hint: telemetryHint(app), log: [] };
  const hello = telemetryHello(app.telemetry);
  const target: Target = { kind: 'telemetry', app, since: Date.now(), version: hello?.version ?? null, own: null, ownAttached: [], startTime: startTimeOf(app.pid), ...(why ? { why } : {}) };
  session.target = target;
  watch(session, target);
  return target;
}

/**
 * Leaves the target: the secondary ends without touching the application's devices (it only
 * drops its multi-process socket) and the shell's own EAL, as it was, is the inferior again.
 */
export async function leaveTarget(session: Session): Promise<Target | null> {
  const t = session.target;
  if (!t) return null;
  if (t.watch) clearInterval(t.watch);
  session.target = null;
  if (t.kind === 'app' && t.own) {
    const secondary = session.inferior;
    await session.keepChains(secondary).catch(() => undefined);
    session.inferior = t.own;
    session.attached = t.ownAttached;
    await secondary.stop();
  }
  return t;
}

/** /proc/PID/stat start time: with the pid it names one process for good. */
export function startTimeOf(pid: number): string | null {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19] ?? null;
  } catch {
    return null;
  }
}

/** Watches the application: when it ends, the session goes back to its own EAL and says so. */
function watch(session: Session, t: Target): void {
  let waited = 0;
  t.watch = setInterval(() => {
    if (session.target !== t) { clearInterval(t.watch); return; }
    const now = startTimeOf(t.app.pid);
    if (now !== null && now === t.startTime) return;
    // A request in flight in the secondary ends by itself (DPDK's multi-process timeout): let it.
    if (t.kind === 'app' && session.inferior.inFlight.length && (waited += WATCH_MS) < 10_000) return;
    const name = t.app.exe?.split('/').pop() ?? t.app.argv[0];
    const message = `the application ${name} (pid ${t.app.pid}) ended while attached; back to the shell's own EAL`;
    void leaveTarget(session).then(() => {
      session.notices.push(message);
      session.emit('target-lost', { pid: t.app.pid, message });
    });
  }, WATCH_MS);
  t.watch.unref();
}
