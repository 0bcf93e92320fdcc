#!/usr/bin/env node
// Peak RSS with a port attached (net_pcap writing a file), read from /proc while the processes
// live: testpmd against vdev-shell's shell process plus its inferior, started through the entry
// point users run (bin/vdev-shell: it execs into the shell's Node, so its pid is the shell's).
// Standalone: node scripts/bench/rss.mjs [--build SRC:TYPE]
import { spawn } from 'node:child_process';
import { benchBuilds, binPath, hwmKb, isMain, tempDir, testpmdPath, TESTPMD_EAL } from './lib.mjs';

export const order = 30;
export const perBuild = true;

/** Runs cmd, feeds it commands, and once readyRe shows in its stdout sums VmHWM of pidsOf(). */
function peakWhenReady(cmd, args, commands, readyRe, pidsOf, cwd, env) {
  return new Promise((resolve, reject) => {
    const p = spawn(cmd, args, { stdio: ['pipe', 'pipe', 'ignore'], cwd, env });
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
    p.once('exit', (code, sig) => {
      clearTimeout(guard);
      if (!measured) reject(new Error(`${args[1] ?? cmd} exited (${code ?? sig}) before it answered: ${out.slice(-400)}`));
    });
    p.stdin.write(commands.join('\n') + '\n');
  });
}

export default async function benchRss({ build, env = process.env } = {}) {
  const tmp = tempDir('rss');
  const testpmd = await testpmdPath(build);
  // stdbuf: testpmd's stdout is a pipe here and would otherwise hold its answer in a buffer.
  const tpKb = await peakWhenReady('stdbuf', ['-oL', testpmd, ...TESTPMD_EAL, '--', '-i', '--total-num-mbufs=2048'],
    ['port attach net_pcap0,tx_pcap=rss.pcap', 'show port summary all'], /Number of available ports/, (pid) => [pid], tmp, env); // stdbuf execs testpmd: same pid
  const vsKb = await peakWhenReady(binPath, ['--json'], ['probe net_pcap0,tx_pcap=rss.pcap', 'info inferior'],
    /"pid":\d+/, (pid, out) => [pid, Number(/"pid":(\d+)/.exec(out)[1])], tmp, env);
  return { testpmdMB: tpKb / 1024, vdevMB: vsKb / 1024 };
}

export function rows(r) {
  return [['peak RSS, shell + inferior (a net_pcap port attached)', `${r.vdevMB.toFixed(0)} MB`, `testpmd ${r.testpmdMB.toFixed(0)} MB`, `${(r.vdevMB / r.testpmdMB).toFixed(2)}x`, '<= 0.5x']];
}

if (isMain(import.meta.url)) for (const b of await benchBuilds()) console.log(b.label, JSON.stringify(await benchRss(b), null, 2));
