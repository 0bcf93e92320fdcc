// The non-UI front end: runs -ex commands and scripts, then reads stdin line by line (a prompt
// when it is a terminal and --plain). Text or JSON lines on stdout; the exit status is 1 when a
// command failed that no `expect fail` accounted for.
import readline from 'node:readline';
import type { CliOptions } from './args.js';
import type { Session } from '../session/session.js';
import { Runner } from '../script/runner.js';
import type { CommandResult } from '../commands/types.js';
import { formatResult, toJson } from '../format/index.js';
import { colorWanted, makeStyle } from '../format/style.js';
import { cancelRunning } from '../recovery/guard.js';
import type { HangSample } from '../recovery/types.js';
import type { StartFailure } from '../session/start-vdevs.js';
import { startFailureLines } from '../format/areas/inferior.js';

export async function runLineMode(session: Session, opts: CliOptions): Promise<number> {
  const style = makeStyle({ color: !opts.json && colorWanted(process.stdout, opts.noColor), width: process.stdout.columns });
  const print = (r: CommandResult): void => {
    if (opts.json) process.stdout.write(JSON.stringify(toJson(r)) + '\n');
    else {
      const text = formatResult(r, style);
      if (text) process.stdout.write(text + '\n');
    }
  };
  const runner = new Runner(session, print);
  const interactive = process.stdin.isTTY && !opts.batch && !opts.json;
  if (opts.timeoutMs !== undefined) session.recovery.timeoutMs = opts.timeoutMs;
  // Ctrl-C cancels a command waiting on the EAL (the EAL restarts with the session restored) and
  // stops a running script before its next line, not the shell. With nothing running it ends
  // the run (status 130); at an interactive prompt readline sees it instead (below).
  /** Cancels and stops what runs; false when nothing did. */
  const interrupt = (): boolean => {
    const cancelled = cancelRunning(session);
    return runner.interrupt() || cancelled;
  };
  const onSigint = (): void => { if (!interrupt()) process.exit(130); };
  process.on('SIGINT', onSigint);
  // An EAL that started without a --vdev device it was given: DPDK goes on, the shell says so.
  session.on('start-failures', (failures: StartFailure[]) => {
    for (const line of startFailureLines(failures, makeStyle({ color: colorWanted(process.stderr, opts.noColor) }))) process.stderr.write(`vdev-shell: ${line}\n`);
  });
  // The attached application ended between commands: said at once on stderr (JSON stays clean),
  // and again in the next result's log.
  session.on('target-lost', (e: { message: string }) => process.stderr.write(`vdev-shell: ${e.message}\n`));
  // A command still running after a while: say where the EAL waits (stderr, so JSON stays clean).
  session.on('slow', (e: { cmd: string; ms: number; sample: HangSample | null }) => {
    const f = e.sample?.dpdkFrame;
    const where = f ? ` waiting${e.sample?.waitingIn ? ` in ${e.sample.waitingIn}()` : ''} from ${f.fn} (${f.file}:${f.line}): ${e.sample?.meaning}` : '';
    process.stderr.write(`vdev-shell: '${e.cmd}' still running after ${(e.ms / 1000).toFixed(1)} s${where}; Ctrl-C cancels\n`);
  });
  if (!opts.quiet && interactive) process.stdout.write("vdev-shell: DPDK hot-plug debugger. 'help' lists commands, 'quit' leaves.\n");
  try {
    for (const item of opts.ex) {
      if (item.kind === 'ex') await runner.run(item.value);
      else await runner.run(`source ${item.value}`);
      if (runner.quitRequested) break;
    }
    if (!opts.batch && !runner.quitRequested) {
      const rl = readline.createInterface({ input: process.stdin, output: interactive ? process.stdout : undefined, prompt: '(vdev) ', terminal: interactive });
      // In a terminal readline reads Ctrl-C as a key (raw mode): without a listener it would
      // close. With nothing to cancel it drops the line typed so far, as a shell does.
      rl.on('SIGINT', () => {
        if (interrupt()) return;
        rl.write(null, { ctrl: true, name: 'e' });
        rl.write(null, { ctrl: true, name: 'u' });
        process.stdout.write('^C\n');
        rl.prompt();
      });
      if (interactive) rl.prompt();
      for await (const line of rl) {
        await runner.run(line);
        if (runner.quitRequested) break;
        if (interactive) rl.prompt();
      }
      rl.close();
    }
  } finally {
    process.off('SIGINT', onSigint);
    await session.close({ leaving: true });
  }
  if (runner.exitCode !== undefined) return runner.exitCode;
  return runner.unexpectedFailures().length ? 1 : 0;
}
