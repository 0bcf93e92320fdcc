#!/usr/bin/env node
// attach: how long joining a running testpmd takes (the shell's secondary inferior up and the
// port list read), against testpmd itself started as a secondary of the same primary (DPDK's own
// tool for the same join, start to quit); and a probe of net_null INTO the application through
// the secondary (DPDK's multi-process hotplug) against testpmd doing the same `port attach`
// itself. Needs root for hugepages: it reserves what it needs and gives it back.
// Standalone: node scripts/bench/attach.mjs
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { dist, isMain, median, reps, round, tempDir, testpmdPath, timeRun } from './lib.mjs';

export const order = 60;

const NR = '/sys/kernel/mm/hugepages/hugepages-2048kB/nr_hugepages';
const FREE = '/sys/kernel/mm/hugepages/hugepages-2048kB/free_hugepages';
const num = (f) => Number(fs.readFileSync(f, 'utf8').trim());

/** Hugepages and a hugetlbfs mount of our own, given back by release(). */
function reserve(pages) {
  const added = Math.max(0, pages - num(FREE));
  if (added) fs.writeFileSync(NR, String(num(NR) + added));
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vdsh-huge-bench-'));
  execFileSync('mount', ['-t', 'hugetlbfs', '-o', 'pagesize=2M', 'nodev', dir]);
  return {
    dir,
    release() {
      try { execFileSync('umount', [dir]); } catch { /* not mounted */ }
      fs.rmSync(dir, { recursive: true, force: true });
      if (added) fs.writeFileSync(NR, String(Math.max(0, num(NR) - added)));
    },
  };
}

/** testpmd in interactive mode over a pipe; cmd() resolves with the ms until its next prompt. */
async function primary(binary, prefix, hugeDir) {
  const child = spawn('stdbuf', ['-o0', '-e0', binary, '-l', '0-1', '--no-pci', `--file-prefix=${prefix}`, `--huge-dir=${hugeDir}`,
    '--vdev', 'net_null0', '--', '-i', '--total-num-mbufs=2048'], { stdio: ['pipe', 'pipe', 'pipe'] });
  let out = '';
  let wake = () => {};
  const add = (b) => { out += b; wake(); };
  child.stdout.on('data', add);
  child.stderr.on('data', add);
  const until = async (from) => {
    while (!(out.slice(from).includes('\n') || from === 0) || !out.endsWith('testpmd> ')) {
      if (child.exitCode !== null) throw new Error(`testpmd ended: ${out.slice(-800)}`);
      await new Promise((r) => { wake = r; setTimeout(r, 5000); });
    }
  };
  await until(0);
  return {
    pid: child.pid,
    async cmd(line) {
      const from = out.length;
      const t = process.hrtime.bigint();
      child.stdin.write(line + '\n');
      await until(from);
      return { ms: Number(process.hrtime.bigint() - t) / 1e6, text: out.slice(from) };
    },
    async quit() {
      child.stdin.write('quit\n');
      const k = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await new Promise((r) => (child.exitCode !== null ? r() : child.once('exit', r)));
      clearTimeout(k);
    },
  };
}

export default async function benchAttach({ n = reps() } = {}) {
  if (process.getuid?.() !== 0) return { skipped: 'needs root (hugepages)' };
  const binary = await testpmdPath();
  const prefix = `vdsh-bench-${process.pid}`;
  const huge = reserve(96);
  const tmp = tempDir('attach');
  let tp;
  const { Session } = await dist('session/session.js');
  const { attachApp, leaveTarget } = await dist('session/target-attach.js');
  const { inspectPid } = await dist('target/app.js');
  const session = new Session();
  try {
    tp = await primary(binary, prefix, huge.dir);
    await session.ready();
    const app = inspectPid(tp.pid);
    // Time to attach: inspect /proc, join as a secondary, read the port list.
    const joins = [], leaves = [];
    for (let i = 0; i < n; i++) {
      const t = performance.now();
      const r = await attachApp(session, inspectPid(tp.pid));
      if (r.code) throw new Error(`attach failed: ${r.message}`);
      joins.push(performance.now() - t);
      const t2 = performance.now();
      await leaveTarget(session);
      leaves.push(performance.now() - t2);
    }
    // testpmd joining the same primary as a secondary, start to quit.
    const quitFile = path.join(tmp, 'quit.cmd');
    fs.writeFileSync(quitFile, 'quit\n');
    const tpJoins = [];
    for (let i = 0; i < n; i++) {
      tpJoins.push(timeRun(binary, ['--proc-type=secondary', `--file-prefix=${prefix}`, '-l', '0-1', '--no-pci', '--no-telemetry', '--', '-i', `--cmdline-file=${quitFile}`], { cwd: tmp }));
    }
    // A probe into the application: through the shell's secondary, and testpmd's own port attach.
    const r = await attachApp(session, app);
    if (r.code) throw new Error(`attach failed: ${r.message}`);
    const shellProbe = [], tpProbe = [];
    for (let i = 0; i < n; i++) {
      const rec = await session.probe('net_null5', { history: false });
      if (!rec.ok) throw new Error(`probe into the application failed: ${rec.log.map((l) => l.text).join(' | ')}`);
      shellProbe.push(rec.ms);
      const d = await session.detachRef('net_null5');
      if (!d?.removed) throw new Error('port detach of net_null5 failed');
      const a = await tp.cmd('port attach net_null6');
      if (!/is attached/.test(a.text)) throw new Error(`testpmd port attach failed: ${a.text.slice(-300)}`);
      tpProbe.push(a.ms);
      const port = /Port (\d+) is attached/.exec(a.text)[1];
      await tp.cmd(`port stop ${port}`);
      await tp.cmd(`port detach ${port}`);
    }
    await leaveTarget(session);
    void app;
    return {
      attachMs: round(median(joins)), detachMs: round(median(leaves)), testpmdSecondaryStartQuitMs: round(median(tpJoins)),
      probeIntoAppMs: round(median(shellProbe), 2), testpmdPortAttachMs: round(median(tpProbe), 2), reps: n,
    };
  } finally {
    await session.close();
    await tp?.quit();
    fs.rmSync(`/var/run/dpdk/${prefix}`, { recursive: true, force: true });
    try { fs.rmdirSync('/var/run/dpdk'); } catch { /* others use it */ }
    huge.release();
  }
}

export function rows(r) {
  return [
    ['attach to a running testpmd (join + port list)', `${r.attachMs.toFixed(0)} ms`, `testpmd as a secondary, start to quit ${r.testpmdSecondaryStartQuitMs.toFixed(0)} ms`, `${(r.attachMs / r.testpmdSecondaryStartQuitMs).toFixed(2)}x`, ''],
    ['probe net_null into the application', `${r.probeIntoAppMs.toFixed(2)} ms`, `testpmd port attach ${r.testpmdPortAttachMs.toFixed(2)} ms`, `${(r.probeIntoAppMs / r.testpmdPortAttachMs).toFixed(2)}x`, ''],
  ];
}

if (isMain(import.meta.url)) console.log(JSON.stringify(await benchAttach(), null, 2));
