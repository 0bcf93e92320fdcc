// Coverage by construction: every DPDK error site a devargs string or host state can reach has an
// input here (tests/diagnose/sites-corpus.json), run in the real EAL through the built CLI. Each
// case must get its cause AND the log line of ITS site (the emitter's file:line, or the format's
// text where a line has no emitter): a right cause reached through another line does not count.
// The sites come from the selected DPDK source (src/diagnose/sites.ts); a case whose site this
// version does not have is skipped, and every triggerable site of this version must have a case.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runCli, type JsonLine } from '../helpers/cli.js';
import { errorSites, formatRegex, type LogSite } from '../../src/diagnose/sites.js';
import { dpdkBuild, projectRoot } from '../../src/util/paths.js';
import { fixProblems } from '../helpers/printed-commands.js';

interface Case { driver: string; devargs: string; cause: string; site: string; group?: string }
const corpus: Case[] = JSON.parse(fs.readFileSync(path.join(__dirname, 'sites-corpus.json'), 'utf8')).cases;
const logs = errorSites(dpdkBuild().src).sites.filter((s): s is LogSite => s.kind === 'log');

/** The site a case names ("fn: piece of its format"), if this DPDK has it. */
export function siteOf(spec: string, sites: LogSite[] = logs): LogSite | undefined {
  const i = spec.indexOf(': ');
  const fn = spec.slice(0, i), piece = spec.slice(i + 2);
  return sites.find((s) => s.fn === fn && s.format.includes(piece));
}

const tag = (process.pid % 1296).toString(36).padStart(2, '0');
const IF = `vdshs${tag}0`, IFDOWN = `vdshs${tag}1`, IFMISS = `vdshs${tag}9`;
let tmp = '';
const made: string[] = [];
const sub = (s: string): string => s.replaceAll('TMP', tmp).replaceAll('=IFDOWN', `=${IFDOWN}`).replaceAll('=IFMISS', `=${IFMISS}`).replaceAll('=IF', `=${IF}`);
const ip = (...a: string[]): void => { execFileSync('ip', a, { stdio: 'ignore' }); };
const links = (): string[] => fs.readdirSync('/sys/class/net');

beforeAll(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'vdsh-sites-'));
  fs.writeFileSync(path.join(tmp, 'good.pcap'), Buffer.from('d4c3b2a1020004000000000000000000ffff000001000000', 'hex'));
  fs.writeFileSync(path.join(tmp, 'notpcap.txt'), 'hello\n');
  fs.mkdirSync(path.join(tmp, 'dir'));
  for (const n of [IF, IFDOWN]) if (!links().includes(n)) { ip('link', 'add', n, 'type', 'ifb'); made.push(n); }
  ip('link', 'set', IF, 'up');
  ip('link', 'set', IFDOWN, 'down');
});
afterAll(() => {
  for (const n of made) { try { ip('link', 'del', n); } catch { /* gone */ } }
  fs.rmSync(tmp, { recursive: true, force: true });
});

const WRAP: Record<string, string[]> = { nocaps: ['capsh', '--drop=cap_net_admin,cap_net_raw', '--', '-c', 'exec "$@"', 'sh'] };

function run(cases: Case[], before: string[] = [], wrap?: string[]): JsonLine[] {
  const args = ['-batch', '--json', ...before.flatMap((b) => ['-ex', b]), ...cases.flatMap((c) => ['-ex', `probe ${sub(c.devargs)}`])];
  let json: JsonLine[];
  if (wrap) {
    const r = spawnSync(wrap[0], [...wrap.slice(1), process.execPath, path.join(projectRoot, 'dist', 'cli.js'), ...args], { cwd: tmp, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' }, timeout: 170_000 });
    json = r.stdout.split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as JsonLine);
  } else json = runCli(args, { cwd: tmp, timeoutMs: 170_000 }).json;
  return json.slice(before.length);
}

interface Line { text: string; emitter?: { file?: string; line?: number } | null }
/** The line the site printed: same file and the call's line (the emitter may be a few lines into the macro call). */
export const hitBy = (site: LogSite, lines: Line[]): Line | undefined => lines.find((l) => (l.emitter?.file
  ? l.emitter.file === site.file && l.emitter.line! >= site.line && l.emitter.line! - site.line <= 4
  : formatRegex(site.format).test(l.text.replace(/^[A-Z][A-Z0-9_]*: /, ''))));

function check(cases: Case[], out: JsonLine[]): string[] {
  const wrong: string[] = [];
  cases.forEach((c, i) => {
    const j = out[i];
    const site = siteOf(c.site)!;
    const d = j?.data?.diagnosis;
    const lines: Line[] = d?.evidence?.log ?? (j?.log ?? []).map((text: string) => ({ text }));
    const cause = j?.ok ? 'attached' : d?.cause ?? j?.error?.code;
    if (cause !== c.cause) wrong.push(`${c.devargs}: cause ${cause}, expected ${c.cause} (${j?.error?.message ?? ''})`);
    if (!hitBy(site, lines)) wrong.push(`${c.devargs}: ${site.fn} ${site.file}:${site.line} "${site.format}" not hit; lines: ${lines.map((l) => l.text).join(' | ')}`);
  });
  wrong.push(...fixProblems(out.map((o) => o?.data?.diagnosis)));
  return wrong;
}

describe('every triggerable DPDK error site, triggered in the real EAL', () => {
  const here = corpus.filter((c) => siteOf(c.site));

  it('each case names a site of this source that is not marked untriggerable', () => {
    expect(here.filter((c) => siteOf(c.site)!.untriggerable).map((c) => `${c.site}: ${siteOf(c.site)!.untriggerable}`)).toEqual([]);
    expect(here.length).toBeGreaterThan(0);
  });

  for (const driver of [...new Set(corpus.map((c) => c.driver))]) {
    it(`${driver}: each case gets its cause from its own site's line`, () => {
      const mine = here.filter((c) => c.driver === driver);
      const wrong: string[] = [];
      const before = new Set(links());
      for (const g of [...new Set(mine.map((c) => c.group ?? ''))]) {
        const cases = mine.filter((c) => (c.group ?? '') === g);
        const pre = g === 'port-limit' ? Array.from({ length: 32 }, (_, i) => `probe net_null${100 + i}`) : [];
        for (let i = 0; i < cases.length; i += 15) wrong.push(...check(cases.slice(i, i + 15), run(cases.slice(i, i + 15), pre, WRAP[g])));
      }
      expect(wrong).toEqual([]);
      // Nothing left behind: interfaces a case named (net_tap creates them, dtapN by default).
      // (other checkouts create their own vdsh* meanwhile: only names these cases could have made count)
      const named = new Set(mine.flatMap((c) => [...sub(c.devargs).matchAll(/(?:iface|remote)=([\w.-]+)/g)].map((m) => m[1])));
      expect(links().filter((l) => !before.has(l) && l !== IF && l !== IFDOWN && (named.has(l) || /^dtap\d+$/.test(l)))).toEqual([]);
    }, 400_000);
  }
});
