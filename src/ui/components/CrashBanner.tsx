// The red banner while the inferior is dead, with how to get a new EAL.
import React from 'react';
import { Rows } from './Rows.js';

export function CrashBanner({ rows }: { rows: string[] }): React.JSX.Element | null {
  return rows.length ? <Rows rows={rows} /> : null;
}
