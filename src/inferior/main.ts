// The inferior: a child process that owns one EAL. It initialises DPDK with the arguments in
// VDEV_SHELL_EAL_ARGS, reports 'ready', then serves protocol requests one at a time over the
// request channel (src/inferior/channel.ts), or over Node's IPC where the shell cannot open it.
// Fatal signals are reported on fd 3 by the addon's handler before the process dies.
// Started by bin/vdev-shell beside the shell (VDEV_SHELL_EARLY=1, src/session/early.ts says why),
// it reads its EAL arguments from the shell's command line and talks over the pipes it was
// given instead of Node's IPC: requests on fd 0, replies (the first one 'ready') on fd 4.
import '../util/jit-tier.js'; // first: see there
import fs from 'node:fs';
import { loadAddon } from './addon.js';
import { handlers, setEalArgs, setInitLog } from './handlers.js';
import { logWithEmitters } from './symbolize.js';
import { dropPipes, serve } from './channel.js';
import { armProbeCapture } from './probe-capture.js';
import { vdevArgs, vdevName } from '../devargs/eal-args.js';
import { EARLY_FDS, removeEarlyFifos } from '../protocol/early.js';
import { ealArgsOf } from '../cli/args.js';
import { encodeLine, warmSerializer } from '../protocol/wire.js';
import { removeOwnRuntimeDir, withOwnPrefix } from '../util/runtime-dir.js';
import type { ChannelReply, OpName, Reply, Request, ReadyMessage } from '../protocol/ops.js';

const CRASH_FD = 3;
const send = (m: unknown): void => { process.send?.(m); };

const early = process.env.VDEV_SHELL_EARLY === '1';
const earlyArgs = early ? ealArgsOf(process.argv.slice(2)) : null;
// The launcher's pipes are open read-write: our ends get the one direction we use, so the shell
// closing its request end is an end of file here, and its death an EPIPE on a reply.
if (early) removeEarlyFifos(process.env);
const earlyPipes = early ? {
  requestRead: reopen(EARLY_FDS.requestRead, fs.constants.O_RDONLY | fs.constants.O_NONBLOCK),
  replyWrite: reopen(EARLY_FDS.replyWrite, fs.constants.O_WRONLY),
} : null;
// A command line that starts no EAL (--help, a usage error): the shell says so; nothing to do here.
if (early && !earlyArgs) process.exit(0);
const args: string[] = earlyArgs ?? JSON.parse(process.env.VDEV_SHELL_EAL_ARGS ?? '[]');
setEalArgs(args);
const addon = loadAddon();
addon.installCrashHandler(CRASH_FD);
// Ctrl-C in a terminal signals the whole foreground process group, this EAL included: the shell
// decides what an interrupt cancels (src/recovery/guard.ts), so it is not ours to die of.
process.on('SIGINT', () => undefined);
// A terminal that goes away (tmux killed, ssh dropped) hangs up its foreground process group when
// the shell, its session leader, exits: this EAL then hears the shell's end on its request pipe
// (or IPC) and leaves as on quit, its devices detached and its runtime directory removed.
process.on('SIGHUP', () => undefined);
// The chain recorder is armed here, once, before rte_eal_init (which probes the --vdev devices).
armProbeCapture(addon);
const vdevNames = vdevArgs(args).map(vdevName);
const t0 = process.hrtime.bigint(); // not performance.now(): the global loads perf_hooks, before rte_eal_init
// Without --file-prefix DPDK would make (and leave) /var/run/dpdk/rte: this EAL gets vdsh-<pid>.
const init = addon.ealInit(withOwnPrefix(args, process.pid), vdevNames);
const removeRuntimeDir = (): void => removeOwnRuntimeDir(args, process.pid);
// Whatever way this process ends short of a signal (an uncaught error: 'ready' sent to a shell
// that is gone), the directory goes with it.
process.on('exit', removeRuntimeDir);
// The pipes of the fast request channel; the shell opens its ends once it has read 'ready'.
const pipes = init.ret < 0 || early || process.env.VDEV_SHELL_CHANNEL === 'ipc' ? null : addon.channelPipes();
// A failed init ends this process: its lines go with their emitters now. Otherwise only their
// text, and the emitters when asked (initLog): symbolizing loads DWARF, ~100 ms before 'ready'.
if (init.ret >= 0) setInitLog(init.log);
const ready: ReadyMessage = {
  type: 'ready', ret: init.ret, errnoText: init.errnoText,
  log: init.ret < 0 ? logWithEmitters(addon, init.log) : init.log.map((l) => ({ text: l.text })),
  pid: process.pid, ms: Math.round(Number(process.hrtime.bigint() - t0) / 1e6),
  addonBase: '0x' + (addon.loadBase()?.base ?? 0n).toString(16),
  ...(pipes ? { channel: { requestWrite: pipes.requestWrite, replyRead: pipes.replyRead } } : {}),
  ...(init.chains?.length ? { chains: init.chains } : {}),
};

// What this run did, for the code cache's writer (src/inferior/start.ts; absent without it).
const did = (globalThis as { vdevShellDid?: (what: string) => void }).vdevShellDid;

function handle(msg: Request): Reply {
  did?.(msg.op);
  try {
    const h = handlers[msg.op as OpName] as (a: typeof addon, x: unknown) => unknown;
    if (!h) throw Object.assign(new Error(`unknown op ${msg.op}`), { code: 'bad-op' });
    return { id: msg.id, ok: true, result: h(addon, msg.args) };
  } catch (e) {
    const err = e as Error & { code?: string };
    return { id: msg.id, ok: false, error: { code: err.code ?? 'inferior-error', message: err.message } };
  }
}

// The shell going away (quit or crash) must not leave an EAL with tap interfaces behind.
// Detaching every device removes what the PMDs made on the host (tap interfaces, af_packet
// promiscuous mode) through the drivers' own remove paths.
// A running capture is closed first so its pcapng file gets its statistics block.
// A secondary process (attached to a running application) is a guest: the devices are the
// application's, so it only leaves (rte_eal_cleanup drops its multi-process socket) and exits.
function detachAllAndExit(): never {
  addon.captureStop();
  if (addon.ealInfo().processType === 'secondary') {
    addon.ealCleanup();
    process.exit(0);
  }
  for (const p of addon.ports()) if (p.device) addon.hotplugRemove(p.device);
  removeRuntimeDir();
  // Nothing of ours is left on the host: a shell that is quitting need not wait for Node's and
  // the kernel's teardown of this process (src/session/inferior.ts stop()).
  try { fs.writeSync(CRASH_FD, 'left\n'); } catch { /* the shell is gone */ }
  // After 'left', so the shell's commands never wait for it: V8's code cache for the next start,
  // written once per build (src/inferior/start.ts).
  (globalThis as { vdevShellSaveCodeCache?: () => void }).vdevShellSaveCodeCache?.();
  process.exit(0);
}

if (early) serveEarly();
send(ready);
if (init.ret < 0) {
  // EAL cannot be initialised twice in one process: this inferior is done.
  process.disconnect?.();
  process.exitCode = 1;
} else {
  process.on('disconnect', detachAllAndExit);
  // While the shell reads 'ready' and opens the channel: the first reply with a bigint needs it.
  warmSerializer();
  process.once('message', (first: ChannelReply | Request) => {
    if (pipes && 'type' in first && first.type === 'channel' && first.ok) {
      // From here on the event loop does not run: the channel's loop serves every request and
      // returns when the shell closes the request pipe.
      try {
        serve(addon, pipes, (m) => handle(m as Request));
      } finally {
        detachAllAndExit();
      }
    }
    if (pipes) dropPipes(pipes);
    process.on('message', (msg: Request) => send(handle(msg)));
    if (!('type' in first)) send(handle(first));
  });
}

/** Started by bin/vdev-shell: 'ready' and every reply on fd 4, requests on fd 0, no IPC. */
function serveEarly(): never {
  const p = earlyPipes!;
  try { fs.writeSync(p.replyWrite, encodeLine(ready)); } catch { process.exit(1); }
  if (init.ret < 0) process.exit(1);
  // While the shell reads 'ready' and sends its first request: the first reply with a bigint needs it.
  warmSerializer();
  try {
    serve(addon, p, (m) => handle(m as Request));
  } finally {
    detachAllAndExit();
  }
}

/** A description of our own of an inherited fd, with these flags; the inherited one closed. */
function reopen(fd: number, flags: number): number {
  const own = fs.openSync(`/proc/self/fd/${fd}`, flags);
  fs.closeSync(fd);
  return own;
}
