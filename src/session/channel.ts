// The shell's end of the request channel to an inferior: two pipes the inferior made
// (native/channel.cc), opened here through /proc/PID/fd, one message per line (src/protocol/wire.ts).
//
// Why not Node's IPC: every message there wakes an event loop on each side, which on a small VM
// costs more than the work a hotplug does (a net_null detach: 60 us here, 240 us over IPC). The
// shell writes a request and reads the reply synchronously, polling the pipe for up to 1 ms, and
// only then falls back to a background read, so a slow command never blocks the event loop
// (Ctrl-C, the UI, hang detection keep working). The inferior polls for its next request for
// 3 ms before it sleeps. Polling yields the CPU every turn (native/channel.cc); on a single CPU
// nobody polls: the other side could not run meanwhile.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import { encodeLine, LineReader } from '../protocol/wire.js';
import { channelAddonPath } from '../util/paths.js';

interface ChannelNative {
  channelRead(fd: number, buf: Buffer, offset: number, spinUs: number, waitMs: number): number;
  reapChild(pid: number): { code: number | null; signal: number } | null;
}
let native: ChannelNative | null | undefined;
/**
 * native/channel.node, loaded once; null when it is not built (requests stay on IPC). Inferior
 * loads it right after its spawn, while the EAL starts, rather than after 'ready'.
 */
export function channelNative(): ChannelNative | null {
  if (native === undefined) {
    try { native = createRequire(import.meta.url)(channelAddonPath()) as ChannelNative; } catch { native = null; }
  }
  return native;
}
const EAGAIN = -(os.constants.errno.EAGAIN);

/** The inferior's fd numbers of the shell's two pipe ends. */
export interface ChannelOffer { requestWrite: number; replyRead: number }

/** How long the shell polls for a reply before it reads in the background (0 on one CPU). */
const SPIN_MS = os.availableParallelism() >= 2 ? 1 : 0;

export class RequestChannel {
  private readonly buf = Buffer.allocUnsafe(1 << 16);
  private readonly out = Buffer.allocUnsafe(1 << 14);
  private readonly lines = new LineReader();
  private readingInBackground = false;
  private closeWaitAfterRead = false;
  closed = false;

  private constructor(
    private write: number, private readonly readPoll: number, private readonly readWait: number,
    private readonly onMessage: (m: unknown) => void, private readonly waiting: () => boolean,
    /** Runs right after each request is written, before the wait for its reply (Inferior.afterRequestWritten). */
    private readonly written: () => void,
  ) {}

  /**
   * Opens the offered pipe ends of process `pid`; null when /proc does not allow it (the caller
   * then stays on Node's IPC). Two descriptions of the reply pipe: one non-blocking to poll, one
   * blocking for the background read.
   */
  static open(pid: number, offer: ChannelOffer, onMessage: (m: unknown) => void, waiting: () => boolean, written: () => void): RequestChannel | null {
    const opened: number[] = [];
    if (!channelNative()) return null;
    try {
      const at = (fd: number): string => `/proc/${pid}/fd/${fd}`;
      opened.push(fs.openSync(at(offer.requestWrite), fs.constants.O_WRONLY));
      opened.push(fs.openSync(at(offer.replyRead), fs.constants.O_RDONLY | fs.constants.O_NONBLOCK));
      opened.push(fs.openSync(at(offer.replyRead), fs.constants.O_RDONLY));
      return new RequestChannel(opened[0], opened[1], opened[2], onMessage, waiting, written);
    } catch {
      for (const fd of opened) fs.closeSync(fd);
      return null;
    }
  }

  /**
   * The pipes of the inferior bin/vdev-shell started (src/session/early.ts): already open, and
   * read at once, since its first line, 'ready', comes unasked.
   */
  static adopt(p: { requestWrite: number; replyPoll: number; replyWait: number }, onMessage: (m: unknown) => void, waiting: () => boolean, written: () => void): RequestChannel {
    const c = new RequestChannel(p.requestWrite, p.replyPoll, p.replyWait, onMessage, waiting, written);
    c.readInBackground();
    return c;
  }

  /** Sends one request (an inferior already gone answers nothing: its exit settles the caller). */
  send(msg: unknown): void {
    if (this.closed) return;
    try {
      const line = encodeLine(msg);
      // Through a buffer kept for it when the line surely fits (3 bytes a UTF-16 unit at most):
      // a request then costs no buffer of its own.
      if (line.length * 3 <= this.out.length) fs.writeSync(this.write, this.out, 0, this.out.write(line));
      else fs.writeSync(this.write, line);
    } catch {
      this.closed = true;
      return;
    }
    this.written();
    this.pump();
  }

  /** Reads replies while some are awaited: polling first, then in the background. */
  private pump(): void {
    if (this.readingInBackground || this.closed) return;
    const deadline = performance.now() + SPIN_MS;
    while (this.waiting()) {
      const spinUs = Math.max(0, (deadline - performance.now()) * 1000);
      const n = channelNative()!.channelRead(this.readPoll, this.buf, 0, spinUs, 0);
      if (n === EAGAIN) { this.readInBackground(); return; }
      if (n <= 0) { this.closed = true; return; } // the inferior is gone: its exit says how
      this.feed(n);
    }
  }

  private readInBackground(): void {
    this.readingInBackground = true;
    fs.read(this.readWait, this.buf, 0, this.buf.length, null, (err, n) => {
      this.readingInBackground = false;
      if (this.closeWaitAfterRead) fs.closeSync(this.readWait);
      else if (err || n === 0) this.closed = true;
      else {
        this.feed(n);
        this.pump();
      }
      if (!this.readingInBackground) for (const r of this.idleWaiters.splice(0)) r();
    });
  }

  private readonly idleWaiters: (() => void)[] = [];
  /**
   * Once the other side has exited: every line it wrote delivered, in order, before its death is
   * (a read in flight in the background finishes first; what is left in the pipe is read now).
   */
  async drain(): Promise<void> {
    if (this.readingInBackground) await new Promise<void>((r) => this.idleWaiters.push(r));
    if (this.write < 0) return;
    for (;;) {
      const n = channelNative()!.channelRead(this.readPoll, this.buf, 0, 0, 0);
      if (n <= 0) return;
      this.feed(n);
    }
  }

  private feed(n: number): void {
    for (const m of this.lines.feed(this.buf.subarray(0, n))) this.onMessage(m);
  }

  /** Closing the request pipe is the inferior's cue to detach its devices and exit. */
  close(): void {
    if (this.write < 0) return;
    this.closed = true;
    for (const fd of [this.write, this.readPoll]) fs.closeSync(fd);
    this.write = -1;
    // A background read still waiting in the thread pool owns its fd until the inferior's exit
    // ends it; closing the fd under it could hand the number to another file.
    if (!this.readingInBackground) fs.closeSync(this.readWait);
    else this.closeWaitAfterRead = true;
  }
}
