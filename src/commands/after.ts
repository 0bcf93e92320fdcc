// Work that follows every command, after its result is recorded: a lesson judges the learner's
// command here (src/teach/tutor.ts). A hook may add to the result; it never fails the command.
import type { CommandContext, CommandResult } from './types.js';

export type AfterCommand = (ctx: CommandContext, r: CommandResult) => Promise<void>;

const hooks: AfterCommand[] = [];

export function onAfterCommand(h: AfterCommand): void {
  if (!hooks.includes(h)) hooks.push(h);
}

export async function afterCommand(ctx: CommandContext, r: CommandResult): Promise<void> {
  for (const h of hooks) {
    try { await h(ctx, r); } catch { /* a teaching aid must not cost the user the result */ }
  }
}
