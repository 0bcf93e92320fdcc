// A frame and its arguments as gdb prints them (bt, frame, info frame).
import type { Frame } from '../protocol/ops.js';
import type { Style } from './style.js';

/**
 * An argument as gdb's bt prints it (`print entry-values default`): `devargs=devargs@entry=0x...`
 * when the value the caller passed is known and the same as now (or the only one known), else the
 * value now.
 */
export function argText(a: { name: string; value: string; entry?: string }): string {
  if (a.entry !== undefined && (a.entry === a.value || a.value === '<optimized out>')) return `${a.name}=${a.name}@entry=${a.entry}`;
  return `${a.name}=${a.value}`;
}

/** `#1  0x... in fn (a=1, b=0x...) at file:line` as gdb prints a frame (no address for #0). */
export function frameLine(f: Frame, s: Style): string {
  const args = f.args ? ` (${f.args.map(argText).join(', ')})` : '';
  const fn = f.fn ? s.c.yellow(f.fn) : '??';
  const at = f.file ? ` at ${s.c.green(`${f.file}:${f.line ?? '?'}`)}` : '';
  const addr = f.n > 0 && !f.atCall ? `${s.c.dim('0x' + f.addr.replace(/^0x/, '').padStart(16, '0'))} in ` : '';
  return `#${f.n}  ${addr}${fn}${args}${at}`;
}
