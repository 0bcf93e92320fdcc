// What net_tap creates on the host is gone after detach, quit, and a killed inferior.
import fs from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { Session } from '../../src/session/session.js';
import { execFileSync } from 'node:child_process';

const IFACES = ['vdshcl0', 'vdshcl1', 'vdshcl2', 'vdshcl3'];
const exists = (i: string): boolean => fs.existsSync(`/sys/class/net/${i}`);
let session: Session | undefined;

afterEach(async () => {
  await session?.close();
  session = undefined;
  // Belt and braces: never leave our own interfaces behind, even when an assertion failed.
  for (const i of IFACES) if (exists(i)) execFileSync('ip', ['link', 'delete', i]);
});

async function waitGone(iface: string, ms = 10_000): Promise<boolean> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (!exists(iface)) return true;
    await new Promise((r) => setTimeout(r, 20)); // poll interval, not a wait for an assumed duration
  }
  return !exists(iface);
}

describe('host cleanup', () => {
  it('port detach removes the tap interface', async () => {
    session = new Session();
    const rec = await session.probe('net_tap0,iface=vdshcl0');
    expect(rec.ok).toBe(true);
    expect(exists('vdshcl0')).toBe(true);
    const r = await session.detach(rec.port!);
    expect(r.removed).toBe(true);
    expect(exists('vdshcl0')).toBe(false);
  });

  it('closing the session (quit) removes it', async () => {
    session = new Session();
    expect((await session.probe('--vdev=net_tap0,iface=vdshcl1')).ok).toBe(true);
    expect(exists('vdshcl1')).toBe(true);
    await session.close();
    expect(await waitGone('vdshcl1')).toBe(true);
  });

  it('a quitting shell returns once the inferior left, its interface already gone', async () => {
    session = new Session();
    expect((await session.probe('net_tap0,iface=vdshcl3')).ok).toBe(true);
    expect(exists('vdshcl3')).toBe(true);
    await session.close({ leaving: true });
    expect(exists('vdshcl3')).toBe(false);
  });

  it('a SIGKILLed inferior leaves no interface (the kernel drops it with the fd)', async () => {
    session = new Session();
    expect((await session.probe('net_tap0,iface=vdshcl2')).ok).toBe(true);
    const died = new Promise((r) => session!.inferior.once('death', r));
    process.kill(session.inferior.pid!, 'SIGKILL');
    await died;
    expect(session.inferior.state).toBe('crashed');
    expect(await waitGone('vdshcl2')).toBe(true);
  });
});
