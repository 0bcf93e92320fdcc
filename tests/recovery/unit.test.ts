// Pure parts of the recovery area: eu-stack parsing, address translation, warnings, risk triggers.
import { describe, expect, it } from 'vitest';
import path from 'node:path';
import { dpdkBuild } from '../../src/util/paths.js';
import { parseEuStack, stripParams, explainWait } from '../../src/recovery/stack-sample.js';
import { translateAddr } from '../../src/recovery/translate.js';
import { chainOf } from '../../src/recovery/crash-report.js';
import { signalName } from '../../src/util/signals.js';
import { riskyParts } from '../../src/recovery/preflight.js';
import { probeWarnings } from '../../src/diagnose/warnings.js';
import { driverSource } from '../../src/recovery/driver-source.js';
import { parseDevargs, type Devargs } from '../../src/devargs/parse.js';
import { parseParamString } from '../../src/drivers/params.js';
import type { DriverInfo } from '../../src/session/drivers.js';
import type { Frame } from '../../src/protocol/ops.js';

const drv = (name: string, alias: string | null, params: string): DriverInfo => ({ name, alias, params, keys: parseParamString(params) });
const NULL = drv('net_null', 'eth_null', 'size=<int> copy=<int> no-rx=0|1');
const TAP = drv('net_tap', 'eth_tap', 'iface=<string> mac=fixed|xx:xx:xx:xx:xx:xx remote=<string>');
const dv = (s: string): Devargs => { const p = parseDevargs(s); if (!p.ok) throw new Error(s); return p.devargs; };
const codes = (s: string, d: DriverInfo, extra: Partial<Parameters<typeof probeWarnings>[0]> = {}): string[] =>
  probeWarnings({ devargs: dv(s), driver: d, drivers: [NULL, TAP], ports: [], others: [], source: null, ...extra }).map((w) => w.code);

describe('eu-stack output', () => {
  const text = `TID 16796:
#0  0x00007f228692872f     accept - /usr/lib/x86_64-linux-gnu/libc.so.6
    ../sysdeps/unix/sysv/linux/accept.c:26:10
#1  0x00007f225ca4e93d - 1 vhost_user_start_server - /work/main/native/build/Release/vdev.node
    ../${path.basename(dpdkBuild().src)}/drivers/net/virtio/virtio_user/vhost_user.c:761:18
#2  0x00007f225c867b19 - 1 vdev::(anonymous namespace)::trampoline_probe(rte_vdev_device*) - /work/main/native/build/Release/vdev.node
    ../eal.cc:32:29
#3  0x0000000000c45d95 - 1 v8impl::(anonymous namespace)::FunctionCallbackWrapper::Invoke(v8::FunctionCallbackInfo<v8::Value> const&) - /usr/bin/node
`;
  it('reads frames, DPDK-relative paths and origins', () => {
    const f = parseEuStack(text);
    expect(f.map((x) => x.fn)).toEqual(['accept', 'vhost_user_start_server', 'vdev::(anonymous namespace)::trampoline_probe', 'v8impl::(anonymous namespace)::FunctionCallbackWrapper::Invoke']);
    expect(f[1]).toMatchObject({ file: 'drivers/net/virtio/virtio_user/vhost_user.c', line: 761, origin: 'dpdk' });
    expect(f[2]).toMatchObject({ file: 'native/eal.cc', origin: 'shell' });
    expect(f[0].origin).toBe('libc');
    expect(f[3].origin).toBe('node');
    const w = explainWait(f);
    expect(w.waitingIn).toBe('accept');
    expect(w.dpdkFrame?.fn).toBe('vhost_user_start_server');
    expect(w.meaning).toMatch(/peer to connect/);
  });
  it('strips parameter lists, not namespaces', () => {
    expect(stripParams('a::(anonymous namespace)::f(int, char*) const')).toBe('a::(anonymous namespace)::f');
    expect(stripParams('plain')).toBe('plain');
  });
});

describe('address translation between two processes of one binary', () => {
  const dead = [{ start: '0x7f0000001000', end: '0x7f0000005000', offset: '0x1000', path: '/x/vdev.node' }];
  const live = [{ start: '0x7fa000001000', end: '0x7fa000005000', offset: '0x1000', path: '/x/vdev.node' }];
  it('keeps the file offset', () => {
    expect(translateAddr(0x7f0000001234n, dead, live)).toBe(0x7fa000001234n);
    expect(translateAddr(0x7f0000009999n, dead, live)).toBeNull();
    expect(translateAddr(0x7f0000001234n, dead, [])).toBeNull();
  });
  it('names signals and cuts the chain after rte_eal_hotplug_add', () => {
    expect(signalName(11)).toBe('SIGSEGV');
    expect(signalName(6)).toBe('SIGABRT');
    const fr = (fn: string, origin: Frame['origin']): Frame => ({ n: 0, addr: '0x1', fn, file: null, line: null, module: null, origin });
    const c = chainOf([fr('parse', 'dpdk'), fr('rte_dev_probe', 'dpdk'), fr('rte_eal_hotplug_add', 'dpdk'), fr('vdev::HotplugAdd', 'shell'), fr('v8', 'node')]);
    expect(c.map((f) => f.fn)).toEqual(['parse', 'rte_dev_probe', 'rte_eal_hotplug_add', 'vdev::HotplugAdd']);
    expect(c.map((f) => f.n)).toEqual([0, 1, 2, 3]);
  });
});

describe('warnings after an accepted probe', () => {
  it('flags each kind of silent acceptance', () => {
    expect(codes('net_nullabc', NULL)).toEqual(['name-prefix']);
    expect(codes('eth_null0', NULL)).toEqual(['name-alias']);
    expect(codes('net_null0', NULL)).toEqual([]);
    expect(codes('net_null_pdump_0', NULL)).toEqual([]); // '_' sets the suffix off: a deliberate name (the seed's net_pcap_pdump_0)
    expect(codes('net_null0,size=1x', NULL)).toEqual(['value-not-int']);
    expect(codes('net_null0,size=-1', NULL)).toEqual(['value-negative']);
    expect(codes('net_null0,no-rx=yes', NULL)).toEqual(['value-not-bool']);
    expect(codes('net_null0,size', NULL)).toEqual(['value-missing']);
    expect(codes('net_null0,size=', NULL)).toEqual(['value-empty']);
    expect(codes('net_null0,size=64,size=128', NULL)).toEqual(['key-repeated']);
    expect(codes('net_null0,bogus=1', NULL)).toEqual(['key-undeclared']);
    expect(codes('net_null0,size= 64', NULL)).toContain('whitespace');
    expect(codes('net_tap0,mac=01:00:00:00:00:01', TAP)).toEqual(['mac-multicast']);
    expect(codes('net_tap0,mac=zz', TAP)).toEqual(['value-not-mac']);
    expect(codes('net_tap0,mac=fixed', TAP)).toEqual([]);
  });
  it('uses what the EAL made and what else is attached', () => {
    const port = (n: number, name: string) => ({ port: n, name, state: 'attached', started: false, socket: 0, rxQueues: 0, txQueues: 0, mtu: 1500, promiscuous: false, ifIndex: 42 });
    expect(codes('net_null0', NULL, { ports: [port(0, 'r'), port(1, 's')] })).toEqual(['extra-ports', 'port-name-differs', 'port-name-differs']);
    expect(codes('net_tap0,iface=vdshA', TAP, { ports: [port(0, 'net_tap0')], ifName: () => 'dtap0' })).toEqual(['iface-renamed']);
    expect(codes('net_tap1,iface=vdshA', TAP, { others: [dv('net_tap0,iface=vdshA')] })).toEqual(['shared-resource']);
  });
  it('says when the driver source reads a key only once', () => {
    const source = { file: 'drivers/net/tap/rte_eth_tap.c', validKeys: new Map([['persist', { file: 'f.c', line: 1 }]]), onlyOnce: new Map([['iface', { file: 'f.c', line: 9 }]]), countedOnly: new Map([['persist', { file: 'f.c', line: 5 }]]) };
    const w = probeWarnings({ devargs: dv('net_tap0,iface=a,iface=b,persist'), driver: TAP, drivers: [TAP], ports: [], others: [], source });
    expect(w.find((x) => x.code === 'key-repeated')?.message).toMatch(/f\.c:9.*EVERY copy was ignored/);
    expect(w.find((x) => x.code === 'key-undeclared')?.message).toMatch(/parser accepts it/);
    expect(w.map((x) => x.code)).not.toContain('value-missing'); // persist is a flag: only counted
  });
  it('a driver that says it ignored a repeated key is quoted (net_pcap infinite_rx), with or without the TYPE: prefix', () => {
    for (const text of ['pmd_pcap_probe(): infinite_rx has not been enabled since the argument has been provided more than once for net_pcap0',
      'ETH_PCAP: pmd_pcap_probe(): infinite_rx has not been enabled since the argument has been provided more than once for net_pcap0']) {
      const w = probeWarnings({ devargs: dv('net_null0,size=1,size=2'), driver: NULL, drivers: [NULL], ports: [], others: [], source: null, log: [{ text: text.replace('infinite_rx', 'size') }] });
      expect(w.find((x) => x.code === 'key-repeated')?.message).toMatch(/so net_null ignored it: ".*has not been enabled/);
    }
  });
});

describe('driver source facts (the DPDK tree of this build)', () => {
  it('tap reads iface only once and accepts the undeclared persist; virtio_user path only once', () => {
    const tap = driverSource('net_tap')!;
    expect(tap.file).toBe('drivers/net/tap/rte_eth_tap.c');
    expect(tap.onlyOnce.has('iface')).toBe(true);
    expect(tap.validKeys.has('persist')).toBe(true);
    expect(tap.countedOnly.has('persist')).toBe(true); // a flag: counted, never processed
    expect(tap.countedOnly.has('mac')).toBe(false);
    expect(driverSource('net_virtio_user')!.onlyOnce.has('path')).toBe(true);
    expect(driverSource('net_ring')!.validKeys.has('internal')).toBe(true);
    expect(driverSource('net_nonexistent')).toBeNull();
  });
});

describe('pre-flight triggers', () => {
  it('fires on risky input only', () => {
    expect(riskyParts(dv('net_null0,size=64'), NULL)).toEqual([]);
    expect(riskyParts(dv('net_null0,size'), NULL).map((t) => t.key)).toEqual(['size']);
    expect(riskyParts(dv('net_null0,internal=0'), NULL).map((t) => t.key)).toEqual(['internal']);
    expect(riskyParts(dv('net_null0,size=99999999'), NULL).map((t) => t.key)).toEqual(['size']);
    expect(riskyParts(dv('net_null0,size=/dev/null'), NULL).some((t) => /character device/.test(t.why))).toBe(true);
  });
});
