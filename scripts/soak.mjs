#!/usr/bin/env node
// Soak: N attach/detach cycles across the vdev drivers of this build in ONE EAL, then checks that
// nothing leaked: ports, file descriptors of the inferior AND the shell (from the end of the
// first round over every device, when one-time opens are done), kernel interfaces, RSS (inferior
// and shell; growth measured after a warm-up, where the allocators have settled, on medians).
//   node --expose-gc scripts/soak.mjs [--cycles 10000] [--warmup CYCLES/2] [--only PREFIX] [--json]
// Needs a built tree (bash scripts/dev-build.sh) and root (tap, veth). Creates only vdsh*
// interfaces and a temp dir, removed at the end even on failure. Exit 1 if a check fails.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { Session } = await import(path.join(root, 'dist/session/session.js'));

const arg = (name, def) => { const i = process.argv.indexOf(name); return i > 0 ? Number(process.argv[i + 1]) : def; };
const CYCLES = arg('--cycles', 10_000);
// Growth is judged over the second half: allocators, caches and V8 settle first (the trend shows
// the plateau); a leak keeps growing.
const WARMUP = Math.min(arg('--warmup', Math.floor(CYCLES / 2)), CYCLES - 1);
const JSON_OUT = process.argv.includes('--json');
const LIMIT_RSS = 0.05;
const only = process.argv.includes('--only') ? process.argv[process.argv.indexOf('--only') + 1] : null;

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'vdsh-soak-'));
const VETH = 'vdshsk0a', PEER = 'vdshsk0b', TAP = 'vdshsoak0';
const links = () => fs.readdirSync('/sys/class/net').filter((n) => n === TAP || n.startsWith('dtap') || n.startsWith('vdshsk')).sort();
const cleanup = () => {
  for (const l of [VETH, TAP]) if (fs.existsSync(`/sys/class/net/${l}`)) try { execFileSync('ip', ['link', 'delete', l]); } catch { /* gone */ }
  fs.rmSync(tmp, { recursive: true, force: true });
};
process.on('SIGINT', () => { cleanup(); process.exit(130); });

const DEVICES = [
  'net_null0,size=64',
  'net_ring0',
  `net_pcap0,tx_pcap=${tmp}/soak.pcap`,
  `net_tap0,iface=${TAP}`,
  `net_af_packet0,iface=${VETH}`,
  `net_vhost0,iface=${tmp}/vhost.sock`,
  'eth_null1,no-rx=1',
].filter((d) => !only || d.startsWith(only));

const shellKb = () => { globalThis.gc?.(); return Math.round(process.memoryUsage().rss / 1024); };
const heapKb = () => Math.round(process.memoryUsage().heapUsed / 1024);
function makeVeth() {
  if (fs.existsSync(`/sys/class/net/${VETH}`)) return;
  execFileSync('ip', ['link', 'add', VETH, 'type', 'veth', 'peer', 'name', PEER]);
  execFileSync('ip', ['link', 'set', VETH, 'up']);
}
const median = (xs) => { const v = [...xs].sort((a, b) => a - b); return v[Math.floor(v.length / 2)]; };
/** % growth from the first fifth of the samples to the last fifth (medians); null with too few samples. */
function growth(xs) {
  if (xs.length < 10) return null;
  const k = Math.floor(xs.length / 5);
  const a = median(xs.slice(0, k)), b = median(xs.slice(-k));
  return Math.round(((b - a) / a) * 1000) / 10;
}
const rssKb = (pid) => Number(/VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))[1]);
const fds = (pid) => fs.readdirSync(`/proc/${pid}/fd`).length;

let session;
// Per device: how often it attached, and the driver the EAL said claimed it (not this list's word).
const report = { cycles: CYCLES, warmup: WARMUP, devices: Object.fromEntries(DEVICES.map((d) => [d.split(',')[0], { attached: 0, detached: 0, drivers: [] }])), failures: 0, failedSamples: [], trend: [] };
try {
  makeVeth();
  session = new Session();
  await session.ready();
  const pid = session.inferior.pid;
  const linksBefore = links();
  const start = { ports: (await session.ports()).length, fds: fds(pid), shellFds: fds(process.pid), rssKb: rssKb(pid), shellRssKb: shellKb() };
  let base, firstRound;
  // RSS after warm-up, sampled ~50 times: growth compares the median of the last fifth of the
  // samples with the median of the first fifth, so one allocator's jitter (a few %) is not a leak
  // and a steady leak is.
  const SAMPLE_EVERY = Math.max(1, Math.floor((CYCLES - WARMUP) / 50));
  const samples = [];
  const t0 = performance.now();
  for (let i = 0; i < CYCLES; i++) {
    if (i === DEVICES.length) firstRound = { fds: fds(pid), shellFds: fds(process.pid) };
    if (i === WARMUP) base = { fds: fds(pid), shellFds: fds(process.pid), rssKb: rssKb(pid), shellRssKb: shellKb() };
    if (i >= WARMUP && (i - WARMUP) % SAMPLE_EVERY === 0) samples.push({ rssKb: rssKb(pid), shellRssKb: shellKb() });
    if (i > 0 && i % 1000 === 0) report.trend.push({ cycle: i, rssKb: rssKb(pid), fds: fds(pid), shellRssKb: shellKb(), shellHeapKb: heapKb(), s: Math.round((performance.now() - t0) / 100) / 10 });
    const d = DEVICES[i % DEVICES.length];
    // Our veth deleted by someone else is not a leak of ours: count it, put it back.
    if (d.includes(VETH) && !fs.existsSync(`/sys/class/net/${VETH}`)) { report.vethRecreated = (report.vethRecreated ?? 0) + 1; makeVeth(); }
    const rec = await session.probe(d, { history: false });
    const dev = report.devices[d.split(',')[0]];
    if (rec.driver && !dev.drivers.includes(rec.driver)) dev.drivers.push(rec.driver);
    if (rec.matched) dev.matched = rec.matched.matched;
    if (!rec.ok || !rec.port) {
      report.failures++;
      if (report.failedSamples.length < 5) report.failedSamples.push({ cycle: i, devargs: d, ret: rec.ret, log: rec.log.map((l) => l.text) });
      continue;
    }
    dev.attached++;
    const r = await session.detach(rec.port);
    if (r.removed) dev.detached++;
    else {
      report.failures++;
      if (report.failedSamples.length < 5) report.failedSamples.push({ cycle: i, devargs: d, detach: r.ret });
    }
  }
  report.trend.push({ cycle: CYCLES, rssKb: rssKb(pid), fds: fds(pid), shellRssKb: shellKb(), shellHeapKb: heapKb(), s: Math.round((performance.now() - t0) / 100) / 10 });
  const end = { ports: (await session.ports()).length, fds: fds(pid), shellFds: fds(process.pid), rssKb: rssKb(pid), shellRssKb: shellKb() };
  base ??= start;
  firstRound ??= start;
  const linksAfter = links();
  Object.assign(report, {
    seconds: Math.round((performance.now() - t0) / 100) / 10,
    start, afterFirstRound: firstRound, afterWarmup: base, end,
    leakedPorts: end.ports - start.ports,
    leakedFds: end.fds - firstRound.fds,
    shellLeakedFds: end.shellFds - firstRound.shellFds,
    // The same EAL throughout: a restart would reset every count above.
    samePid: session.inferior.pid === pid && session.inferior.alive,
    leakedInterfaces: linksAfter.filter((l) => !linksBefore.includes(l)),
    rssSamples: samples.length,
    rssGrowth: growth(samples.map((x) => x.rssKb)),
    shellRssGrowth: growth(samples.map((x) => x.shellRssKb)),
  });
  report.pass = report.failures === 0 && report.samePid && report.leakedPorts === 0 && report.leakedFds <= 0 && report.shellLeakedFds <= 0 && report.leakedInterfaces.length === 0 &&
    report.rssGrowth !== null && report.rssGrowth < LIMIT_RSS * 100 && report.shellRssGrowth < LIMIT_RSS * 100;
} finally {
  await session?.close();
  cleanup();
}
if (JSON_OUT) process.stdout.write(JSON.stringify(report) + '\n');
else {
  const r = report;
  console.log(`soak: ${r.cycles} attach/detach cycles over ${Object.keys(r.devices).join(', ')} in ${r.seconds} s`);
  console.log(`  failures ${r.failures}${r.vethRecreated ? ` (our veth was deleted from outside ${r.vethRecreated}x and recreated)` : ''}${r.failedSamples.length ? ' e.g. ' + JSON.stringify(r.failedSamples[0]) : ''}`);
  console.log(`  ports    start ${r.start.ports} end ${r.end.ports} (leaked ${r.leakedPorts})`);
  console.log(`  fds      inferior after one round ${r.afterFirstRound.fds} end ${r.end.fds} (leaked ${r.leakedFds}); shell ${r.afterFirstRound.shellFds} -> ${r.end.shellFds} (leaked ${r.shellLeakedFds})`);
  console.log(`  ifaces   leaked ${r.leakedInterfaces.length ? r.leakedInterfaces.join(' ') : 'none'}`);
  console.log(`  RSS      inferior ${r.start.rssKb} -> ${r.afterWarmup.rssKb} (warm) -> ${r.end.rssKb} kB: ${r.rssGrowth}%; shell ${r.afterWarmup.shellRssKb} -> ${r.end.shellRssKb} kB: ${r.shellRssGrowth}% (medians of ${r.rssSamples} samples, first fifth to last)`);
  console.log(`  trend    ${r.trend.map((t) => `${t.cycle}: inferior ${t.rssKb}kB ${t.fds}fd, shell ${t.shellRssKb}kB heap ${t.shellHeapKb}kB`).join('\n           ')}`);
  console.log(`  from the very start: inferior +${Math.round(((r.end.rssKb - r.start.rssKb) / r.start.rssKb) * 1000) / 10}%, shell +${Math.round(((r.end.shellRssKb - r.start.shellRssKb) / r.start.shellRssKb) * 1000) / 10}%`);
  console.log(r.pass ? 'PASS' : 'FAIL');
}
process.exitCode = report.pass ? 0 : 1;
