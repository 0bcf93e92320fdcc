// The devargs examples of DPDK's NIC guides (tests/diagnose/guides.ts reads them from the selected
// DPDK tree), as a new user would try them: check gives no error, and probe attaches each one
// exactly when testpmd from the same build attaches it. Warnings on documented usage must say
// something true and why. Interfaces are vdsh* ones this test makes (never eth0 or another host
// interface), files and sockets live in a temp dir; all removed afterwards.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CheckResult } from '../../src/diagnose/check.js';
import type { CommandResult } from '../../src/commands/types.js';
import { Session } from '../../src/session/session.js';
import { Runner } from '../../src/script/runner.js';
import { dpdkBuild } from '../../src/util/paths.js';
import { testpmdAttach } from '../helpers/testpmd.js';
import { adapt, guideExamples, isTemplate, type Adapted } from './guides.js';
import { broken, type Outcome } from './promise.js';

const links = new Set<string>();
const linkExists = (n: string): boolean => fs.existsSync(`/sys/class/net/${n}`);
const ip = (...a: string[]): void => { execFileSync('ip', a, { stdio: 'ignore' }); };
let tmp = '';
let session: Session;
let runner: Runner;

/** A veth pair (up) standing in for a host interface an example names: vdshg<name>, peer vdshg<name>p. */
function ifaceFor(name: string): string {
  const n = `vdshg${name}`.slice(0, 14);
  if (!links.has(n)) {
    links.add(n);
    if (linkExists(n)) ip('link', 'del', n);
    ip('link', 'add', n, 'type', 'veth', 'peer', 'name', `${n}p`);
    ip('link', 'set', n, 'up');
    ip('link', 'set', `${n}p`, 'up');
  }
  return n;
}
/** The name of an interface an example has net_tap/net_tun create. */
function newIface(name: string): string {
  const n = `vdshn${name}`.slice(0, 15);
  links.add(n);
  return n;
}

/** A capture with one 60-byte Ethernet frame (broadcast, ethertype 0x0800, zero payload). */
function writePcap(file: string): void {
  const hdr = Buffer.from('d4c3b2a1020004000000000000000000ffff000001000000', 'hex');
  const rec = Buffer.alloc(16); rec.writeUInt32LE(60, 8); rec.writeUInt32LE(60, 12);
  const frame = Buffer.alloc(60); frame.fill(0xff, 0, 6); frame.writeUInt16BE(0x0800, 12);
  fs.writeFileSync(file, Buffer.concat([hdr, rec, frame]));
}

let examples: Adapted[] = [];
beforeAll(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'vdsh-guides-'));
  examples = guideExamples().filter((e) => !isTemplate(e)).map((e) => adapt(e, { dir: tmp, ifaceFor, newIface }));
  for (const e of examples) for (const m of e.devargs.matchAll(/rx_pcap=([^,]+)/g)) writePcap(m[1]);
  session = new Session();
  runner = new Runner(session);
  await session.ready();
});
afterAll(async () => {
  await session?.close();
  for (const l of links) if (linkExists(l)) ip('link', 'del', l);
  fs.rmSync(tmp, { recursive: true, force: true });
});

/** Warnings on documented usage that say something true, and why (the rest are noise on a guide's own example). */
const TRUE_WARNINGS: Record<string, RegExp> = {
  // check: an undeclared key the driver's own parser takes (net_tap persist), with the source line.
  'key-undeclared': /parser accepts it \(drivers\/net\/\S+:\d+\): the driver reads it|attached these devargs in a scratch EAL/,
  // probe: a key given twice, saying what the driver does with the copies.
  'key-repeated': /is given \d+ times; .*(ignored|handles each one)/,
  // probe: the device went to the driver through its alias (eth_af_packet0), which is how the guide names it.
  'name-alias': /claimed through \S+'s alias/,
  // probe: net_tap's persist (the tap guide's example) leaves the interface on the host, read from its tun_flags.
  'iface-persists': /is persistent \(IFF_PERSIST\): it stays on the host/,
};

describe(`the NIC guides' devargs examples (DPDK ${dpdkBuild().version})`, () => {
  it('are found in every guide that has them', () => {
    const guides = new Set(examples.map((e) => e.guide));
    for (const g of ['pcap_ring', 'tap', 'af_packet', 'null', 'vhost']) expect(guides).toContain(g);
    expect(examples.length).toBeGreaterThanOrEqual(20);
    // Interfaces are only ever ours.
    for (const e of examples) for (const m of e.devargs.matchAll(/(?:iface|rx_iface|rx_iface_in|tx_iface|remote)=([^,/]+)(?=,|$)/g)) expect(m[1], e.devargs).toMatch(/^vdsh/);
  });

  it('check gives none of them an error; probe attaches each exactly where testpmd does; warnings say something true', async () => {
    const wrong: string[] = [];
    const table: string[] = [];
    const outs: Outcome[] = [];
    for (const e of examples) {
      const check = (await runner.run(`check ${e.devargs}`))! as CommandResult<CheckResult>;
      const probe = (await runner.run(`probe ${e.devargs}`))!;
      for (const p of await session.ports()) await runner.run(`port detach ${p.port}`);
      if ((await session.ports()).length) await runner.run('run');
      // persist keeps the kernel interface after the port is gone: remove it before testpmd makes it again.
      for (const l of links) if (l.startsWith('vdshn') && linkExists(l)) ip('link', 'del', l);
      const pmd = testpmdAttach([e.devargs], tmp)[0];
      for (const l of links) if (l.startsWith('vdshn') && linkExists(l)) ip('link', 'del', l);
      outs.push({ input: e.devargs, check, probe });
      const where = `${e.guide}.rst:${e.line} ${e.devargs}`;
      const errors = (check.data?.findings ?? []).filter((f) => f.severity === 'error');
      if (errors.length) wrong.push(`${where}: check error ${errors.map((f) => `${f.code}: ${f.message}`).join('; ')}`);
      if (probe.ok !== !!pmd?.ok) wrong.push(`${where}: probe ${probe.ok ? 'attached' : `failed (${probe.error?.message})`}, testpmd ${pmd?.ok ? 'attached' : 'refused'}`);
      const warnings = [
        ...(check.data?.findings ?? []).filter((f) => f.severity === 'warning').map((f) => ({ code: f.code, message: f.message })),
        ...(((probe.data as { warnings?: { code: string; message: string }[] } | null)?.warnings) ?? []),
      ];
      for (const w of warnings) if (!TRUE_WARNINGS[w.code]?.test(w.message)) wrong.push(`${where}: warning ${w.code}: ${w.message}`);
      table.push(`${where}  check ${check.ok ? 'ok' : 'error'}  probe ${probe.ok ? 'attached' : probe.error?.code}  testpmd ${pmd?.ok ? 'attached' : 'refused'}${e.changes.length ? `  [${e.changes.join('; ')}]` : ''}`);
    }
    console.log(table.join('\n'));
    expect(wrong).toEqual([]);
    expect(broken(outs)).toEqual([]);
  }, 300_000);
});
