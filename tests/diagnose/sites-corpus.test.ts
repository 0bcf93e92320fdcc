// Coverage by construction: every DPDK error site a devargs string or host state can reach has an
// input here (tests/diagnose/sites-corpus.json), run in the real EAL through the built CLI. Each
// case must get its cause AND the log line of ITS site (the emitter's file:line, or the format's
// text where a line has no emitter): a right cause reached through another line does not count.
// The sites come from the selected DPDK source (src/diagnose/sites.ts); a case whose site this
// version does not have is skipped, and every triggerable site of this version must have a case.
import { describe, expect, it } from 'vitest';
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { corpusHost, ip, links } from '../helpers/corpus-host.js';
import type { JsonLine } from '../helpers/cli.js';
import { errorSites, lineOfSite, type LogSite, type SeenLine } from '../../src/diagnose/sites.js';
import { dpdkBuild } from '../../src/util/paths.js';
import { fixProblems } from '../helpers/printed-commands.js';

interface Case { driver: string; devargs: string; cause: string; site: string | string[]; group?: string; fixFirst?: string }
const corpus: Case[] = JSON.parse(fs.readFileSync(path.join(__dirname, 'sites-corpus.json'), 'utf8')).cases;
const specs = (c: Case): string[] => [c.site].flat();
const logs = errorSites(dpdkBuild().src).sites.filter((s): s is LogSite => s.kind === 'log');

/** The site a case names ("fn: piece of its format"), if this DPDK has it. */
export function siteOf(spec: string, sites: LogSite[] = logs): LogSite | undefined {
  const i = spec.indexOf(': ');
  const [fn, arg] = spec.slice(0, i).split('#'), piece = spec.slice(i + 2);
  // One format may be logged in a secondary-only branch and in the primary's path: the reachable one.
  // A piece ending in "$" ends the format ("Error parsing internal args$", not "..., argument is too long").
  const has = (f: string): boolean => (piece.endsWith('$') ? f.endsWith(piece.slice(0, -1)) : f.includes(piece));
  return sites.filter((s) => s.fn === fn && has(s.format) && (!arg || s.args.includes(arg))).sort((a, b) => Number(!!a.untriggerable) - Number(!!b.untriggerable))[0];
}

const host = corpusHost('s', 'vdsh-sites-', (dir) => fs.mkdirSync(path.join(dir, 'dir')));
const { IF, IFDOWN, sub, tag } = host;

const WRAP: Record<string, string[]> = { nocaps: ['capsh', '--drop=cap_net_admin,cap_net_raw', '--', '-c', 'exec "$@"', 'sh'] };
const PRE: Record<string, () => string[]> = {
  'port-limit': () => Array.from({ length: 32 }, (_, i) => `probe net_null${100 + i}`),
  vhost: () => [`probe net_vhost9,iface=${host.tmp}/vb.sock`, 'port start net_vhost9'],
};

/** Whether this kernel has the multiq qdisc (net_tap's flow support needs it), asked on an interface of the test's own. */
let hasMultiq: boolean | null = null;
function multiq(): boolean {
  if (hasMultiq === null) {
    const n = `vdshs${tag}m`;
    try {
      ip('link', 'add', n, 'numtxqueues', '2', 'numrxqueues', '2', 'type', 'ifb'); // multiq wants a multiqueue device
      hasMultiq = spawnSync('tc', ['qdisc', 'add', 'dev', n, 'root', 'handle', '1:', 'multiq'], { stdio: 'ignore' }).status === 0;
    } catch { hasMultiq = false; } finally { try { ip('link', 'del', n); } catch { /* never made */ } }
  }
  return hasMultiq;
}

/** A unix socket whose server is not vhost-user: it reads the first message (SET_OWNER) and closes (a process of the test's own, ended after). */
function foreignSocket(sock: string): () => void {
  const p = spawn(process.execPath, ['-e', `require('net').createServer((s) => s.once('data', () => s.destroy())).listen(${JSON.stringify(sock)}, () => console.log('up'))`], { stdio: ['ignore', 'pipe', 'ignore'] });
  const up = spawnSync('bash', ['-c', `for i in $(seq 100); do [ -S ${JSON.stringify(sock)} ] && exit 0; sleep 0.05; done; exit 1`]);
  if (up.status !== 0) throw new Error(`no listener on ${sock}`);
  return () => { p.kill(); fs.rmSync(sock, { force: true }); };
}

const run = (cases: Case[], before: string[] = [], wrap?: string[]): JsonLine[] => host.run(cases.map((c) => `probe ${sub(c.devargs)}`), before, wrap);

type Line = SeenLine;
export const hitBy = (site: LogSite, lines: Line[]): Line | undefined => lines.find((l) => lineOfSite(site, l));

function check(cases: Case[], out: JsonLine[]): string[] {
  const wrong: string[] = [];
  cases.forEach((c, i) => {
    const j = out[i];
    const d = j?.data?.diagnosis;
    const lines: Line[] = d?.evidence?.log ?? (j?.log ?? []).map((text: string) => ({ text }));
    const cause = j?.ok ? 'attached' : d?.cause ?? j?.error?.code;
    if (c.fixFirst && d?.fixes?.[0]?.commands[0] !== c.fixFirst) wrong.push(`${c.devargs}: fix 1 starts ${JSON.stringify(d?.fixes?.[0]?.commands)}, expected ${c.fixFirst}`);
    if (cause !== c.cause) wrong.push(`${c.devargs}: cause ${cause}, expected ${c.cause} (${j?.error?.message ?? ''})`);
    for (const site of specs(c).map((x) => siteOf(x)).filter((x): x is LogSite => !!x)) {
      if (!hitBy(site, lines)) wrong.push(`${c.devargs}: ${site.fn} ${site.file}:${site.line} "${site.format}" not hit; lines: ${lines.map((l) => l.text).join(' | ')}`);
    }
  });
  wrong.push(...fixProblems(out.map((o) => o?.data?.diagnosis)));
  // Fixes keep the intent: one that changes what was asked is never first when another fix exists.
  out.forEach((o, i) => {
    const fixes: { commands: string[]; changesIntent?: string }[] = o?.data?.diagnosis?.fixes ?? [];
    if (fixes.length > 1 && fixes[0].changesIntent && fixes.some((f) => !f.changesIntent)) wrong.push(`${cases[i].devargs}: fix 1 ${fixes[0].changesIntent}`);
  });
  return wrong;
}

describe('every triggerable DPDK error site, triggered in the real EAL', () => {
  // A case runs where its (first) site exists; the other sites it names must then exist too.
  const here = corpus.filter((c) => siteOf(specs(c)[0]) && (c.group !== 'no-multiq' || !multiq()));

  it('each case names sites of this source that are not marked untriggerable', () => {
    const bad = corpus.filter((c) => siteOf(specs(c)[0])).flatMap((c) => specs(c).map((x) => [x, siteOf(x)] as const))
      .filter(([, s]) => !s || s.untriggerable).map(([x, s]) => `${x}: ${s ? s.untriggerable : 'no such site here'}`);
    expect(bad).toEqual([]);
    expect(here.length).toBeGreaterThan(0);
  });

  it('every triggerable site of this source has a case, or is left with a reason', () => {
    const left: { fn: string; level?: string; format: string; why: string }[] = JSON.parse(fs.readFileSync(path.join(__dirname, 'sites-corpus.json'), 'utf8')).left;
    const named = new Set(here.flatMap((c) => specs(c).map((x) => siteOf(x))));
    const open = logs.filter((s) => !s.untriggerable && !named.has(s)
      && !left.some((l) => new RegExp(`^(${l.fn})$`).test(s.fn) && (!l.level || l.level === s.level) && new RegExp(l.format).test(s.format)));
    expect(open.map((s) => `${s.fn} ${s.file}:${s.line} "${s.format}"`)).toEqual([]);
  });

  for (const driver of [...new Set(corpus.map((c) => c.driver))]) {
    it(`${driver}: each case gets its cause from its own site's line`, () => {
      const mine = here.filter((c) => c.driver === driver);
      const wrong: string[] = [];
      const before = new Set(links());
      for (const g of [...new Set(mine.map((c) => c.group ?? ''))]) {
        const cases = mine.filter((c) => (c.group ?? '') === g);
        const pre = PRE[g]?.() ?? [];
        const stop = g === 'foreign-socket' ? foreignSocket(path.join(host.tmp, 'other.sock')) : () => {};
        try {
          for (let i = 0; i < cases.length; i += 15) wrong.push(...check(cases.slice(i, i + 15), run(cases.slice(i, i + 15), pre, WRAP[g])));
        } finally { stop(); }
      }
      expect(wrong).toEqual([]);
      // Nothing left behind: interfaces a case named (net_tap creates them, dtapN by default).
      // (other checkouts create their own vdsh* meanwhile: only names these cases could have made count)
      const named = new Set(mine.flatMap((c) => [...sub(c.devargs).matchAll(/(?:iface|remote)=([\w.-]+)/g)].map((m) => m[1])));
      expect(links().filter((l) => !before.has(l) && l !== IF && l !== IFDOWN && (named.has(l) || /^dtap\d+$/.test(l)))).toEqual([]);
    }, 400_000);
  }
});
