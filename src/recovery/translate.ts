// Addresses of a dead (or stuck) inferior mean nothing in another process: ASLR loads the addon
// and libc elsewhere. Translate each through the mapped file and offset into a live inferior of
// the same binaries, where the DWARF symbolizer can name it. Pure, plus a /proc reader.
import fs from 'node:fs';
import type { CrashMap } from '../session/inferior.js';

/** Executable, file-backed mappings of a live process (the same selection native/crash.cc makes). */
export function readExecMaps(pid: number): CrashMap[] {
  let text: string;
  try { text = fs.readFileSync(`/proc/${pid}/maps`, 'utf8'); } catch { return []; }
  const out: CrashMap[] = [];
  for (const line of text.split('\n')) {
    const m = /^(\w+)-(\w+) (\S{4}) (\w+) \S+ \d+\s+(\/.*)$/.exec(line);
    if (m && m[3][2] === 'x') out.push({ start: '0x' + m[1], end: '0x' + m[2], offset: '0x' + m[4], path: m[5] });
  }
  return out;
}

const big = (h: string): bigint => BigInt(h);

/** addr in the dead process -> the same instruction in the live one, or null if unmapped there. */
export function translateAddr(addr: bigint, dead: CrashMap[], live: CrashMap[]): bigint | null {
  const d = dead.find((m) => addr >= big(m.start) && addr < big(m.end));
  if (!d) return null;
  const fileOff = addr - big(d.start) + big(d.offset);
  const l = live.find((m) => m.path === d.path && fileOff >= big(m.offset) && fileOff < big(m.offset) + (big(m.end) - big(m.start)));
  if (!l) return null;
  return big(l.start) + (fileOff - big(l.offset));
}

/** Fallback without maps: shift by the difference of the addon's load bases (addon frames only). */
export function translateByBase(addr: bigint, deadBase: bigint, liveBase: bigint, liveMaps: CrashMap[]): bigint | null {
  const moved = addr - deadBase + liveBase;
  return liveMaps.some((m) => /vdev\.node$/.test(m.path) && moved >= big(m.start) && moved < big(m.end)) ? moved : null;
}
