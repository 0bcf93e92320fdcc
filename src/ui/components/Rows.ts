// Pre-laid-out rows (already wrapped to the width, colour included) as Ink text lines.
import type { ReactElement } from 'react';
import { Box, Text, h } from '../vendor.js';

export function Rows({ rows, height }: { rows: string[]; height?: number }): ReactElement | null {
  if (!rows.length && !height) return null;
  return h(Box, { flexDirection: 'column', height, flexShrink: 0 },
    ...rows.map((r, i) => h(Text, { key: i, wrap: 'truncate-end' }, r === '' ? ' ' : r)));
}
