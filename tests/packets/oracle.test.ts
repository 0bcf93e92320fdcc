// testpmd from the same build as the oracle for forwarding: its io mode from an rx_pcap port to a
// tx_pcap port writes the same packets, in the same order, as `fwd` does; its stats agree.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { tmpDir } from '../helpers/tmp.js';
import { testpmdPath } from '../../src/util/paths.js';
import { testpmdEal } from '../helpers/testpmd.js';
import { readCapture } from '../../src/packets/capture-file.js';
import { pcapFile, sampleFrames } from './frames.js';

const N = 120;
const records = (file: string): Buffer[] => {
  try { return readCapture(fs.readFileSync(file)).packets.map((p) => Buffer.from(p.data)); } catch { return []; }
};

/** testpmd io forwarding; waits for the condition "out.pcap holds N packets", then presses enter. */
function testpmdIo(inFile: string, outFile: string, dir: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const eal = testpmdEal();
    const tp = spawn(testpmdPath(), [...eal.args,
      '--vdev', `net_pcap0,rx_pcap=${inFile}`, '--vdev', `net_pcap1,tx_pcap=${outFile}`, '--', '--forward-mode=io', '--total-num-mbufs=2048',
      // testpmd drains every rx queue before it starts forwarding (flush_fwd_rx_queues): for an
      // rx_pcap port that would read the whole file away.
      '--no-flush-rx'],
    { cwd: dir, stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    tp.stdout.on('data', (b) => { out += b.toString(); });
    tp.stderr.on('data', (b) => { out += b.toString(); });
    const poll = setInterval(() => {
      if (records(outFile).length >= N) { clearInterval(poll); tp.stdin.write('\n'); }
    }, 20); // polling a condition, not sleeping for an assumed time
    const guard = setTimeout(() => { clearInterval(poll); tp.kill('SIGKILL'); }, 30_000);
    tp.on('exit', () => { clearTimeout(guard); clearInterval(poll); eal.done(); resolve(out); });
    tp.on('error', (e) => { eal.done(); reject(e); });
  });
}

describe('fwd against testpmd io forwarding', () => {
  it('the same packets come out, in the same order, with the same counts', async () => {
    const dir = tmpDir();
    const base = sampleFrames();
    const frames = Array.from({ length: N }, (_, i) => { const f = [...base[i % base.length]]; f[f.length - 1] = i & 0xff; return f; });
    const inFile = path.join(dir, 'in.pcap');
    fs.writeFileSync(inFile, pcapFile(frames));
    const tpOut = path.join(dir, 'testpmd.pcap');
    const vsOut = path.join(dir, 'vdev.pcap');
    const tpText = await testpmdIo(inFile, tpOut, dir);
    const r = runCli(['-batch', '--json', '-ex', `probe net_pcap0,rx_pcap=${inFile}`, '-ex', `probe net_pcap1,tx_pcap=${vsOut}`, '-ex', 'fwd 0 1']);
    expect(r.status, r.stdout + r.stderr).toBe(0);
    const theirs = records(tpOut);
    const ours = records(vsOut);
    expect(theirs).toHaveLength(N);
    expect(ours).toEqual(theirs);
    // testpmd's end-of-run totals: port 0 received N, port 1 sent N.
    const rxTotals = [...tpText.matchAll(/RX-packets:\s+(\d+)/g)].map((m) => Number(m[1]));
    const txTotals = [...tpText.matchAll(/TX-packets:\s+(\d+)/g)].map((m) => Number(m[1]));
    expect(rxTotals).toContain(N);
    expect(txTotals).toContain(N);
    expect(r.json.at(-1)!.data).toMatchObject({ rx: N, tx: N, dropped: 0 });
  });
});
