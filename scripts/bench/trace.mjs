#!/usr/bin/env node
// Trace benchmark: bt / ops / frame / list / info line answered by vdev-shell once debug info is
// loaded, against gdb attaching to the same inferior to print the same things; and what
// recording the probe chain (backtrace symbolized + arguments and locals read at probe entry)
// adds to one probe, by A/B against an inferior started with VDEV_SHELL_TRACE=off.
// Standalone: node scripts/bench/trace.mjs [reps]
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { dist, isMain, median, tempDir } from './lib.mjs';

export const order = 50;
const round = (x, d = 3) => Math.round(x * 10 ** d) / 10 ** d;

async function timeCmd(runner, line, reps) {
  const ts = [];
  for (let i = 0; i < reps; i++) {
    const t = performance.now();
    const r = await runner.run(line);
    ts.push(performance.now() - t);
    if (!r?.ok) throw new Error(`${line}: ${r?.error?.message}`);
  }
  return median(ts);
}

function gdbPrint(pid, cmds) {
  const t = performance.now();
  const r = spawnSync('gdb', ['-p', String(pid), '-batch', '-nx', ...cmds.flatMap((c) => ['-ex', c])], { encoding: 'utf8' });
  if (!/\$1 = /.test(r.stdout)) throw new Error(`gdb printed nothing: ${r.stderr.slice(0, 300)}`);
  return performance.now() - t;
}

const traced = (pid) => /TracerPid:\s*[1-9]/.test(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));

/** gdb attach + break on the PMD probe + continue + bt, with the probe triggered through the shell. */
async function gdbBreakBt(session, pid, devargs) {
  const t = performance.now();
  const g = spawn('gdb', ['-p', String(pid), '-batch', '-nx', '-ex', 'break pmd_pcap_probe', '-ex', 'continue', '-ex', 'bt 8'], { stdio: ['ignore', 'pipe', 'ignore'] });
  let out = '';
  g.stdout.on('data', (b) => { out += b; });
  const closed = new Promise((r) => g.on('close', r));
  while (!traced(pid)) await new Promise((r) => setTimeout(r, 5));
  await session.probe(devargs);
  await closed;
  if (!/#0 .*pmd_pcap_probe/.test(out)) throw new Error('gdb bt did not stop in pmd_pcap_probe');
  return performance.now() - t;
}

/** Median time of one hotplugAdd round trip (probe + remove cycles of net_null). */
async function probeCost(session, reps) {
  const ts = [];
  for (let i = 0; i < reps + 3; i++) {
    const t = performance.now();
    const r = await session.call('hotplugAdd', { name: 'net_null_bench0', args: '' });
    const dt = performance.now() - t;
    if (r.ret !== 0) throw new Error(`probe failed: ${r.ret}`);
    await session.call('hotplugRemove', { name: 'net_null_bench0' });
    if (i >= 3) ts.push(dt); // the first probes load debug info
  }
  return median(ts);
}

export default async function benchTrace({ reps = 15 } = {}) {
  const { Session } = await dist('session/session.js');
  const { Runner } = await dist('script/runner.js');
  const tmp = tempDir('trace');
  const prev = process.env.VDEV_SHELL_TRACE;
  let on, off;
  try {
    process.env.VDEV_SHELL_TRACE = 'off';
    off = new Session();
    delete process.env.VDEV_SHELL_TRACE;
    on = new Session();
    await Promise.all([on.ready(), off.ready()]);
    const runner = new Runner(on);
    const t0 = performance.now();
    await runner.run(`probe net_pcap_pdump_0,tx_pcap=${path.join(tmp, 'report.pcap')}`);
    await runner.run('ops 0');
    await runner.run('list pmd_pcap_probe');
    const firstMs = performance.now() - t0; // includes loading the DWARF of the 40 MB addon
    const r = {
      firstProbeOpsListMs: round(firstMs, 1),
      opsMs: await timeCmd(runner, 'ops 0', reps),
      opsAllMs: await timeCmd(runner, 'ops 0 --all', reps),
      btMs: await timeCmd(runner, 'bt', reps),
      btFullMs: await timeCmd(runner, 'bt full', reps),
      frameMs: await timeCmd(runner, 'frame 1', reps),
      listMs: await timeCmd(runner, 'list vdev.c:210', reps),
      infoLineMs: await timeCmd(runner, 'info line pmd_pcap_probe', reps),
    };
    const pid = on.inferior.pid;
    const gOps = [], gBt = [];
    for (let i = 0; i < 3; i++) gOps.push(gdbPrint(pid, ['print *rte_eth_devices[0].dev_ops']));
    for (let i = 0; i < 2; i++) {
      await runner.run('port detach 0');
      gBt.push(await gdbBreakBt(on, pid, `net_pcap_pdump_0,tx_pcap=${path.join(tmp, 'report.pcap')}`));
    }
    const probeOn = await probeCost(on, reps * 2);
    const probeOff = await probeCost(off, reps * 2);
    for (const k of Object.keys(r)) r[k] = round(r[k]);
    return {
      ...r,
      gdbOpsMs: round(median(gOps), 1), gdbBreakBtMs: round(median(gBt), 1),
      opsVsGdb: round(r.opsMs / median(gOps), 5), btVsGdb: round(r.btMs / median(gBt), 5),
      gdbOverOps: Math.round(median(gOps) / r.opsMs), gdbOverBt: Math.round(median(gBt) / r.btMs),
      probeWithRecordMs: round(probeOn), probeWithoutRecordMs: round(probeOff), recordMs: round(probeOn - probeOff),
      note: 'command times are medians through the Runner (IPC to the inferior included); gdb = attach + print (ops) or attach + break + continue + bt with the probe triggered through the shell; recordMs = median hotplugAdd round trip with chain recording minus without (VDEV_SHELL_TRACE=off), net_null',
    };
  } finally {
    if (prev === undefined) delete process.env.VDEV_SHELL_TRACE; else process.env.VDEV_SHELL_TRACE = prev;
    await Promise.all([on?.close(), off?.close()]);
  }
}

export function rows(r) {
  return [
    ['`ops 0` / `bt`', `${r.opsMs.toFixed(2)} / ${r.btMs.toFixed(3)} ms`, `gdb attach+print ${r.gdbOpsMs.toFixed(0)} ms / break+bt ${r.gdbBreakBtMs.toFixed(0)} ms`, `1/${r.gdbOverOps}, 1/${r.gdbOverBt}`, ''],
    ['recording the probe chain (per probe)', `${r.recordMs.toFixed(2)} ms`, '', '', ''],
  ];
}

if (isMain(import.meta.url)) {
  console.log(JSON.stringify(await benchTrace({ reps: Number(process.argv[2] ?? 15) }), null, 2));
}
