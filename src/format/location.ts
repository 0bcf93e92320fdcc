// "fn at file:line" as gdb writes it.
import type { Frame } from '../protocol/ops.js';
import type { Style } from './style.js';

export function where(f: Pick<Frame, 'fn' | 'file' | 'line'>, s: Style): string {
  const fn = f.fn ? s.c.yellow(f.fn) : '??';
  return f.file ? `${fn} at ${s.c.green(`${f.file}:${f.line ?? '?'}`)}` : fn;
}
