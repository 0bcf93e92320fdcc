// The command reference in Markdown, generated from the command table (README embeds it and a
// test keeps the two in step).
import { commandTable } from './registry.js';
import { usageOf } from './grammar.js';

export function commandReferenceMarkdown(): string {
  const table = commandTable();
  const sections = [...new Set(table.map((c) => c.section))];
  const out: string[] = [];
  for (const sec of sections) {
    out.push(`**${sec}**`, '', '| command | what it does |', '| --- | --- |');
    for (const c of table.filter((x) => x.section === sec)) {
      const aliases = (c.aliases ?? []).map((a) => `\`${a.join(' ')}\``).join(', ');
      out.push(`| \`${usageOf(c).replace(/\|/g, '\\|')}\` | ${c.summary.replace(/\|/g, '\\|')}${aliases ? ` (also ${aliases})` : ''} |`);
    }
    out.push('');
  }
  return out.join('\n').trimEnd();
}
