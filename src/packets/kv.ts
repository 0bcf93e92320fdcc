// KEY VALUE argument pairs (`count 10 size 128 dst 02:..`) with flags (`hex`), checked against
// what a command accepts, so every bad word gets a one-line error that names the fix.
import { nearest } from '../util/nearest.js';

export interface KvSpec { keys: string[]; flags?: string[] }
export type KvResult = { ok: true; values: Record<string, string>; flags: Set<string> } | { ok: false; message: string; hint?: string; noValue?: string };

export function parseKv(argv: string[], spec: KvSpec): KvResult {
  const values: Record<string, string> = {};
  const flags = new Set<string>();
  for (let i = 0; i < argv.length; i++) {
    const w = argv[i].toLowerCase();
    if (spec.flags?.includes(w)) { flags.add(w); continue; }
    if (!spec.keys.includes(w)) {
      const all = [...spec.keys, ...(spec.flags ?? [])];
      const near = nearest(w, all, 1);
      return { ok: false, message: `unknown word '${argv[i]}'`, hint: `${near.length ? `did you mean '${near[0]}'? ` : ''}accepted: ${all.join(', ')}` };
    }
    if (i + 1 >= argv.length) return { ok: false, message: `'${w}' needs a value`, hint: `e.g. ${w} ${example(w)}`, noValue: w };
    values[w] = argv[++i];
  }
  return { ok: true, values, flags };
}

const example = (k: string): string => ({ count: '10', size: '64', dst: '02:00:00:00:00:02', src: '02:00:00:00:00:01', proto: 'udp', timeout: '1000' } as Record<string, string>)[k] ?? 'N';

/** An integer within [min, max], or the message that says the range. */
export function intIn(name: string, text: string | undefined, def: number, min: number, max: number, why = ''): number | string {
  if (text === undefined) return def;
  const t = text.trim();
  const v = /^0x[0-9a-f]+$/i.test(t) ? parseInt(t, 16) : /^\d+$/.test(t) ? Number(t) : NaN;
  if (!Number.isSafeInteger(v)) return `${name} must be a whole number, got '${text}'`;
  if (v < min || v > max) return `${name} must be ${min}..${max}, got ${v}${why ? ` (${why})` : ''}`;
  return v;
}

export function ipv4ToU32(text: string): number | null {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(text);
  if (!m) return null;
  const b = m.slice(1).map(Number);
  if (b.some((x) => x > 255)) return null;
  return ((b[0] << 24) >>> 0) + (b[1] << 16) + (b[2] << 8) + b[3];
}

export const isMac = (t: string): boolean => /^([0-9a-f]{2}:){5}[0-9a-f]{2}$/i.test(t);
