// A testpmd primary process of the shell's own DPDK build, with hugepages the test reserves and
// gives back: its own hugetlbfs mount, its own --file-prefix (vdsh-*), and nothing left behind
// (runtime directory, sockets, hugepage files) when it ends, even when a test fails.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { testpmdPath } from '../../src/util/paths.js';
import { lockHolder } from '../../src/target/app.js';

const NR = '/sys/kernel/mm/hugepages/hugepages-2048kB/nr_hugepages';
const FREE = '/sys/kernel/mm/hugepages/hugepages-2048kB/free_hugepages';
const readNum = (f: string): number => Number(fs.readFileSync(f, 'utf8').trim());

export interface Hugepages { dir: string; added: number; release(): void }

// nr_hugepages is one number for the whole host: test files running side by side change it
// under a lock (a directory: mkdir is atomic), each adding and later taking back its own share.
const LOCK = path.join(os.tmpdir(), 'vdsh-hugepages.lock');
function locked<T>(fn: () => T): T {
  const end = Date.now() + 30_000;
  for (;;) {
    try { fs.mkdirSync(LOCK); break; } catch {
      // A holder that died leaves the lock: it is stale after 30 s (holders keep it for microseconds).
      try { if (Date.now() - fs.statSync(LOCK).mtimeMs > 30_000) fs.rmdirSync(LOCK); } catch { /* gone meanwhile */ }
      if (Date.now() > end) throw new Error(`${LOCK} stays locked`);
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 5);
    }
  }
  try { return fn(); } finally { fs.rmdirSync(LOCK); }
}

/**
 * Reserves `pages` 2 MiB pages of the test's own on top of the host's count and mounts a
 * hugetlbfs of its own. Every caller adds its whole share: pages that are free now may be another
 * test file's share its testpmd has not mapped yet (counting them as ours made two files' testpmds
 * race for the same pages: "No free 2048 kB hugepages").
 */
export function reserveHugepages(pages: number): Hugepages {
  const added = locked(() => {
    const nr = readNum(NR);
    fs.writeFileSync(NR, String(nr + pages));
    const got = readNum(NR) - nr; // the kernel gives fewer when memory is fragmented
    if (got < pages) {
      fs.writeFileSync(NR, String(nr));
      throw new Error(`could not reserve ${pages} hugepages (the kernel gave ${got})`);
    }
    return pages;
  });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vdsh-huge-'));
  execFileSync('mount', ['-t', 'hugetlbfs', '-o', 'pagesize=2M', 'nodev', dir]);
  let released = false;
  return {
    dir, added,
    release(): void {
      if (released) return;
      released = true;
      // Unmounting frees every hugepage file an application left there (a killed one leaves them).
      try { execFileSync('umount', [dir]); } catch { /* not mounted */ }
      fs.rmSync(dir, { recursive: true, force: true });
      if (added) locked(() => fs.writeFileSync(NR, String(Math.max(0, readNum(NR) - added))));
    },
  };
}

/** DPDK's runtime directory of a prefix (root). */
export const runtimeDir = (prefix: string): string => path.join('/var/run/dpdk', prefix);

export interface PortSummary { port: number; mac: string; name: string; driver: string; status: string }
export interface PortStats { rxPackets: number; rxBytes: number; txPackets: number; txBytes: number; rxMissed: number; rxErrors: number; txErrors: number }

export class Testpmd {
  private out = '';
  readonly exited: Promise<number | null>;
  private constructor(readonly child: ChildProcess, readonly prefix: string, readonly args: string[]) {
    const add = (b: Buffer): void => { this.out += b.toString(); this.wake(); };
    child.stdout!.on('data', add);
    child.stderr!.on('data', add);
    this.exited = new Promise((r) => child.once('exit', (code) => { this.wake(); r(code); }));
  }

  get pid(): number { return this.child.pid!; }
  get output(): string { return this.out; }

  private waiters: (() => void)[] = [];
  private wake(): void { for (const w of this.waiters.splice(0)) w(); }
  /** Waits until `test` holds on the output (new output or exit re-checks it). */
  async waitFor(test: (out: string) => boolean, ms = 20_000, what = 'testpmd output'): Promise<void> {
    const end = Date.now() + ms;
    while (!test(this.out)) {
      if (this.child.exitCode !== null || this.child.signalCode !== null) throw new Error(`testpmd ended while waiting for ${what}:\n${this.out.slice(-2000)}`);
      const left = end - Date.now();
      if (left <= 0) throw new Error(`timed out waiting for ${what}:\n${this.out.slice(-2000)}`);
      await new Promise<void>((r) => { const t = setTimeout(r, left); this.waiters.push(() => { clearTimeout(t); r(); }); });
    }
  }

  /**
   * Starts testpmd in interactive mode over a pipe (stdbuf: its printf output unbuffered) and
   * waits for its prompt. eal are extra EAL arguments (--no-huge for the refusal cases).
   */
  static async start(opts: { prefix: string; hugeDir?: string; vdevs?: string[]; eal?: string[]; telemetry?: boolean; binary?: string }): Promise<Testpmd> {
    const args = ['-l', '0-1', '--no-pci', `--file-prefix=${opts.prefix}`, ...(opts.hugeDir ? [`--huge-dir=${opts.hugeDir}`] : []),
      ...(opts.telemetry === false ? ['--no-telemetry'] : []), ...(opts.eal ?? []),
      ...(opts.vdevs ?? []).flatMap((v) => ['--vdev', v]), '--', '-i', '--total-num-mbufs=2048'];
    const child = spawn('stdbuf', ['-o0', '-e0', opts.binary ?? testpmdPath(), ...args], { stdio: ['pipe', 'pipe', 'pipe'] });
    const t = new Testpmd(child, opts.prefix, args);
    await t.waitFor((o) => o.includes('testpmd> '), 30_000, 'the first testpmd> prompt');
    return t;
  }

  /** Runs one testpmd command and returns what it printed before the next prompt. */
  async cmd(line: string, ms = 20_000): Promise<string> {
    const from = this.out.length;
    this.child.stdin!.write(line + '\n');
    await this.waitFor((o) => { const s = o.slice(from); return s.includes('\n') && s.endsWith('testpmd> '); }, ms, `'${line}'`);
    const text = this.out.slice(from);
    return text.slice(0, text.length - 'testpmd> '.length);
  }

  async summary(): Promise<PortSummary[]> {
    const text = await this.cmd('show port summary all');
    return [...text.matchAll(/^(\d+)\s+([0-9A-F:]{17})\s+(\S+)\s+(\S+)\s+(\S+)/gm)]
      .map((m) => ({ port: Number(m[1]), mac: m[2], name: m[3], driver: m[4], status: m[5] }));
  }

  async stats(port: number): Promise<PortStats> {
    const t = await this.cmd(`show port stats ${port}`);
    const n = (re: RegExp): number => Number(re.exec(t)?.[1] ?? NaN);
    return {
      rxPackets: n(/RX-packets:\s*(\d+)/), rxBytes: n(/RX-bytes:\s*(\d+)/), txPackets: n(/TX-packets:\s*(\d+)/), txBytes: n(/TX-bytes:\s*(\d+)/),
      rxMissed: n(/RX-missed:\s*(\d+)/), rxErrors: n(/RX-errors:\s*(\d+)/), txErrors: n(/TX-errors:\s*(\d+)/),
    };
  }

  /** quit, or SIGKILL when it does not end; then its runtime directory is removed. */
  async stop(): Promise<void> {
    if (this.child.exitCode === null && this.child.signalCode === null) {
      this.child.stdin!.write('quit\n');
      const t = setTimeout(() => this.child.kill('SIGKILL'), 10_000);
      await this.exited;
      clearTimeout(t);
    }
    removeRuntime(this.prefix);
  }
}

/** Removes a prefix's runtime directory, and /var/run/dpdk itself when nothing else is left in it. */
export function removeRuntime(prefix: string): void {
  if (!prefix.startsWith('vdsh-')) throw new Error(`refusing to remove the runtime directory of "${prefix}"`);
  fs.rmSync(runtimeDir(prefix), { recursive: true, force: true });
  try { fs.rmdirSync('/var/run/dpdk'); } catch { /* others use it */ }
}

/** A prefix of this test run's own. */
export const testPrefix = (what: string): string => `vdsh-${what}-${process.pid}`;

/**
 * Runtime directories of test prefixes (vdsh-*) that no running primary holds: left behind by a
 * run that was killed before its clean-up (a timed-out worker). Safe to remove: without the
 * write lock on its config no process uses the directory as a primary.
 */
export function removeStaleRuntimeDirs(): string[] {
  let dirs: string[] = [];
  try { dirs = fs.readdirSync('/var/run/dpdk').filter((d) => d.startsWith('vdsh-')); } catch { return []; }
  const removed: string[] = [];
  for (const d of dirs) {
    const dir = runtimeDir(d);
    const config = path.join(dir, 'config');
    // A primary still starting has no lock yet: leave directories younger than a minute.
    let young = false;
    try { young = Date.now() - fs.statSync(dir).mtimeMs < 60_000; } catch { continue; }
    if (young || (fs.existsSync(config) && lockHolder(config) !== null) || listening(path.join(dir, 'dpdk_telemetry.v2'))) continue;
    fs.rmSync(dir, { recursive: true, force: true });
    removed.push(d);
  }
  return removed;
}

/** A unix socket at this path is listening (a --no-shconf primary has its telemetry socket, no lock). */
function listening(sock: string): boolean {
  try { return fs.readFileSync('/proc/net/unix', 'utf8').split('\n').some((l) => l.endsWith(' ' + sock) || l.endsWith(' ' + sock.replace(/^\/var\/run\//, '/run/'))); } catch { return false; }
}
