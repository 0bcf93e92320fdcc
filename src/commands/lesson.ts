// lesson [list | N | next | hint | stop | reset]: guided lessons on the live EAL. Each step gives a
// task; the learner types a real command; the step's expect lines judge the result (tutor.ts).
import type { CommandContext, CommandSpec } from './types.js';
import { fail, ok } from './types.js';
import { TeachFileError } from '../teach/file.js';
import type { Lesson } from '../teach/lessons.js';
import { lessonIds } from '../teach/file.js';
import { enterStep, forgetVisits, judge, reloadLessons, stepView, tutorOf } from '../teach/tutor.js';
import { progressFile, saveProgress } from '../teach/progress.js';
import { onAfterCommand } from './after.js';
import { nearest } from '../util/nearest.js';

onAfterCommand(judge);

const SUBS = ['list', 'next', 'hint', 'stop', 'reset'];

function pick(lessons: Lesson[], ref: string): Lesson | { error: string; hint: string } {
  const n = /^\d+$/.test(ref) ? Number(ref) : NaN;
  if (Number.isInteger(n)) return lessons[n - 1] ?? { error: `no lesson ${n}`, hint: `lessons are 1..${lessons.length} ('lesson list')` };
  const hit = lessons.find((l) => l.id === ref) ?? (lessons.filter((l) => l.id.startsWith(ref)).length === 1 ? lessons.find((l) => l.id.startsWith(ref)) : undefined);
  if (hit) return hit;
  const near = nearest(ref, [...lessons.map((l) => l.id), ...SUBS], 1);
  return { error: `no lesson "${ref}"`, hint: near.length ? `did you mean '${near[0]}'?` : "'lesson list' lists them" };
}

function listing(ctx: CommandContext) {
  const t = tutorOf(ctx.session);
  return {
    lessons: t.lessons.map((l, i) => {
      const p = t.progress.lessons[l.id];
      return { n: i + 1, id: l.id, title: l.title, steps: l.steps.length, done: !!p?.done, step: p && !p.done ? p.step + 1 : null, current: t.progress.current?.lesson === l.id };
    }),
    stateFile: progressFile(),
    ...(t.problem ? { problem: t.problem } : {}),
  };
}

/** Shows the lesson's saved step; `taken` (lesson N) takes a lesson at its first step afresh. */
async function start(ctx: CommandContext, lesson: Lesson, taken: boolean) {
  const t = tutorOf(ctx.session);
  const saved = t.progress.lessons[lesson.id];
  const at = !saved || saved.done ? 0 : Math.min(saved.step, lesson.steps.length - 1);
  if (at === 0 && taken) forgetVisits(t, lesson);
  const entered = await enterStep(ctx, t, lesson, at);
  return ok('lesson-step', { intro: at === 0 ? lesson.intro : [], resumed: at > 0, ...entered });
}

export const lesson: CommandSpec = {
  path: ['lesson'],
  section: 'Learn',
  notATry: true,
  summary: 'guided lessons: each step a task you do with a real command, checked on the live EAL',
  details: [
    "lesson list     the lessons and your progress (kept in $XDG_STATE_HOME/vdev-shell/lessons.json;",
    '                VDEV_SHELL_LESSON_STATE moves it)',
    'lesson N        start lesson N (a number or a name), or resume it where you left it',
    'lesson next     resume the lesson under way, or start the next one not done',
    'lesson hint     a hint for the current step (ask twice for the command itself)',
    'lesson stop     leave the lesson (your progress stays); lesson reset forgets all progress',
    'While a lesson is under way every command you type is checked against the step: the step is',
    'done when its result is what the step asks for, whatever words you used to get it.',
    'Lessons are data files (teach/lessons/*.lesson, format in teach/README.md).',
  ].join('\n'),
  args: [{ name: 'WHICH', kind: 'word', optional: true, forms: ['list', 'N', 'next', 'hint', 'stop', 'reset'], summary: 'list, next, hint, stop, reset, or a lesson by number or name', choices: () => [...SUBS, ...lessonIds()] }],
  async run(ctx, { args }) {
    const t = tutorOf(ctx.session);
    try { reloadLessons(t, ctx.commands.lessons()); } catch (e) {
      if (e instanceof TeachFileError) return fail('bad-lesson-file', e.message, 'fix that line of the lesson file (format: teach/README.md)');
      throw e;
    }
    const sub = args.word('WHICH');
    if (sub === undefined) {
      if (t.active) return ok('lesson-step', { intro: [], resumed: false, view: await stepView(ctx.session, t, t.active.lesson, t.active.step), setup: [] });
      return ok('lesson-list', listing(ctx));
    }
    if (sub === 'list') return ok('lesson-list', listing(ctx));
    if (sub === 'hint') {
      if (!t.active) return fail('no-lesson', 'no lesson under way', "'lesson next' starts or resumes one");
      const s = t.active.lesson.steps[t.active.step];
      t.hints++;
      const answer = t.hints > 1 || t.misses > 1 ? s.answer : null;
      return ok('lesson-hint', { step: t.active.step + 1, title: s.title, hint: s.hint, answer, more: !answer && !!s.answer });
    }
    if (sub === 'stop') {
      if (!t.active) return fail('no-lesson', 'no lesson under way');
      const id = t.active.lesson.id;
      t.active = null;
      return ok('lesson-note', { text: [`Left lesson ${id}; your progress is kept: 'lesson next' resumes it.`] });
    }
    if (sub === 'reset') {
      t.progress = { current: null, lessons: {} };
      t.active = null;
      const err = saveProgress(t.progress);
      return err ? fail('lesson-state', err) : ok('lesson-note', { text: ['Lesson progress forgotten.'] });
    }
    if (sub === 'next') {
      if (t.active) return start(ctx, t.active.lesson, false);
      const cur = t.progress.current && t.lessons.find((l) => l.id === t.progress.current!.lesson);
      if (cur && !t.progress.lessons[cur.id]?.done) return start(ctx, cur, false);
      const next = t.lessons.find((l) => !t.progress.lessons[l.id]?.done);
      if (!next) return ok('lesson-note', { text: ["Every lesson is done. 'lesson N' takes one again; 'explain' has more to read."] });
      return start(ctx, next, false);
    }
    const l = pick(t.lessons, sub);
    if ('error' in l) return fail('no-lesson', l.error, l.hint);
    return start(ctx, l, true);
  },
};
