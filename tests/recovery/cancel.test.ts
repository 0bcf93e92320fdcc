// Hangs are cancelled: by the per-command timeout (flag or environment), by Ctrl-C in line mode,
// and a SIGABRT (what rte_panic ends in) during a wait is reported like any crash.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { projectRoot } from '../../src/util/paths.js';
import { Session } from '../../src/session/session.js';
import { Runner } from '../../src/script/runner.js';
import { recoveryState } from '../../src/recovery/state.js';
import type { CommandResult } from '../../src/commands/types.js';
import type { RestoreReport } from '../../src/recovery/types.js';
import { fifo } from './host.js';

let session: Session | undefined;
afterEach(async () => { await session?.close(); session = undefined; });

describe('cancelling', () => {
  it('VDEV_SHELL_TIMEOUT_MS sets the timeout; clean policy restores nothing', () => {
    const f = fifo();
    const r = runCli(['-batch', '--json', '-ex', 'recovery clean', '-ex', 'probe net_null0', '-ex', `probe --force net_pcap0,tx_pcap=${f}`, '-ex', 'show port summary all'], { env: { VDEV_SHELL_TIMEOUT_MS: '1200' } });
    const hang = r.json[2];
    expect(hang.error?.code).toBe('timeout');
    expect(hang.error?.message).toMatch(/within 1200 ms/);
    // The pcap PMD's function that opens the tx file (open_single_tx_pcap; an optimized build may inline it into its caller).
    expect(hang.data.hang.dpdkFrame).toMatchObject({ fn: expect.stringMatching(/^open\w*_tx_pcap$/), file: 'drivers/net/pcap/pcap_ethdev.c' });
    expect(hang.data.restore.clean).toBe(true);
    expect(hang.data.restore.restored).toEqual([]);
    expect(JSON.stringify(r.json[3].data)).not.toContain('net_null0');
  });

  it('a slow command says where the EAL waits before it is cancelled', () => {
    const f = fifo();
    // The notice comes at 1.5 s, once another EAL has named the sampled frames (the spare, started
    // then): the timeout leaves room for that on a loaded machine.
    const r = runCli(['-batch', '--json', '--timeout', '6000', '-ex', `probe --force net_pcap0,tx_pcap=${f}`]);
    expect(r.stderr).toMatch(/still running after \d\.\d s waiting in \w*open\w*\(\) from open\w*_tx_pcap \(drivers\/net\/pcap\/pcap_ethdev\.c:\d+\)/);
    expect(r.json[0].error?.code).toBe('timeout');
  });

  it('Ctrl-C between two lines of a script stops the script there and kills nothing', async () => {
    session = new Session();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vdevsh-int-'));
    try {
      const inner = path.join(dir, 'inner.vsh'), outer = path.join(dir, 'outer.vsh');
      fs.writeFileSync(inner, 'probe net_null0\nprobe net_null1\nprobe net_null2\n');
      fs.writeFileSync(outer, `source ${inner}\nprobe net_null3\n`);
      const results: CommandResult[] = [];
      // Ctrl-C arrives while the first probe's result is being shown (no call into the EAL then).
      const runner: Runner = new Runner(session, (r) => { results.push(r); if (r.cmd === 'probe net_null0') expect(runner.interrupt()).toBe(true); });
      const pid = session.inferior.pid;
      await runner.run(`source ${outer}`);
      // The probe, the interruption (said once), then each script's own failed summary.
      expect(results.map((r) => [r.cmd, r.ok])).toEqual([['probe net_null0', true], [`source ${inner}`, false], [`source ${inner}`, false], [`source ${outer}`, false]]);
      expect(results[1].error?.code).toBe('interrupted');
      expect(results[1].error?.message).toBe(`${inner}: interrupted (Ctrl-C) before line 2`);
      expect(session.inferior.pid).toBe(pid); // the EAL was not touched
      expect((await session.ports()).map((p) => p.name)).toEqual(['net_null0']);
      expect(runner.interrupt()).toBe(false); // nothing runs now: the next script is not affected
      fs.writeFileSync(inner, 'probe net_null1\nprobe net_null2\n');
      expect((await runner.run(`source ${inner}`))!.ok).toBe(true);
      expect((await session.ports()).map((p) => p.name).sort()).toEqual(['net_null0', 'net_null1', 'net_null2']);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('an EAL killed between commands is restarted and restored by the next command', async () => {
    session = new Session();
    const runner = new Runner(session);
    expect((await runner.run('probe net_null0'))!.ok).toBe(true);
    const died = new Promise((r) => session!.inferior.once('death', r));
    process.kill(session.inferior.pid!, 'SIGKILL');
    await died;
    const res = (await runner.run('show port summary all'))!;
    expect(res.ok).toBe(true);
    expect(res.log[0].text).toMatch(/had died \(killed by SIGKILL\).*restored 1 of 1/);
    expect(JSON.stringify(res.data)).toContain('net_null0');
    const crashes = (await runner.run('info crashes'))!;
    expect((crashes.data as any).deaths).toHaveLength(1);
  });

  it('rejects a bad --timeout with a clear message', () => {
    const r = runCli(['-batch', '--timeout', 'soon', '-ex', 'help']);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/--timeout needs a number of milliseconds/);
  });

  it('Ctrl-C (SIGINT) in line mode cancels the command, not the shell', async () => {
    const f = fifo();
    const child = spawn(process.execPath, [path.join(projectRoot, 'dist', 'cli.js'), '--json', '--timeout', '0'], { stdio: ['pipe', 'pipe', 'inherit'], env: { ...process.env, NO_COLOR: '1' } });
    const lines: any[] = [];
    let buf = '';
    const waitLines = (n: number) => new Promise<void>((resolve) => {
      const check = () => { if (lines.length >= n) resolve(); };
      child.stdout.on('data', (b: Buffer) => {
        buf += b.toString();
        const parts = buf.split('\n');
        buf = parts.pop()!;
        for (const p of parts) if (p.startsWith('{')) lines.push(JSON.parse(p));
        check();
      });
      check();
    });
    const got1 = waitLines(1);
    child.stdin.write('probe net_null0\n');
    await got1;
    child.stdin.write(`probe --force net_pcap0,rx_pcap=${f}\n`);
    // Interrupt once the inferior is really inside the probe (blocked in open()).
    const { execFileSync } = await import('node:child_process');
    const wchan = (pid: string): string => { try { return execFileSync('cat', [`/proc/${pid}/wchan`], { encoding: 'utf8' }); } catch { return ''; } };
    const kids = (): string[] => { try { return execFileSync('pgrep', ['-P', String(child.pid)], { encoding: 'utf8' }).trim().split('\n'); } catch { return []; } };
    // A FIFO open waits in the kernel's wait_for_partner: poll until the inferior is there.
    const blocked = (): boolean => kids().some((k) => /partner|fifo/.test(wchan(k)));
    for (let i = 0; i < 1000 && !blocked(); i++) await new Promise((r) => setTimeout(r, 20));
    expect(blocked()).toBe(true); // else the Ctrl-C below would not test a cancelled probe
    const got2 = waitLines(2);
    child.kill('SIGINT');
    await got2;
    expect(lines[1].error.code).toBe('interrupted');
    expect(lines[1].data.restore.restored.map((x: { devargs: string }) => x.devargs)).toEqual(['net_null0']);
    const got3 = waitLines(3);
    child.stdin.write('show port summary all\n');
    await got3;
    expect(JSON.stringify(lines[2].data)).toContain('net_null0');
    child.stdin.end();
    const code = await new Promise((r) => child.once('exit', r));
    expect(code).toBe(1);
  });

  it('a SIGABRT during a wait is a crash report with DPDK frames; the session emits restored', async () => {
    session = new Session();
    recoveryState(session).timeoutMs = 0;
    recoveryState(session).slowMs = 300;
    const results: CommandResult[] = [];
    const runner = new Runner(session, (r) => results.push(r));
    await runner.run('probe net_null0');
    const f = fifo();
    const slow = new Promise((r) => session!.once('slow', r));
    const restored = new Promise<RestoreReport>((r) => session!.once('restored', r));
    const pending = runner.run(`probe --force net_pcap0,rx_pcap=${f}`);
    await slow; // sampled: it is blocked inside the probe
    process.kill(session.inferior.pid!, 'SIGABRT');
    const res = (await pending)!;
    expect(res.error?.code).toBe('inferior-crashed');
    const d = res.data as any;
    expect(d.signal).toBe('SIGABRT');
    expect(d.crash.signal).toBe('SIGABRT');
    const opener = { fn: expect.stringMatching(/^open\w*_rx_pcap$/), file: 'drivers/net/pcap/pcap_ethdev.c' };
    expect(d.crash.dpdkFrame).toMatchObject(opener);
    expect((await restored).restored.map((x) => x.devargs)).toEqual(['net_null0']);
    const bt = (await runner.run('bt'))!;
    expect((bt.data as any).crash.dpdkFrame).toEqual(d.crash.dpdkFrame);
  });
});
