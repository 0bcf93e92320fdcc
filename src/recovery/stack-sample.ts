// Where a stuck inferior is waiting: sample its main thread with elfutils' eu-stack (the process
// is alive, just blocked; gdb -batch would do too but takes ~1 s) and read its mappings at that
// moment. The blocked process cannot name its own frames, so a live inferior of the same binaries
// does (foreign-frames.ts), through the crash reports' path: the frames gdb shows, inlined
// functions and tail calls included. eu-stack's own names stay only for what does not translate
// (JIT code) or when no live inferior is at hand.
import { execFile } from 'node:child_process';
import type { Frame } from '../protocol/ops.js';
import type { CrashMap } from '../session/inferior.js';
import type { Session } from '../session/session.js';
import type { HangSample } from './types.js';
import { chainFrames } from './foreign-frames.js';
import { readExecMaps, translateAddr } from './translate.js';
import { normalizeSourcePath } from '../util/source-path.js';

function origin(fn: string | null, file: string | null, module: string | null): Frame['origin'] {
  if (file && /^(lib|drivers|app|buses)\//.test(file)) return 'dpdk';
  if (file?.startsWith('native/')) return 'shell';
  if (module && /libc\.so|libpthread/.test(module)) return 'libc';
  if (module && /\/node$/.test(module)) return 'node';
  if (fn && /^(Napi|v8|node)::/.test(fn)) return 'node';
  return 'other';
}

/** "ns::f(int, char*) const" -> "ns::f": drop the last balanced parameter list. */
export function stripParams(fn: string): string {
  const t = fn.replace(/\s+const$/, '');
  if (!t.endsWith(')')) return t;
  let depth = 0;
  for (let i = t.length - 1; i >= 0; i--) {
    if (t[i] === ')') depth++;
    else if (t[i] === '(' && --depth === 0) return t.slice(0, i) || t;
  }
  return t;
}

/** Parses `eu-stack -1 -a -s -m` output: "#N  0xADDR [- 1] FN - MODULE" then "    FILE:LINE:COL". */
export function parseEuStack(text: string): Frame[] {
  const frames: Frame[] = [];
  for (const line of text.split('\n')) {
    const m = /^#(\d+)\s+0x([0-9a-f]+)\s+(?:- 1\s+)?(.*?)\s*(?:- (\/\S.*))?$/.exec(line);
    if (m) {
      const fn = m[3].trim() || null;
      frames.push({ n: frames.length, addr: '0x' + m[2].replace(/^0+(?=.)/, ''), fn: fn ? stripParams(fn) : null, file: null, line: null, module: m[4] ?? null, origin: 'other' });
      continue;
    }
    const src = /^\s+(\S+?):(\d+)(?::\d+)?\s*$/.exec(line);
    if (src && frames.length) {
      const f = frames[frames.length - 1];
      f.file = normalizeSourcePath(src[1]);
      f.line = Number(src[2]);
    }
  }
  for (const f of frames) f.origin = origin(f.fn, f.file, f.module);
  return frames;
}

/** What a blocking call usually means in a probe. */
const WAITS: [RegExp, string, string][] = [
  [/^_*(libc_)?accept4?$/, 'accept', 'a server socket is waiting for a peer to connect; nothing will connect unless you start the other side (e.g. a vhost-user backend in client mode)'],
  [/^_*(libc_)?(open|open64|openat|openat64|__open64_nocancel|fopen|fopen64)$/, 'open', 'open() is blocked: opening a FIFO (named pipe) waits until its other end is opened'],
  [/^_*(libc_)?(recv|recvmsg|recvfrom|read)$/, 'recv', 'waiting for a reply from a peer that never answers'],
  [/^_*(libc_)?connect$/, 'connect', 'connecting to a peer that does not accept'],
  [/^(__)?(poll|ppoll|epoll_wait|select|pselect6?)$/, 'poll', 'waiting for an event on a file descriptor'],
  [/^(__)?(clock_nanosleep|nanosleep|usleep|sleep)/, 'sleep', 'sleeping in a retry loop that does not give up'],
  [/^_*(socket|bind|close|setsockopt|ioctl|mmap|mmap64|munmap)$/, 'syscall', 'inside a system call that keeps the kernel busy (large allocations, or one per queue for very many queues)'],
  [/futex|pthread_cond|lll_lock|pthread_join|sem_wait/, 'lock', 'waiting for a lock or another thread'],
];

export function explainWait(frames: Frame[]): { waitingIn: string | null; meaning: string; dpdkFrame: Frame | null } {
  const dpdkFrame = frames.find((f) => f.origin === 'dpdk') ?? null;
  const top = frames[0];
  for (const [re, what, meaning] of WAITS) {
    if (top?.fn && re.test(top.fn)) return { waitingIn: top.fn, meaning: `${what}: ${meaning}`, dpdkFrame };
  }
  if (top?.origin === 'dpdk') return { waitingIn: null, meaning: `busy in DPDK code (${top.fn}): a loop that does not end, or work that takes very long`, dpdkFrame };
  if (!frames.some((f) => f.file)) return { waitingIn: top?.fn ?? null, meaning: `in ${top?.fn ?? '?'}; which DPDK function called it is unknown (no live EAL could name the frames)`, dpdkFrame };
  if (!dpdkFrame) return { waitingIn: null, meaning: 'not inside DPDK: the inferior is idle or busy in its own code', dpdkFrame };
  return { waitingIn: top?.fn ?? null, meaning: `blocked in ${top?.fn ?? '?'} called from DPDK`, dpdkFrame };
}

/** A stack as sampled, before it is named: eu-stack's frames and the process's mappings then. */
export interface RawStack { pid: number; frames: Frame[]; maps: CrashMap[]; ms: number; error?: string }

/**
 * Samples pid's main thread: addresses, ELF names and modules only (source lines would cost eu-stack
 * ~150 ms of DWARF loading; the live inferior names the frames), so a command being cancelled is
 * killed right after.
 */
export function captureStack(pid: number, timeoutMs = 8000): Promise<RawStack> {
  const t0 = performance.now();
  const maps = readExecMaps(pid);
  return new Promise((resolve) => {
    execFile('eu-stack', ['-p', String(pid), '-1', '-a', '-m'], { timeout: timeoutMs, maxBuffer: 4 << 20 }, (err, stdout, stderr) => {
      const frames = parseEuStack(stdout ?? '');
      const ms = Math.round(performance.now() - t0);
      const error = frames.length ? undefined : (stderr || err?.message || 'no frames').toString().trim().split('\n')[0];
      resolve({ pid, frames, maps, ms, ...(error ? { error } : {}) });
    });
  });
}

/**
 * Names a sampled stack in a live inferior of the session (not the sampled one: it may still be
 * blocked, or dead by now): the frames down to the first address that does not translate.
 */
export async function nameStack(session: Session, raw: RawStack, liveP = session.idleInferior(raw.pid)): Promise<HangSample> {
  const t0 = performance.now();
  if (!raw.frames.length) return { pid: raw.pid, frames: [], dpdkFrame: null, waitingIn: null, meaning: 'could not sample the stack', ms: raw.ms, error: raw.error };
  let frames = raw.frames;
  const live = await liveP.catch(() => null);
  if (live?.pid) {
    const liveMaps = readExecMaps(live.pid);
    const pcs: bigint[] = [];
    for (const f of raw.frames) {
      const t = translateAddr(BigInt(f.addr), raw.maps, liveMaps);
      if (t === null) break;
      pcs.push(t);
    }
    try {
      const named = await chainFrames(live, pcs, raw.frames.slice(0, pcs.length).map((f) => f.addr));
      frames = [...named, ...raw.frames.slice(pcs.length)].map((f, n) => ({ ...f, n }));
    } catch { /* the live EAL went away meanwhile: eu-stack's names */ }
  }
  return { pid: raw.pid, frames, ...explainWait(frames), ms: raw.ms + Math.round(performance.now() - t0) };
}

export async function sampleStack(session: Session, pid: number): Promise<HangSample> {
  const live = session.idleInferior(pid); // started while eu-stack runs
  return nameStack(session, await captureStack(pid), live);
}
