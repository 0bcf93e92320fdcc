// The request channel (src/session/channel.ts) against Node's IPC it replaces: the same answers
// either way, and the inferior's cleanup when the shell itself dies (the request pipe reaches
// end-of-file; over IPC the channel disconnects).
import { spawn, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Session } from '../../src/session/session.js';
import { decodeLine, encodeLine, LineReader } from '../../src/protocol/wire.js';
import { projectRoot } from '../../src/util/paths.js';
import { runCli } from '../helpers/cli.js';
import { tmpDir } from '../helpers/tmp.js';
import { pcapFile } from '../packets/frames.js';
import { readCapture } from '../../src/packets/capture-file.js';

const IFACES = ['vdshch0', 'vdshch1', 'vdshch2'];
const exists = (i: string): boolean => fs.existsSync(`/sys/class/net/${i}`);
const alive = (pid: number): boolean => { try { process.kill(pid, 0); return true; } catch { return false; } };
afterEach(() => {
  for (const i of IFACES) if (exists(i)) execFileSync('ip', ['link', 'delete', i]);
});

async function until(what: () => boolean, ms = 10_000): Promise<boolean> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (what()) return true;
    await new Promise((r) => setTimeout(r, 20)); // poll interval, not a wait for an assumed duration
  }
  return what();
}

describe('wire format', () => {
  it('cuts reads into messages: two in one read, one across reads, a character split between them', () => {
    const bytes = Buffer.from(encodeLine({ a: 1 }) + encodeLine({ s: 'é→x' }) + encodeLine({ big: 7n }));
    const r = new LineReader();
    const cut = bytes.indexOf(Buffer.from('→')) + 1; // inside the 3-byte arrow
    expect(r.feed(bytes.subarray(0, 3))).toEqual([]);
    expect(r.feed(bytes.subarray(3, cut))).toEqual([{ a: 1 }]);
    expect(r.feed(bytes.subarray(cut))).toEqual([{ s: 'é→x' }, { big: 7n }]);
  });

  it('plain data goes as JSON, anything JSON would change as structured clone, both exact', () => {
    const plainMsg = { id: 1, ok: true, result: { ports: [{ port: 0, name: 'net_null0', mac: '02:70:63:61:70:00' }], gone: undefined } };
    const line = encodeLine(plainMsg);
    expect(line.startsWith('{') && line.endsWith('\n') && line.indexOf('\n') === line.length - 1).toBe(true);
    expect(decodeLine(line.trimEnd())).toEqual({ id: 1, ok: true, result: { ports: plainMsg.result.ports } });
    for (const rich of [{ probe: 0x7f00dead0000n }, { buf: Buffer.from([1, 2, 3]) }, { x: NaN }, { a: [1, undefined, 2] }]) {
      const l = encodeLine(rich);
      expect(l[0]).toBe('v');
      expect(l.indexOf('\n')).toBe(l.length - 1);
      expect(decodeLine(l.trimEnd())).toEqual(rich);
    }
  });
});

/** The pipes (by inode) a process holds. */
function pipesOf(pid: number | 'self'): Set<string> {
  return new Set(fs.readdirSync(`/proc/${pid}/fd`).flatMap((fd) => {
    try { const l = fs.readlinkSync(`/proc/${pid}/fd/${fd}`); return l.startsWith('pipe:') ? [l] : []; } catch { return []; }
  }));
}

/** Pipes the inferior and this process both hold that this process did not have before: the request channel, seen from /proc. */
function sharedNewPipes(pid: number, before: Set<string>): string[] {
  const mine = pipesOf('self');
  return [...pipesOf(pid)].filter((l) => mine.has(l) && !before.has(l));
}

describe.each(['channel', 'ipc'])('requests over %s', (transport) => {
  const env = transport === 'ipc' ? { VDEV_SHELL_CHANNEL: 'ipc' } : {};

  it('gives the same answers (a probe, a bigint-carrying driver lookup, a detach)', async () => {
    const before = process.env.VDEV_SHELL_CHANNEL;
    if (transport === 'ipc') process.env.VDEV_SHELL_CHANNEL = 'ipc'; else delete process.env.VDEV_SHELL_CHANNEL;
    const pipesBefore = pipesOf('self');
    const s = new Session();
    try {
      const rec = await s.probe('net_null0');
      expect(rec.ok).toBe(true);
      // The transport really in use: the channel's two pipes are open in both processes, or none.
      expect(s.inferior.transport).toBe(transport);
      expect(sharedNewPipes(s.inferior.pid!, pipesBefore)).toHaveLength(transport === 'channel' ? 2 : 0);
      const reg = await s.call('vdevDriver', { name: 'net_null0' });
      expect(reg?.name).toBe('net_null');
      expect(typeof reg?.probe).toBe('bigint');
      const d = await s.call('detachPort', { ref: '0' });
      expect(d?.ret).toBe(0);
      expect(await s.call('ports', {})).toEqual([]);
    } finally {
      await s.close();
      if (before === undefined) delete process.env.VDEV_SHELL_CHANNEL; else process.env.VDEV_SHELL_CHANNEL = before;
    }
  });

  it('a killed shell: its inferior detaches the tap interface and exits', async () => {
    const iface = transport === 'ipc' ? IFACES[1] : IFACES[0];
    const shell = spawn(process.execPath, [path.join(projectRoot, 'dist', 'cli.js'), '--plain', '-q', '--json'], {
      stdio: ['pipe', 'pipe', 'inherit'], env: { ...process.env, ...env, NO_COLOR: '1' },
    });
    try {
      let out = '';
      shell.stdout.on('data', (b: Buffer) => { out += b.toString(); });
      shell.stdin.write(`probe net_tap0,iface=${iface}\ninfo inferior\n`);
      expect(await until(() => /"cmd":"info inferior"/.test(out))).toBe(true);
      const info = out.split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l));
      expect(info[0].ok).toBe(true);
      const inf = info.find((l) => l.cmd === 'info inferior').data;
      expect(inf.transport).toBe(transport);
      const pid: number = inf.pid;
      expect(exists(iface)).toBe(true);
      shell.kill('SIGKILL');
      expect(await until(() => !alive(pid))).toBe(true);
      expect(exists(iface)).toBe(false);
    } finally {
      if (shell.exitCode === null) shell.kill('SIGKILL');
    }
  });
});

describe('a shell that dies while a request runs', () => {
  it('its inferior finishes the request, finds nobody to answer, closes the capture, detaches, exits', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vdevsh-epipe-'));
    const cap = path.join(dir, 'c.pcapng');
    const shell = spawn(process.execPath, [path.join(projectRoot, 'dist', 'cli.js'), '--plain', '-q', '--json'], {
      stdio: ['pipe', 'pipe', 'inherit'], env: { ...process.env, NO_COLOR: '1' },
    });
    try {
      let out = '';
      shell.stdout.on('data', (b: Buffer) => { out += b.toString(); });
      shell.stdin.write(`probe net_tap0,iface=${IFACES[2]}\nprobe net_null1,no-rx=1\ncapture 1 ${cap}\ninfo inferior\n`);
      expect(await until(() => /"cmd":"info inferior"/.test(out))).toBe(true);
      const pid: number = out.split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l)).find((l) => l.cmd === 'info inferior').data.pid;
      // An rx that waits 1.5 s for packets that never come (net_null no-rx=1): the inferior is in
      // it when the shell dies, and can only notice when it answers. Idle, it sleeps in poll().
      const wchan = (): string => { try { return fs.readFileSync(`/proc/${pid}/wchan`, 'utf8'); } catch { return '?'; } };
      expect(await until(() => wchan().startsWith('poll_schedule'))).toBe(true);
      shell.stdin.write('rx 1 count 1 timeout 1500\n');
      expect(await until(() => !wchan().startsWith('poll_schedule'))).toBe(true);
      const shellGone = new Promise((r) => shell.once('exit', r));
      shell.kill('SIGKILL');
      await shellGone;
      // The shell is reaped and its EAL is still inside the rx: it finishes the request first.
      expect(alive(pid)).toBe(true);
      expect(wchan()).not.toMatch(/^poll_schedule/);
      expect(await until(() => !alive(pid))).toBe(true);
      expect(exists(IFACES[2])).toBe(false);
      // The statistics block is written when the capture is closed: the cleanup ran.
      const file = readCapture(fs.readFileSync(cap));
      // The captured port's interface block (22.11 lists every port, 25.11 only the captured one).
      const iface = file.interfaces.findIndex((i) => /net_null1$|^dpdk:1$/.test(i.hardware ?? '') || /net_null1$|^dpdk:1$/.test(i.name ?? ''));
      expect(iface, JSON.stringify(file.interfaces)).toBeGreaterThanOrEqual(0);
      expect(file.stats).toEqual([expect.objectContaining({ iface })]);
    } finally {
      if (shell.exitCode === null) shell.kill('SIGKILL');
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('the terminal\'s SIGINT', () => {
  it('reaches the EAL process too (same process group) and does not end it: the shell decides', async () => {
    const s = new Session();
    try {
      await s.probe('net_null0');
      const pid = s.inferior.pid!;
      process.kill(pid, 'SIGINT');
      // Still serving, same process, nothing lost (a dead EAL would fail this call).
      expect((await s.call('ports', {})).map((p) => p.name)).toEqual(['net_null0']);
      expect(s.inferior.pid).toBe(pid);
      expect(s.inferior.alive).toBe(true);
    } finally {
      await s.close();
    }
  });
});

describe('the CLI over both transports', () => {
  const transports = [{ name: 'channel', env: {} }, { name: 'ipc', env: { VDEV_SHELL_CHANNEL: 'ipc' } }];

  it('carries a reply of megabytes (many pipe buffers, many reads) intact', () => {
    const dir = tmpDir('vdevsh-big-');
    const frame = (i: number): number[] => [...Array(6).fill(0xff), 2, 0, 0, 0, 0, 1, 8, 0, ...Array.from({ length: 986 }, (_, j) => (i + j) & 0xff)];
    const frames = Array.from({ length: 3000 }, (_, i) => frame(i));
    fs.writeFileSync(path.join(dir, 'big.pcap'), pcapFile(frames));
    const hex = (f: number[]): string => Buffer.from(f).toString('hex');
    for (const t of transports) {
      const r = runCli(['-batch', '--json', '-ex', 'probe net_pcap0,rx_pcap=big.pcap', '-ex', 'rx 0 count 3000', '-ex', 'info inferior'], { cwd: dir, env: t.env });
      expect(r.status, r.stderr).toBe(0);
      const [, rx, inf] = r.json;
      expect(inf.data.transport).toBe(t.name);
      expect(rx.data.received).toBe(3000);
      expect(rx.data.packets.map((p: { hex: string }) => p.hex), t.name).toEqual(frames.map(hex));
    }
  });

  it('prints the same results for a probe/detach script', () => {
    const script = 'probe net_null0,size=128\nshow port summary all\nport detach 0\nprobe net_nul0\ninfo inferior\n';
    const [a, b] = transports.map((t) => runCli(['--json', '-q'], { input: script, env: t.env }));
    expect(a.json.map((l) => l.cmd)).toEqual(script.trim().split('\n'));
    expect(a.json.map((l) => l.ok)).toEqual([true, true, true, false, true]);
    expect([a.json[4].data.transport, b.json[4].data.transport]).toEqual(['channel', 'ipc']);
    // Whole results, less what differs between any two runs: timings, pids, addresses, the random MAC,
    // and the names of what a proof made for itself (they carry the shell's pid: vdshpf..., .vdsh-proof-...).
    const varying = (j: typeof a.json): unknown => JSON.parse(JSON.stringify(j.slice(0, 4)), (k, v) =>
      (/^(ms|mac|pid|at|upSeconds|initMs)$/.test(k) || (typeof v === 'string' && /^0x[0-9a-f]{6,}$/.test(v)) ? '<varies>'
        : typeof v === 'string' ? v.replace(/vdshpf[0-9a-z]+|\.vdsh-proof-[0-9a-z-]+/g, '<proof>') : v));
    expect(varying(b.json)).toEqual(varying(a.json));
  });
});
