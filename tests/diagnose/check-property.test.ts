// check's promise both ways, over every input of every corpus, against the real EAL:
//   1. when `check X` gives an error, `probe X` fails, and for a cause check gave as an error (or,
//      for an input with several faults, for one the driver meets first; see promise.ts);
//   2. when `probe X` fails for a cause check claims to cover (CHECK_COVERS), check named it
//      (as an error, or as a "might" warning when only a probe of X could tell and check could not try X).
// Inputs: the diagnose corpus (plain cases; the session-state groups are in corpus.test.ts), the
// recovery corpus (crashes, hangs, silent acceptance) and seeded
// random devargs (the NIC guides' examples: guides.test.ts). Host objects: vdsh* interfaces and temp dirs
// this file makes and removes.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CheckResult } from '../../src/diagnose/check.js';
import { broken, type Outcome } from './promise.js';
import { Session } from '../../src/session/session.js';
import { Runner } from '../../src/script/runner.js';
import { recoveryState } from '../../src/recovery/state.js';
import { randomDevargs, rng } from '../../src/recovery/devargs-gen.js';
import type { CommandResult } from '../../src/commands/types.js';
import { tmpDir } from '../helpers/tmp.js';
import { crashes, hangs, silent } from '../recovery/corpus.js';
import { fifo, ownLink, silentServer, veth } from '../recovery/host.js';

interface Case { devargs: string; cause: string | string[]; group?: string }
const diagCorpus: Case[] = JSON.parse(fs.readFileSync(path.join(__dirname, 'corpus.json'), 'utf8')).cases;

let session: Session;
let runner: Runner;
const cwd = process.cwd();
beforeAll(async () => {
  // Relative capture names in random devargs (tx_pcap=64) are written where the EAL runs: a temp dir.
  process.chdir(fs.mkdtempSync(path.join(os.tmpdir(), 'vdsh-prop-cwd-')));
  session = new Session();
  recoveryState(session).timeoutMs = 1500;
  runner = new Runner(session);
  await session.ready();
});
afterAll(async () => {
  await session.close();
  const dir = process.cwd();
  process.chdir(cwd);
  fs.rmSync(dir, { recursive: true, force: true });
});

/** `check X` then `probe X` in the same session; whatever attached is detached again. */
async function checkThenProbe(input: string, before?: string): Promise<Outcome> {
  if (before) await runner.run(`probe ${before}`);
  const check = (await runner.run(`check ${input}`))! as CommandResult<CheckResult>;
  const probe = (await runner.run(`probe ${input}`))!;
  for (const p of await session.ports()) await runner.run(`port detach ${p.port}`);
  // A port detach cannot undo (net_ring's nodeaction ports): a fresh EAL keeps the cases apart.
  if ((await session.ports()).length) await runner.run('run');
  return { input, check, probe };
}

const ip = (...a: string[]): void => { execFileSync('ip', a, { stdio: 'ignore' }); };

describe('check never calls wrong what the probe attaches, and names what it covers', () => {
  it('the diagnose corpus', async () => {
    const tmp = tmpDir('vdsh-prop-');
    fs.writeFileSync(path.join(tmp, 'good.pcap'), Buffer.from('d4c3b2a1020004000000000000000000ffff000001000000', 'hex'));
    fs.writeFileSync(path.join(tmp, 'notpcap.txt'), 'hello\n');
    const up = ownLink('vdshq0'), down = ownLink('vdshq1');
    for (const n of [up, down]) { if (fs.existsSync(`/sys/class/net/${n}`)) ip('link', 'del', n); ip('link', 'add', n, 'type', 'ifb'); }
    ip('link', 'set', up, 'up');
    // IFMISS a name never made; IFNEW one a driver creates (removed after the file if a probe left it).
    const miss = 'vdshq9', fresh = ownLink('vdshqn');
    const sub = (s: string): string => s.replaceAll('TMP', tmp).replaceAll('=IFDOWN', `=${down}`).replaceAll('=IFMISS', `=${miss}`).replaceAll('=IFNEW', `=${fresh}`).replaceAll('=IF', `=${up}`);
    const outs: Outcome[] = [];
    for (const c of diagCorpus.filter((x) => !x.group)) outs.push(await checkThenProbe(sub(c.devargs)));
    expect(broken(outs)).toEqual([]);
  }, 600_000);

  it('the recovery corpus (crashes, hangs, silent acceptance)', async () => {
    const tmp = tmpDir('vdsh-prop-');
    const v = veth('pq');
    const f = fifo();
    const sock = await silentServer();
    const fill = (s: string): string => s.replaceAll('{veth}', v).replaceAll('{fifo}', f).replaceAll('{sock}', sock).replaceAll('{tmp}', tmp);
    const outs: Outcome[] = [];
    for (const c of [...crashes, ...hangs]) outs.push(await checkThenProbe(fill(c.devargs)));
    for (const c of silent) {
      for (const l of c.cleanup ?? []) ownLink(l);
      outs.push(await checkThenProbe(fill(c.devargs), c.before && fill(c.before)));
    }
    expect(broken(outs)).toEqual([]);
  }, 600_000);

  it('seeded random devargs', async () => {
    const tmp = tmpDir('vdsh-prop-');
    const drivers = await session.drivers();
    const host = { tmp, fifo: fifo(), iface: veth('pr'), tapName: (i: number) => ownLink(`vdshpt${i}`) };
    const r = rng(19);
    const outs: Outcome[] = [];
    for (let i = 0; i < 40; i++) outs.push(await checkThenProbe(randomDevargs(r, drivers, host, i)));
    expect(broken(outs)).toEqual([]);
  }, 600_000);
});
