// gdb 13 attached to the inferior as the oracle for bt and ops. gdb stops the inferior while it
// is attached: run it only while the session is idle (or, for a breakpoint, before the probe).
import { spawn, spawnSync, type SpawnSyncReturns } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { dpdkBuild } from '../../src/util/paths.js';
import { runtimeBase } from '../../src/util/runtime-dir.js';

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
export function gdbBreakBt<T>(pid: number, fn: string, trigger: () => Promise<T>): Promise<{ out: string; result: T }> {
  return gdbAttachedWhile(pid, [`break ${fn}`, 'continue', 'bt 12', 'echo @@full\\n', 'bt full 10',
    'echo @@frames\\n', ...Array.from({ length: 9 }, (_, i) => [`frame ${i}`, 'info frame']).flat()], trigger);
}

/**
 * gdb on a live crash: attached before `trigger` runs, it stops the inferior at the fatal signal
 * and prints `bt` and the faulting pc ($N = 0x...) there, then lets the signal through so the inferior's own handler reports the
 * crash as it would without gdb (the process then dies of it).
 */
export function gdbCrashBt<T>(pid: number, trigger: () => Promise<T>): Promise<{ out: string; result: T }> {
  return gdbAttachedWhile(pid, ['continue', 'bt 40', 'echo @@end\\n', 'p/x $pc',
    ...['SIGSEGV', 'SIGBUS', 'SIGABRT', 'SIGFPE', 'SIGILL'].map((sig) => `handle ${sig} nostop noprint pass`), 'continue'], trigger);
}

/** Runs gdb -batch attached to `pid` with `cmds`, and `trigger` once gdb holds the process. */
async function gdbAttachedWhile<T>(pid: number, cmds: string[], trigger: () => Promise<T>): Promise<{ out: string; result: T }> {
  const g = spawn('gdb', ['-p', String(pid), '-batch', '-nx', '-ex', 'set pagination off', '-ex', 'set width 0',
    ...cmds.flatMap((c) => ['-ex', c])], { stdio: ['ignore', 'pipe', 'pipe'] });
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

/**
 * gdb running a fresh inferior process (dist/inferior/main.js with these EAL arguments, no shell
 * attached) and printing `bt` at each of the first `stops` hits of `break FN`: chains taken inside
 * rte_eal_init, before any shell could attach. Each bt is followed by an @@stop line.
 */
let gdbRuns = 0;
export function gdbRunBt(mainJs: string, ealArgs: string[], fn: string, stops: number): string {
  const perStop = ['bt 30', 'echo @@stop\\n'];
  const cmds = ['set pagination off', 'set width 0', 'set breakpoint pending on', `break ${fn}`, 'run', ...perStop,
    ...Array.from({ length: stops - 1 }, () => ['continue', ...perStop]).flat(), 'kill'];
  // gdb kills the EAL, which then cannot remove its runtime directory: it gets a prefix this removes.
  const prefix = `vdsh-gdb-${process.pid}-${++gdbRuns}`;
  let r: SpawnSyncReturns<string>;
  try {
    r = spawnSync('gdb', ['-batch', '-nx', ...cmds.flatMap((c) => ['-ex', c]), '--args', process.execPath, mainJs],
      { encoding: 'utf8', timeout: 120_000, env: { ...process.env, VDEV_SHELL_EAL_ARGS: JSON.stringify([...ealArgs, `--file-prefix=${prefix}`]) } });
  } finally {
    fs.rmSync(path.join(runtimeBase(), prefix), { recursive: true, force: true });
  }
  if (!r.stdout.includes('@@stop')) throw new Error(`gdb did not stop at ${fn}: ${r.stdout.slice(-2000)}${r.stderr.slice(-2000)}`);
  return r.stdout;
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
