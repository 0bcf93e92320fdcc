// Work that follows every command, after its result is recorded: a lesson judges the learner's
// command here (src/teach/tutor.ts). A hook may add to the result; it never fails the command.
import type { CommandContext, CommandResult } from './types.js';

/** Returns nothing when it has nothing to do (no lesson under way: every command of a script). */
export type AfterCommand = (ctx: CommandContext, r: CommandResult) => Promise<void> | void;

const hooks: AfterCommand[] = [];

export function onAfterCommand(h: AfterCommand): void {
  if (!hooks.includes(h)) hooks.push(h);
}

/** Runs the hooks in order; a promise only when one of them has work to wait for. */
export function afterCommand(ctx: CommandContext, r: CommandResult): Promise<void> | undefined {
  for (let i = 0; i < hooks.length; i++) {
    const p = runHook(hooks[i], ctx, r);
    if (p) return p.then(() => runRest(i + 1, ctx, r));
  }
  return undefined;
}

async function runRest(from: number, ctx: CommandContext, r: CommandResult): Promise<void> {
  for (const h of hooks.slice(from)) await runHook(h, ctx, r);
}

function runHook(h: AfterCommand, ctx: CommandContext, r: CommandResult): Promise<void> | undefined {
  // A teaching aid must not cost the user the result: whatever a hook throws is dropped.
  try {
    const p = h(ctx, r);
    return p ? p.catch(() => undefined) : undefined;
  } catch { return undefined; }
}
