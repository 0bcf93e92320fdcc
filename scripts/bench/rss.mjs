#!/usr/bin/env node
// Peak RSS with a port attached (net_pcap writing a file), read from /proc while the processes
// live: testpmd against vdev-shell's shell process plus its inferior.
// Standalone: node scripts/bench/rss.mjs
import { spawn } from 'node:child_process';
import { cliPath, hwmKb, isMain, tempDir, testpmdPath, TESTPMD_EAL } from './lib.mjs';

export const order = 30;

/** Runs cmd, feeds it commands, and once readyRe shows in its stdout sums VmHWM of pidsOf(). */
function peakWhenReady(cmd, args, commands, readyRe, pidsOf, cwd) {
  return new Promise((resolve, reject) => {
    const p = spawn(cmd, args, { stdio: ['pipe', 'pipe', 'ignore'], cwd });
    let out = '';
    let measured = false;
    p.stdout.on('data', (b) => {
      out += b.toString();
      if (!measured && readyRe.test(out)) {
        measured = true;
        const kb = pidsOf(p.pid, out).reduce((s, pid) => s + hwmKb(pid), 0);
        p.stdin.end('quit\n');
        p.once('exit', () => resolve(kb));
      }
    });
    p.on('error', reject);
    const guard = setTimeout(() => { p.kill('SIGKILL'); reject(new Error(`${cmd}: no answer within 60 s`)); }, 60_000);
    p.once('exit', () => clearTimeout(guard));
    p.stdin.write(commands.join('\n') + '\n');
  });
}

export default async function benchRss() {
  const tmp = tempDir('rss');
  const testpmd = await testpmdPath();
  // stdbuf: testpmd's stdout is a pipe here and would otherwise hold its answer in a buffer.
  const tpKb = await peakWhenReady('stdbuf', ['-oL', testpmd, ...TESTPMD_EAL, '--', '-i', '--total-num-mbufs=2048'],
    ['port attach net_pcap0,tx_pcap=rss.pcap', 'show port summary all'], /Number of available ports/, (pid) => [pid], tmp); // stdbuf execs testpmd: same pid
  const vsKb = await peakWhenReady(process.execPath, [cliPath, '--json'], ['probe net_pcap0,tx_pcap=rss.pcap', 'info inferior'],
    /"pid":\d+/, (pid, out) => [pid, Number(/"pid":(\d+)/.exec(out)[1])], tmp);
  return { testpmdMB: tpKb / 1024, vdevMB: vsKb / 1024 };
}

if (isMain(import.meta.url)) console.log(JSON.stringify(await benchRss(), null, 2));
