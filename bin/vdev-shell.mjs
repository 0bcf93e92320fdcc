#!/usr/bin/env -S -u NODE_EXTRA_CA_CERTS VDEV_SHELL_NODE_EXTRA_CA_CERTS=${NODE_EXTRA_CA_CERTS} node
// The shell's Node entry. bin/vdev-shell (what users run) starts this beside its EAL; run alone it
// spawns the EAL itself. The shell starts its EAL first and then compares set-up's stamp with the
// files (a few stat() calls while the EAL starts, not setup.sh at each start); when something is
// missing or stale it stops that EAL, runs set-up and starts again. Without a built shell,
// set-up runs first.
// NODE_EXTRA_CA_CERTS is dropped (at each Node start ~40 ms of CPU reading certificates the shell
// never uses) and its value kept aside for set-up, whose npm may need it: by bin/vdev-shell, or
// by this shebang when run alone.
import { spawnSync } from 'node:child_process';
import os from 'node:os';
import { fileURLToPath } from 'node:url';

const certs = process.env.VDEV_SHELL_NODE_EXTRA_CA_CERTS;
delete process.env.VDEV_SHELL_NODE_EXTRA_CA_CERTS; // not the EAL's: it starts from this environment
const argv = process.argv.slice(2);

async function setup() {
  if (certs !== undefined) process.env.VDEV_SHELL_NODE_EXTRA_CA_CERTS = certs;
  const { ensureSetup } = await import('../scripts/setup-stamp.mjs');
  const status = await ensureSetup();
  delete process.env.VDEV_SHELL_NODE_EXTRA_CA_CERTS;
  return status;
}

/** Set-up, then the shell in a new process: this one has loaded the files set-up replaces. */
async function setupThenRerun() {
  const status = await setup();
  if (status !== 0) return status;
  // Ctrl-C reaches the new shell too (same process group); it decides what an interrupt does.
  process.on('SIGINT', () => undefined);
  const r = spawnSync(process.execPath, [fileURLToPath(import.meta.url), ...argv], { stdio: 'inherit' });
  return r.status ?? 128 + (os.constants.signals[r.signal] ?? 0);
}

let shell;
try { shell = await import('../dist/shell.js'); } catch { /* not built yet */ }
if (!shell) {
  const status = await setup();
  if (status !== 0) process.exit(status);
  shell = await import('../dist/shell.js');
}
shell.runShell(argv, { setupThenRerun }).then((code) => { process.exitCode = code; }, (e) => {
  process.stderr.write(`vdev-shell: ${e?.stack ?? e}\n`);
  process.exitCode = 70;
});
