// explain [TOPIC]: a DPDK idea in plain words, then the evidence from this build and this EAL:
// the source that does it (found through DWARF), live values, and commands to try next.
import type { CommandContext, CommandSpec } from './types.js';
import { fail, ok } from './types.js';
import { loadTopics, topicIds, type Topic } from '../teach/topics.js';
import { TeachFileError } from '../teach/file.js';
import { resolveRef } from '../teach/source-ref.js';
import { makeLive } from '../teach/live.js';
import { dpdkBuild } from '../util/paths.js';
import { nearest } from '../util/nearest.js';

/** A topic by id, number (as `explain` lists them) or unique prefix of its id. */
export function pickTopic(topics: Topic[], ref: string): Topic | { error: string; hint: string } {
  const n = /^\d+$/.test(ref) ? Number(ref) : NaN;
  if (Number.isInteger(n) && topics[n - 1]) return topics[n - 1];
  const exact = topics.find((t) => t.id === ref);
  if (exact) return exact;
  const pre = topics.filter((t) => t.id.startsWith(ref));
  if (pre.length === 1) return pre[0];
  if (pre.length > 1) return { error: `"${ref}" could be ${pre.map((t) => t.id).join(', ')}`, hint: 'type more of the name' };
  const near = nearest(ref, topics.map((t) => t.id), 1);
  return { error: `no topic "${ref}"`, hint: near.length ? `did you mean '${near[0]}'? ('explain' lists the topics)` : "'explain' lists the topics" };
}

/** The DPDK this evidence comes from: the EAL's own rte_version(), and the build's type. */
export async function shownVersion(ctx: CommandContext): Promise<{ rte: string; build: string; buildtype: string }> {
  const b = dpdkBuild();
  const rte = await ctx.session.call('ealInfo', {}).then((i) => i.version, () => `DPDK ${b.version}`);
  return { rte, build: b.version, buildtype: b.buildtype };
}

export const explain: CommandSpec = {
  path: ['explain'],
  section: 'Learn',
  notATry: true,
  summary: 'a DPDK idea explained on this build and this EAL: source found through DWARF, live values, what to try',
  details: [
    "'explain' lists the topics; 'explain TOPIC' (a name, a unique prefix or the number) explains one.",
    'The source excerpts are located by function name in the debug info of the running build, the',
    'values are read from the running EAL when you ask: they change with what you attached.',
    'Topics are data files (teach/topics/*.topic, format in teach/README.md).',
  ].join('\n'),
  args: [{ name: 'TOPIC', kind: 'word', optional: true, summary: 'a topic: its name, a unique prefix or its number', choices: topicIds }],
  async run(ctx, { args }) {
    let topics: Topic[];
    try { topics = loadTopics(); } catch (e) {
      if (e instanceof TeachFileError) return fail('bad-topic-file', e.message, 'fix that line of the topic file (format: teach/README.md)');
      throw e;
    }
    const version = await shownVersion(ctx);
    const ref = args.word('TOPIC');
    if (ref === undefined) return ok('explain-list', { version, topics: topics.map((t, i) => ({ n: i + 1, id: t.id, title: t.title })) });
    const t = pickTopic(topics, ref);
    if ('error' in t) return fail('no-topic', t.error, t.hint);
    const sources = [];
    for (const r of t.sources) {
      const x = await resolveRef(ctx.session, r);
      sources.push(typeof x === 'string' ? { ref: r.ref, error: x } : x);
    }
    const live = [];
    for (const l of t.live) {
      live.push(await makeLive(ctx.session, l).catch((e: Error) => ({ kind: l.kind, title: `live ${l.kind}`, rows: [], note: `could not read it: ${e.message}` })));
    }
    return ok('explain', { version, id: t.id, n: topics.indexOf(t) + 1, title: t.title, text: t.text, sources, live, tries: t.tries, see: t.see });
  },
};
