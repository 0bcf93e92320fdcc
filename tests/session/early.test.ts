// bin/vdev-shell starts the EAL's process beside the shell's (src/session/early.ts): the shell
// adopts that inferior instead of spawning one. What the shell does with it must not differ
// from a spawned one: requests, a crash and its report, quitting, the shell's own death; and
// nothing of the launcher (its named pipes, the process) is left behind.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { projectRoot } from '../../src/util/paths.js';
import { INFERIOR_CMDLINE, ShellProc } from '../helpers/shell-proc.js';

const bin = path.join(projectRoot, 'bin', 'vdev-shell');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'vdsh-early-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));
const fifosLeft = (): string[] => fs.readdirSync(tmp).filter((f) => f.startsWith('vdsh-start.'));
const alive = (pid: number): boolean => { try { process.kill(pid, 0); return true; } catch { return false; } };
const ppidOf = (pid: number): number => Number(fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ')[1]);
const environOf = (pid: number): string[] => fs.readFileSync(`/proc/${pid}/environ`, 'utf8').split('\0');
/** Polls (no fixed sleep) until the process is gone; false when it outlives `ms`. */
async function gone(pid: number, ms = 10_000): Promise<boolean> {
  const end = Date.now() + ms;
  while (alive(pid) && Date.now() < end) await new Promise((r) => setImmediate(r));
  return !alive(pid);
}
const shells: ShellProc[] = [];
afterEach(async () => {
  for (const s of shells.splice(0)) { await s.quit().catch(() => undefined); s.child.kill('SIGKILL'); }
});
const start = (args: string[] = [], env: NodeJS.ProcessEnv = {}): ShellProc => {
  const s = new ShellProc(args, tmp, { entry: 'bin', env: { TMPDIR: tmp, ...env } });
  shells.push(s);
  return s;
};

describe('bin/vdev-shell starts the EAL beside the shell', () => {
  it('the shell adopts the inferior the launcher started: it is the shell\'s child and answers requests', async () => {
    const s = start();
    const info = await s.send('info inferior');
    const pid = (info.data as { pid: number; transport: string }).pid;
    expect((info.data as { transport: string }).transport).toBe('channel');
    // Started by the launcher (early mode), not spawned by the shell, yet the shell's child.
    expect(environOf(pid)).toContain('VDEV_SHELL_EARLY=1');
    expect(ppidOf(pid)).toBe(s.child.pid);
    // The pattern tests use to find EAL processes finds this one.
    expect(spawnSync('pgrep', ['-f', INFERIOR_CMDLINE], { encoding: 'utf8' }).stdout.split('\n').map(Number)).toContain(pid);
    const probe = await s.send('probe net_null0');
    expect(probe.ok).toBe(true);
    const ports = await s.send('show port summary all');
    expect(JSON.stringify(ports.data)).toContain('net_null0');
    expect(fifosLeft()).toEqual([]);
    await s.quit();
    expect(s.child.exitCode).toBe(0);
    expect(await gone(pid)).toBe(true);
  });

  it('a crash of the adopted inferior is reported as a spawned one\'s: signal and the frame, then a new EAL', async () => {
    const s = start();
    const first = (await s.send('info inferior')).data as { pid: number };
    const crash = await s.send('probe bus=vdev,name=net_null9/class=eth --force');
    expect(crash.ok).toBe(false);
    const d = crash.data as { how: string; signal: string; crash: { top: { fn: string } } };
    expect(d.how).toBe('crash');
    expect(d.signal).toBe('SIGSEGV');
    expect(d.crash.top.fn).toBe('local_dev_probe');
    // Reaped by the shell (reapChild): no zombie left of it.
    expect(await gone(first.pid)).toBe(true);
    const next = (await s.send('info inferior')).data as { pid: number; state: string };
    expect(next.pid).not.toBe(first.pid);
    expect(next.state).toBe('running');
    expect((await s.send('probe net_null0')).ok).toBe(true);
  });

  it('the shell killed: the adopted EAL sees its request pipe end, detaches and exits by itself', async () => {
    const s = start();
    const pid = ((await s.send('info inferior')).data as { pid: number }).pid;
    expect((await s.send('probe net_null0')).ok).toBe(true);
    s.child.kill('SIGKILL');
    expect(await gone(pid)).toBe(true);
  });

  it('a command line that starts no EAL leaves no EAL process and no named pipe behind', async () => {
    for (const args of [['--help'], ['--bogus-option'], ['-batch', 'no-such-script.vsh']]) {
      const r = spawnSync(bin, args, { cwd: tmp, env: { ...process.env, TMPDIR: tmp }, encoding: 'utf8', timeout: 20_000 });
      expect(r.status, args.join(' ')).not.toBeNull();
      // --help and usage errors: it starts no EAL itself; a missing script: the shell ends it.
      const early = spawnSync('pgrep', ['-f', `${INFERIOR_CMDLINE} ${args.join(' ')}`], { encoding: 'utf8' });
      for (const pid of early.stdout.trim().split('\n').filter(Boolean).map(Number)) expect(await gone(pid, 2000), args.join(' ')).toBe(true);
    }
    expect(fifosLeft()).toEqual([]);
  });

  it('an EAL that fails to start says the same whether the launcher or the shell started it', () => {
    const run = (env: NodeJS.ProcessEnv) => spawnSync(bin, ['-batch', '-ex', 'info inferior', '-ex', 'show port summary all', '--', '--bogus-eal-option'], { cwd: tmp, env: { ...process.env, TMPDIR: tmp, NO_COLOR: '1', ...env }, encoding: 'utf8', timeout: 20_000 });
    const early = run({}), spawned = run({ VDEV_SHELL_NO_EARLY: '1' });
    // How requests would have travelled differs (a spawned EAL offers its channel only once up).
    const norm = (t: string): string => t.replace(/pid\s+\d+/g, 'pid N').replace(/\d+ ms/g, 'N ms').replace(/^requests .*$/m, 'requests');
    expect(early.status).toBe(spawned.status);
    expect(norm(early.stdout + early.stderr)).toBe(norm(spawned.stdout + spawned.stderr));
    // (What DPDK says of the bad option differs by version: 25.11 ends the process itself.)
    expect(early.stdout + early.stderr).toMatch(/state\s+init-failed/);
    expect(early.status).toBe(1);
  });
});

describe('the EAL process starts with V8\'s code cache of an earlier run (src/inferior/start.ts)', () => {
  it('an EAL that leaves writes the cache when there was none, and V8 takes it', async () => {
    const main = path.join(projectRoot, 'dist', 'inferior', 'main.cjs');
    const cache = `${main}.v8-cache`;
    expect(fs.existsSync(main), 'set-up bundles the EAL process (rolldown is a dev dependency)').toBe(true);
    fs.rmSync(cache, { force: true });
    const s = start();
    expect((await s.send('probe net_null0')).ok).toBe(true);
    await s.quit();
    // Written after the EAL said it left: polled, not slept on.
    const end = Date.now() + 10_000;
    while (!fs.existsSync(cache) && Date.now() < end) await new Promise((r) => setImmediate(r));
    // Checked in a Node with the EAL process's V8 flags (src/util/jit-tier.ts): V8 takes a cache
    // only under the flags it was made with.
    const check = spawnSync(process.execPath, ['--input-type=module', '-e', `
      await import(${JSON.stringify(pathToFileURL(path.join(projectRoot, 'dist', 'util', 'jit-tier.js')).href)});
      const { default: vm } = await import('node:vm');
      const { default: Module } = await import('node:module');
      const { default: fs } = await import('node:fs');
      const script = new vm.Script(Module.wrap(fs.readFileSync(${JSON.stringify(main)}, 'utf8')), { filename: ${JSON.stringify(main)}, cachedData: fs.readFileSync(${JSON.stringify(cache)}) });
      process.stdout.write(String(script.cachedDataRejected));`], { encoding: 'utf8' });
    expect(check.stderr).toBe('');
    expect(check.stdout).toBe('false');
  });
});
