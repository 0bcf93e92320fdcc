// A port's strings cross from native/ports.cc as one string, each ended by '\0': names, MAC,
// device and devargs holding commas, '=', spaces and non-ASCII must arrive exactly as ethdev holds
// them. gdb attached to the inferior reads the truth from rte_eth_devices.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Session } from '../../src/session/session.js';
import type { RawPort } from '../../src/protocol/raw.js';
import { gdbBatch } from '../trace/gdb.js';
import { pcapFile } from '../packets/frames.js';
import { tmpDir } from '../helpers/tmp.js';

/** What gdb prints for each port: name, driver, device, devargs and MAC, between markers. */
function ethdevTruth(pid: number, ports: number[]): { name: string; driver: string; device: string; devargs: string; mac: string }[] {
  const cmds = ports.flatMap((p) => {
    const d = `rte_eth_devices[${p}]`;
    return [
      `printf "@@%s|%s|%s|%s|", ${d}.data->name, ${d}.device->driver->name, ${d}.device->name, ${d}.device->devargs->args ? ${d}.device->devargs->args : ""`,
      `printf "%02X:%02X:%02X:%02X:%02X:%02X\\n", ${[0, 1, 2, 3, 4, 5].map((i) => `${d}.data->mac_addrs->addr_bytes[${i}]`).join(', ')}`,
    ];
  });
  const out = gdbBatch(pid, cmds);
  return out.split('\n').filter((l) => l.startsWith('@@')).map((l) => {
    const [name, driver, device, devargs, mac] = l.slice(2).split('|');
    return { name, driver, device, devargs, mac };
  });
}

describe('port strings', () => {
  it('ports() and port() give ethdev\'s strings exactly (devargs with commas, =, spaces, non-ASCII)', async () => {
    const dir = tmpDir('vdevsh test é ');
    const rx = path.join(dir, 'in put.pcap');
    fs.writeFileSync(rx, pcapFile([]));
    const args = `rx_pcap=${rx},tx_pcap=${path.join(dir, 'out put.pcap')}`;
    const s = new Session();
    try {
      expect((await s.call('hotplugAdd', { name: 'net_null0', args: '' })).ret).toBe(0);
      const add = await s.call('hotplugAdd', { name: 'net_pcap0', args });
      expect(add.ret, JSON.stringify(add.log)).toBe(0);
      const ports = await s.call('ports', {});
      expect(ports.map((p) => p.port)).toEqual([0, 1]);
      expect(add.portsAfter).toEqual(ports);
      expect(await s.call('port', { port: 1 })).toEqual(ports[1]);
      expect(await s.call('port', { port: 7 })).toBeNull();
      const truth = ethdevTruth(s.inferior.pid!, [0, 1]);
      expect(truth).toHaveLength(2);
      expect(truth[1].devargs).toBe(args);
      ports.forEach((p: RawPort, i) => {
        const t = truth[i];
        expect({ name: p.name, driver: p.driver, device: p.device, devargs: p.devargs, mac: p.mac?.toUpperCase() }).toEqual(t);
      });
      // The detach reply carries the port as it was before the remove, and the ports left.
      const d = await s.call('detachPort', { ref: '1' });
      expect(d?.ret).toBe(0);
      expect(d?.port).toEqual(ports[1]);
      expect(d?.ports).toEqual([ports[0]]);
    } finally {
      await s.close();
    }
  }, 120_000);
});
