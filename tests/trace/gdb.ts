// gdb 13 attached to the inferior as the oracle for bt and ops. gdb stops the inferior while it
// is attached: run it only while the session is idle (or, for a breakpoint, before the probe).
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { dpdkBuild } from '../../src/util/paths.js';

/** gdb prints DPDK files as DWARF names them (../src-ID/drivers/...); bt prints drivers/...: strip the tree's root. */
export function stripDpdkRoot(s: string): string {
  const root = path.basename(dpdkBuild().src).replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return s.replace(new RegExp(`(?:\\.\\./|/)*(?:[^\\s"/]+/)*?${root}/`, 'g'), '');
}

export function gdbBatch(pid: number, cmds: string[]): string {
  const args = ['-p', String(pid), '-batch', '-nx', '-ex', 'set pagination off', '-ex', 'set width 0', ...cmds.flatMap((c) => ['-ex', c])];
  const r = spawnSync('gdb', args, { encoding: 'utf8', timeout: 120_000 });
  if (r.status !== 0 && !r.stdout) throw new Error(`gdb failed: ${r.stderr}`);
  return r.stdout;
}

const traced = (pid: number): boolean => /TracerPid:\s*[1-9]/.test(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));

/**
 * Attaches gdb with `break FN` + continue, waits until gdb holds the inferior, runs `trigger`
 * (requests queue while the inferior is stopped, so the breakpoint is in place before the probe),
 * and returns gdb's `bt` at the breakpoint.
 */
export async function gdbBreakBt<T>(pid: number, fn: string, trigger: () => Promise<T>): Promise<{ out: string; result: T }> {
  const g = spawn('gdb', ['-p', String(pid), '-batch', '-nx', '-ex', 'set pagination off', '-ex', 'set width 0',
    '-ex', `break ${fn}`, '-ex', 'continue', '-ex', 'bt 12', '-ex', 'echo @@full\\n', '-ex', 'bt full 10',
    '-ex', 'echo @@frames\\n', ...Array.from({ length: 9 }, (_, i) => ['-ex', `frame ${i}`, '-ex', 'info frame']).flat()], { stdio: ['ignore', 'pipe', 'pipe'] });
  // stdout alone: gdb's stderr (thread notices, warnings) could split a bt line if interleaved.
  let out = '', err = '';
  g.stdout.on('data', (b) => { out += b; });
  g.stderr.on('data', (b) => { err += b; });
  const closed = new Promise<void>((resolve) => g.on('close', () => resolve()));
  const deadline = Date.now() + 60_000;
  while (!traced(pid)) {
    if (Date.now() > deadline || g.exitCode !== null) throw new Error(`gdb did not attach: ${out}${err}`);
    await new Promise((r) => setTimeout(r, 10));
  }
  const result = await trigger();
  await closed;
  return { out, result };
}

/** `bt full`'s locals per frame function: `        name = value` lines under each frame line. */
export function parseBtFull(out: string): Map<string, Map<string, string>> {
  const full = out.slice(out.indexOf('@@full'), out.indexOf('@@frames') >= 0 ? out.indexOf('@@frames') : undefined);
  const byFn = new Map<string, Map<string, string>>();
  let cur: Map<string, string> | null = null;
  for (const line of full.split('\n')) {
    const f = /^#\d+\s+(?:0x[0-9a-f]+ in )?(.+?) \(/.exec(line);
    if (f) { cur = new Map(); byFn.set(f[1], cur); continue; }
    const v = /^ {8}(\w+) = (.*)$/.exec(line);
    if (v && cur) cur.set(v[1], v[2]);
  }
  return byFn;
}

/** `info frame` per level: function -> "frame at" (the CFA). */
export function parseInfoFrames(out: string): Map<string, string> {
  const cfa = new Map<string, string>();
  const sec = out.slice(out.indexOf('@@frames'));
  for (const m of sec.matchAll(/Stack level \d+, frame at (0x[0-9a-f]+):\n rip = 0x[0-9a-f]+ in (.+?)[ ;(\n]/g)) if (!cfa.has(m[2])) cfa.set(m[2], m[1]);
  return cfa;
}

export interface GdbFrame { n: number; fn: string; args: string; file: string | null; line: number | null }

/** gdb's bt lines: `#1  0x... in fn (args) at file:line` (#0 at a breakpoint has no address). */
export function parseBt(out: string): GdbFrame[] {
  const frames: GdbFrame[] = [];
  for (const line of out.split('@@full')[0].split('\n')) {
    const m = /^#(\d+)\s+(?:0x[0-9a-f]+ in )?(.+?) \((.*)\)(?: at (\S+):(\d+))?$/.exec(line);
    if (!m) continue;
    frames.push({ n: Number(m[1]), fn: m[2], args: m[3], file: m[4] ? stripDpdkRoot(m[4]) : null, line: m[5] ? Number(m[5]) : null });
  }
  return frames;
}

/** `$1 = {dev_configure = 0x7f.. <eth_dev_configure>, dev_set_link_up = 0x0, ...}` -> slot: fn|null. */
export function parseOpsPrint(out: string): { slot: string; fn: string | null; addr: string }[] {
  const body = /\$\d+ = \{(.*)\}/s.exec(out);
  if (!body) throw new Error(`no struct in gdb output: ${out.slice(0, 400)}`);
  return [...body[1].matchAll(/(\w+) = (0x[0-9a-f]+)(?: <([^>]+)>)?/g)].map((m) => ({ slot: m[1], addr: m[2], fn: m[2] === '0x0' ? null : m[3] ?? '?' }));
}

export function ipLinkExists(name: string): boolean {
  return spawnSync('ip', ['link', 'show', name], { encoding: 'utf8' }).status === 0;
}
