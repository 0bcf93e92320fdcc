// The bus=/class= devargs form that crashes DPDK's hotplug (a DPDK bug in 22.11 to 25.11):
// rte_eal_hotplug_add("vdev", NAME, ARGS) builds "vdev:NAME,ARGS", whose layers can give a class
// and no bus; rte_devargs_parse accepts that and local_dev_probe reads the NULL bus. check and
// probe recognise it from the selected source and refuse it without sending it to the EAL; the
// oracle is the EAL itself: with --force the same input does crash there, in local_dev_probe.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { hotplugLayers, layersOf, nullBusFacts, nullBusHazard } from '../../src/devargs/layers.js';
import { parseDevargs, type Devargs } from '../../src/devargs/parse.js';
import { dpdkPaths } from '../../src/util/paths.js';
import { runCli } from '../helpers/cli.js';

const dv = (s: string): Devargs => { const p = parseDevargs(s); if (!p.ok) throw new Error(s); return p.devargs; };
const lineOf = (file: string, line: number): string => fs.readFileSync(path.join(dpdkPaths().src, file), 'utf8').split('\n')[line - 1];

describe('the layered form hotplug crashes on', () => {
  it('is read from the selected source: where a class alone is accepted and where the bus is read', () => {
    const f = nullBusFacts();
    expect(f).not.toBeNull();
    expect(lineOf(f!.accepts.file, f!.accepts.line)).toMatch(/bus != NULL \|\| \w+->cls != NULL/);
    expect(lineOf(f!.reads.file, f!.reads.line)).toMatch(/->bus->plug/);
    expect(f!.classes).toContain('eth');
  });

  it('layers as rte_devargs_layers_parse cuts them: only a "/" before bus=, class= or driver=', () => {
    expect(layersOf('vdev:bus=vdev,name=net_null9/class=eth').map((l) => l.key)).toEqual(['vdev:bus', 'class']);
    expect(hotplugLayers(dv('net_pcap0,tx_pcap=/tmp/x/y.pcap'))).toBeNull();
    expect(nullBusHazard(dv('bus=vdev,name=net_null9/class=eth'))?.plain).toBe('net_null9');
    expect(nullBusHazard(dv('bus=vdev/class=eth/driver=net_null,size=128'))?.plain).toBe('net_null0,size=128');
    // A class DPDK does not register fails its layered parse cleanly (DPDK falls back to NAME,ARGS); a bus layer resolves the bus.
    expect(nullBusHazard(dv('net_null0/class=foo'))).toBeNull();
    expect(nullBusHazard(dv('bus=vdev/driver=net_null'))).toBeNull();
    expect(nullBusHazard(dv('net_null0/bus=vdev,name=x/class=eth'))).toBeNull();
    // A value holding "/class=eth" cuts the string too: the hint names the value.
    expect(nullBusHazard(dv('net_pcap0,tx_pcap=/tmp/a/class=eth'))?.hint).toMatch(/tx_pcap=.*holds "\/class="/);
  });

  it('check and probe refuse it without touching the EAL and give the form that works; with --force the EAL does crash there', () => {
    const bad = 'bus=vdev,name=net_null9/class=eth';
    const r = runCli(['--json', '-q'], { input: [`check ${bad}`, 'info inferior', `probe ${bad}`, 'info inferior', 'probe net_null9', `probe --force ${bad}`].join('\n') + '\n' });
    const [check, before, refused, after, plain, forced] = r.json;
    expect(check.data.findings[0]).toMatchObject({ code: 'would-crash', severity: 'error', hint: expect.stringContaining('probe net_null9') });
    expect(refused.ok).toBe(false);
    expect(refused.error).toMatchObject({ code: 'would-crash', message: expect.stringMatching(/local_dev_probe/), hint: expect.stringContaining('probe net_null9') });
    // Not sent to the EAL: the same process serves before and after, and nothing died.
    expect(after.data.pid).toBe(before.data.pid);
    expect(plain.ok).toBe(true);
    expect(forced.error?.code).toBe('inferior-crashed');
    expect(JSON.stringify(forced.data)).toMatch(/local_dev_probe/);
  });
});
