// Pure parts of attach: reading an application's command line, the secondary's EAL arguments,
// telemetry replies as ports, the gate of commands while attached, the status line.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { blockersOf, findString, optionValue, splitArgs, type AppInfo } from '../../src/target/app.js';
import { preJoinCheck, secondaryArgs } from '../../src/session/target-attach.js';
import { portFromInfo } from '../../src/target/telemetry.js';
import { fixesForTarget, gateCommand } from '../../src/target/gate.js';
import { targetLabel, type Target } from '../../src/session/target.js';
import { statusLine } from '../../src/ui/status.js';
import { makeStyle } from '../../src/format/style.js';
import { matchCommand } from '../../src/commands/registry.js';
import type { Session } from '../../src/session/session.js';
import { tmpDir } from '../helpers/tmp.js';

const argv = ['/opt/dpdk/bin/dpdk-testpmd', '-l', '2-3', '--no-pci', '--file-prefix', 'pg', '--vdev', 'net_null0', '--', '-i', '--no-huge'];

function app(over: Partial<AppInfo> = {}): AppInfo {
  const { ealArgs, appArgs } = splitArgs(argv);
  return {
    pid: 4242, prefix: 'pg', runtimeDir: '/var/run/dpdk/pg', configOpen: true, exe: argv[0], argv, ealArgs, appArgs,
    blockers: blockersOf(ealArgs), telemetry: null, build: { pluginDir: null, ealLibrary: null }, ...over,
  };
}

describe('reading an application', () => {
  it('splits EAL and application arguments and reads options in both spellings', () => {
    const { ealArgs, appArgs } = splitArgs(argv);
    expect(ealArgs).toEqual(['-l', '2-3', '--no-pci', '--file-prefix', 'pg', '--vdev', 'net_null0']);
    expect(appArgs).toEqual(['-i', '--no-huge']);
    expect(optionValue(ealArgs, '--file-prefix')).toBe('pg');
    expect(optionValue(['--file-prefix=x'], '--file-prefix')).toBe('x');
    expect(optionValue(ealArgs, '--huge-dir')).toBeUndefined();
  });

  it('blockers come from the EAL part only (an application option of the same name is not one)', () => {
    expect(blockersOf(splitArgs(argv).ealArgs)).toEqual([]);
    expect(blockersOf(['--no-huge', '-m', '64', '--no-shconf']).map((b) => b.option)).toEqual(['--no-huge', '--no-shconf']);
    expect(blockersOf(['--in-memory'])[0].why).toContain('no runtime files');
  });

  it('the secondary joins with the prefix, the application\'s main lcore, no telemetry of its own, and its --no-pci', () => {
    expect(secondaryArgs(app())).toEqual(['--proc-type=secondary', '--file-prefix=pg', '-l', '2', '--no-telemetry', '--no-pci']);
    expect(secondaryArgs(app({ ealArgs: ['-c', '0x3'] }))).toEqual(['--proc-type=secondary', '--file-prefix=pg', '-l', '0', '--no-telemetry']);
  });

  it('an application of another user (its runtime files elsewhere) is refused before trying, with what to do', () => {
    const other = app({ runtimeDir: '/run/user/1000/dpdk/pg' });
    const r = preJoinCheck(other, null, false);
    expect(r?.code).toBe('no-permission');
    expect(r?.message).toContain('/run/user/1000/dpdk/pg');
    expect(r?.hint).toContain('user of the application');
    // --no-huge is said first: it is what the user can change.
    expect(preJoinCheck({ ...other, blockers: blockersOf(['--no-huge']) }, null, false)?.code).toBe('cannot-join');
  });

  it('finds a NUL-terminated string across the reader\'s 4 MiB chunks', () => {
    const f = path.join(tmpDir(), 'bin');
    const needle = 'DPDK_PLUGIN_PATH=/x/lib/dpdk/pmds-23.0';
    const buf = Buffer.alloc((4 << 20) + 100);
    buf.write(needle, (4 << 20) - 5);
    fs.writeFileSync(f, buf);
    expect(findString(f, 'DPDK_PLUGIN_PATH=')).toBe(needle);
    expect(findString(f, 'NOT_THERE=')).toBeNull();
  });
});

describe('telemetry replies', () => {
  it('/ethdev/info becomes a port', () => {
    const p = portFromInfo({ name: 'net_null0', state: 1, nb_rx_queues: 1, nb_tx_queues: 2, port_id: 3, mtu: 1500, mac_addr: 'FE:9B:6A:B0:FB:11', promiscuous: 1, dev_started: 0, numa_node: 0 });
    expect(p).toEqual({ port: 3, name: 'net_null0', mac: 'FE:9B:6A:B0:FB:11', state: 'attached', started: false, socket: 0, rxQueues: 1, txQueues: 2, mtu: 1500, promiscuous: true });
  });
});

describe('the gate while attached', () => {
  const target = (kind: 'app' | 'telemetry'): Target => ({ kind, app: app(), since: 0, version: 'DPDK 22.11.11', own: null, ownAttached: [], startTime: '1' });
  const session = (t: Target | null, started = true): Session => ({ target: t, findPort: async () => ({ port: 0, name: 'net_null0', started }) }) as unknown as Session;
  const gate = (s: Session, line: string) => { const m = matchCommand(line); return gateCommand(s, m.spec!, m.argv, m.rest); };

  it('refuses what takes the application\'s packets, with the reason; --force goes through without the flag', async () => {
    const s = session(target('app'));
    const r = await gate(s, 'tx 0 count 5');
    expect(r).toMatchObject({ ok: false, error: { code: 'attached-refused' } });
    expect(await gate(s, 'tx --force 0 count 5')).toEqual({ argv: ['0', 'count', '5'], rest: '0 count 5' });
    expect(await gate(s, 'mac 0 set 02:00:00:00:00:01')).toMatchObject({ ok: false });
    expect(await gate(s, 'mac 0')).toEqual({ argv: ['0'], rest: '0' });
    expect(await gate(s, 'mac 0 set 02:00:00:00:00:01 --force')).toEqual({ argv: ['0', 'set', '02:00:00:00:00:01'], rest: '0 set 02:00:00:00:00:01' });
    // probe's own --force is probe's: left in place.
    expect(await gate(s, 'probe --force net_null1')).toEqual({ argv: ['--force', 'net_null1'], rest: '--force net_null1' });
    expect(await gate(s, 'show port stats all')).toEqual({ argv: ['all'], rest: 'all' });
  });

  it('a proved fix that would change or remove a port the application has started is left out, and said', async () => {
    const s = { target: target('app'), knownPorts: async () => [{ port: 0, name: 'net_null0', device: 'net_null0', started: true }, { port: 1, name: 'net_null1', device: 'net_null1', started: false }] } as unknown as Session;
    const fixes = [['port detach 0'], ['detach net_null0'], ['port stop all'], ['port close 1', 'probe net_null2'], ['probe net_null3']].map((commands) => ({ commands }));
    const { diag, note } = await fixesForTarget(s, matchCommand, { fixes } as never);
    expect((diag as unknown as { fixes: { commands: string[] }[] }).fixes.map((f) => f.commands)).toEqual([['port close 1', 'probe net_null2'], ['probe net_null3']]);
    expect(note).toMatch(/3 proved fixes left out: they remove a port the application \(pid \d+\) has started/);
  });

  it('port detach of a started port is refused, of a stopped one allowed', async () => {
    expect(await gate(session(target('app'), true), 'port detach 0')).toMatchObject({ ok: false, error: { code: 'attached-refused' } });
    expect(await gate(session(target('app'), false), 'port detach 0')).toEqual({ argv: ['0'], rest: '0' });
    expect(await gate(session(target('app'), true), 'detach 0')).toMatchObject({ ok: false });
  });

  it('the telemetry view refuses what needs the application\'s EAL; nothing is gated on the shell\'s own EAL', async () => {
    const t = session(target('telemetry'));
    expect(await gate(t, 'probe net_null1')).toMatchObject({ ok: false, error: { code: 'read-only' } });
    expect(await gate(t, 'ops 0')).toMatchObject({ ok: false, error: { code: 'read-only' } });
    expect(await gate(t, 'show port info 0')).toEqual({ argv: ['0'], rest: '0' });
    expect(await gate(session(null), 'tx 0')).toEqual({ argv: ['0'], rest: '0' });
  });

  it('attach and detach are gdb\'s words now; port attach stays probe', () => {
    expect(matchCommand('attach 12').spec!.path).toEqual(['attach']);
    expect(matchCommand('detach').spec!.path).toEqual(['detach']);
    expect(matchCommand('port attach net_null0').spec!.path).toEqual(['probe']);
  });
});

describe('status line', () => {
  it('names the application while attached, the EAL otherwise', () => {
    const s = makeStyle({ color: false, width: 200 });
    const base = { state: 'running' as const, pid: 7, ealArgs: ['-l', '0'], ports: 2, last: null, busy: null, queued: 0 };
    const t: Target = { kind: 'app', app: app(), since: 0, version: null, own: null, ownAttached: [], startTime: null };
    expect(statusLine({ ...base, target: targetLabel(t) }, s, 200)).toContain('attached to dpdk-testpmd pid 4242 (prefix pg)');
    expect(statusLine({ ...base, target: targetLabel({ ...t, kind: 'telemetry' }) }, s, 200)).toContain('read-only');
    expect(statusLine({ ...base, target: null }, s, 200)).toContain('EAL running pid 7');
  });
});
