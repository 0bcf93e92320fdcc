// The inferior's end of the request channel (src/session/channel.ts says why it exists): after
// the shell has opened its pipe ends, requests are read and answered here in a plain loop, one
// message per line. The event loop never runs again; the end of the request pipe (the
// shell quit, crashed or stopped this EAL) ends the loop.
import fs from 'node:fs';
import os from 'node:os';
import { encodeLine, LineReader } from '../protocol/wire.js';
import type { Addon, ChannelPipes } from './addon.js';

// Polling for the next request this long before sleeping makes a script's next command free of
// a wake-up; on one CPU the shell could not run while we poll.
const SPIN_US = os.availableParallelism() >= 2 ? 3000 : 0;

/** The shell could not open its ends: stay on IPC, drop the pipes. */
export function dropPipes(p: ChannelPipes): void {
  for (const fd of Object.values(p)) fs.closeSync(fd);
}

/** Serves requests until the shell closes the request pipe, or is gone when a reply is written. */
export function serve(addon: Addon, p: Pick<ChannelPipes, 'requestRead' | 'replyWrite'> & Partial<ChannelPipes>, handle: (msg: unknown) => unknown): void {
  // The shell holds its own descriptions of these now; ours would keep the request pipe from
  // ever reaching end-of-file. (Pipes bin/vdev-shell made have no such ends here.)
  if (p.requestWrite !== undefined) fs.closeSync(p.requestWrite);
  if (p.replyRead !== undefined) fs.closeSync(p.replyRead);
  const buf = Buffer.allocUnsafe(1 << 16);
  const lines = new LineReader();
  for (;;) {
    const n = addon.channelRead(p.requestRead, buf, 0, SPIN_US, -1);
    if (n <= 0) return;
    for (const request of lines.feed(buf.subarray(0, n))) {
      const reply = encodeLine(handle(request));
      try {
        fs.writeSync(p.replyWrite, reply);
      } catch {
        return; // EPIPE: the shell died while this request ran; the caller cleans up
      }
    }
  }
}
