#!/usr/bin/env node
// Soak: N attach/detach cycles across the vdev drivers of this build in ONE EAL, then checks that
// nothing leaked: ports, the inferior's file descriptors, kernel interfaces, RSS (inferior and
// shell; growth measured from after a warm-up, where the allocators have settled).
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
const rssKb = (pid) => Number(/VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))[1]);
const fds = (pid) => fs.readdirSync(`/proc/${pid}/fd`).length;

let session;
const report = { cycles: CYCLES, warmup: WARMUP, drivers: DEVICES.map((d) => d.split(',')[0]), failures: 0, failedSamples: [], trend: [] };
try {
  makeVeth();
  session = new Session();
  await session.ready();
  const pid = session.inferior.pid;
  const linksBefore = links();
  const start = { ports: (await session.ports()).length, fds: fds(pid), rssKb: rssKb(pid), shellRssKb: shellKb() };
  let base;
  const t0 = performance.now();
  for (let i = 0; i < CYCLES; i++) {
    if (i === WARMUP) base = { fds: fds(pid), rssKb: rssKb(pid), shellRssKb: shellKb() };
    if (i > 0 && i % 1000 === 0) report.trend.push({ cycle: i, rssKb: rssKb(pid), fds: fds(pid), shellRssKb: shellKb(), shellHeapKb: heapKb(), s: Math.round((performance.now() - t0) / 100) / 10 });
    const d = DEVICES[i % DEVICES.length];
    // Our veth deleted by someone else is not a leak of ours: count it, put it back.
    if (d.includes(VETH) && !fs.existsSync(`/sys/class/net/${VETH}`)) { report.vethRecreated = (report.vethRecreated ?? 0) + 1; makeVeth(); }
    const rec = await session.probe(d, { history: false });
    if (!rec.ok || !rec.port) {
      report.failures++;
      if (report.failedSamples.length < 5) report.failedSamples.push({ cycle: i, devargs: d, ret: rec.ret, log: rec.log.map((l) => l.text) });
      continue;
    }
    const r = await session.detach(rec.port);
    if (!r.removed) {
      report.failures++;
      if (report.failedSamples.length < 5) report.failedSamples.push({ cycle: i, devargs: d, detach: r.ret });
    }
  }
  report.trend.push({ cycle: CYCLES, rssKb: rssKb(pid), fds: fds(pid), shellRssKb: shellKb(), shellHeapKb: heapKb(), s: Math.round((performance.now() - t0) / 100) / 10 });
  const end = { ports: (await session.ports()).length, fds: fds(pid), rssKb: rssKb(pid), shellRssKb: shellKb() };
  base ??= start;
  const linksAfter = links();
  Object.assign(report, {
    seconds: Math.round((performance.now() - t0) / 100) / 10,
    start, afterWarmup: base, end,
    leakedPorts: end.ports - start.ports,
    leakedFds: end.fds - base.fds,
    leakedInterfaces: linksAfter.filter((l) => !linksBefore.includes(l)),
    rssGrowth: Math.round(((end.rssKb - base.rssKb) / base.rssKb) * 1000) / 10,
    shellRssGrowth: Math.round(((end.shellRssKb - base.shellRssKb) / base.shellRssKb) * 1000) / 10,
  });
  report.pass = report.failures === 0 && report.leakedPorts === 0 && report.leakedFds <= 0 && report.leakedInterfaces.length === 0 &&
    report.rssGrowth < LIMIT_RSS * 100 && report.shellRssGrowth < LIMIT_RSS * 100;
} finally {
  await session?.close();
  cleanup();
}
if (JSON_OUT) process.stdout.write(JSON.stringify(report) + '\n');
else {
  const r = report;
  console.log(`soak: ${r.cycles} attach/detach cycles over ${r.drivers.join(', ')} in ${r.seconds} s`);
  console.log(`  failures ${r.failures}${r.vethRecreated ? ` (our veth was deleted from outside ${r.vethRecreated}x and recreated)` : ''}${r.failedSamples.length ? ' e.g. ' + JSON.stringify(r.failedSamples[0]) : ''}`);
  console.log(`  ports    start ${r.start.ports} end ${r.end.ports} (leaked ${r.leakedPorts})`);
  console.log(`  fds      after warm-up ${r.afterWarmup.fds} end ${r.end.fds} (leaked ${r.leakedFds})`);
  console.log(`  ifaces   leaked ${r.leakedInterfaces.length ? r.leakedInterfaces.join(' ') : 'none'}`);
  console.log(`  RSS      inferior ${r.start.rssKb} -> ${r.afterWarmup.rssKb} (warm) -> ${r.end.rssKb} kB: ${r.rssGrowth}%; shell ${r.afterWarmup.shellRssKb} -> ${r.end.shellRssKb} kB: ${r.shellRssGrowth}%`);
  console.log(`  trend    ${r.trend.map((t) => `${t.cycle}: inferior ${t.rssKb}kB ${t.fds}fd, shell ${t.shellRssKb}kB heap ${t.shellHeapKb}kB`).join('\n           ')}`);
  console.log(`  from the very start: inferior +${Math.round(((r.end.rssKb - r.start.rssKb) / r.start.rssKb) * 1000) / 10}%, shell +${Math.round(((r.end.shellRssKb - r.start.shellRssKb) / r.start.shellRssKb) * 1000) / 10}%`);
  console.log(r.pass ? 'PASS' : 'FAIL');
}
process.exitCode = report.pass ? 0 : 1;
