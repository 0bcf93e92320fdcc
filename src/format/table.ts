// Plain aligned columns (no box drawing: reads well in pipes, logs and 60-column terminals).
import wrapAnsi from 'wrap-ansi';

const visible = (s: string): number => s.replace(/\x1b\[[0-9;]*m/g, '').length;

/**
 * Rows as aligned columns. With a width, the last column wraps within it and its continuation
 * lines start under its first one (a terminal would otherwise wrap them back to column 0); when
 * the columns before it leave too little room, it goes under the row, indented.
 */
export function columns(rows: string[][], gap = 2, width?: number): string {
  const widths: number[] = [];
  for (const r of rows) r.forEach((cell, i) => { widths[i] = Math.max(widths[i] ?? 0, visible(cell)); });
  return rows.map((r) => {
    const lead = r.slice(0, -1).map((cell, i) => cell + ' '.repeat(widths[i] - visible(cell) + gap)).join('');
    const last = r[r.length - 1] ?? '';
    if (!width || visible(lead) + visible(last) <= width) return (lead + last).trimEnd();
    const indent = visible(lead) <= width - MIN_TEXT ? visible(lead) : UNDER;
    const wrapped = wrapAnsi(last, width - indent, { hard: true, trim: true }).split('\n');
    const pad = ' '.repeat(indent);
    const first = indent === UNDER ? [...wrapLead(lead.trimEnd(), width), pad + wrapped[0]] : [lead + wrapped[0]];
    return [...first, ...wrapped.slice(1).map((l) => pad + l)].map((l) => l.trimEnd()).join('\n');
  }).join('\n');
}
/** A first column wider than the terminal itself: wrapped too, its continuation 2 further in. */
function wrapLead(lead: string, width: number): string[] {
  const at = lead.length - lead.trimStart().length;
  if (visible(lead) <= width) return [lead];
  const [first, ...rest] = wrapAnsi(lead.trimStart(), width - at - 2, { hard: true, trim: true }).split('\n');
  return [' '.repeat(at) + first, ...rest.map((l) => ' '.repeat(at + 2) + l)];
}
/** Narrower than this, the last column goes under its row instead (indented by UNDER). */
const MIN_TEXT = 24, UNDER = 6;
