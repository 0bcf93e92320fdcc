// Colour and width settings for text output. Colour is off for NO_COLOR, --no-color, TERM=dumb
// and anything that is not a terminal.
import { Chalk, type ChalkInstance } from 'chalk';

export interface Style {
  c: ChalkInstance;
  width: number;
}

export function makeStyle(opts: { color: boolean; width?: number }): Style {
  return { c: new Chalk({ level: opts.color ? 1 : 0 }), width: Math.max(40, opts.width ?? 100) };
}

export function colorWanted(stream: NodeJS.WriteStream, flagNoColor: boolean): boolean {
  if (flagNoColor) return false;
  if ('NO_COLOR' in process.env && process.env.NO_COLOR !== '') return false;
  if (process.env.TERM === 'dumb') return false;
  return !!stream.isTTY;
}
