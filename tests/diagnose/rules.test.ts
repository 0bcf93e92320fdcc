// Rules are pure functions of (devargs, driver facts, DPDK's lines, host facts): each case here is
// a failure recorded from the real EAL (22.11, lines verbatim) and the same lines in the
// "TYPE: " prefix style of 24.11+ (or none, where later kvargs refuses before the driver logs).
import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { classify, type HostFacts, type RuleCtx } from '../../src/diagnose/rules/index.js';
import { refine } from '../../src/diagnose/diagnose.js';
import { orderFaults } from '../../src/diagnose/refine.js';
import { parseDevargs } from '../../src/devargs/parse.js';
import { parseParamString } from '../../src/drivers/params.js';
import type { DriverInfo } from '../../src/session/drivers.js';
import type { LogLine } from '../../src/protocol/ops.js';

const drivers: DriverInfo[] = (JSON.parse(fs.readFileSync(path.join(__dirname, 'recorded', 'drivers-22.11.json'), 'utf8')) as Omit<DriverInfo, 'keys'>[])
  .map((d) => ({ ...d, keys: parseParamString(d.params) }));
const EAL_TAIL = (name: string): string[] => [`EAL: Driver cannot attach the device (${name})`, 'EAL: Failed to attach device on primary process'];

function ctx(input: string, lines: string[], ret = -1): RuleCtx {
  const p = parseDevargs(input);
  if (!p.ok) throw new Error(p.error.message);
  const d = p.devargs;
  const driver = drivers.find((x) => d.name.startsWith(x.name) || (x.alias && d.name.startsWith(x.alias))) ?? null;
  const matched = driver ? { matched: d.name.startsWith(driver.name) ? driver.name : driver.alias!, via: (d.name.startsWith(driver.name) ? 'name' : 'alias') as 'name' | 'alias' } : null;
  const log: LogLine[] = lines.map((text) => ({ text }));
  return {
    a: { input, devargs: d, ret, driver, matched, ok: false, silentFailure: false, alreadyOnBus: false, log },
    drivers, ports: [], maxPorts: 32, inferiorDown: false, parserKeys: () => undefined, host: recordedHost,
  };
}

/** Host facts as recorded on a Debian 12 machine: no file exists except these character devices. */
const CHAR: Record<string, string> = { '/dev/null': 'null', '/dev/net/tun': 'net/tun' };
const recordedHost: HostFacts = {
  ifaces: ['eth0', 'lo'], caps: { netAdmin: true, netRaw: true }, cwd: '/home/u',
  path: (p) => {
    const abs = path.resolve('/home/u', p);
    const isChar = abs in CHAR;
    return { abs, exists: isChar, isDir: false, isSocket: false, isChar, isFile: false, dir: path.dirname(abs), dirExists: ['/dev', '/dev/net', '/home/u', '/tmp'].includes(path.dirname(abs)), existingAncestor: '/' };
  },
  entries: () => [], isPcap: () => false, listening: () => new Set(), ifaceUp: (n) => n === 'eth0' || n === 'lo', ifaceLoopback: (n) => n === 'lo',
  isTunTap: () => false, charName: (abs) => CHAR[abs] ?? null,
};

/** The 24.11+ form of a 22.11 driver line: its log type in front. */
const typed = (type: string, lines: string[]): string[] => lines.map((l) => (l.startsWith('EAL: ') ? l : `${type}: ${l}`));

interface Rec { input: string; lines: string[]; later?: string[]; type: string; cause: string; key?: string; ret?: number }
const LONG = `net_null_${'a'.repeat(60)}`;
const recorded: Rec[] = [
  { input: 'net_pcap1,rx_pcap', type: 'ETH_PCAP', cause: 'value-missing', key: 'rx_pcap',
    lines: ["open_single_rx_pcap(): Couldn't open (null): A null pointer was supplied as the file name", ...EAL_TAIL('net_pcap1')], later: EAL_TAIL('net_pcap1') },
  { input: 'net_pcap2,tx_pcap', type: 'ETH_PCAP', cause: 'value-missing', key: 'tx_pcap',
    lines: ["open_single_tx_pcap(): Couldn't open (null) for writing.", ...EAL_TAIL('net_pcap2')], later: EAL_TAIL('net_pcap2') },
  { input: 'virtio_user0,path', type: 'VIRTIO_INIT', cause: 'value-missing', key: 'path',
    lines: ['virtio_user_pmd_probe(): error to parse path', ...EAL_TAIL('virtio_user0')] },
  { input: 'net_null5,size', type: 'NULL', cause: 'value-missing', key: 'size', lines: EAL_TAIL('net_null5') },
  { input: LONG, type: 'EAL', cause: 'name-too-long', ret: -22,
    lines: [`EAL: Parsing "vdev:${LONG},": device name should be shorter than 64`, 'EAL: Failed to attach device on primary process'] },
  { input: 'virtio_user4,path=/tmp/vdsh-none/x.sock,iface=foo', type: 'VIRTIO_INIT', cause: 'key-wrong-backend', key: 'iface',
    lines: ['virtio_user_pmd_probe(): arg iface applies only to vhost-kernel backend', ...EAL_TAIL('virtio_user4')] },
  { input: 'virtio_user2,path=/dev/net/tun', type: 'VIRTIO_INIT', cause: 'backend-missing', key: 'path',
    lines: ['vhost_kernel_ioctl(): Vhost-kernel ioctl 44801 failed (File descriptor in bad state)', 'virtio_user_dev_init(): (/dev/net/tun) Failed to set backend owner', 'virtio_user_pmd_probe(): virtio_user_dev_init fails', ...EAL_TAIL('virtio_user2')] },
  { input: 'virtio_user1,path=/dev/null', type: 'VIRTIO_INIT', cause: 'backend-missing', key: 'path',
    lines: ['virtio_user_pmd_probe(): unable to determine backend type for path /dev/null', ...EAL_TAIL('virtio_user1')] },
  { input: 'bus=vdev/driver=net_null', type: 'EAL', cause: 'devargs-syntax', ret: -14,
    lines: ['EAL: failed to parse device "vdev:bus=vdev/driver=net_null"', 'EAL: Failed to attach device on primary process'] },
  { input: 'virtio_user0,tx_pcap=report.pcap', type: 'VIRTIO_INIT', cause: 'key-wrong-driver', key: 'tx_pcap',
    lines: ['virtio_user_pmd_probe(): error when parsing param', ...EAL_TAIL('virtio_user0')] },
  { input: 'net_af_packet4,iface=eth0,qpairs=0', type: 'AFPACKET', cause: 'value-invalid', key: 'qpairs',
    lines: ['rte_pmd_af_packet_probe(): net_af_packet4: invalid qpairs value', ...EAL_TAIL('net_af_packet4')] },
  { input: 'net_tap7,iface=vdsht7,remote=vdshd0', type: 'TAP', cause: 'kernel-refused',
    lines: ['tap_nl_dump_ext_ack(): Specified qdisc kind is unknown', ...EAL_TAIL('net_tap7')] },
  { input: 'net_af_packet10,iface=', type: 'AFPACKET', cause: 'value-missing', key: 'iface',
    lines: ['rte_pmd_init_internals(): net_af_packet10: ioctl failed (SIOCGIFINDEX):No such device', ...EAL_TAIL('net_af_packet10')] },
  { input: 'net_pcap3,rx_pcap=', type: 'ETH_PCAP', cause: 'value-missing', key: 'rx_pcap',
    lines: ["open_single_rx_pcap(): Couldn't open : No such file or directory", ...EAL_TAIL('net_pcap3')] },
  { input: 'net_null1,no-rx=1,copy=1', type: 'NULL', cause: 'value-invalid', key: 'copy',
    lines: ['rte_pmd_null_probe(): Both copy and no-rx arguments at the same time not supported', ...EAL_TAIL('net_null1')] },
  { input: 'virtio_user3,path=/tmp/a.sock,path=/tmp/b.sock', type: 'VIRTIO_INIT', cause: 'value-invalid', key: 'path',
    lines: ['virtio_user_pmd_probe(): arg path is mandatory for virtio_user', ...EAL_TAIL('virtio_user3')] },
  { input: 'virtio_user17,path=/tmp/nosock,queues=2,cq=0', type: 'VIRTIO_INIT', cause: 'value-invalid', key: 'cq',
    lines: ['virtio_user_pmd_probe(): multi-q requires ctrl-q', ...EAL_TAIL('virtio_user17')] },
  { input: 'virtio_user18,path=/dev/net/tun,server=1', type: 'VIRTIO_INIT', cause: 'key-wrong-backend', key: 'server',
    lines: ['virtio_user_dev_setup(): Server mode only supports vhost-user!', 'virtio_user_dev_init(): (/dev/net/tun) backend set up fails', 'virtio_user_pmd_probe(): virtio_user_dev_init fails', ...EAL_TAIL('virtio_user18')] },
  { input: 'virtio_user30,path=/tmp/vb.sock,queue_size=100', type: 'VIRTIO_INIT', cause: 'value-invalid', key: 'queue_size',
    lines: ['VHOST_CONFIG: (/tmp/vb.sock) read message VHOST_USER_GET_STATUS', 'virtio_init_queue(): split virtqueue size is not power of 2', 'virtio_user_pmd_probe(): eth_virtio_dev_init fails', ...EAL_TAIL('virtio_user30')] },
  { input: 'virtio_user31,path=/tmp/vb.sock,queue_size=0', type: 'VIRTIO_INIT', cause: 'value-invalid', key: 'queue_size',
    lines: ['virtio_init_queue(): virtqueue does not exist', 'virtio_user_pmd_probe(): eth_virtio_dev_init fails', ...EAL_TAIL('virtio_user31')] },
  { input: 'net_ring1,nodeaction=r1:99:CREATE', type: 'RING', cause: 'resource-exhausted',
    lines: ['Cannot reserve memory', ...EAL_TAIL('net_ring1')] },
];

describe('rules on recorded DPDK lines', () => {
  for (const r of recorded) {
    const styles: [string, string[]][] = [['22.11 lines', r.lines], ['24.11+ "TYPE: " lines', typed(r.type, r.lines)], ...(r.later ? [['24.11+ kvargs (EAL lines only)', r.later] as [string, string[]]] : [])];
    for (const [style, lines] of styles) {
      it(`${r.input.slice(0, 50)} (${style}) -> ${r.cause}`, () => {
        const f = classify(ctx(r.input, lines, r.ret));
        expect(f.cause).toBe(r.cause);
        if (r.key) expect(f.key).toBe(r.key);
        expect(f.summary).toBeTruthy();
      });
    }
  }

  it('fixes of a key without a value keep its role: a capture to read stays one to read', () => {
    const f = classify(ctx('net_pcap1,rx_pcap', EAL_TAIL('net_pcap1')));
    expect(f.candidates[0].devargs).toMatch(/rx_pcap=/);
    expect(f.candidates.at(-1)).toMatchObject({ devargs: 'net_pcap1', changesIntent: 'drops rx_pcap' });
  });

  it('a name of 64+ characters: the fix keeps the driver prefix and fits the logged limit', () => {
    const f = classify(ctx(LONG, [`EAL: Parsing "vdev:${LONG},": device name should be shorter than 64`], -22));
    expect(f.candidates[0].devargs).toBe('net_null0');
  });

  it('the layered syntax: the driver layer becomes a name with its keys', () => {
    const f = classify(ctx('bus=vdev/class=eth/driver=net_null,size=128', ['EAL: failed to parse device "vdev:bus=vdev/class=eth/driver=net_null,size=128"'], -14));
    expect(f.cause).toBe('devargs-syntax');
    expect(f.candidates[0].devargs).toBe('net_null0,size=128');
  });

  it('the kernel calls a value invalid (EINVAL) and the ablation finds the key: value-invalid, not the kernel', () => {
    for (const lines of [
      ['rte_pmd_init_internals(): net_af_packet11: could not set PACKET_RX_RING on AF_PACKET socket for vdshd0:Invalid argument', ...EAL_TAIL('net_af_packet11')],
      typed('AFPACKET', ['rte_pmd_init_internals(): net_af_packet11: could not set PACKET_RX_RING on AF_PACKET socket for vdshd0:Invalid argument', ...EAL_TAIL('net_af_packet11')]),
    ]) {
      const c = ctx('net_af_packet11,iface=vdshd0,framesz=1000', lines);
      const f = classify(c);
      expect(f.cause).toBe('kernel-refused');
      const trials = f.candidates.map((x) => ({ attached: x.probeOnly?.key === 'framesz', ret: 0, log: [] }));
      expect(refine(f, trials, c.a)).toMatchObject({ cause: 'value-invalid', key: 'framesz' });
    }
  });

  it('a layer glued onto a name ("NAME/bus=vdev,name=..."): devargs-syntax, the fix is the name before the layer', () => {
    const input = `net_null2/bus=vdev,name=net_null${'a'.repeat(70)}`;
    for (const lines of [['EAL: devargs name too long: vdev:net_null2', ...EAL_TAIL('net_null2/bus=vdev')]]) {
      const f = classify(ctx(input, lines));
      expect(f.cause).toBe('devargs-syntax');
      expect(f.candidates[0].devargs).toBe('net_null2');
    }
  });

  it('a path through a regular file (ENOTDIR): the file is named, the fix keeps the direction and the file name', () => {
    const host: HostFacts = { ...recordedHost, path: (p) => {
      const abs = path.resolve('/home/u', p);
      const isFile = abs === '/home/u/notes.txt';
      return { abs, exists: isFile, isDir: false, isSocket: false, isChar: false, isFile, dir: path.dirname(abs), dirExists: false, existingAncestor: '/home/u/notes.txt' };
    } };
    for (const [input, lines] of [
      ['net_pcap4,rx_pcap=notes.txt/in.pcap', ["open_single_rx_pcap(): Couldn't open notes.txt/in.pcap: notes.txt/in.pcap: Not a directory", ...EAL_TAIL('net_pcap4')]],
      ['net_pcap5,tx_pcap=notes.txt/out.pcap', ["open_single_tx_pcap(): Couldn't open notes.txt/out.pcap for writing.", ...EAL_TAIL('net_pcap5')]],
    ] as [string, string[]][]) {
      for (const l of [lines, typed('ETH_PCAP', lines)]) {
        const f = classify({ ...ctx(input, l), host });
        expect(f.cause).toBe('dir-missing');
        expect(f.summary).toMatch(/notes\.txt .* is a file, not a directory/);
        expect(f.candidates[0].devargs).toMatch(input.includes('rx_pcap') ? /rx_pcap=\/home\/u\/in\.pcap$/ : /tx_pcap=\/home\/u\/out\.pcap$/);
      }
    }
  });

  it('virtio_user fixes: one path kept of two, a power-of-2 ring size, cq=1 for several queues, server mode moved to a socket', () => {
    expect(classify(ctx('virtio_user3,path=/tmp/a.sock,path=/tmp/b.sock', ['virtio_user_pmd_probe(): arg path is mandatory for virtio_user'])).candidates.map((c) => c.devargs))
      .toEqual(['virtio_user3,path=/tmp/a.sock', 'virtio_user3,path=/tmp/b.sock']);
    expect(classify(ctx('virtio_user30,path=/tmp/vb.sock,queue_size=100', ['virtio_init_queue(): split virtqueue size is not power of 2'])).candidates[0].devargs).toBe('virtio_user30,path=/tmp/vb.sock,queue_size=128');
    expect(classify(ctx('virtio_user17,path=/tmp/nosock,queues=2,cq=0', ['virtio_user_pmd_probe(): multi-q requires ctrl-q'])).candidates[0].devargs).toBe('virtio_user17,path=/tmp/nosock,queues=2,cq=1');
    const f = classify(ctx('virtio_user18,path=/dev/net/tun,server=1', ['virtio_user_dev_setup(): Server mode only supports vhost-user!']));
    expect(f.candidates[0]).toMatchObject({ devargs: 'virtio_user18,path=/tmp/vdsh-virtio_user18.sock' });
    expect(f.candidates[0].changesIntent).toMatch(/server/);
  });

  it('af_packet fanout_mode (25.11+, not in the recorded 22.11 driver facts): "Invalid fanout mode" is value-invalid of fanout_mode', () => {
    const lines = ['rte_pmd_init_internals(): Invalid fanout mode: nosuchmode', ...EAL_TAIL('net_af_packet12')];
    for (const l of [lines, typed('AFPACKET', lines)]) {
      const c = ctx('net_af_packet12,iface=vdshd0,fanout_mode=nosuchmode', l);
      const drv = { ...c.a.driver!, keys: [...c.a.driver!.keys, { key: 'fanout_mode', syntax: '<string>' } as never] };
      const f = classify({ ...c, a: { ...c.a, driver: drv }, drivers: c.drivers.map((x) => (x.name === drv.name ? drv : x)) });
      expect(f).toMatchObject({ cause: 'value-invalid', key: 'fanout_mode' });
    }
  });
});

// Error sites no devargs string or host state reaches from this shell (src/diagnose/sites.ts says
// why for each): their lines as the source's format prints them, each given its cause.
describe('rules on the lines of sites no input reaches', () => {
  const cases: { input: string; type: string; lines: string[]; cause: string; key?: string }[] = [
    { input: 'net_null0', type: 'EAL', cause: 'bus-wrong', lines: ['EAL: Function plug not supported by bus (pci)', 'EAL: Failed to attach device on primary process'] },
    { input: 'net_null0', type: 'EAL', cause: 'bus-wrong', lines: ['EAL: Function unplug not supported by bus (pci)'] },
    { input: 'net_tap0,iface=vdsht0', type: 'TAP', cause: 'multi-process', lines: ['tap_mp_req_start_rxtx(): Failed to get dev for net_tap0'] },
    { input: 'net_tap0,iface=vdsht0', type: 'TAP', cause: 'multi-process', lines: ['tap_mp_sync_queues(): Failed to get port id for net_tap0'] },
    { input: 'net_tap0,iface=vdsht0', type: 'TAP', cause: 'multi-process', lines: ['EAL: Action name cannot be NULL', ...EAL_TAIL('net_tap0')] },
    { input: 'net_tap0,iface=vdsht0', type: 'TAP', cause: 'multi-process', lines: ['EAL: Length of action name is zero', ...EAL_TAIL('net_tap0')] },
    { input: 'net_tap0,iface=vdsht0', type: 'TAP', cause: 'multi-process', lines: ['EAL: failed to send to (/var/run/dpdk/rte/mp_socket_1234_5678) due to Connection refused', ...EAL_TAIL('net_tap0')] },
    { input: 'virtio_user0,path=/dev/vhost-net', type: 'VIRTIO_DRIVER', cause: 'resource-exhausted', lines: ['virtio_notify_peers(): failed to make RARP packet.'] },
  ];
  for (const r of cases) {
    for (const [style, lines] of [['22.11 lines', r.lines], ['24.11+ "TYPE: " lines', typed(r.type, r.lines)]] as [string, string[]][]) {
      it(`${r.lines[0].slice(0, 60)} (${style}) -> ${r.cause}`, () => {
        const f = classify(ctx(r.input, lines));
        expect(f.cause).toBe(r.cause);
        if (r.key) expect(f.key).toBe(r.key);
        expect(f.summary).toBeTruthy();
      });
    }
  }
});

describe('rules on lines of a later DPDK with its own parameter strings', () => {
  it('af_packet of 25.11 declares fanout_mode and says "Invalid fanout mode": value-invalid, fix 1 a declared mode', () => {
    const p = parseDevargs('net_af_packet0,iface=eth0,fanout_mode=nosuchmode');
    if (!p.ok) throw new Error(p.error.message);
    const af = { name: 'net_af_packet', alias: 'eth_af_packet', params: '', keys: parseParamString('iface=<string> qpairs=<int> blocksz=<int> framesz=<int> framecnt=<int> qdisc_bypass=<0|1> fanout_mode=<hash|lb|cpu|rollover|rnd|qm>') };
    for (const lines of [['rte_pmd_init_internals(): Invalid fanout mode: nosuchmode'], ['AFPACKET: rte_pmd_init_internals(): Invalid fanout mode: nosuchmode']]) {
      const c = ctx('net_af_packet0,iface=eth0,fanout_mode=nosuchmode', [...lines, ...EAL_TAIL('net_af_packet0')]);
      const f = classify({ ...c, drivers: [...drivers.filter((x) => x.name !== 'net_af_packet'), af], a: { ...c.a, devargs: p.devargs, driver: af } });
      expect(f).toMatchObject({ cause: 'value-invalid', key: 'fanout_mode' });
      expect(f.candidates[0].devargs).toBe('net_af_packet0,iface=eth0,fanout_mode=hash');
    }
  });
});

// Two faults in one input, as 25.11.2 printed them (the fuzz found it): tap's bare mac is refused
// by rte_kvargs_process without a line, so DPDK never reaches remote=, which fails in the kernel.
describe('two faults: the causes in the order DPDK meets them', () => {
  const input = 'net_tapabc,iface=vdshfz3,remote=fixed,mac';
  const first = ['TAP: rte_pmd_tap_probe(): Failed to create pmd for net_tapabc as vdshfz3', ...EAL_TAIL('net_tapabc')];
  const withoutMac = ['TAP: tap_nl_dump_ext_ack(): Specified qdisc kind is unknown', 'TAP: qdisc_create_multiq(): Could not add multiq qdisc (2): No such file or directory',
    'TAP: eth_dev_tap_create(): vdshfz3: failed to create multiq qdisc.', 'TAP: eth_dev_tap_create(): Remote feature requires flow support.', 'TAP: eth_dev_tap_create(): TAP Unable to initialize net_tapabc', ...EAL_TAIL('net_tapabc')];
  // The scratch EAL, recorded: every ablation that keeps mac fails as the input did; without mac it fails in the kernel.
  const scratch = (devargs: string) => (/(^|,)mac(,|$)/.test(devargs) ? { attached: false, ret: -1, log: first.map((text) => ({ text })) }
    : /remote=/.test(devargs) ? { attached: false, ret: -22, log: withoutMac.map((text) => ({ text })) } : { attached: true, ret: 0, log: [] });

  it('no rule and no single ablation attaches: the bare key is the first cause, the kernel failure the next, fixed without both', async () => {
    const c = ctx(input, first);
    const f = classify(c);
    expect(f.cause).toBe('no-rule');
    const trials = f.candidates.map((x) => scratch(x.devargs));
    expect(trials.some((t) => t.attached)).toBe(false);
    const proved: string[] = [];
    const r = await orderFaults(f, trials, c, async (cands) => cands.map((x) => { proved.push(x.devargs); return scratch(x.devargs); }));
    expect(r?.finding).toMatchObject({ cause: 'value-missing', key: 'mac', then: [{ cause: 'kernel-refused' }] });
    expect(r!.finding.summary).toMatch(/"mac" is given without a value: the probe stopped there first, DPDK saying only "rte_pmd_tap_probe\(\): Failed to create pmd/);
    // The next failure's ablation, proved in the same scratch EAL, is the fix: without mac and remote.
    const ok = r!.finding.candidates.filter((_, i) => r!.trials[i]?.attached).map((x) => x.devargs);
    expect(ok).toEqual(['net_tapabc,iface=vdshfz3']);
    expect(proved).toContain('net_tapabc,iface=vdshfz3');
    expect(refine(r!.finding, r!.trials, c.a).cause).toBe('value-missing');
  });

  it('a single fault is left alone: an ablation that attaches, or a cause a rule names', async () => {
    const c = ctx('net_tapabc,iface=vdshfz3,mac', first);
    const f = classify(c);
    const trials = f.candidates.map((x) => scratch(x.devargs));
    expect(await orderFaults(f, trials, c, async () => { throw new Error('no second round'); })).toBeNull();
    const named = ctx('net_pcap1,rx_pcap', ["open_single_rx_pcap(): Couldn't open (null): A null pointer was supplied as the file name", ...EAL_TAIL('net_pcap1')]);
    expect(await orderFaults(classify(named), [], named, async () => { throw new Error('no second round'); })).toBeNull();
  });
});
