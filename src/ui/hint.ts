// The hint under the prompt while a line with devargs is typed (a command that declares a
// 'devargs' argument: probe, check, diagnose): what `check` says about the devargs so far. Debounced (no work per keystroke) and cancelled by generation, so a slow
// answer for an older text never overwrites a newer one and typing never waits for it. It shows
// what check knows at once ("might" where only a probe of the input can tell) and, when such a
// probe would settle it, has check try the input in a scratch EAL in the background and shows
// the settled answer if the line is still the same.
import { matchCommand } from '../commands/registry.js';
import { takeOptions } from '../commands/grammar.js';
import { checkDevargs, type CheckResult } from '../diagnose/check.js';
import type { Session } from '../session/session.js';

export interface Hint { level: 'ok' | 'error' | 'warning' | 'info'; text: string }

export const HINT_DELAY_MS = 120;

/** The devargs of a line (its options taken out), or null when its command takes none or none are typed yet. */
export function devargsOf(line: string): string | null {
  const m = matchCommand(line);
  if (!m.spec?.args.some((a) => a.kind === 'devargs')) return null;
  const o = takeOptions(m.spec, m.argv, m.rest);
  return 'error' in o || !o.rest ? null : o.rest;
}

export function hintFrom(r: CheckResult): Hint {
  const err = r.findings.find((f) => f.severity === 'error') ?? r.findings.find((f) => f.severity === 'warning');
  if (err) return { level: err.severity === 'error' ? 'error' : 'warning', text: err.message + (err.hint ? ` — ${err.hint}` : '') };
  if (r.unsettled) return { level: 'info', text: `${r.driver} claims "${r.name}"; trying it as given in a scratch EAL…` };
  return { level: 'ok', text: r.driver ? `${r.driver} claims "${r.name}"; check finds nothing wrong` : 'check finds nothing wrong' };
}

export class HintScheduler {
  private timer?: NodeJS.Timeout;
  private gen = 0;

  constructor(private session: Session, private onHint: (h: Hint | null) => void, private delayMs = HINT_DELAY_MS) {}

  /** Call on every edit of the line. */
  update(line: string): void {
    const args = devargsOf(line);
    const gen = ++this.gen;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    if (args === null) { this.onHint(null); return; }
    // Devargs are being typed: have a spare EAL ready for the scratch probe that may settle them.
    if (this.session.inferior.alive) this.session.prewarm();
    this.timer = setTimeout(() => {
      this.timer = undefined;
      const inf = this.session.inferior;
      if (!inf.alive) { this.onHint({ level: 'info', text: "the EAL is not running: 'run' starts it" }); return; }
      if (inf.state === 'starting') this.onHint({ level: 'info', text: 'waiting for the EAL to start…' });
      // check asks the running EAL which driver claims the name: it queues behind start-up.
      const show = (r: CheckResult): void => { if (gen === this.gen) this.onHint(hintFrom(r)); };
      const drop = (): void => { if (gen === this.gen) this.onHint(null); };
      checkDevargs(this.session, args).then((r) => {
        show(r);
        if (r.unsettled && gen === this.gen) checkDevargs(this.session, args, { learn: true }).then(show, () => undefined);
      }, drop);
    }, this.delayMs);
  }

  cancel(): void {
    this.gen++;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }
}
