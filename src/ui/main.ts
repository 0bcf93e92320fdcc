// The Ink half of the interactive front end (loaded after run.ts painted the first prompt): the
// Ink app on the alternate screen, driven by a UiController. Resolves with the exit status once
// quit has closed the session.
import { h, render } from './vendor.js';
import type { Session } from '../session/session.js';
import type { CliOptions } from '../cli/args.js';
import { colorWanted } from '../format/style.js';
import { UiController } from './controller.js';
import { historyPath } from './history.js';
import { App } from './components/App.js';

import { ALT_OFF, ALT_ON } from './early.js';

export async function startInk(session: Session, opts: CliOptions, altScreenOn = false): Promise<number> {
  const controller = new UiController(session, {
    historyFile: historyPath(),
    quiet: opts.quiet,
    initial: opts.ex.map((i) => (i.kind === 'ex' ? i.value : `source ${i.value}`)),
  });
  if (opts.timeoutMs !== undefined) session.recovery.timeoutMs = opts.timeoutMs;
  const restore = (): void => { process.stdout.write(ALT_OFF); };
  if (!altScreenOn) process.stdout.write(ALT_ON);
  process.once('exit', restore);
  const ink = render(h(App, { controller, color: colorWanted(process.stdout, opts.noColor) }), {
    exitOnCtrlC: false, patchConsole: false, maxFps: 60,
  });
  controller.start();
  // A terminal closing or a kill asks for the same clean quit as `quit` (taps removed).
  const onSignal = (): void => { void controller.quit(); };
  process.on('SIGTERM', onSignal);
  process.on('SIGHUP', onSignal);
  const code = await controller.finished;
  process.off('SIGTERM', onSignal);
  process.off('SIGHUP', onSignal);
  ink.unmount();
  await ink.waitUntilExit().catch(() => undefined);
  restore();
  process.off('exit', restore);
  if (controller.history.writeError) process.stderr.write(`vdev-shell: ${controller.history.writeError}\n`);
  return code;
}
