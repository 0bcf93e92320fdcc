// help [COMMAND]: generated from the command table.
import type { CommandSpec } from './types.js';
import { fail, ok } from './types.js';
import { argumentLines, optionLines } from './grammar.js';

export const help: CommandSpec = {
  path: ['help'],
  aliases: [['h'], ['?']],
  section: 'Support',
  notATry: true,
  untimed: true,
  usage: 'help [COMMAND]',
  summary: 'list commands by section, or explain one',
  args: [{ name: 'COMMAND', kind: 'command', optional: true }],
  async run(ctx, { rest }) {
    if (!rest.trim()) {
      return ok('help', { commands: ctx.commands.table().map((c) => ({ usage: c.usage, summary: c.summary, section: c.section, aliases: (c.aliases ?? []).map((a) => a.join(' ')) })) });
    }
    const m = ctx.commands.match(rest);
    if (!m.spec) return fail('unknown-command', `no command "${rest.trim()}"`, m.suggestion ? `did you mean '${m.suggestion}'?` : "type 'help' for the list");
    const c = m.spec;
    return ok('help-command', { path: c.path.join(' '), usage: c.usage, summary: c.summary, details: c.details ?? null, aliases: (c.aliases ?? []).map((a) => a.join(' ')), section: c.section, options: optionLines(c), arguments: argumentLines(c) });
  },
};
