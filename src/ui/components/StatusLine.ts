// The status line: inferior state and pid, port count, last result (or the running command), EAL args.
import type { ReactElement } from 'react';
import { Text, h } from '../vendor.js';

export function StatusLine({ text }: { text: string }): ReactElement {
  return h(Text, { wrap: 'truncate-end' }, text);
}
