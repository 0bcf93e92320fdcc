#!/usr/bin/env node
// vdev-shell [options] [FILE.vsh ...] [-- EAL args]   (gdb-style command line)
// `node dist/cli.js` runs the shell as it is; bin/vdev-shell (what users run) also checks set-up.
import { runShell } from './shell.js';

runShell(process.argv.slice(2)).then((code) => { process.exitCode = code; }, (e) => {
  process.stderr.write(`vdev-shell: ${(e as Error).stack ?? e}\n`);
  process.exitCode = 70;
});
