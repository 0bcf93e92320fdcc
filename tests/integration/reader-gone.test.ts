// The reader of the shell's output goes away mid-run (`vdev-shell -batch s.vsh | head -1`): the
// shell stops before its next line and leaves as on quit (its devices detached, so a tap it made
// is gone, and its EAL ended with its runtime directory), with a SIGPIPE's exit status and no
// stack trace. It used to die of an unhandled EPIPE.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { projectRoot } from '../../src/util/paths.js';
import { runtimeBase } from '../../src/util/runtime-dir.js';
import { tmpDir } from '../helpers/tmp.js';

const tag = (process.pid % 1296).toString(36).padStart(2, '0');
const IFACE = `vdshrg${tag}`;
const exists = (i: string): boolean => fs.existsSync(`/sys/class/net/${i}`);
const alive = (pid: number): boolean => { try { process.kill(pid, 0); return true; } catch { return false; } };
afterAll(() => { if (exists(IFACE)) spawnSync('ip', ['link', 'delete', IFACE]); });

async function until(what: () => boolean, ms = 10_000): Promise<boolean> {
  const end = Date.now() + ms;
  while (!what() && Date.now() < end) await new Promise((r) => setTimeout(r, 20)); // a poll interval, not a wait for an assumed duration
  return what();
}

describe('the reader of the output goes away', () => {
  it('stops, detaches, ends its EAL and exits with 141, without a stack trace', async () => {
    const dir = tmpDir('reader-gone');
    const script = path.join(dir, 's.vsh');
    fs.writeFileSync(script, [`probe net_tap0,iface=${IFACE}`, ...Array(3000).fill('show port summary all')].join('\n') + '\n');
    const shell = spawn(process.execPath, [path.join(projectRoot, 'dist', 'cli.js'), '-batch', script], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    shell.stderr!.on('data', (b) => { stderr += b.toString(); });
    const exited = new Promise<number | null>((r) => shell.on('exit', (code) => r(code)));
    // The first output comes once the probe is done: the tap exists and the EAL is the shell's child.
    await new Promise<void>((r) => shell.stdout!.once('data', () => r()));
    expect(exists(IFACE)).toBe(true);
    const eal = Number(spawnSync('pgrep', ['-P', String(shell.pid)], { encoding: 'utf8' }).stdout.trim().split('\n')[0]);
    expect(eal).toBeGreaterThan(0);
    shell.stdout!.destroy();
    expect(await exited).toBe(141);
    expect(stderr).not.toMatch(/EPIPE|Error|\n\s+at /);
    expect(await until(() => !alive(eal))).toBe(true);
    expect(exists(IFACE)).toBe(false);
    expect(fs.existsSync(path.join(runtimeBase(), `vdsh-${eal}`))).toBe(false);
  }, 60_000);
});
