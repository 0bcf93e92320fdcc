// Oracle: list, info line and info symbol say what gdb attached to the same inferior says
// (gdb pointed at the pinned source tree with `directory`).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import path from 'node:path';
import { Session } from '../../src/session/session.js';
import { Runner } from '../../src/script/runner.js';
import { formatResult, toJson } from '../../src/format/index.js';
import { makeStyle } from '../../src/format/style.js';
import { spawnSync } from 'node:child_process';
import { addonPath, dpdkPaths } from '../../src/util/paths.js';
import { gdbBatch, stripDpdkRoot } from './gdb.js';

describe('list, info line, info symbol against gdb', () => {
  let session: Session;
  let runner: Runner;
  beforeAll(async () => { session = new Session(); runner = new Runner(session); await session.ready(); }, 60_000);
  afterAll(async () => { await session?.close(); });

  const text = async (line: string): Promise<string> => {
    const r = (await runner.run(line))!;
    expect(r.ok, `${line}: ${r.error?.message}`).toBe(true);
    return formatResult(r, makeStyle({ color: false, width: 400 }));
  };
  const gdbPath = (s: string) => stripDpdkRoot(s);

  it('agree line for line and address for address', async () => {
    const cases = ['info line vdev.c:210', 'info line vdev.c:209', 'info line pmd_pcap_probe', 'info line rte_eal_hotplug_add', 'list vdev.c:210', 'list pmd_pcap_probe', 'list eal_common_dev.c:161', 'list -', 'list -', 'list', 'list', 'list vdev.c:3'];
    const ours: string[] = [];
    for (const c of cases) ours.push(await text(c));
    const end = (toJson((await runner.run('info line pmd_pcap_probe'))!).data as { lines: { end: string }[] }).lines[0].end;
    const symOurs = await text(`info symbol ${end}`);
    const startErr = (await runner.run('list -'))!; // after list vdev.c:3: gdb refuses too
    expect(startErr.ok).toBe(false);
    const pid = (toJson((await runner.run('info inferior'))!).data as { pid: number }).pid;
    // `directory SRC` makes gdb find ../src-X/... relative to SRC/.. (the DWARF paths' base)
    const out = gdbBatch(pid, [`directory ${dpdkPaths().src}`, ...[...cases, `info symbol ${end}`].flatMap((c) => [`echo @@\\n`, c])]);
    const gdbAnswers = out.replace(/^\[Inferior .*\n?/m, '').split('@@\n').slice(1).map((s) => s.trimEnd());
    cases.forEach((c, i) => {
      const g = gdbPath(gdbAnswers[i]);
      // ours: the same sentence minus gdb's "../src-X/" prefix, plus (for FUNC) where `break` stops
      if (c.startsWith('info line')) expect(ours[i].split('\n')[0], c).toBe(g.split('\n').filter((l) => l.startsWith('Line'))[0]);
      else expect(ours[i].trimEnd(), c).toBe(g); // gdb's block is trimmed: so is ours
    });
    expect(symOurs.replace(/\s+\(.*\)$/, '')).toBe(gdbAnswers[cases.length]);
    // gdb says it on stderr: ask gdb about the addon file itself
    const g = spawnSync('gdb', ['-batch', '-nx', '-ex', `directory ${dpdkPaths().src}`, '-ex', 'list vdev.c:3', '-ex', 'list -', addonPath()], { encoding: 'utf8' });
    expect(startErr.error!.message).toBe(stripDpdkRoot(g.stderr.trim()));
  }, 120_000);
});
