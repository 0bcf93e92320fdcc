// Formatters for help's, source's and expect's result kinds.
import type { SupportKinds } from '../../results/support.js';
import type { Formatter, FormatterTable } from '../types.js';
import wrapAnsi from 'wrap-ansi';
import { columns } from '../table.js';
import { formatLog } from '../log.js';

export const formatHelp: Formatter<'help'> = (r, s) => {
  const sections = [...new Set(r.data.commands.map((c) => c.section))];
  const out: string[] = [];
  for (const sec of sections) {
    out.push(s.c.bold(sec));
    out.push(...columns(r.data.commands.filter((c) => c.section === sec).map((c) => ['  ' + c.usage, c.summary + (c.aliases.length ? s.c.dim(` (also: ${c.aliases.join(', ')})`) : '')]), 2, s.width).split('\n'));
  }
  out.push(...wrapAnsi(s.c.dim("Commands and subcommands may be abbreviated when unique. 'help COMMAND' for details."), s.width, { hard: true }).split('\n'));
  return out;
};

const formatHelpCommand: Formatter<'help-command'> = (r, s) => {
  const d = r.data;
  return [
    s.c.bold(d.usage), `  ${d.summary}`, ...(d.aliases.length ? [`  aliases: ${d.aliases.join(', ')}`] : []),
    ...(d.arguments.length ? ['  arguments:', ...columns(d.arguments.map((o) => ['    ' + o.name, o.summary])).split('\n')] : []),
    ...(d.options.length ? ['  options:', ...columns(d.options.map((o) => ['    ' + o.name, o.summary])).split('\n')] : []),
    ...(d.details ? ['', ...d.details.split('\n').map((l) => '  ' + l)] : []),
  ];
};

/** A script that ran to its end (a failed line makes source fail: its error says which). */
const formatSource: Formatter<'source'> = (r, s) => [...formatLog(r.log, s), ...(r.ok ? [s.c.dim(`${r.data.file}: ${r.data.commands} commands, all passed`)] : [])];

const formatExpect: Formatter<'expect'> = (r, s) => [...formatLog(r.log, s), ...(r.ok ? [s.c.green(`ok: ${r.data.assertion}`)] : [])];

export const supportFormatters: FormatterTable<SupportKinds> = {
  help: formatHelp,
  'help-command': formatHelpCommand,
  source: formatSource,
  expect: formatExpect,
};
