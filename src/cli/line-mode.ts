// The non-UI front end: runs -ex commands and scripts, then reads stdin line by line (a prompt
// when it is a terminal and --plain). Text or JSON lines on stdout; the exit status is 1 when a
// command failed that no `expect fail` accounted for.
import os from 'node:os';
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
import { warmFormatting } from './warm-format.js';

export async function runLineMode(session: Session, opts: CliOptions): Promise<number> {
  const style = makeStyle({ color: !opts.json && colorWanted(process.stdout, opts.noColor), width: process.stdout.columns });
  // The reader of our output went away (`vdev-shell -batch s.vsh | head -1`): nothing more can be
  // said, so the run stops before its next line and leaves as on quit (devices detached, the EAL
  // ended), with a SIGPIPE's exit status, as any other tool in that pipeline.
  let readerGone = false;
  const write = (r: CommandResult): void => {
    if (readerGone) return;
    if (opts.json) process.stdout.write(JSON.stringify(toJson(r)) + '\n');
    else {
      const text = formatResult(r, style);
      if (text) process.stdout.write(text + '\n');
    }
  };
  const interactive = process.stdin.isTTY && !opts.batch && !opts.json;
  // The EAL is still starting: the shell would only wait for it.
  if (!opts.json && session.inferior.state === 'starting') setImmediate(warmFormatting, style);
  // Without a prompt, a result is printed once the next command's request is with the EAL
  // (onNextRequest): formatting and writing it then overlap the EAL's work instead of delaying
  // the request. It is never held longer: the next result, anything said on stderr, a turn of
  // the event loop (waiting for input, a timer) and the end of the run print it first.
  let held: CommandResult | null = null;
  let queued = false, soon = false;
  let broken: Error | undefined;
  const flush = (): void => {
    const r = held;
    if (!r) return;
    held = null;
    try { write(r); } catch (e) { broken ??= e as Error; } // thrown where the runner sees it (print, the end)
  };
  // Made once: a script of thousands of lines queues them once per line.
  const flushWhileWaiting = (): void => { queued = false; flush(); };
  const flushSoon = (): void => { soon = false; flush(); };
  const print = (r: CommandResult): void => {
    flush();
    if (broken) throw broken;
    if (interactive) { write(r); return; }
    held = r;
    if (!queued) { queued = true; session.onNextRequest(flushWhileWaiting); }
    if (!soon) { soon = true; setImmediate(flushSoon); }
  };
  const say = (line: string): void => { flush(); process.stderr.write(line); };
  const runner = new Runner(session, print);
  const onStdoutError = (e: NodeJS.ErrnoException): void => {
    if (e.code !== 'EPIPE') { broken ??= e; return; }
    readerGone = true;
    runner.interrupt();
  };
  process.stdout.on('error', onStdoutError);
  if (opts.timeoutMs !== undefined) session.recovery.timeoutMs = opts.timeoutMs;
  // Ctrl-C cancels a command waiting on the EAL (the EAL restarts with the session restored) and
  // stops a running script before its next line, not the shell. With nothing running it ends
  // the run (status 130); at an interactive prompt readline sees it instead (below).
  /** Cancels and stops what runs; false when nothing did. */
  const interrupt = (): boolean => {
    const cancelled = cancelRunning(session);
    return runner.interrupt() || cancelled;
  };
  const onSigint = (): void => { if (!interrupt()) { flush(); process.exit(130); } };
  process.on('SIGINT', onSigint);
  // An EAL that started without a --vdev device it was given: DPDK goes on, the shell says so.
  session.on('start-failures', (failures: StartFailure[]) => {
    for (const line of startFailureLines(failures, makeStyle({ color: colorWanted(process.stderr, opts.noColor) }))) say(`vdev-shell: ${line}\n`);
  });
  // The attached application ended between commands: said at once on stderr (JSON stays clean),
  // and again in the next result's log.
  session.on('target-lost', (e: { message: string }) => say(`vdev-shell: ${e.message}\n`));
  // A command still running after a while: say where the EAL waits (stderr, so JSON stays clean).
  session.on('slow', (e: { cmd: string; ms: number; sample: HangSample | null }) => {
    const f = e.sample?.dpdkFrame;
    const where = f ? ` waiting${e.sample?.waitingIn ? ` in ${e.sample.waitingIn}()` : ''} from ${f.fn} (${f.file}:${f.line}): ${e.sample?.meaning}` : '';
    say(`vdev-shell: '${e.cmd}' still running after ${(e.ms / 1000).toFixed(1)} s${where}; Ctrl-C cancels\n`);
  });
  if (!opts.quiet && interactive) process.stdout.write("vdev-shell: DPDK hot-plug debugger. 'help' lists commands, 'quit' leaves.\n");
  try {
    for (const item of opts.ex) {
      if (item.kind === 'ex') await runner.run(item.value);
      else await runner.run(`source ${item.value}`);
      if (runner.quitRequested || readerGone) break;
    }
    if (!opts.batch && !runner.quitRequested && !readerGone) {
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
        if (runner.quitRequested || readerGone) break;
        if (interactive) rl.prompt();
      }
      rl.close();
    }
  } finally {
    flush();
    process.off('SIGINT', onSigint);
    await session.close({ leaving: true });
  }
  if (broken) throw broken;
  if (readerGone) return 128 + os.constants.signals.SIGPIPE;
  if (runner.exitCode !== undefined) return runner.exitCode;
  return runner.unexpectedFailures().length ? 1 : 0;
}
