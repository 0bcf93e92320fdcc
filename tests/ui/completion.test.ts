// Completion against the real driver list of this build (PMD_INFO_STRING keys, aliases the EAL
// registered), real files in a temp dir and the host's real interfaces.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Session } from '../../src/session/session.js';
import type { DriverInfo } from '../../src/session/drivers.js';
import { applyCompletion, chainCompletion, complete, driverForName, type CompletionData } from '../../src/ui/completion.js';
import type { ProbeRecord } from '../../src/session/session.js';
import { selectProbe, traceState } from '../../src/trace/state.js';
import { tmpDir } from '../helpers/tmp.js';

let session: Session;
let drivers: DriverInfo[];
beforeAll(async () => { session = new Session(); drivers = await session.drivers(); });
afterAll(async () => { await session.close(); });

let chain: Pick<CompletionData, 'frames' | 'functions'> = {};
function data(dir?: string): CompletionData {
  return {
    ...chain,
    drivers,
    ports: [{ port: 0, name: 'net_pcap_pdump_0' }, { port: 1, name: 'net_null0' }],
    listDir: (d) => fs.readdirSync(path.resolve(dir ?? '.', d || '.'), { withFileTypes: true }).map((e) => ({ name: e.name, dir: e.isDirectory() })),
    ifaces: fs.readdirSync('/sys/class/net'),
  };
}
/** Types `text` (| marks the cursor, default the end) and presses Tab. */
function tab(text: string, dir?: string): { text: string; list: string[] | null } {
  const cursor = text.includes('|') ? text.indexOf('|') : text.length;
  const t = text.replace('|', '');
  const r = applyCompletion({ text: t, cursor }, complete(t, cursor, data(dir)));
  return { text: r.line.text, list: r.list };
}

describe('completion', () => {
  it('completes command words and subcommands, listing them when ambiguous', () => {
    expect(tab('pro').text).toBe('probe ');
    expect(tab('show port s').list).toEqual(['stats', 'summary']);
    expect(tab('show port su').text).toBe('show port summary ');
    expect(tab('sh po i').text).toBe('sh po info ');
    expect(tab('info d').text).toBe('info driver');
    expect(tab('info driver').list).toEqual(['driver', 'drivers']);
  });
  it('completes vdev driver names and aliases as the EAL registered them', () => {
    expect(drivers.find((d) => d.name === 'net_pcap')?.alias).toBe('eth_pcap');
    expect(tab('probe net_pc').text).toBe('probe net_pcap');
    expect(tab('probe eth_pc').text).toBe('probe eth_pcap');
    expect(tab('probe virtio').text).toBe('probe virtio_user');
    expect(tab('probe --vdev=net_ta').text).toBe('probe --vdev=net_tap');
  });
  it('completes the keys of the driver named so far (net_pcap0,tx_<TAB>)', () => {
    expect(tab('probe net_pcap0,tx_').list).toEqual(['tx_pcap=<string>', 'tx_iface=<ifc>']);
    expect(tab('probe net_pcap0,tx_p').text).toBe('probe net_pcap0,tx_pcap=');
    // the alias claims by prefix too; keys already given are not offered again
    expect(tab('probe eth_pcap_x,tx_pcap=a,tx_').text).toBe('probe eth_pcap_x,tx_pcap=a,tx_iface=');
    // virtio_user0 belongs to net_virtio_user: tx_pcap is not one of its keys
    expect(tab('probe virtio_user0,tx_').list).toBeNull();
    expect(tab('probe virtio_user0,pa').list).toEqual(['path=<path>', 'packed_vq=<0|1>']);
    expect(tab('probe virtio_user0,pat').text).toBe('probe virtio_user0,path=');
    expect(driverForName('virtio_user0', drivers)?.name).toBe('net_virtio_user');
  });
  it('completes file paths for *_pcap keys and source, directories with a slash', () => {
    const dir = tmpDir();
    fs.writeFileSync(path.join(dir, 'report.pcap'), '');
    fs.writeFileSync(path.join(dir, 'replay.vsh'), '');
    fs.mkdirSync(path.join(dir, 'caps'));
    fs.writeFileSync(path.join(dir, 'caps', 'in.pcap'), '');
    expect(tab('probe net_pcap0,tx_pcap=rep', dir).list).toEqual(['replay.vsh', 'report.pcap']);
    expect(tab('probe net_pcap0,tx_pcap=repo', dir).text).toBe('probe net_pcap0,tx_pcap=report.pcap');
    expect(tab('probe net_pcap0,rx_pcap=ca', dir).text).toBe('probe net_pcap0,rx_pcap=caps/');
    expect(tab('probe net_pcap0,rx_pcap=caps/', dir).text).toBe('probe net_pcap0,rx_pcap=caps/in.pcap');
    expect(tab('source repl', dir).text).toBe('source replay.vsh ');
  });
  it('completes host interfaces for iface keys', () => {
    expect(tab('probe net_pcap0,iface=l').text).toBe('probe net_pcap0,iface=lo');
    expect(tab('probe net_af_packet0,iface=l').text).toBe('probe net_af_packet0,iface=lo');
  });
  it('completes port ids and names, and all where a command takes it', () => {
    expect(tab('mac ').list).toEqual(['0 (net_pcap_pdump_0)', 'net_pcap_pdump_0', '1 (net_null0)', 'net_null0']);
    expect(tab('ops net_p').text).toBe('ops net_pcap_pdump_0 ');
    expect(tab('show port info a').text).toBe('show port info all ');
    expect(tab('port detach 1').text).toBe('port detach 1 ');
  });
  it('completes driver names for info driver and commands for help', () => {
    expect(tab('info driver net_nu').text).toBe('info driver net_null ');
    expect(tab('help sh').text).toBe('help show ');
    expect(tab('help show port st').text).toBe('help show port stats ');
  });
  it('completes the expect assertions from their declared arguments', () => {
    expect(tab('expect f').list).toEqual(['fail', 'file', 'frame']);
    expect(tab('expect bu').text).toBe('expect burst ');
    expect(tab('expect burst net_n').text).toBe('expect burst net_null0 ');
    expect(tab('expect burst 0 r').text).toBe('expect burst 0 rx ');
    expect(tab('expect driver 1 net_nu').text).toBe('expect driver 1 net_null ');
    expect(tab('diagnose --explain net_nu').text).toBe('diagnose --explain net_null');
  });
  it('completes in the middle of a line and leaves the rest', () => {
    expect(tab('probe net_pc|,tx_pcap=x').text).toBe('probe net_pcap,tx_pcap=x');
    expect(tab('nosuchcmd ').list).toBeNull();
  });

  it('completes frame numbers of the chain frame/up/down look at, and functions of loaded chains', () => {
    const fr = (n: number, fn: string, origin: string) => ({ n, fn, origin, addr: '0x0', file: null, line: null, module: null });
    const rec = (id: number, name: string, frames: ReturnType<typeof fr>[]) =>
      ({ id, input: name, devargs: { name }, frames, log: [], probeEntered: true, ok: true }) as unknown as ProbeRecord;
    const session = { probes: [
      rec(1, 'net_pcap0', [fr(0, 'pmd_pcap_probe', 'dpdk'), fr(1, 'vdev_probe_all_drivers', 'dpdk'), fr(2, 'vdev::HotplugAdd', 'shell')]),
      rec(2, 'net_null0', [fr(0, 'rte_pmd_null_probe', 'dpdk'), fr(1, 'vdev_probe_all_drivers', 'dpdk')]),
    ] };
    chain = chainCompletion(session);
    expect(tab('frame ').list).toEqual(['0 (rte_pmd_null_probe)', '1 (vdev_probe_all_drivers)']); // the last probe's chain
    selectProbe(session, session.probes[0]); // bt 1
    chain = chainCompletion(session);
    expect(tab('frame 2').text).toBe('frame 2 ');
    expect(tab('list vdev_').text).toBe('list vdev_probe_all_drivers ');
    expect(tab('info line pmd').text).toBe('info line pmd_pcap_probe ');
    expect(tab('list ').list).toEqual(['pmd_pcap_probe', 'rte_pmd_null_probe', 'vdev_probe_all_drivers']); // no shell frames
    expect(traceState(session).frame).toBe(0); // completion selects nothing
    chain = {};
    expect(tab('frame ').list).toBeNull();
  });
});
