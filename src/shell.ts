// The shell's start: picks the front end (the Ink UI on a terminal, plain lines for
// pipes/scripts, JSON lines for --json) for dist/cli.js and bin/vdev-shell.
// The EAL starts first: this module imports only what spawning the inferior needs, so the
// inferior's Node start and rte_eal_init (>100 ms: TSC calibration) overlap with loading the
// rest of the shell, which is imported after the spawn; bin/vdev-shell's set-up check waits
// until the spawn too. Through bin/vdev-shell the EAL is already starting when this runs: the
// launcher started it beside this Node, and it is adopted here instead of spawned.
import './util/jit-tier.js'; // first: see there
import fs from 'node:fs';
import path from 'node:path';
import { DEFAULT_EAL_ARGS, Inferior } from './session/inferior.js';
import { adoptEarly } from './session/early.js';
import { parseCliArgs, USAGE } from './cli/args.js';
import { dpdkBuild, projectRoot } from './util/paths.js';
import { checkReady } from './util/setup-stamp.js';

/** What bin/vdev-shell adds: set-up, run (and the shell run again) when the stamp is stale. */
export interface Entry {
  /** Runs set-up, then this command line again in a fresh process; resolves with its status. */
  setupThenRerun(): Promise<number>;
}

export async function runShell(argv: string[], entry?: Entry): Promise<number> {
  // `npm start` runs in the project directory; the user's files (scripts, tx_pcap=out.pcap) are
  // relative to where they typed it, which npm keeps in INIT_CWD.
  if (process.env.npm_lifecycle_event === 'start' && process.env.INIT_CWD) {
    try { process.chdir(process.env.INIT_CWD); } catch { /* gone: stay where npm put us */ }
  }
  // The EAL bin/vdev-shell already started for this command line, if it did (src/session/early.ts).
  const early = adoptEarly();
  const parsed = parseCliArgs(argv);
  if ('error' in parsed) {
    early?.kill();
    process.stderr.write(`vdev-shell: ${parsed.error}\n${USAGE}`);
    return 2;
  }
  const opts = parsed;
  if (opts.help || opts.version) early?.kill();
  if (opts.help) { process.stdout.write(USAGE); return 0; }
  // The stamp is read after the spawn below (off the EAL's critical path), but before anything
  // answers from a build that may be stale.
  const stale = (): boolean => !!entry && !checkReady(projectRoot).ready;
  if (opts.version) {
    if (stale()) return entry!.setupThenRerun();
    const pkg = JSON.parse(fs.readFileSync(path.join(projectRoot, 'package.json'), 'utf8'));
    const b = dpdkBuild();
    process.stdout.write(`vdev-shell ${pkg.version}\nDPDK ${b.version} (${b.buildtype} build) from ${b.origin ?? b.src}\n`);
    return 0;
  }
  for (const f of opts.scripts) {
    if (!fs.existsSync(f)) { early?.discard(opts.ealArgs ?? DEFAULT_EAL_ARGS); process.stderr.write(`vdev-shell: no such script: ${f}\n`); return 2; }
  }
  const ealArgs = opts.ealArgs ?? DEFAULT_EAL_ARGS;
  let first: Inferior;
  try {
    first = new Inferior(ealArgs, early ?? undefined);
  } catch (e) {
    if (stale()) return entry!.setupThenRerun();
    throw e;
  }
  if (stale()) {
    await first.stop();
    return entry!.setupThenRerun();
  }
  // Run as `node dist/cli.js` (no set-up check): a selection set-up never built has no addon.
  const unbuilt = !entry && !fs.existsSync(dpdkBuild().addon) ? dpdkBuild() : null;
  if (unbuilt) {
    await first.stop();
    process.stderr.write(`vdev-shell: DPDK ${unbuilt.version} (${unbuilt.buildtype} build) is not set up: ${unbuilt.addon} is missing\n` +
      `  run the shell through bin/vdev-shell or 'npm start', which set up what is missing first, or run 'npm run setup' with the same VDEV_SHELL_DPDK_* settings\n`);
    return 2;
  }
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

