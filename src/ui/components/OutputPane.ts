// The scrollable output: the window of result rows, and a last row that says more is below.
import type { ReactElement } from 'react';
import type { Style } from '../../format/style.js';
import type { PaneView } from '../output.js';
import { h } from '../vendor.js';
import { Rows } from './Rows.js';

export function OutputPane({ view, height, s }: { view: PaneView; height: number; s: Style }): ReactElement {
  const rows = [...view.rows];
  if (view.below > 0) rows.push(s.c.inverse(` -- ${view.below} more line${view.below === 1 ? '' : 's'}: PageDown, PageUp back -- `));
  // Output sits at the bottom of its pane, next to the prompt, as in a terminal.
  const pad = Math.max(0, height - rows.length);
  return h(Rows, { rows: [...Array<string>(pad).fill(''), ...rows], height });
}
