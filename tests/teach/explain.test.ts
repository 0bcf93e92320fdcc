// explain on the real EAL: every topic's source references resolve on the selected DPDK build
// (through its DWARF, the excerpt's lines are the function's and the `at` line matches), the
// live evidence is read from the running EAL, the version shown is the EAL's rte_version(), and
// topic files are checked for what a teacher can get wrong.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Session } from '../../src/session/session.js';
import { Runner } from '../../src/script/runner.js';
import { loadTopics, parseTopic } from '../../src/teach/topics.js';
import { TeachFileError } from '../../src/teach/file.js';
import { matchCommand } from '../../src/commands/registry.js';
import { formatResult } from '../../src/format/index.js';
import { makeStyle } from '../../src/format/style.js';
import { resolveSource } from '../../src/trace/source.js';
import { applyCompletion, complete } from '../../src/ui/completion.js';
import { tmpDir } from '../helpers/tmp.js';

let session: Session;
let runner: Runner;
let dir: string;
const run = async (line: string) => (await runner.run(line))!;

beforeAll(async () => {
  session = new Session();
  runner = new Runner(session);
  await session.ready();
  dir = fs.mkdtempSync('/tmp/vdsh-explain-');
  // Something attached and started, so ports, ops, burst, MACs and the pool have values.
  expect((await run(`probe net_pcap_pdump_0,tx_pcap=${path.join(dir, 'report.pcap')}`)).ok).toBe(true);
  expect((await run('port start 0')).ok).toBe(true);
});
afterAll(async () => { await session.close(); fs.rmSync(dir, { recursive: true, force: true }); });

const topics = loadTopics();

describe('explain', () => {
  it('has at least 10 topics, each with source, live evidence and commands to try', () => {
    expect(topics.length).toBeGreaterThanOrEqual(10);
    for (const t of topics) {
      expect(t.sources.length, t.id).toBeGreaterThan(0);
      expect(t.live.length, t.id).toBeGreaterThan(0);
      expect(t.tries.length, t.id).toBeGreaterThanOrEqual(2);
      for (const c of t.tries) expect(matchCommand(c).spec, `${t.id}: try ${c}`).toBeDefined();
      for (const s of t.see) expect(topics.map((x) => x.id), `${t.id}: see ${s}`).toContain(s);
      // No line number written into the text: references are by name.
      expect(t.text.join('\n'), t.id).not.toMatch(/\.[ch]:\d+/);
    }
  });

  it('lists the topics with the version of the running EAL', async () => {
    const r = await run('explain');
    const eal = await session.call('ealInfo', {});
    expect(r.ok).toBe(true);
    expect((r.data as any).version.rte).toBe(eal.version);
    expect((r.data as any).topics.map((t: any) => t.id)).toEqual(topics.map((t) => t.id));
  });

  for (const t of topics) {
    it(`topic ${t.id}: every source reference resolves on this build, live evidence is read`, async () => {
      const r = await run(`explain ${t.id}`);
      expect(r.ok, r.error?.message).toBe(true);
      const d = r.data as any;
      expect(d.sources).toHaveLength(t.sources.length);
      d.sources.forEach((x: any, i: number) => {
        expect(x.error, `${t.id}: source ${x.ref}`).toBeUndefined();
        const ref = t.sources[i];
        const file = resolveSource(x.file);
        if ('error' in file) throw new Error(file.error);
        // The excerpt is the file's text at those lines, and the function starts where DWARF says.
        for (const l of x.lines) expect(l.text).toBe(file.lines[l.n - 1]);
        const head = file.lines.slice(x.fnLine - 2, x.fnLine).join('\n');
        expect(head.includes(ref.fn) || /RTE_(INIT|PMD_REGISTER)/.test(head), `${t.id}: ${ref.fn} at ${x.file}:${x.fnLine}`).toBe(true);
        if (ref.at) expect(x.lines.find((l: any) => l.n === x.line).text).toMatch(ref.at);
      });
      for (const b of d.live) expect(b.note ?? '', `${t.id}: live ${b.kind}`).not.toMatch(/could not read|not in this build/);
      expect(d.version.rte).toMatch(/^DPDK \d+\.\d+/);
      const text = formatResult(r, makeStyle({ color: false }));
      expect(text).toContain(d.version.rte);
    });
  }

  it('shows what is live now: the attached port, its MAC, its started burst functions, the pool', async () => {
    const mac = (await run('explain mac')).data as any;
    expect(mac.live[0].rows[1]).toEqual(['0', 'net_pcap', '02:70:63:61:70:00', 'locally administered', 'spells "pcap"']);
    const burst = (await run('explain burst')).data as any;
    const row = burst.live[0].rows[1];
    const ops = await session.call('ops', { port: 0 });
    expect(row[3]).toBe(ops!.devBurst.rx_pkt_burst!.fn);
    expect(row[5]).toBe(`${ops!.fpBurst.rx_pkt_burst!.fn} / ${ops!.fpBurst.tx_pkt_burst!.fn}`);
    const pool = (await run('explain mbufs')).data as any;
    const p = await session.call('pktPool', {});
    expect(pool.live[0].rows).toContainEqual(['mbufs', String(p.size)]);
  });

  it('refuses an unknown topic with the nearest one', async () => {
    const r = await run('explain vdev-name');
    expect(r.ok).toBe(true); // a unique prefix
    const bad = await run('explain kvarg_s');
    expect(bad.ok).toBe(false);
    expect(bad.error?.code).toBe('no-topic');
    expect(bad.error?.hint).toContain("'kvargs'");
  });

  it('Tab completes topic names', () => {
    const data = { drivers: [], ports: [], listDir: () => [], ifaces: [] };
    const r = applyCompletion({ text: 'explain vd', cursor: 10 }, complete('explain vd', 10, data));
    expect(r.line.text).toBe('explain vdev-names ');
    const m = complete('explain m', 9, data);
    expect(m.candidates.map((c) => c.value)).toEqual(['mac', 'mbufs', 'multi-process']);
  });
});

describe('topic files', () => {
  const bad = (text: string): string => {
    try { parseTopic('/x/teach/topics/99-bad.topic', text); } catch (e) { if (e instanceof TeachFileError) return e.message; throw e; }
    return 'parsed';
  };
  it('a malformed topic names the file and the line, and what to write', () => {
    expect(bad('title T\ntext\n  words\nsorce vdev_parse\n')).toMatch(/99-bad\.topic:4: unknown keyword "sorce" in a topic \(did you mean "source"\?\)/);
    expect(bad('title T\ntext\n  words\nsource vdev_parse\n  at (\n')).toMatch(/99-bad\.topic:5: bad regular expression after "at"/);
    expect(bad('title T\ntext\n  words\nlive portz\n')).toMatch(/99-bad\.topic:4: unknown live evidence "portz"/);
    expect(bad('text\n  words\n')).toMatch(/99-bad\.topic:1: the topic has no title/);
    expect(bad('title T\ntext\n\tword\n')).toMatch(/99-bad\.topic:3: a tab indents this line/);
    expect(bad('title T\ntext\n  w\nsource 12\n')).toMatch(/99-bad\.topic:4: "source 12" does not name a function/);
  });
  it('explain says which file is broken instead of failing obscurely', async () => {
    const d = tmpDir('vdsh-topics-');
    fs.writeFileSync(path.join(d, '01-x.topic'), 'title X\ntext\n  x\ntry\n');
    process.env.VDEV_SHELL_TOPICS = d;
    try {
      const r = await run('explain');
      expect(r.ok).toBe(false);
      expect(r.error?.message).toBe(`${path.join(d, '01-x.topic')}:4: "try" needs a command (try probe net_null0)`);
    } finally { delete process.env.VDEV_SHELL_TOPICS; }
  });
});
