// The red banner while the inferior is dead, with how to get a new EAL.
import type { ReactElement } from 'react';
import { h } from '../vendor.js';
import { Rows } from './Rows.js';

export function CrashBanner({ rows }: { rows: string[] }): ReactElement | null {
  return rows.length ? h(Rows, { rows }) : null;
}
