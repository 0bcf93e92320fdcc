// The host the diagnose corpora run against, and the one way they run their commands in it: a temp
// dir with a capture and a file that is not one, and two ifb interfaces of this run's own (IF up,
// IFDOWN down; IFMISS is a name never made; IFNEW a name of the run's own for an interface a driver
// creates, so none is ever made under a name the kernel picks, tap0). Checkouts may run these files side by side, so every
// name carries a per-run tag. Everything made is removed after the file, also when a case failed.
import { afterAll, beforeAll } from 'vitest';
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runCli, type JsonLine } from './cli.js';
import { projectRoot } from '../../src/util/paths.js';

export const ip = (...a: string[]): void => { execFileSync('ip', a, { stdio: 'ignore' }); };
export const links = (): string[] => fs.readdirSync('/sys/class/net');

export interface CorpusHost {
  /** The temp dir (set once the file's beforeAll ran); commands run in it. */
  readonly tmp: string;
  /** This run's tag, for other names of the file's own (vdsh<letter><tag>...). */
  readonly tag: string;
  readonly IF: string; readonly IFDOWN: string; readonly IFMISS: string; readonly IFNEW: string;
  /** A case's devargs with TMP, =IF, =IFDOWN, =IFMISS and =IFNEW put in. */
  sub(s: string): string;
  /**
   * One CLI session in tmp running `before` then `lines` (-ex each), the JSON lines of `lines`;
   * `wrap` runs the CLI under another command (capsh dropping capabilities).
   */
  run(lines: string[], before?: string[], wrap?: string[]): JsonLine[];
}

/** letter: the interfaces' prefix letter (vdsh<letter><tag>N); dirPrefix: the temp dir's. */
export function corpusHost(letter: string, dirPrefix: string, extra?: (tmp: string) => void): CorpusHost {
  const tag = (process.pid % 1296).toString(36).padStart(2, '0');
  const IF = `vdsh${letter}${tag}0`, IFDOWN = `vdsh${letter}${tag}1`, IFMISS = `vdsh${letter}${tag}9`, IFNEW = `vdsh${letter}${tag}n`;
  let tmp = '';
  const made: string[] = [];
  beforeAll(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), dirPrefix));
    // An empty little-endian pcap (global header only) and a file that is not a capture.
    fs.writeFileSync(path.join(tmp, 'good.pcap'), Buffer.from('d4c3b2a1020004000000000000000000ffff000001000000', 'hex'));
    fs.writeFileSync(path.join(tmp, 'notpcap.txt'), 'hello\n');
    extra?.(tmp);
    for (const n of [IF, IFDOWN]) if (!links().includes(n)) { ip('link', 'add', n, 'type', 'ifb'); made.push(n); }
    ip('link', 'set', IF, 'up');
    ip('link', 'set', IFDOWN, 'down');
  });
  afterAll(() => {
    for (const n of made) { try { ip('link', 'del', n); } catch { /* gone */ } }
    fs.rmSync(tmp, { recursive: true, force: true });
  });
  const sub = (s: string): string => s.replaceAll('TMP', tmp).replaceAll('=IFDOWN', `=${IFDOWN}`).replaceAll('=IFMISS', `=${IFMISS}`).replaceAll('=IFNEW', `=${IFNEW}`).replaceAll('=IF', `=${IF}`);
  const run = (lines: string[], before: string[] = [], wrap?: string[]): JsonLine[] => {
    const args = ['-batch', '--json', ...[...before, ...lines].flatMap((l) => ['-ex', l])];
    let json: JsonLine[];
    if (wrap) {
      const r = spawnSync(wrap[0], [...wrap.slice(1), process.execPath, path.join(projectRoot, 'dist', 'cli.js'), ...args], { cwd: tmp, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' }, timeout: 170_000 });
      json = r.stdout.split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as JsonLine);
    } else json = runCli(args, { cwd: tmp, timeoutMs: 170_000 }).json;
    return json.slice(before.length);
  };
  return { get tmp() { return tmp; }, tag, IF, IFDOWN, IFMISS, IFNEW, sub, run };
}
