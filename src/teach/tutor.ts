// The lesson runtime of one shell session: which lesson and step the learner is on, judging each
// command they type against the step's `expect` lines (run by the expect command itself, on the
// result and the live EAL), and the progress file that makes it resumable in another session.
import type { CommandContext, CommandResult } from '../commands/types.js';
import type { Session } from '../session/session.js';
import { parseLine } from '../commands/args.js';
import { fail } from '../results/result.js';
import type { Lesson } from './lessons.js';
import { loadProgress, saveProgress, type Progress } from './progress.js';
import { resolveRef } from './source-ref.js';
import type { StepView, Verdict } from '../results/teach.js';

/** A session's lessons (session.tutor): progress, the step under way, the tries at it. */
export interface Tutor {
  progress: Progress;
  problem?: string;
  lessons: Lesson[];
  active: { lesson: Lesson; step: number } | null;
  misses: number;
  hints: number;
  /** Steps reached by passing the one before in this session: their state was built by hand. */
  reached: Set<string>;
  /** Setup lines are running: they are not the learner's tries. */
  busy: boolean;
}

export function tutorOf(session: Session): Tutor {
  if (!session.tutor) {
    const { progress, problem } = loadProgress();
    session.tutor = { progress, ...(problem ? { problem } : {}), lessons: [], active: null, misses: 0, hints: 0, reached: new Set(), busy: false };
  }
  return session.tutor;
}

/** Takes the lesson files as read again (a teacher may be editing them): ctx.commands.lessons(). */
export function reloadLessons(t: Tutor, lessons: Lesson[]): Lesson[] {
  t.lessons = lessons;
  if (t.active) {
    const again = t.lessons.find((l) => l.id === t.active!.lesson.id);
    t.active = again ? { lesson: again, step: Math.min(t.active.step, again.steps.length - 1) } : null;
  }
  return t.lessons;
}

export async function stepView(session: Session, t: Tutor, lesson: Lesson, i: number): Promise<StepView> {
  const s = lesson.steps[i];
  const sources = [];
  for (const r of s.sources) {
    const x = await resolveRef(session, r).catch((e: Error) => e.message);
    sources.push(typeof x === 'string' ? { ref: r.ref, error: x } : x);
  }
  return {
    lesson: { id: lesson.id, n: t.lessons.indexOf(lesson) + 1, title: lesson.title, of: t.lessons.length },
    step: i + 1, of: lesson.steps.length, title: s.title, text: s.text, sources,
  };
}

/**
 * Makes step i of a lesson the learner's task. A step not reached by hand in this session (a
 * resumed lesson) first gets its `setup` lines run: the state the earlier steps would have built.
 */
export async function enterStep(ctx: CommandContext, t: Tutor, lesson: Lesson, i: number): Promise<{ view: StepView; setup: { cmd: string; ok: boolean; message?: string }[]; saveError?: string }> {
  t.active = { lesson, step: i };
  t.misses = 0;
  t.hints = 0;
  const setup = [];
  if (!t.reached.has(`${lesson.id}:${i}`)) {
    t.busy = true;
    try {
      for (const line of lesson.steps[i].setup) {
        const r = await ctx.commands.execute(line);
        if (r) { r.expected = true; setup.push({ cmd: line, ok: r.ok, ...(r.error ? { message: r.error.message } : {}) }); }
      }
    } finally { t.busy = false; }
    t.reached.add(`${lesson.id}:${i}`); // its state is built now: 'lesson next' does not rebuild it
  }
  t.progress.current = { lesson: lesson.id, step: i };
  t.progress.lessons[lesson.id] = { ...t.progress.lessons[lesson.id], step: i, done: t.progress.lessons[lesson.id]?.done ?? false };
  const saveError = saveProgress(t.progress) ?? undefined;
  return { view: await stepView(ctx.session, t, lesson, i), setup, ...(saveError ? { saveError } : {}) };
}

/** A lesson taken from its first step again: every step's setup runs as for a first visit. */
export function forgetVisits(t: Tutor, lesson: Lesson): void {
  lesson.steps.forEach((_, i) => t.reached.delete(`${lesson.id}:${i}`));
}

/** A command the lesson judges: anything but commands about the lesson (CommandSpec.notATry). */
function isTry(ctx: CommandContext, r: CommandResult): boolean {
  return !ctx.commands.match(r.cmd).spec?.notATry;
}

/** The after-command hook: judge the learner's command against the step's checks (none outside a lesson). */
export function judge(ctx: CommandContext, r: CommandResult): Promise<void> | undefined {
  const t = ctx.session.tutor;
  if (!t?.active || t.busy || !isTry(ctx, r)) return undefined;
  return judgeStep(ctx, r, t, t.active);
}

async function judgeStep(ctx: CommandContext, r: CommandResult, t: Tutor, active: NonNullable<Tutor['active']>): Promise<void> {
  const { lesson, step } = active;
  const s = lesson.steps[step];
  const wasExpected = r.expected;
  let failed: string | undefined;
  let check: string | undefined;
  for (const c of s.checks) {
    // The check is an expect command (read when the lesson was: src/teach/lessons.ts), run on its
    // parsed arguments without the executor: it judges the learner's result, it is not a result.
    const m = ctx.commands.match(`expect ${c}`);
    const parsed = m.spec ? await parseLine(ctx, m.spec, m.argv, m.rest) : fail('unknown-command', `no check "expect ${c}"`);
    const out = 'ok' in parsed ? parsed : await m.spec!.run(ctx, parsed);
    if (!out.ok) {
      const said = (out.data as { assertion?: string } | null)?.assertion;
      check = c;
      failed = (out.error?.message ?? 'not yet').replace(`expectation failed: ${said}: `, '');
      break;
    }
  }
  const base = { lesson: lesson.id, step: step + 1, of: lesson.steps.length };
  if (failed) {
    if (!wasExpected) delete r.expected; // an `expect fail` check that passed before a later one failed
    t.misses++;
    r.lesson = { passed: false, ...base, check, failed, hint: s.hint } satisfies Verdict;
    return;
  }
  const verdict: Verdict = { passed: true, ...base, then: s.then, explain: s.explain };
  if (step + 1 < lesson.steps.length) {
    t.reached.add(`${lesson.id}:${step + 1}`);
    const entered = await enterStep(ctx, t, lesson, step + 1);
    verdict.next = entered.view;
    if (entered.saveError) verdict.saveError = entered.saveError;
  } else {
    t.active = null;
    t.progress.lessons[lesson.id] = { step: lesson.steps.length, done: true, doneAt: new Date().toISOString() };
    t.progress.current = null;
    verdict.next = null;
    verdict.done = lesson.done;
    const err = saveProgress(t.progress);
    if (err) verdict.saveError = err;
  }
  r.lesson = verdict;
}

/** For the status line: the lesson under way in this session. */
export function lessonStatus(session: Session): { n: number; id: string; step: number; of: number } | null {
  const t = session.tutor;
  if (!t?.active) return null;
  return { n: t.lessons.indexOf(t.active.lesson) + 1, id: t.active.lesson.id, step: t.active.step + 1, of: t.active.lesson.steps.length };
}

export interface ActiveStep { lesson: { n: number; title: string }; step: number; of: number; title: string; text: string[] }

/** For the UI's lesson pane: the task on screen while the learner types. */
export function activeStep(session: Session): ActiveStep | null {
  const t = session.tutor;
  if (!t?.active) return null;
  const { lesson, step } = t.active;
  const s = lesson.steps[step];
  return { lesson: { n: t.lessons.indexOf(lesson) + 1, title: lesson.title }, step: step + 1, of: lesson.steps.length, title: s.title, text: s.text };
}
