#!/usr/bin/env node
// vdev-shell [options] [FILE.vsh ...] [-- EAL args]   (gdb-style command line)
// Picks the front end: the Ink UI on a terminal, plain lines for pipes/scripts, JSON lines for --json.
// The EAL starts first: this module imports only what spawning the inferior needs, so the
// inferior's Node start and rte_eal_init (>100 ms: TSC calibration) overlap with loading the
// rest of the shell, which is imported after the spawn.
import fs from 'node:fs';
import path from 'node:path';
import { DEFAULT_EAL_ARGS, Inferior } from './session/inferior.js';
import { parseCliArgs, USAGE } from './cli/args.js';
import { dpdkBuild, projectRoot } from './util/paths.js';

async function main(): Promise<number> {
  // `npm start` runs in the project directory; the user's files (scripts, tx_pcap=out.pcap) are
  // relative to where they typed it, which npm keeps in INIT_CWD.
  if (process.env.npm_lifecycle_event === 'start' && process.env.INIT_CWD) {
    try { process.chdir(process.env.INIT_CWD); } catch { /* gone: stay where npm put us */ }
  }
  const parsed = parseCliArgs(process.argv.slice(2));
  if ('error' in parsed) {
    process.stderr.write(`vdev-shell: ${parsed.error}\n${USAGE}`);
    return 2;
  }
  const opts = parsed;
  if (opts.help) { process.stdout.write(USAGE); return 0; }
  if (opts.version) {
    const pkg = JSON.parse(fs.readFileSync(path.join(projectRoot, 'package.json'), 'utf8'));
    const b = dpdkBuild();
    process.stdout.write(`vdev-shell ${pkg.version}\nDPDK ${b.version} (${b.buildtype} build) from ${b.origin ?? b.src}\n`);
    return 0;
  }
  for (const f of opts.scripts) {
    if (!fs.existsSync(f)) { process.stderr.write(`vdev-shell: no such script: ${f}\n`); return 2; }
  }
  const ealArgs = opts.ealArgs ?? DEFAULT_EAL_ARGS;
  const first = new Inferior(ealArgs);
  const { Session } = await import('./session/session.js');
  const session = new Session(ealArgs, first);
  const interactive = !opts.batch && !opts.json && process.stdin.isTTY && process.stdout.isTTY && process.env.TERM !== 'dumb';
  if (interactive && !opts.plain) {
    const { runInkUi } = await import('./ui/run.js');
    return runInkUi(session, opts);
  }
  // Loaded only here: the command table and formatters cost ~60 ms the UI's first paint need not wait for.
  const { runLineMode } = await import('./cli/line-mode.js');
  return runLineMode(session, opts);
}

main().then((code) => { process.exitCode = code; }, (e) => {
  process.stderr.write(`vdev-shell: ${(e as Error).stack ?? e}\n`);
  process.exitCode = 70;
});
