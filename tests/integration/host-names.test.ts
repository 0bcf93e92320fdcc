// Names the shell leaves on the host: none it does not own. The EAL's runtime directory gets a
// prefix of the shell's (DPDK makes <base>/<prefix> even with --no-shconf, "rte" by default) and
// goes with the EAL, also when it is killed; an interface a driver would get from the kernel
// under a name of DPDK's template (tap%d) is named before the probe (check) and never made by
// the shell's own trial; and a tap a failed probe left open in the EAL is let go at once.
// Oracle for interfaces: `ip monitor link` over the whole command (a tap that lives a millisecond
// is seen there, never by polling /sys).
import { spawn, spawnSync, execFileSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { Session } from '../../src/session/session.js';
import { Runner } from '../../src/script/runner.js';
import { preflight } from '../../src/recovery/preflight.js';
import { runtimeBase } from '../../src/util/runtime-dir.js';
import { dpdkPaths, projectRoot } from '../../src/util/paths.js';
import { Tmux } from '../ui/tmux-helpers.js';

const exists = (i: string): boolean => fs.existsSync(`/sys/class/net/${i}`);
const tag = (process.pid % 1296).toString(36).padStart(2, '0');
const OWN = `vdshhn${tag}`;
let session: Session | undefined;

afterEach(async () => {
  await session?.close();
  session = undefined;
});
afterAll(() => { if (exists(OWN)) execFileSync('ip', ['link', 'delete', OWN]); });

/** `ip -o monitor link` while fn runs: the names of the interfaces created meanwhile. */
async function linksMadeDuring(fn: () => Promise<void>): Promise<string[]> {
  const mon: ChildProcess = spawn('ip', ['-o', 'monitor', 'link'], { stdio: ['ignore', 'pipe', 'ignore'] });
  let out = '';
  mon.stdout!.on('data', (b) => { out += b.toString(); });
  // ip prints nothing until an event: it listens once its netlink socket is bound, which a
  // throwaway interface of ours shows.
  const probe = `vdshhm${tag}`;
  try {
    for (;;) {
      execFileSync('ip', ['link', 'add', probe, 'type', 'ifb']);
      execFileSync('ip', ['link', 'delete', probe]);
      if (out.includes(probe)) break;
      await new Promise((r) => setTimeout(r, 20)); // until the monitor hears; not an assumed delay
    }
    await fn();
  } finally {
    mon.kill();
    if (exists(probe)) execFileSync('ip', ['link', 'delete', probe]);
  }
  // One entry per interface made (a name made twice counts twice).
  return [...out.matchAll(/^\d+: ([^:@\s]+)/gm)].map((m) => m[1]).filter((n) => n !== probe);
}

describe('the EAL runtime directory', () => {
  it('an EAL started without --file-prefix keeps its runtime directory under a prefix of the shell\'s, gone when it ends', async () => {
    session = new Session();
    await session.ready();
    const pid = session.inferior.pid!;
    const dir = path.join(runtimeBase(), `vdsh-${pid}`);
    expect(fs.existsSync(dir)).toBe(true); // DPDK made it: the EAL ran under the shell's prefix, not "rte"
    await session.close();
    session = undefined;
    expect(fs.existsSync(dir)).toBe(false);
  });

  it('a killed EAL cannot remove it: the shell does', async () => {
    session = new Session();
    await session.ready();
    const pid = session.inferior.pid!;
    const dir = path.join(runtimeBase(), `vdsh-${pid}`);
    expect(fs.existsSync(dir)).toBe(true);
    const died = new Promise((r) => session!.inferior.once('death', r));
    process.kill(pid, 'SIGKILL');
    await died;
    expect(fs.existsSync(dir)).toBe(false);
  });
});

describe('the EAL runtime directory, launcher', () => {
  it('a shell that ends before adopting its launcher\'s EAL (a missing script) removes the directory DPDK made for it', () => {
    const alive = (pid: number): boolean => { try { process.kill(pid, 0); return true; } catch { return false; } };
    const ours = (): string[] => { try { return fs.readdirSync(runtimeBase()).filter((d) => /^vdsh-\d+$/.test(d)); } catch { return []; } };
    const before = new Set(ours());
    // The launcher's EAL may or may not be past eal_create_runtime_dir when the shell ends it: a few tries.
    for (let i = 0; i < 3; i++) {
      const r = spawnSync(path.join(projectRoot, 'bin', 'vdev-shell'), ['-batch', 'no-such-script.vsh'], { cwd: os.tmpdir(), encoding: 'utf8', timeout: 20_000 });
      expect(r.status).toBe(2);
    }
    // Left behind = a new vdsh-<pid> whose EAL is dead (other shells on this host may be running theirs).
    expect(ours().filter((d) => !before.has(d) && !alive(Number(d.slice(5))))).toEqual([]);
  }, 60_000);
});

describe('the EAL runtime directory, terminal', () => {
  it('a terminal that goes away (tmux killed) leaves no runtime directory: the EAL leaves as on quit', async () => {
    const tm = new Tmux();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vdsh-hup-'));
    try {
      const t = tm.start('hup', dir, { args: ['--plain', '-q'] });
      const shell = tm.panePid(t);
      // The EAL is the shell's child; its directory exists once rte_eal_init made it.
      let eal = 0;
      const end = Date.now() + 30_000;
      while (!(eal && fs.existsSync(path.join(runtimeBase(), `vdsh-${eal}`))) && Date.now() < end) {
        eal = Number(spawnSync('pgrep', ['-P', String(shell)], { encoding: 'utf8' }).stdout.trim().split('\n')[0]) || 0;
        await new Promise((r) => setTimeout(r, 20)); // polling a condition
      }
      expect(fs.existsSync(path.join(runtimeBase(), `vdsh-${eal}`))).toBe(true);
      tm.killServer(); // the pty hangs up: SIGHUP to the shell and its foreground process group
      const gone = Date.now() + 10_000;
      while (fs.existsSync(`/proc/${eal}`) && Date.now() < gone) await new Promise((r) => setTimeout(r, 20));
      expect(fs.existsSync(`/proc/${eal}`)).toBe(false);
      expect(fs.existsSync(path.join(runtimeBase(), `vdsh-${eal}`))).toBe(false);
    } finally {
      tm.killServer();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});

describe('interfaces named by the kernel', () => {
  it('check names the template the driver hands the kernel when no iface= names the interface', async () => {
    session = new Session();
    const runner = new Runner(session);
    await session.ready();
    const made = await linksMadeDuring(async () => {
      for (const [input, key] of [['virtio_user7,path=/dev/net/tun', 'iface'], ['net_tap0', 'iface'], ['net_tun0', 'iface']] as const) {
        const r = (await runner.run(`check ${input}`))!;
        const f = (r.data as { findings: { code: string; key?: string; message: string }[] }).findings.find((x) => x.code === 'iface-kernel-named');
        expect(f, input).toBeDefined();
        expect(f!.key).toBe(key);
        // The template and its line are DPDK's: the cited line of the selected tree holds it.
        const m = /template "(\w+%d)" \(([^:]+):(\d+)\)/.exec(f!.message)!;
        const line = fs.readFileSync(path.join(dpdkPaths().src, m[2]), 'utf8').split('\n')[Number(m[3]) - 1];
        expect(line).toContain('%d"');
        expect(line.includes(`"${m[1]}"`) || line.includes('_NAME "%d"')).toBe(true);
      }
      // Named, no warning.
      const named = (await runner.run(`check net_tap0,iface=${OWN}`))!;
      expect((named.data as { findings: { code: string }[] }).findings.map((x) => x.code)).not.toContain('iface-kernel-named');
    });
    // check made nothing; other test runs on this host make vdsh* interfaces meanwhile, never others.
    expect(made.filter((n) => !n.startsWith('vdsh'))).toEqual([]);
  }, 60_000);

  it('a failed virtio_user probe lets its tap go, and the shell\'s trial never makes one under a kernel name', async () => {
    session = new Session();
    const runner = new Runner(session);
    await session.ready();
    let named: Awaited<ReturnType<Runner['run']>>;
    let trial: Awaited<ReturnType<typeof preflight>>;
    const made = await linksMadeDuring(async () => {
      named = await runner.run(`probe virtio_user7,path=/dev/net/tun,iface=${OWN}`);
      // The EAL lives on; its tap must not: DPDK 22.11 leaves it open (virtio_user_dev_init returns
      // after "Failed to set backend owner" without the backend's destroy), 23.11 on close it.
      expect(exists(OWN)).toBe(false);
      // Input without a name: only the pre-flight trial (the shell's own doing) runs, in a scratch EAL.
      trial = await preflight(session!, 'virtio_user7,path=/dev/net/tun');
    });
    expect(named!.ok).toBe(false);
    expect(named!.error?.code).toBe('backend-missing');
    const closed = (named!.data as { closedTuns?: string[] }).closedTuns;
    if (closed) expect(closed).toEqual([OWN]);
    expect(trial!.verdict).toBe('ok');
    expect(trial!.trial?.ok).toBe(false); // it did run, and failed as the session's probe would
    expect(made.filter((n) => !n.startsWith('vdsh'))).toEqual([]);
  }, 120_000);
});
