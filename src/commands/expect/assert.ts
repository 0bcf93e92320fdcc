// What every `expect` assertion shares: the result it judges (the last one that was not an
// expect), and how it passes or fails. Each assertion is its own command (expect ok, expect mac,
// ...) with declared arguments, so scripts, lessons, help and completion read one grammar.
import type { ArgSpec, Args, Body, CommandContext, CommandResult, CommandSpec } from '../types.js';
import { fail, ok } from '../types.js';

/** The result an assertion judges: the last one that was not itself an expect. */
function previous(results: CommandResult[]): CommandResult | undefined {
  for (let i = results.length - 1; i >= 0; i--) if (results[i].kind !== 'expect') return results[i];
  return undefined;
}

export interface Judge {
  /** The previous command's result (none in a script's first line). */
  prev: CommandResult | undefined;
  pass(detail: string): Body;
  /** Failed: the message says what was found instead. */
  no(message: string): Body;
}

/** An assertion: `expect WORD ARGS`, never a try at a lesson step, never timed out. */
export function assertion(word: string, summary: string, args: ArgSpec[], check: (ctx: CommandContext, args: Args, j: Judge) => Promise<Body> | Body): CommandSpec {
  return {
    path: ['expect', word],
    section: 'Scripts',
    notATry: true,
    untimed: true,
    summary,
    args,
    async run(ctx, { rest, args: given }) {
      const said = rest ? `${word} ${rest}` : word;
      return check(ctx, given, {
        prev: previous(ctx.results),
        pass: (detail) => ok('expect', { assertion: said, detail }),
        no: (message) => fail('expect-failed', `expectation failed: ${said}: ${message}`, undefined, { assertion: said }, [], 'expect'),
      });
    },
  };
}
