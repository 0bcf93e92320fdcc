// Plain aligned columns (no box drawing: reads well in pipes, logs and 60-column terminals).
export function columns(rows: string[][], gap = 2): string {
  const widths: number[] = [];
  const visible = (s: string): number => s.replace(/\x1b\[[0-9;]*m/g, '').length;
  for (const r of rows) r.forEach((cell, i) => { widths[i] = Math.max(widths[i] ?? 0, visible(cell)); });
  return rows.map((r) => r.map((cell, i) => (i === r.length - 1 ? cell : cell + ' '.repeat(widths[i] - visible(cell) + gap))).join('').trimEnd()).join('\n');
}
