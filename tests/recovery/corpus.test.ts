// The corpus against the real EAL, through the built CLI in --json mode as a user runs it:
// crash -> shell alive, crash frame named, session restored; hang -> cancelled by the timeout,
// where it waits, session restored; silent -> the right warning.
import { describe, expect, it } from 'vitest';
import { runCli, type JsonLine } from '../helpers/cli.js';
import { toJson } from '../../src/format/index.js';
import { recoveryState } from '../../src/recovery/state.js';
import { Runner } from '../../src/script/runner.js';
import { Session } from '../../src/session/session.js';
import { gdbBatch, gdbCrashBt, parseBt } from '../trace/gdb.js';
import { cancelRunning } from '../../src/recovery/guard.js';
import type { HangSample } from '../../src/recovery/types.js';
import { sampleStack } from '../../src/recovery/stack-sample.js';
import { testpmdAttach, testpmdAttachOutcome } from '../helpers/testpmd.js';
import { tmpDir } from '../helpers/tmp.js';
import { crashes, hangs, silent } from './corpus.js';
import { fifo, linkExists, ownLink, silentServer, veth } from './host.js';

const TIMEOUT = 2500;

async function fill(devargs: string, needs: string | undefined, tag: string): Promise<string> {
  let d = devargs;
  if (needs === 'veth') d = d.replaceAll('{veth}', veth(tag));
  if (needs === 'fifo') d = d.replaceAll('{fifo}', fifo());
  if (needs === 'sock') d = d.replaceAll('{sock}', await silentServer());
  if (d.includes('{tmp}')) d = d.replaceAll('{tmp}', tmpDir('vdsh-corpus-'));
  return d;
}

/** The hang cases need a short command timeout; the others get the default, so a slow machine is not a hang. */
function session(lines: string[], timeoutMs?: number): { json: JsonLine[]; status: number | null; stderr: string } {
  const args = ['-batch', '--json', ...(timeoutMs ? ['--timeout', String(timeoutMs)] : [])];
  for (const l of lines) args.push('-ex', l);
  const r = runCli(args);
  return { json: r.json, status: r.status, stderr: r.stderr };
}


describe('crash corpus: shell alive, crash frames as gdb saw them, session restored', () => {
  for (const [i, c] of crashes.entries()) {
    it(`${c.id}: ${c.devargs}`, async () => {
      const d = await fill(c.devargs, c.needs, `c${i}`);
      // Whether this input crashes THIS DPDK build: testpmd of the same build attaches it too (from
      // 24.11 kvargs refuses a key without a value before the driver's handler runs, so most of
      // these fail plainly there). Where testpmd survives, the shell must survive with the same outcome.
      const tp = testpmdAttachOutcome(d, tmpDir('vdsh-corpus-tp-'));
      if (!tp.signal) {
        const r = session(['info inferior', `probe --force ${d}`, 'info inferior']);
        const [before, probe, after] = r.json;
        expect(probe.error?.code ?? 'ok').not.toBe('inferior-crashed');
        expect(probe.ok).toBe(tp.attached);
        expect(after.data.pid).toBe(before.data.pid);
        return;
      }
      // In-process, so gdb can be attached to the EAL before the crash: gdb stops at the signal,
      // prints its bt, then lets the signal through to the inferior's own handler.
      const s = new Session();
      try {
        recoveryState(s).timeoutMs = 0; // gdb holds the EAL stopped for a while
        recoveryState(s).slowMs = 0; // no stack sample while gdb is attached
        const runner = new Runner(s);
        const json = async (line: string): Promise<JsonLine> => toJson((await runner.run(line))!) as JsonLine;
        expect((await json('probe net_null0')).ok).toBe(true);
        const pid = s.inferior.pid!;
        const { out, result: crash } = await gdbCrashBt(pid, () => json(`probe --force ${d}`));
        const ports = await json('show port summary all');
        const bt = await json('bt');
        expect(crash.error?.code, JSON.stringify(crash.error)).toBe('inferior-crashed');
        expect(s.inferior.pid).not.toBe(pid);
        const gdbSignal = /received signal (SIG\w+)/.exec(out)?.[1];
        expect(gdbSignal, out.slice(-2000)).toBeDefined();
        expect(crash.data.signal).toBe(gdbSignal);
        expect(crash.data.signal).toBe(tp.signal);
        // gdb's frames from the first one in DPDK's source down to rte_dev_probe (the shell's
        // trampoline, which gdb also shows, is not DPDK's) against the crash report's frames.
        const dpdk = (f: { file: string | null }): boolean => !!f.file && /^(lib|drivers)\//.test(f.file);
        const upTo = <T extends { fn: string | null }>(fs: T[]): T[] => fs.slice(0, fs.findIndex((f) => f.fn === 'rte_dev_probe') + 1);
        const show = (f: { fn: string | null; file: string | null; line: number | null }): string => `${f.fn} ${f.file}:${f.line}`;
        const want = upTo(parseBt(out.split('@@end')[0]).filter(dpdk)).map(show);
        expect(want.at(-1), out.slice(-3000)).toMatch(/^rte_dev_probe /);
        const report = crash.data.crash;
        // The faulting instruction itself (its symbol may be an alias of gdb's name in libc).
        expect(report.top.addr).toBe(/\$\d+ = (0x[0-9a-f]+)/.exec(out.split('@@end')[1])?.[1]);
        expect(show(report.dpdkFrame)).toBe(want[0]);
        expect(upTo(report.frames.filter(dpdk)).map(show)).toEqual(want);
        expect(crash.data.devargs).toBe(d);
        expect(crash.data.restore.restored.map((x: { devargs: string }) => x.devargs)).toEqual(['net_null0']);
        expect(ports.ok).toBe(true);
        expect(ports.data.ports.map((p: { name: string }) => p.name)).toEqual(['net_null0']);
        expect(bt.ok).toBe(true);
        expect(bt.data.crash.frames.filter(dpdk).map(show)).toEqual(report.frames.filter(dpdk).map(show));
      } finally {
        await s.close();
      }
    }, 120_000);
  }
});

describe('hang corpus: cancelled by the timeout, where it waits, session restored', () => {
  for (const [i, h] of hangs.entries()) {
    it(`${h.id}: ${h.devargs}`, async () => {
      const d = await fill(h.devargs, h.needs, `h${i}`);
      const r = session(['probe net_null0', 'info inferior', `probe --force ${d}`, 'show port summary all', 'info inferior'], TIMEOUT);
      expect(r.status, r.stderr).toBe(1);
      expect(r.json).toHaveLength(5);
      const [, before, hang, ports, after] = r.json;
      // Cancelled by the command timeout (not a crash, not Ctrl-C), which killed the hung EAL.
      expect(hang.error?.code).toBe('timeout');
      expect(hang.data.how).toBe('timeout');
      expect(hang.error?.message).toContain(`did not return within ${TIMEOUT} ms`);
      expect(hang.data.signal).toBe('SIGKILL');
      expect(after.data.pid).not.toBe(before.data.pid);
      expect(hang.data.hang.waitingIn).toMatch(h.waitingIn);
      expect(hang.data.hang.dpdkFrame?.file).toMatch(/^drivers\//); // its frames against gdb's: below
      expect(hang.data.restore.restored.map((x: { devargs: string }) => x.devargs)).toEqual(['net_null0']);
      expect(JSON.stringify(ports.data)).toContain('net_null0');
    });
  }
});

describe('silent corpus: accepted, with the right warning', () => {
  for (const [i, c] of silent.entries()) {
    it(`${c.id}: ${c.devargs}`, async () => {
      for (const l of c.cleanup ?? []) ownLink(l);
      const tmpl = c.before ? `${c.before}\n${c.devargs}` : c.devargs;
      const filled = (await fill(tmpl, c.needs, `s${i}`)).split('\n');
      const r = session(filled.map((x) => `probe ${x}`));
      const last = r.json[r.json.length - 1];
      // DPDK decides whether the input is accepted at all: from 24.11 kvargs refuses a key given
      // without a value (tap's `mac`), which 22.11 let through. testpmd of the same build says.
      const dir = tmpDir();
      for (const l of c.cleanup ?? []) ownLink(l);
      const pmd = testpmdAttach(filled, dir);
      if (!pmd[pmd.length - 1].ok) {
        expect(last.ok, 'testpmd refused it; so must the shell').toBe(false);
        expect(c.warnings).toContain(last.error.code); // the warning's cause is now the error
        return;
      }
      expect(last.ok, JSON.stringify(last.error)).toBe(true);
      const codes = last.data.warnings.map((w: { code: string }) => w.code);
      for (const w of c.warnings) expect(codes).toContain(w);
      for (const w of last.data.warnings) expect(w.message.length).toBeGreaterThan(10);
    });
  }

  it('a clean probe has no warnings', () => {
    const r = session(['probe net_null0,size=64']);
    expect(r.json[0].ok).toBe(true);
    expect(r.json[0].data.warnings).toEqual([]);
  });

  it('tap persist really leaves the interface behind (why the warning matters)', () => {
    ownLink('vdshs9');
    session(['probe net_tap0,iface=vdshs9,persist']);
    expect(linkExists('vdshs9')).toBe(true);
  });
});

describe('hang corpus: where the EAL waits, as gdb sees it', () => {
  for (const [i, h] of hangs.entries()) {
    it(`${h.id}: the sample's DPDK frames are gdb's`, async () => {
      const d = await fill(h.devargs, h.needs, `g${i}`);
      const s = new Session();
      try {
        recoveryState(s).timeoutMs = 0; // cancelled below, once gdb has looked
        recoveryState(s).slowMs = 300;
        const runner = new Runner(s);
        await s.ready();
        const pid = s.inferior.pid!;
        const slow = new Promise<{ sample: HangSample | null }>((r) => s.once('slow', r));
        const pending = runner.run(`probe --force ${d}`);
        let { sample } = await slow; // sampled while blocked; gdb now stops it once, prints bt, detaches
        // On a loaded machine the probe may not have reached DPDK by slowMs: sample again, the same
        // way (eu-stack, named in another EAL), until the EAL is inside rte_dev_probe.
        for (let k = 0; k < 20 && !sample?.frames.some((f) => f.fn === 'rte_dev_probe'); k++) sample = await sampleStack(s, pid);
        const out = gdbBatch(pid, ['bt 40']);
        expect(cancelRunning(s)).toBe(true);
        expect((await pending)!.error?.code).toBe('interrupted');
        const dpdk = (f: { file: string | null }): boolean => !!f.file && /^(lib|drivers)\//.test(f.file);
        const upTo = <T extends { fn: string | null }>(fs: T[]): T[] => fs.slice(0, fs.findIndex((f) => f.fn === 'rte_dev_probe') + 1);
        const show = (f: { fn: string | null; file: string | null; line: number | null }): string => `${f.fn} ${f.file}:${f.line}`;
        // The innermost DPDK frame by function and file: a busy loop (af_packet's 65536 queues) may
        // have moved to another line of it between the sample and gdb; its callers are fixed.
        const chain = (fs: { fn: string | null; file: string | null; line: number | null }[]): string[] =>
          upTo(fs.filter(dpdk)).map((f, k) => (k === 0 ? `${f.fn} ${f.file}` : show(f)));
        const want = chain(parseBt(out));
        expect(want.at(-1), out.slice(-3000)).toMatch(/^rte_dev_probe /);
        expect(sample?.frames.length, sample?.error).toBeGreaterThan(0);
        expect(chain(sample!.frames), sample!.meaning).toEqual(want);
      } finally {
        await s.close();
      }
    }, 120_000);
  }
});
