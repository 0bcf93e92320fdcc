// explain and the lessons in the Ink UI in a real terminal (tmux). A scripted learner does every
// lesson: the step's task stays on screen above the prompt while the answer is typed, the status
// line follows the progress, a wrong try leaves the step where it was, and the progress file ends
// with every lesson done. explain: Tab completes topics, the topic renders with live values.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { tmpDir } from '../helpers/tmp.js';
import { Tmux } from './tmux-helpers.js';
import { loadLessons } from '../../src/teach/lessons.js';

let tm: Tmux;
afterEach(() => { tm?.killServer(); });

const lessons = loadLessons();
/** The input line as on screen: the last prompt row and the rows a long line wraps onto. */
function promptText(s: string): string {
  const rows = s.split('\n');
  const at = rows.findLastIndex((r) => r.startsWith('(vdev)'));
  if (at < 0) return '';
  const end = rows.findIndex((r, i) => i > at && (/^\s+\S+ check: /.test(r) || /EAL (running|starting)|^\s*$/.test(r)));
  return rows.slice(at, end < 0 ? undefined : end).join('\n');
}
/** A long line wraps where the screen ends: compare without the white space. */
const squeeze = (x: string): string => x.replace(/\s+/g, '');
const statusRow = (s: string): string => s.split('\n').findLast((l) => /EAL (running|starting)/.test(l)) ?? '';

describe('explain and lessons in a real terminal', () => {
  it('a learner completes every lesson in the UI, the task in view while typing', async () => {
    tm = new Tmux();
    const dir = tmpDir('vdsh-tmux-lessons-');
    const state = path.join(dir, 'lessons.json');
    const t = tm.start('lessons', dir, { columns: 110, rows: 50, env: { VDEV_SHELL_LESSON_STATE: state } });
    await tm.waitFor(t, (s) => /● EAL running pid \d+/.test(s), 'a running EAL');
    for (const [i, l] of lessons.entries()) {
      const n = i + 1;
      tm.type(t, `lesson ${n}`); tm.keys(t, 'Enter');
      await tm.waitFor(t, (s) => statusRow(s).includes(`lesson ${n} step 1/${l.steps.length}`), `lesson ${n} under way`);
      if (n === 2) {
        // A wrong try: the hint, and the step stays.
        tm.type(t, 'info eal'); tm.keys(t, 'Enter');
        await tm.waitFor(t, (s) => s.includes('✗ not yet (step 1 of') && /✓ info eal/.test(statusRow(s)), 'the hint after a wrong try');
        expect(statusRow(tm.screen(t))).toContain(`lesson 2 step 1/${l.steps.length}`);
      }
      for (const [k, step] of l.steps.entries()) {
        tm.type(t, step.answer!);
        // While the answer is typed, the task is on screen above the prompt.
        const typing = await tm.waitFor(t, (s) => squeeze(promptText(s)) === squeeze(`(vdev) ${step.answer}`), `step ${k + 1} typed`);
        const rows = typing.split('\n');
        const pane = rows.findIndex((r) => r.startsWith(`── Lesson ${n} · step ${k + 1} of ${l.steps.length}: ${step.title.slice(0, 40)}`));
        expect(pane, `lesson ${n} step ${k + 1} pane`).toBeGreaterThanOrEqual(0);
        expect(rows.slice(pane + 1).join('\n')).toContain(step.text[0].slice(0, 50));
        tm.keys(t, 'Enter');
        if (k + 1 < l.steps.length) {
          await tm.waitFor(t, (s) => statusRow(s).includes(`lesson ${n} step ${k + 2}/${l.steps.length}`), `lesson ${n} step ${k + 2}`);
        } else {
          await tm.waitFor(t, (s) => !/lesson \d+ step/.test(statusRow(s)) && !s.includes('── Lesson') && /● EAL running/.test(statusRow(s)), `lesson ${n} complete`);
        }
      }
      expect(JSON.parse(fs.readFileSync(state, 'utf8')).lessons[l.id].done).toBe(true);
    }
    tm.type(t, 'lesson list'); tm.keys(t, 'Enter');
    await tm.waitFor(t, (s) => lessons.every((l, i) => new RegExp(`✓ +${i + 1} +${l.id} .*done`).test(s)), 'every lesson done in the list');
    tm.type(t, 'quit'); tm.keys(t, 'Enter');
    await tm.waitFor(t, () => tm.dead(t), 'the shell to exit');
  }, 300_000);

  it('explain: Tab completes a topic, the topic shows its source and live values in the UI', async () => {
    tm = new Tmux();
    const dir = tmpDir('vdsh-tmux-explain-');
    const t = tm.start('explain', dir, { columns: 110, rows: 50 });
    await tm.waitFor(t, (s) => /● EAL running pid \d+/.test(s), 'a running EAL');
    tm.type(t, 'probe net_pcap0,tx_pcap=x.pcap'); tm.keys(t, 'Enter');
    await tm.waitFor(t, (s) => /│ 1 port │/.test(statusRow(s)), 'a port');
    tm.type(t, 'explain m'); tm.keys(t, 'Tab');
    await tm.waitFor(t, (s) => /mac\s+mbufs\s+multi-process/.test(s), 'the topics starting with m');
    tm.type(t, 'a'); tm.keys(t, 'Tab');
    await tm.waitFor(t, (s) => squeeze(promptText(s)) === squeeze('(vdev) explain mac'), 'the topic completed');
    tm.keys(t, 'Enter');
    const shown = await tm.waitFor(t, (s) => s.includes('MAC addresses: locally administered') && /pmd_init_internals in drivers\/net\/pcap\/pcap_ethdev\.c/.test(s), 'the topic');
    expect(shown).toMatch(/\[DPDK \d+\.\d+\.\d+, \w+ build\]/);
    expect(shown).toMatch(/> +\d+ +\.addr_bytes = \{ 0x02, 0x70, 0x63, 0x61, 0x70, iface_idx\+\+ \}/);
    if (!/0 +net_pcap +02:70:63:61:70:00 +locally administered +spells "pcap"/.test(shown)) {
      tm.keys(t, 'PageDown');
      await tm.waitFor(t, (s) => /0 +net_pcap +02:70:63:61:70:00 +locally administered +spells "pcap"/.test(s), 'the live MAC table');
    }
    tm.keys(t, 'C-d', 'C-d');
    await tm.waitFor(t, () => tm.dead(t), 'quit');
  });
});
