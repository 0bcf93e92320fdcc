// The diagnose corpus against the real EAL through the built CLI: every case gets its expected
// cause (and a fix proved in a scratch EAL where one exists), and `check` never calls fine what
// the probe rejects for a cause check claims to cover. Host objects (temp dir files, two ifb
// interfaces of the run's own, removed afterwards): tests/helpers/corpus-host.ts.
import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { corpusHost, links } from '../helpers/corpus-host.js';
import { runCli, type JsonLine } from '../helpers/cli.js';
import { CHECK_COVERS } from '../../src/diagnose/check.js';
import { proofIfaceOwner } from '../../src/diagnose/proof-iface.js';
import { testpmdAttach } from '../helpers/testpmd.js';
import { fixProblems, printedFixLines } from '../helpers/printed-commands.js';

/** cause: what the probe fails for; two when an input has two faults and the DPDK version decides which it reports. */
interface Case { devargs: string; cause: string | string[]; fix: boolean; group?: string }
const corpus: Case[] = JSON.parse(fs.readFileSync(path.join(__dirname, 'corpus.json'), 'utf8')).cases;
const host = corpusHost('c', 'vdsh-diag-');
const { IF, IFDOWN, IFMISS, sub } = host;
let plainRun: { cases: Case[]; out: { check: JsonLine; probe: JsonLine }[] } | null = null;

function causeOf(j: JsonLine | undefined): string | undefined { return j?.data?.diagnosis?.cause ?? j?.error?.code; }
const provedFix = (j: JsonLine | undefined): string | undefined => (j?.data?.diagnosis?.fixes ?? []).find((f: { verified: boolean }) => f.verified)?.commands.join('\n');

/** `check X` then `probe X` for each case, in one CLI session started in the temp dir. */
function run(cases: Case[], before: string[] = [], wrap?: string[]): { check: JsonLine; probe: JsonLine }[] {
  const json = host.run(cases.flatMap((c) => [`check ${sub(c.devargs)}`, `probe ${sub(c.devargs)}`]), before, wrap);
  return cases.map((_, i) => ({ check: json[2 * i], probe: json[2 * i + 1] }));
}

function expectCases(cases: Case[], out: { check: JsonLine; probe: JsonLine }[]): void {
  const wrong: string[] = [];
  cases.forEach((c, i) => {
    const { check, probe } = out[i];
    const cause = causeOf(probe);
    if (!probe || probe.ok) wrong.push(`${c.devargs}: probe did not fail`);
    else if (!(Array.isArray(c.cause) ? c.cause : [c.cause]).includes(cause)) wrong.push(`${c.devargs}: cause ${cause}, expected ${c.cause} (${probe.error?.message})`);
    else if (c.fix && !provedFix(probe)) wrong.push(`${c.devargs}: no proved fix (${JSON.stringify(probe.data?.diagnosis?.fixes)})`);
    // check's promise (both ways; check-property.test.ts runs it over every corpus): a covered cause
    // is named (an error, or a "might" when only a probe of the input could tell), and an error is
    // a cause the probe fails for.
    const codes: string[] = (check?.data?.findings ?? []).map((f: { code: string }) => f.code);
    if (CHECK_COVERS.includes(cause as never) && !codes.includes(cause)) wrong.push(`${c.devargs}: check did not name ${cause} (${codes.join(',') || 'nothing'})`);
    if (check && !check.ok && probe?.ok) wrong.push(`${c.devargs}: check said ${check.error!.code}, the probe attached it`);
  });
  expect(wrong).toEqual([]);
}

describe('diagnose corpus against the real EAL', () => {
  it('has at least 30 cases covering the issue\'s causes', () => {
    expect(corpus.length).toBeGreaterThanOrEqual(30);
    const causes = new Set(corpus.flatMap((c) => [c.cause].flat()));
    for (const c of ['key-wrong-driver', 'key-unknown', 'driver-unknown', 'name-in-use', 'port-limit', 'file-missing', 'dir-missing', 'not-pcap',
      'iface-missing', 'iface-name-too-long', 'value-invalid', 'arg-missing', 'backend-missing', 'bus-wrong', 'permission']) expect(causes).toContain(c);
  });

  it('names the cause of every plain case and proves a fix where one exists', () => {
    const cases = corpus.filter((c) => !c.group);
    const before = new Set(links());
    // Sessions of 20 cases: one CLI run has a minute (runCli's limit) on a loaded machine.
    const out: { check: JsonLine; probe: JsonLine }[] = [];
    for (let i = 0; i < cases.length; i += 20) out.push(...run(cases.slice(i, i + 20)));
    plainRun = { cases, out };
    expectCases(cases, out);
    // Proofs leave nothing behind: no temp capture files, none of the interfaces named in the run.
    expect(fs.readdirSync(host.tmp).filter((f) => f.startsWith('.vdsh-proof'))).toEqual([]);
    const named = new Set(JSON.stringify(out).match(/iface=[\w:.-]+/g)?.map((m) => m.slice(6)) ?? []);
    named.delete(IF); named.delete(IFDOWN);
    // A proof's own interface names the shell that made it: one whose shell is gone was left
    // behind; one of a live shell belongs to a test file running beside this one.
    const leftProof = (l: string): boolean => { const pid = proofIfaceOwner(l); return pid !== null && !fs.existsSync(`/proc/${pid}`); };
    expect(links().filter((l) => !before.has(l) && (named.has(l) || /^dtap\d+$/.test(l) || leftProof(l)))).toEqual([]);
    // The seed: DPDK's line is cited with the code that logged it.
    const seed = out[0].probe.data.diagnosis;
    expect(seed.evidence.site).toMatchObject({ fn: 'virtio_user_pmd_probe', file: 'drivers/net/virtio/virtio_user_ethdev.c' });
    expect(seed.fixes[0]).toMatchObject({ commands: [`probe net_pcap0,tx_pcap=${host.tmp}/report.pcap`], verified: true });
    // Every fix is a list of commands that each run as printed.
    expect(fixProblems(out.map((o) => o.probe.data?.diagnosis))).toEqual([]);
    // Fixes keep the intent: one that changes what was asked is never first, and a capture to
    // read stays a capture to read in fix 1.
    const intent: string[] = [];
    cases.forEach((c, i) => {
      const fixes: { commands: string[]; changesIntent?: string }[] = out[i].probe.data?.diagnosis?.fixes ?? [];
      if (fixes.length > 1 && fixes[0].changesIntent && fixes.some((f) => !f.changesIntent)) intent.push(`${c.devargs}: fix 1 ${fixes[0].changesIntent}`);
      if (/rx_pcap=/.test(c.devargs) && fixes[0] && !/rx_pcap=/.test(fixes[0].commands.at(-1)!)) intent.push(`${c.devargs}: fix 1 no longer reads a capture`);
    });
    expect(intent).toEqual([]);
    expect(fs.existsSync(path.join(host.tmp, 'report.pcap'))).toBe(false); // the proof wrote a temp file, not the user's
  }, 300_000);

  it('oracle: testpmd (same build) refuses every original and attaches every single-step proved fix', () => {
    expect(plainRun).not.toBeNull();
    const { cases, out } = plainRun!;
    // Originals testpmd can take (plain devargs that reach a driver).
    const originals = cases.map((c, i) => ({ c, j: out[i].probe })).filter(({ c, j }) => j.data && !/^rte_eal|^--|[:=]/.test(c.devargs.split(',')[0]));
    // testpmd enables promiscuous mode on every port it attaches, and af_packet's close never puts
    // it back: a fix naming a host interface (the one the user most likely meant) runs on IF here.
    const ownIface = (d: string): string => d.replace(/\b(iface|rx_iface|rx_iface_in|tx_iface|remote)=([^,]+)/g, (m, k: string, v: string) => (links().includes(v) && !v.startsWith('vdsh') ? `${k}=${IF}` : m));
    // A fix whose driver makes an interface under DPDK's default name (net_tun0 -> dtun0) was proved
    // under a name of the shell's (its note says which key): testpmd gets one of the test's.
    let owned = 0;
    const ownNew = (d: string, note?: string): string => {
      const key = /(\w+)=vdsh\w+ in place of DPDK's default name/.exec(note ?? '')?.[1];
      return key ? `${d},${key}=vdshor${owned++}` : d;
    };
    const fixes = out.flatMap((o) => (o.probe.data?.diagnosis?.fixes ?? []).filter((f: { verified: boolean; commands: string[] }) => f.verified && f.commands.length === 1).map((f: { commands: string[]; note?: string }) => ownNew(ownIface(f.commands[0].replace(/^probe /, '')), f.note)));
    // testpmd keeps every attached name and port: one run per set of distinct names, under RTE_MAX_ETHPORTS.
    const batches: string[][] = [];
    for (const d of [...originals.map(({ c }) => sub(c.devargs)), ...fixes]) {
      const name = d.split(',')[0];
      const b = batches.find((x) => x.length < 30 && !x.some((y) => y.split(',')[0] === name)); // 32 ports per testpmd
      if (b) b.push(d); else batches.push([d]);
    }
    const results = new Map<string, boolean>();
    const said = new Map<string, string>();
    for (const b of batches) for (const r of testpmdAttach(b, host.tmp)) { results.set(r.devargs, r.ok); said.set(r.devargs, r.lines.slice(0, 3).join(' | ')); }
    const wrong = [
      ...originals.filter(({ c }) => results.get(sub(c.devargs)) !== false).map(({ c }) => `testpmd attached ${c.devargs}`),
      ...fixes.filter((f) => results.get(f) !== true).map((f) => `testpmd refused proved fix ${f}: ${said.get(f) ?? 'not run'}`),
    ];
    expect(fixes.length).toBeGreaterThan(20);
    expect(wrong).toEqual([]);
  }, 120_000);

  it('name-in-use: says which port holds the name', () => {
    const cases = corpus.filter((c) => c.group === 'name-in-use');
    const out = run(cases, ['probe net_null9']);
    expectCases(cases, out);
    expect(out[0].probe.error?.message).toMatch(/port 0/);
  }, 60_000);

  it('name-in-use after port close: the device stays on the vdev bus (check knows it too)', () => {
    const c: Case = { devargs: 'net_null8', cause: 'name-in-use', fix: true };
    const out = run([c], ['probe net_null8', 'port close 0']);
    expectCases([c], out);
    expect(out[0].probe.error?.message).toMatch(/already probed|closed/);
  }, 60_000);

  it('port-limit: the 33rd port fails and the limit is named', () => {
    const cases = corpus.filter((c) => c.group === 'port-limit');
    const out = run(cases, Array.from({ length: 32 }, (_, i) => `probe net_null${i}`));
    expectCases(cases, out);
    expect(out[0].probe.error?.message).toMatch(/32/);
  }, 60_000);

  it('permission: without CAP_NET_ADMIN/CAP_NET_RAW (capsh)', () => {
    const cases = corpus.filter((c) => c.group === 'permission');
    const out = run(cases, [], ['capsh', '--drop=cap_net_admin,cap_net_raw', '--', '-c', 'exec "$@"', 'sh']);
    expectCases(cases, out);
  }, 60_000);

  it('a probe that crashes or blocks the throwaway EAL: crash/hang, the culprit key found by ablation, session untouched', () => {
    const fifo = path.join(host.tmp, 'fifo');
    execFileSync('mkfifo', [fifo]);
    const r = runCli(['-batch', '--json', '-ex', 'probe net_null0', '-ex', 'diagnose net_ring1,internal=0', '-ex', `diagnose net_pcap1,rx_pcap=${fifo}`, '-ex', 'show port summary all'], { cwd: host.tmp });
    const [, crash, hang, ports] = r.json;
    expect(crash.data.diagnosis).toMatchObject({ cause: 'crash', evidence: { key: 'internal' } });
    expect(crash.data.diagnosis.fixes[0]).toMatchObject({ commands: ['probe net_ring1'], verified: true });
    expect(hang.data.diagnosis.cause).toBe('hang');
    expect(JSON.stringify(ports.data)).toMatch(/net_null0/); // the user's EAL kept its port
  }, 60_000);

  it('diagnose DEVARGS probes in a throwaway EAL, diagnose alone explains the last failure', () => {
    // Its own directory: the testpmd oracle above writes capture files into the temp dir for real.
    const dir = fs.mkdtempSync(path.join(host.tmp, 'own-'));
    const r = runCli(['-batch', '--json', '-ex', 'diagnose virtio_user0,tx_pcap=x.pcap', '-ex', 'show port summary all', '-ex', 'probe net_pcap0,tx_pcapp=x.pcap', '-ex', 'diagnose --explain', '-ex', 'diagnose net_null0'], { cwd: dir });
    const [d1, ports, , d2, d3] = r.json;
    expect(d1.data.source).toBe('scratch');
    expect(d1.data.diagnosis.cause).toBe('key-wrong-driver');
    expect(JSON.stringify(ports.data)).not.toMatch(/net_pcap0|virtio_user0/); // nothing reached the user's EAL
    expect(d2.data).toMatchObject({ source: 'probe', explain: true });
    expect(d2.data.diagnosis.cause).toBe('key-unknown');
    expect(d2.data.diagnosis.summary).toMatch(/did you mean tx_pcap/);
    expect(d3.data.diagnosis).toBeNull();
    expect(fs.readdirSync(dir)).toEqual([]); // proofs wrote temp files, removed; never x.pcap
  }, 60_000);
});
