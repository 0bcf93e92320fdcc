// testpmd from the same DPDK build as the behavioural oracle: runs `port attach` for each devargs
// and reads back, per attach, whether a port appeared, the DPDK lines it logged, and the MAC.
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { testpmdPath } from '../../src/util/paths.js';
import { runtimeBase } from '../../src/util/runtime-dir.js';

export interface TestpmdAttach { devargs: string; ok: boolean; port: number | null; lines: string[]; mac: string | null }

let runs = 0;
/**
 * testpmd's EAL options for one run: no hugepages or PCI, nothing shared, and a file prefix of the
 * test's own. DPDK makes its runtime directory (<base>/<prefix>) even with --no-shconf and never
 * removes it: without --file-prefix every run left /var/run/dpdk/rte. `done` removes it.
 */
export function testpmdEal(): { args: string[]; done(): void } {
  const prefix = `vdsh-tp-${process.pid}-${++runs}`;
  return {
    args: ['--no-huge', '-m', '256', '--no-pci', '--no-shconf', '-l', '0-1', '--no-telemetry', `--file-prefix=${prefix}`],
    done: () => fs.rmSync(path.join(runtimeBase(), prefix), { recursive: true, force: true }),
  };
}

export function testpmdAttach(devargsList: string[], dir: string): TestpmdAttach[] {
  const cmd = path.join(dir, 'testpmd.cmd');
  const lines = devargsList.map((d) => `port attach ${d}`);
  // show port info for every port id that may have appeared
  for (let p = 0; p < devargsList.length; p++) lines.push(`show port info ${p}`);
  lines.push('quit');
  fs.writeFileSync(cmd, lines.join('\n') + '\n');
  // stdbuf and one file for stdout and stderr keep testpmd's words and DPDK's lines in order.
  const outFile = path.join(dir, 'testpmd.out');
  const fd = fs.openSync(outFile, 'w');
  const eal = testpmdEal();
  try {
    spawnSync('stdbuf', ['-oL', '-eL', testpmdPath(), ...eal.args,
      '--', '-i', '--total-num-mbufs=2048', `--cmdline-file=${cmd}`], { cwd: dir, timeout: 60_000, stdio: ['ignore', fd, fd] });
  } finally {
    fs.closeSync(fd);
    eal.done();
  }
  const out = fs.readFileSync(outFile, 'utf8').split('\n');
  const results: TestpmdAttach[] = [];
  let cur: TestpmdAttach | null = null;
  for (const line of out) {
    if (line === 'Attaching a new port...') {
      cur = { devargs: devargsList[results.length], ok: false, port: null, lines: [], mac: null };
      results.push(cur);
      continue;
    }
    if (!cur) continue;
    const attached = /^Port (\d+) is attached\./.exec(line);
    if (attached) { cur.ok = true; cur.port = Number(attached[1]); cur = null; continue; }
    // A failed attach that DPDK reports as success (name already probed) prints no verdict:
    // the next command's output ends the block.
    if (line.startsWith('testpmd: Failed to attach port') || line === 'Done' || line === '' || line.startsWith('Read CLI commands') ||
      line.startsWith('*****') || line.startsWith('The valid ports') || line.startsWith('Invalid port') ||
      // testpmd from 24.11 on echoes each line of the command file, after its prompt
      // ("testpmd> show port info 0", 24.11.6) or its name ("[testpmd.cmd] show port info 0")
      line.startsWith('[testpmd.cmd] ') || line.startsWith('testpmd> ')) { cur = null; continue; }
    // testpmd's own words (testpmd: ..., its NUMA warning) are not DPDK log lines.
    if (!line.startsWith('testpmd:') && !line.startsWith('Warning: NUMA')) cur.lines.push(line);
  }
  // MACs from "show port info N" blocks
  let infoPort: number | null = null;
  for (const line of out) {
    const h = /Infos for port (\d+)/.exec(line);
    if (h) infoPort = Number(h[1]);
    const m = /^MAC address: (\S+)/.exec(line);
    if (m && infoPort !== null) {
      const att = results.find((x) => x.port === infoPort);
      if (att) att.mac = m[1];
      infoPort = null;
    }
  }
  return results;
}

/**
 * What DPDK printed while testpmd (same build) started an EAL with these extra EAL arguments
 * (--vdev ...), then quit: the oracle for lines logged inside rte_eal_init.
 */
export function testpmdStartLines(ealExtra: string[], dir: string): string[] {
  const cmd = path.join(dir, 'quit.cmd');
  fs.writeFileSync(cmd, 'quit\n');
  const outFile = path.join(dir, 'testpmd-start.out');
  const fd = fs.openSync(outFile, 'w');
  const eal = testpmdEal();
  try {
    spawnSync('stdbuf', ['-oL', '-eL', testpmdPath(), ...eal.args,
      ...ealExtra, '--', '-i', '--total-num-mbufs=2048', `--cmdline-file=${cmd}`], { cwd: dir, timeout: 60_000, stdio: ['ignore', fd, fd] });
  } finally {
    fs.closeSync(fd);
    eal.done();
  }
  return fs.readFileSync(outFile, 'utf8').split('\n');
}

/** testpmd (same build) attaching one devargs: the signal that ended it (a crash of the PMD), or null, and whether a port appeared. */
export function testpmdAttachOutcome(devargs: string, dir: string): { signal: NodeJS.Signals | null; attached: boolean } {
  const cmd = path.join(dir, 'attach.cmd');
  fs.writeFileSync(cmd, `port attach ${devargs}\nquit\n`);
  const eal = testpmdEal();
  let r: SpawnSyncReturns<string>;
  try {
    r = spawnSync(testpmdPath(), [...eal.args, '--', '-i',
      '--total-num-mbufs=2048', `--cmdline-file=${cmd}`], { cwd: dir, timeout: 60_000, encoding: 'utf8', maxBuffer: 16 << 20 });
  } finally {
    eal.done();
  }
  return { signal: r.signal, attached: /^Port \d+ is attached\./m.test(r.stdout) };
}
