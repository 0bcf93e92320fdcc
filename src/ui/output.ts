// The output pane as data: entries (echoed commands, results, notes) turned into terminal rows
// for the current width, and the window onto them (follow the newest, or anchored for paging).
// Results are formatted by src/format at render time so a resize re-lays out tables too.
import { wrapAnsi } from './vendor.js';
import type { CommandResult } from '../commands/types.js';
import { formatResult } from '../format/index.js';
import type { Style } from '../format/style.js';

export type OutputEntry =
  | { id: number; kind: 'echo'; text: string }
  | { id: number; kind: 'result'; result: CommandResult }
  | { id: number; kind: 'note'; lines: string[]; tone?: 'dim' | 'red' | 'plain' };

/** Where the pane looks: the newest rows, or from a row of an entry (a command's echo, or a PageUp). */
export type Scroll = { kind: 'follow' } | { kind: 'anchor'; entryId: number; row: number };

export const FOLLOW: Scroll = { kind: 'follow' };

export function entryLines(e: OutputEntry, s: Style): string[] {
  switch (e.kind) {
    case 'echo': return [s.c.bold('(vdev) ') + e.text];
    case 'result': {
      const t = formatResult(e.result, s);
      return t ? t.split('\n') : [];
    }
    case 'note': return e.lines.map((l) => (e.tone === 'red' ? s.c.red(l) : e.tone === 'dim' ? s.c.dim(l) : l));
  }
}

// eslint-disable-next-line no-control-regex
const SGR = /\x1b\[[0-9;]*m/g;

/**
 * Wraps one line to the width. Continuation rows keep the line's indentation and DPDK's "│ "
 * gutter, so a wrapped log line or table cell still reads as what it is at 60 columns.
 */
export function wrapRows(line: string, width: number): string[] {
  if (line === '') return [''];
  const plain = line.replace(SGR, '');
  if (plain.length <= width) return [line];
  const lead = /^(\s*(?:│ )?\s*)/.exec(plain)![1].slice(0, Math.floor(width / 3));
  const inner = Math.max(1, width - lead.length);
  const rows = wrapAnsi(line, inner, { hard: true, trim: false }).split('\n');
  const colored = line !== plain;
  const pad = lead.includes('│') && colored ? lead.replace('│', '\x1b[2m│\x1b[22m') : lead;
  // eslint-disable-next-line no-control-regex
  return rows.map((r, i) => (i === 0 ? r : pad + r.replace(/^((?:\x1b\[[0-9;]*m)*) +/, '$1')));
}

/** The first `width` columns of a line, cut hard (the status line must stay one row). */
export function cutRow(line: string, width: number): string {
  return wrapAnsi(line, Math.max(1, width), { hard: true, wordWrap: false, trim: false }).split('\n')[0] ?? '';
}

const cache = new WeakMap<OutputEntry, { s: Style; w: number; rows: string[] }>();

/** Rows of one entry for a style (width and colour), cached per entry. */
export function entryRows(e: OutputEntry, s: Style, width: number): string[] {
  const hit = cache.get(e);
  if (hit && hit.s === s && hit.w === width) return hit.rows;
  const rows = entryLines(e, s).flatMap((l) => wrapRows(l, width));
  cache.set(e, { s, w: width, rows });
  return rows;
}

export interface PaneView { rows: string[]; above: number; below: number; top: number; total: number }

export function allRows(entries: OutputEntry[], s: Style, width: number): { rows: string[]; start: Map<number, number> } {
  const rows: string[] = [];
  const start = new Map<number, number>();
  for (const e of entries) { start.set(e.id, rows.length); rows.push(...entryRows(e, s, width)); }
  return { rows, start };
}

/** The window of `height` rows. An anchor that would leave space below falls back to the newest rows. */
export function paneView(entries: OutputEntry[], scroll: Scroll, s: Style, width: number, height: number): PaneView {
  const { rows, start } = allRows(entries, s, width);
  const total = rows.length;
  const bottomTop = Math.max(0, total - height);
  let top = bottomTop;
  if (scroll.kind === 'anchor') {
    const at = start.get(scroll.entryId);
    if (at !== undefined) top = Math.min(at + scroll.row, bottomTop);
  }
  let visible = rows.slice(top, top + height);
  let below = total - top - visible.length;
  if (below > 0 && height > 1) {
    // The last row says there is more (gdb's "--Type <RET> for more--", here PageDown).
    visible = rows.slice(top, top + height - 1);
    below = total - top - visible.length;
  }
  return { rows: visible, above: top, below, top, total };
}

/** The scroll after PageUp (-1) / PageDown (+1) from the current view. */
export function page(entries: OutputEntry[], scroll: Scroll, s: Style, width: number, height: number, dir: -1 | 1): Scroll {
  const { rows, start } = allRows(entries, s, width);
  const v = paneView(entries, scroll, s, width, height);
  const step = Math.max(1, height - 1);
  const bottomTop = Math.max(0, rows.length - height);
  const top = Math.max(0, Math.min(bottomTop, v.top + dir * step));
  if (top >= bottomTop) return FOLLOW;
  // Anchor to the entry holding row `top` so new output does not move what the user reads.
  let entryId = entries[0]?.id ?? 0;
  let base = 0;
  for (const e of entries) {
    const at = start.get(e.id)!;
    if (at > top) break;
    entryId = e.id;
    base = at;
  }
  return { kind: 'anchor', entryId, row: top - base };
}
