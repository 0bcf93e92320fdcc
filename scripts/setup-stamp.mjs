#!/usr/bin/env node
// The set-up stamp (src/util/setup-stamp.ts):
//   ensureSetup()  runs scripts/setup.sh only when the stamp says something is missing or stale
//                  (bin/vdev-shell, npm start/test/bench)
//   write          record what setup.sh made for the current settings (setup.sh's last step)
//   check          say whether set-up is complete and current, and how long the check took
//   ensure         ensureSetup() from the command line
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const stampModule = () => import(pathToFileURL(path.join(root, 'dist', 'util', 'setup-stamp.js')).href);

/** Runs set-up unless the stamp matches; its messages go to stderr (stdout stays the caller's). */
export async function ensureSetup() {
  let ready = false;
  try { ready = (await stampModule()).checkReady(root).ready; } catch { /* no dist/ yet: set-up makes it */ }
  if (ready) return 0;
  const env = { ...process.env };
  // bin/vdev-shell's shebang kept this aside for set-up (npm may need it); see there.
  if (env.VDEV_SHELL_NODE_EXTRA_CA_CERTS) env.NODE_EXTRA_CA_CERTS = env.VDEV_SHELL_NODE_EXTRA_CA_CERTS;
  delete env.VDEV_SHELL_NODE_EXTRA_CA_CERTS;
  const r = spawnSync('bash', [path.join(root, 'scripts', 'setup.sh')], { stdio: ['ignore', 2, 2], env });
  return r.status ?? 1;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const cmd = process.argv[2];
  if (cmd === 'ensure') {
    process.exitCode = await ensureSetup();
  } else if (cmd === 'write') {
    // The build as step_paths recorded it, without the settings it was chosen by (the stamp keeps those resolved).
    const { cache: _c, srcOverride: _s, buildtypeOverride: _b, ...build } = JSON.parse(fs.readFileSync(path.join(root, 'dist', 'dpdk-paths.json'), 'utf8'));
    (await stampModule()).writeStamp(root, build);
  } else if (cmd === 'check') {
    const stamp = await stampModule();
    // CPU time too: on a loaded machine the wall time is mostly waiting for a CPU.
    const t = process.hrtime.bigint(), c = process.cpuUsage();
    const r = stamp.checkReady(root);
    const us = Number(process.hrtime.bigint() - t) / 1e3, cu = process.cpuUsage(c);
    console.log(`${r.ready ? `ready: DPDK ${r.build.version} ${r.build.buildtype}` : `not ready: ${r.why}`} (check: ${us.toFixed(0)} us wall, ${cu.user + cu.system} us cpu)`);
    process.exitCode = r.ready ? 0 : 1;
  } else {
    console.error('usage: setup-stamp.mjs ensure|write|check');
    process.exitCode = 2;
  }
}
