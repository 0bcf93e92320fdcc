// Runs one line: comment and blank handling, command lookup, and the guarantee that nothing a
// command does (or a dead inferior) escapes as an exception: every outcome is a CommandResult.
import type { CommandContext, CommandResult } from './types.js';
import { fail, withCmd } from '../results/result.js';
import { matchCommand } from './registry.js';
import { readLine } from './args.js';
import { InferiorError } from '../session/inferior.js';
import { guardCommand } from '../recovery/guard.js';
import { gateCommand, markView } from '../target/gate.js';
import { afterCommand } from './after.js';

export function isBlankOrComment(line: string): boolean {
  const t = line.trim();
  return t === '' || t.startsWith('#');
}

export async function executeLine(ctx: CommandContext, line: string): Promise<CommandResult | null> {
  const cmd = line.trim();
  if (isBlankOrComment(cmd)) return null;
  const m = matchCommand(cmd);
  let result: CommandResult;
  if (!m.spec) {
    const first = cmd.split(/\s+/)[0];
    const next = m.next ?? [];
    const hint = m.ambiguous?.length ? `could be: ${m.ambiguous.join(', ')}`
      : next.length ? `'${m.words.join(' ')}' takes one of: ${next.join(', ')}`
        : m.suggestion ? `did you mean '${m.suggestion}'?` : "type 'help' for the list of commands";
    const what = m.words.length ? `"${m.words.join(' ')}" needs a subcommand` : `unknown command "${first}"`;
    result = { cmd, ok: false, kind: 'error', data: null, error: { code: m.words.length ? 'incomplete-command' : 'unknown-command', message: what, hint }, log: [] };
  } else {
    try {
      // guardCommand: timeout/Ctrl-C cancel, and a dead inferior becomes a crash report + restore.
      const spec = m.spec;
      // Attached to an application: commands that would take its packets need --force (src/target/gate.ts).
      // Not attached (most lines) there is nothing to gate, and nothing to wait for.
      const gate = ctx.session.target ? await gateCommand(ctx.session, spec, m.argv, m.rest) : m;
      const body = 'ok' in gate ? gate : await guardCommand(ctx, spec, cmd, async () => {
        // Its declared options, arguments and keys, parsed (ports resolved: inside the guard, as it asks the EAL).
        const read = readLine(ctx, spec, gate.argv, gate.rest);
        const parsed = read instanceof Promise ? await read : read;
        return 'ok' in parsed ? parsed : await spec.run(ctx, parsed);
      });
      result = markView(ctx.session, spec, withCmd(cmd, body));
    } catch (e) {
      if (e instanceof InferiorError) {
        const d = e.death;
        const how = d ? (d.signal ? `killed by ${d.signal}` : `exit code ${d.code}`) : '';
        result = {
          cmd, ok: false, kind: 'error', data: d ? { death: d } : null,
          error: { code: e.code === 'inferior-died' ? 'inferior-died' : e.code, message: e.message + (how && !e.message.includes(how) ? ` (${how})` : ''), hint: e.code === 'timeout' ? 'the EAL may be stuck; run restarts it' : "type 'run' to start a new EAL" },
          log: (d?.lastLog ?? []).slice(-8).map((text) => ({ text })),
        };
      } else {
        const err = e as Error;
        result = { cmd, ok: false, kind: 'error', data: null, error: { code: 'internal', message: `internal error in '${m.spec.path.join(' ')}': ${err.message}`, hint: 'this is a vdev-shell bug; the session is intact' }, log: [] };
      }
    }
  }
  // Told once, with the next result: what happened between commands (the application ended).
  if (ctx.session.notices.length) result.log = [...ctx.session.notices.splice(0).map((text) => ({ text: `vdev-shell: ${text}` })), ...result.log];
  ctx.results.push(result);
  const after = afterCommand(ctx, result);
  if (after) await after;
  return result;
}
