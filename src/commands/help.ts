// help [COMMAND]: generated from the command table (usage derived from each declaration).
import type { CommandSpec } from './types.js';
import { fail, ok } from './types.js';
import { argumentLines, optionLines, usageOf } from './grammar.js';

const row = (c: CommandSpec) => ({ usage: usageOf(c), summary: c.summary, section: c.section, aliases: (c.aliases ?? []).map((a) => a.join(' ')) });

export const help: CommandSpec = {
  path: ['help'],
  aliases: [['h'], ['?']],
  section: 'Support',
  notATry: true,
  untimed: true,
  summary: 'list commands by section, or explain one',
  args: [{ name: 'COMMAND', kind: 'command', optional: true, summary: 'a command, or the first words of several (help info)' }],
  async run(ctx, { args }) {
    const asked = args.word('COMMAND');
    if (asked === undefined) return ok('help', { commands: ctx.commands.table().map(row) });
    const m = ctx.commands.match(asked);
    if (!m.spec) {
      // The first words of several commands (`help info`, gdb's `help CLASS`): those commands.
      const under = m.words.length && !m.ambiguous ? ctx.commands.table().filter((c) => m.words.every((w, i) => c.path[i]?.startsWith(w))) : [];
      if (under.length) return ok('help', { commands: under.map(row), under: under[0].path.slice(0, m.words.length).join(' ') });
      return fail('unknown-command', `no command "${asked}"`, m.ambiguous ? `could be: ${m.ambiguous.join(', ')}` : m.suggestion ? `did you mean '${m.suggestion}'?` : "type 'help' for the list");
    }
    const c = m.spec;
    return ok('help-command', { path: c.path.join(' '), ...row(c), details: c.details ?? null, options: optionLines(c), arguments: argumentLines(c) });
  },
};
