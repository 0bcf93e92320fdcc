// One message per line on the request channel. Plain data (the common case) goes as JSON, which
// V8 writes and reads about twice as fast as its structured-clone format; anything JSON would
// change (a bigint address, a Buffer, NaN, undefined in an array) goes as 'v' + base64 of
// v8.serialize, so both ends see exactly what Node's 'advanced' IPC would have given them.
import { createRequire } from 'node:module';
import { StringDecoder } from 'node:string_decoder';

// node:v8 (with the stream modules it loads) is compiled on first use: in the EAL's process this
// module loads before rte_eal_init, where ~3 ms of compiling is start-up time.
let v8mod: typeof import('node:v8') | undefined;
const v8 = (): typeof import('node:v8') => (v8mod ??= createRequire(import.meta.url)('node:v8') as typeof import('node:v8'));
/**
 * Loads and runs the structured-clone side once now, where waiting costs nothing: the first
 * message with a bigint (the first probe's driver lookup) otherwise paid ~0.3 ms for it.
 */
export function warmSerializer(): void { decodeLine(encodeLine({ warm: 0n }).trimEnd()); }

function plain(v: unknown): boolean {
  switch (typeof v) {
    case 'string': case 'boolean': return true;
    case 'number': return Number.isFinite(v);
    case 'object': {
      if (v === null) return true;
      if (Array.isArray(v)) {
        for (const x of v) if (x === undefined || !plain(x)) return false;
        return true;
      }
      if (Object.getPrototypeOf(v) !== Object.prototype) return false;
      for (const k in v) {
        const x = (v as Record<string, unknown>)[k];
        if (x !== undefined && !plain(x)) return false; // an undefined property is an absent one
      }
      return true;
    }
    default: return false;
  }
}

export function encodeLine(m: unknown): string {
  return (plain(m) ? JSON.stringify(m) : 'v' + v8().serialize(m).toString('base64')) + '\n';
}

export function decodeLine(line: string): unknown {
  return line.charCodeAt(0) === 0x76 /* v */ ? v8().deserialize(Buffer.from(line.slice(1), 'base64')) : JSON.parse(line);
}

/**
 * Cuts the bytes read from a pipe into messages. Only the new bytes can hold the end of a line:
 * a reply of megabytes (rx with hex) arrives in 64 KiB reads and is not rescanned at each one.
 */
export class LineReader {
  private readonly decoder = new StringDecoder('utf8');
  private acc = '';

  /** The messages these bytes complete, in order. */
  feed(bytes: Buffer): unknown[] {
    let from = this.acc.length;
    this.acc += this.decoder.write(bytes);
    const out: unknown[] = [];
    let start = 0, nl: number;
    while ((nl = this.acc.indexOf('\n', from)) >= 0) {
      out.push(decodeLine(this.acc.slice(start, nl)));
      start = from = nl + 1;
    }
    if (start) this.acc = this.acc.slice(start);
    return out;
  }
}
