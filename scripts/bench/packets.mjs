#!/usr/bin/env node
// Packets benchmark: tx packets per second of vdev-shell's native tx loop (inside its inferior,
// through the real protocol) against testpmd's txonly mode from the same DPDK build, both on
// one forwarding core, 64-byte frames, bursts of 32, through net_null and net_pcap (tx_pcap to a
// file). Measured in one run and reported as ratios (the machine is noisy; ratios travel).
// Standalone: node scripts/bench/packets.mjs [seconds]
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { BENCH_PREFIX, dist, isMain, median, tempDir, testpmdPath } from './lib.mjs';

export const order = 70;

/** testpmd --forward-mode=txonly with --stats-period 1: the median Tx-pps of full periods. */
async function testpmdTxonly(vdev, seconds, cwd) {
  const testpmd = await testpmdPath();
  return new Promise((resolve, reject) => {
    const args = ['--no-huge', '-m', '512', '--no-pci', '--no-shconf', '-l', '0-1', '--no-telemetry', `--file-prefix=${BENCH_PREFIX}`, '--vdev', vdev,
      '--', '--forward-mode=txonly', '--stats-period', '1', '--txpkts=64', '--burst=32', '--total-num-mbufs=8192'];
    const tp = spawn(testpmd, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    const samples = [];
    let out = '';
    const need = seconds + 1; // the first period includes start-up: dropped
    tp.stdout.on('data', (b) => {
      out += b.toString();
      for (const m of out.matchAll(/Tx-pps:\s+(\d+)/g)) samples.push(Number(m[1]));
      out = out.slice(out.lastIndexOf('Tx-pps') + 1);
      const running = samples.filter((x) => x > 0);
      if (running.length >= need && tp.exitCode === null) tp.kill('SIGINT');
    });
    tp.stderr.on('data', () => undefined);
    const guard = setTimeout(() => tp.kill('SIGKILL'), (seconds + 20) * 1000);
    tp.on('exit', () => {
      clearTimeout(guard);
      const running = samples.filter((x) => x > 0).slice(1);
      if (!running.length) reject(new Error(`testpmd gave no Tx-pps samples for ${vdev}`));
      else resolve({ pps: median(running), samples: running });
    });
  });
}

/** vdev-shell: `tx` commands of 100000 packets (the per-command bound) for `seconds`, through the inferior protocol. */
async function vdevTx(session, devargs, seconds) {
  const rec = await session.probe(devargs);
  if (!rec.ok) throw new Error(`probe ${devargs} failed`);
  const port = rec.port.port;
  const st = await session.call('portStart', { port });
  if (st.ret < 0) throw new Error(`port start ${port}: ${st.errnoText}`);
  const opts = { count: 100000, size: 64, burst: 32, proto: 'udp' };
  await session.call('tx', { port, opts: { ...opts, count: 10000 } }); // warm-up
  let sent = 0, loopNs = 0;
  const t0 = process.hrtime.bigint();
  const samples = [];
  while (Number(process.hrtime.bigint() - t0) / 1e9 < seconds) {
    const r = await session.call('tx', { port, opts });
    sent += r.sent; loopNs += r.ns;
    samples.push(Math.round((r.sent * 1e9) / r.ns));
  }
  const wallNs = Number(process.hrtime.bigint() - t0);
  await session.call('portStop', { port });
  await session.detach(rec.port);
  return { pps: Math.round((sent * 1e9) / loopNs), ppsWall: Math.round((sent * 1e9) / wallNs), sent, medianPerCommand: median(samples), commands: samples.length };
}

export default async function benchPackets({ seconds = 3 } = {}) {
  const { Session } = await dist('session/session.js');
  const tmp = tempDir('packets');
  const session = new Session();
  try {
    await session.ready();
    const vNull = await vdevTx(session, 'net_null0', seconds);
    const vPcap = await vdevTx(session, `net_pcap0,tx_pcap=${path.join(tmp, 'vdsh-tx.pcap')}`, seconds);
    fs.rmSync(path.join(tmp, 'vdsh-tx.pcap'), { force: true });
    const tNull = await testpmdTxonly('net_null0', seconds, tmp);
    const tPcap = await testpmdTxonly(`net_pcap0,tx_pcap=${path.join(tmp, 'tp-tx.pcap')}`, seconds, tmp);
    return {
      nullRatio: +(vNull.pps / tNull.pps).toFixed(3),
      pcapRatio: +(vPcap.pps / tPcap.pps).toFixed(3),
      nullRatioWall: +(vNull.ppsWall / tNull.pps).toFixed(3),
      pcapRatioWall: +(vPcap.ppsWall / tPcap.pps).toFixed(3),
      vdevPpsNull: vNull.pps, vdevPpsPcap: vPcap.pps, vdevPpsNullWall: vNull.ppsWall, vdevPpsPcapWall: vPcap.ppsWall,
      testpmdPpsNull: tNull.pps, testpmdPpsPcap: tPcap.pps,
      testpmdSamplesNull: tNull.samples, testpmdSamplesPcap: tPcap.samples,
      note: 'pps = packets sent / time inside the native tx loop (testpmd: Tx-pps of full 1 s stats periods); *Wall includes one IPC round trip per 100000-packet tx command',
    };
  } finally {
    await session.close();
  }
}

export function rows(r) {
  const m = (x) => `${(x / 1e6).toFixed(2)} M`;
  return [['tx pps, net_null / net_pcap to a file', `${m(r.vdevPpsNull)} / ${m(r.vdevPpsPcap)}`, `testpmd txonly ${m(r.testpmdPpsNull)} / ${m(r.testpmdPpsPcap)}`, `${r.nullRatio.toFixed(2)}x / ${r.pcapRatio.toFixed(2)}x`, '']];
}

if (isMain(import.meta.url)) {
  const r = await benchPackets({ seconds: Number(process.argv[2] ?? 3) });
  console.log(JSON.stringify(r, null, 2));
}
