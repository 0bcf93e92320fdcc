#!/usr/bin/env node
// vdev-shell [options] [FILE.vsh ...] [-- EAL args]   (gdb-style command line)
// `node dist/cli.js` runs the shell as it is; bin/vdev-shell (what users run) also checks set-up.
import { exitWhenFlushed, runShell } from './shell.js';

// Returned: everything of the shell's is done, its EAL said it left (every device detached);
// that process's own teardown (~5 ms: Node's exit, its memory unmapped) need not keep this one.
// Output still queued for a pipe is written first (exitWhenFlushed).
runShell(process.argv.slice(2)).then(exitWhenFlushed, (e) => {
  process.stderr.write(`vdev-shell: ${(e as Error).stack ?? e}\n`);
  process.exitCode = 70;
});
