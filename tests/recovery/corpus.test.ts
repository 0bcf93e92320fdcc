// The corpus against the real EAL, through the built CLI in --json mode as a user runs it:
// crash -> shell alive, crash frame named, session restored; hang -> cancelled in time, session
// restored; silent -> the right warning.
import { describe, expect, it } from 'vitest';
import { runCli, type JsonLine } from '../helpers/cli.js';
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

function session(lines: string[]): { json: JsonLine[]; status: number | null; stderr: string } {
  const args = ['-batch', '--json', '--timeout', String(TIMEOUT)];
  for (const l of lines) args.push('-ex', l);
  const r = runCli(args);
  return { json: r.json, status: r.status, stderr: r.stderr };
}

const names = (j: JsonLine): string[] => (j.data.ports ?? j.data ?? []).map?.((p: { name: string }) => p.name) ?? [];

describe('crash corpus: shell alive, crash frame named, session restored', () => {
  for (const [i, c] of crashes.entries()) {
    it(`${c.id}: ${c.devargs}`, async () => {
      const d = await fill(c.devargs, c.needs, `c${i}`);
      const r = session(['probe net_null0', `probe --force ${d}`, 'show port summary all', 'bt']);
      expect(r.status, r.stderr).toBe(1); // a failed command, not a dead shell
      expect(r.json).toHaveLength(4);
      const [, crash, ports, bt] = r.json;
      expect(crash.error?.code).toBe('inferior-crashed');
      expect(crash.data.signal).toBe('SIGSEGV');
      expect(crash.data.crash.dpdkFrame.fn).toBe(c.fn);
      expect(crash.data.crash.dpdkFrame.file).toMatch(/^drivers\/net\//);
      expect(crash.data.crash.frames.map((f: { fn: string }) => f.fn)).toContain('rte_dev_probe');
      expect(crash.data.devargs).toBe(d);
      expect(crash.data.restore.restored.map((x: { devargs: string }) => x.devargs)).toEqual(['net_null0']);
      expect(ports.ok).toBe(true);
      expect(JSON.stringify(ports.data)).toContain('net_null0');
      expect(bt.ok).toBe(true);
      expect(bt.data.crash.frames.some((f: { fn: string }) => f.fn === c.fn)).toBe(true);
    });
  }
});

describe('hang corpus: cancelled in time, where it waits, session restored', () => {
  for (const [i, h] of hangs.entries()) {
    it(`${h.id}: ${h.devargs}`, async () => {
      const d = await fill(h.devargs, h.needs, `h${i}`);
      const t0 = Date.now();
      const r = session(['probe net_null0', `probe --force ${d}`, 'show port summary all']);
      expect(r.status, r.stderr).toBe(1);
      expect(r.json).toHaveLength(3);
      const [, hang, ports] = r.json;
      expect(hang.error?.code).toBe('timeout');
      expect(hang.data.how).toBe('timeout');
      expect(hang.data.afterMs).toBeGreaterThanOrEqual(TIMEOUT);
      expect(hang.data.afterMs).toBeLessThan(TIMEOUT + 10_000);
      expect(hang.data.hang.waitingIn ?? hang.data.hang.frames[0].fn).toMatch(h.waitingIn);
      expect(hang.data.hang.frames.map((f: { fn: string }) => f.fn)).toContain(h.fn);
      expect(hang.data.restore.restored.map((x: { devargs: string }) => x.devargs)).toEqual(['net_null0']);
      expect(JSON.stringify(ports.data)).toContain('net_null0');
      expect(Date.now() - t0).toBeLessThan(30_000);
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
