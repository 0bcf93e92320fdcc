// Formatters of the Learn section: explain (a topic, the topic list) and lesson (steps, progress,
// the verdict on a learner's command).
import type { Formatter, FormatterTable } from '../types.js';
import type { TeachKinds } from '../../results/teach.js';
import type { Excerpt } from '../../teach/source-ref.js';
import type { LiveBlock } from '../../teach/live.js';
import type { MissingExcerpt } from '../../results/teach.js';
import type { StepView, Verdict } from '../../results/teach.js';
import type { Style } from '../style.js';
import { columns } from '../table.js';

const untab = (t: string): string => t.replace(/\t/g, '    ');

/** A source excerpt as `list` shows it, the line that matters marked, with where it came from. */
export function excerptLines(x: Excerpt | MissingExcerpt, s: Style): string[] {
  if ('error' in x) return [s.c.red(`  ${x.ref}: ${x.error}`)];
  const span = x.fnEnd ? `${x.fnLine}-${x.fnEnd}` : String(x.fnLine);
  const head = `  ${s.c.yellow(x.fn)} in ${s.c.green(x.file)} (lines ${span} of this build's source${x.located === 'source' ? '; inlined by the compiler, found by its definition' : ''})${x.others.length ? s.c.dim(`, also defined in ${x.others.length} other file${x.others.length > 1 ? 's' : ''}`) : ''}`;
  const width = String(x.last).length;
  const body = x.lines.map((l) => {
    const row = `${l.n === x.line && x.line !== x.fnLine ? '>' : ' '} ${String(l.n).padStart(width)}  ${untab(l.text)}`;
    return '    ' + (l.n === x.line ? s.c.bold(row) : row);
  });
  return [head, ...(x.note ? [`    ${s.c.cyan(x.note)}`] : []), ...body];
}

/** A live table: title, then aligned rows (a header row first unless it is empty). */
export function liveLines(b: LiveBlock, s: Style): string[] {
  const [head, ...rest] = b.rows;
  const rows = head && head.length ? [head.map((h) => s.c.bold(h)), ...rest] : rest;
  return [
    `  ${b.title}`,
    ...(rows.length ? columns(rows).split('\n').map((l) => '    ' + l) : []),
    ...(b.note ? [s.c.dim(`    ${b.note}`)] : []),
  ];
}

export const versionTag = (v: { rte: string; buildtype: string }): string => `${v.rte}, ${v.buildtype} build`;

const explainList: Formatter<'explain-list'> = (r, s) => [
  s.c.bold(`Topics (${versionTag(r.data.version)}): explain NAME or explain N`),
  ...columns(r.data.topics.map((t) => [`  ${String(t.n).padStart(2)}`, t.id, t.title])).split('\n'),
];

const explainTopic: Formatter<'explain'> = (r, s) => {
  const d = r.data;
  return [
    s.c.bold(`${d.n}. ${d.title}`) + s.c.dim(`   [${versionTag(d.version)}]`),
    '',
    ...d.text.map((l) => (l ? '  ' + l : '')),
    ...(d.sources.length ? ['', s.c.bold('In the source') + s.c.dim(' (found by name in the DWARF of the running build)'), ...d.sources.flatMap((x, i) => [...(i ? [''] : []), ...excerptLines(x, s)])] : []),
    ...(d.live.length ? ['', s.c.bold('Live, from the running EAL'), ...d.live.flatMap((b, i) => [...(i ? [''] : []), ...liveLines(b, s)])] : []),
    ...(d.tries.length ? ['', s.c.bold('Try next'), ...d.tries.map((t) => `  ${s.c.cyan(t)}`)] : []),
    ...(d.see.length ? ['', s.c.dim(`See also: ${d.see.map((x) => `explain ${x}`).join(', ')}`)] : []),
  ];
};

const para = (lines: string[], s: Style, indent = '  '): string[] => lines.map((l) => (l ? indent + l : ''));

/** A step as the learner reads it: where they are, the task, the source it points at. */
export function stepLines(v: StepView, s: Style): string[] {
  return [
    s.c.bold(`Lesson ${v.lesson.n} · step ${v.step} of ${v.of}: ${v.title}`),
    ...para(v.text, s),
    ...v.sources.flatMap((x) => ['', ...excerptLines(x, s)]),
  ];
}

const lessonList: Formatter<'lesson-list'> = (r, s) => [
  s.c.bold('Lessons') + s.c.dim(` (progress in ${r.data.stateFile})`),
  ...columns(r.data.lessons.map((l) => [
    `  ${l.done ? s.c.green('✓') : l.step ? s.c.yellow('▶') : '·'} ${String(l.n).padStart(2)}`, l.id, l.title,
    l.done ? s.c.green('done') : l.step ? s.c.yellow(`at step ${l.step} of ${l.steps}`) : s.c.dim(`${l.steps} steps`),
  ])).split('\n'),
  ...(r.data.problem ? [s.c.yellow(r.data.problem)] : []),
  s.c.dim("'lesson next' starts or resumes; 'lesson N' takes lesson N."),
];

const lessonStep: Formatter<'lesson-step'> = (r, s) => [
  ...(r.data.intro.length ? [...para(r.data.intro, s, ''), ''] : []),
  ...(r.data.setup.length ? [
    s.c.dim(r.data.resumed ? `(resuming at step ${r.data.view.step}: the lesson re-creates what the earlier steps built)` : '(the lesson prepares the EAL)'),
    ...r.data.setup.map((x) => s.c.dim(`  ${x.ok ? '✓' : '✗'} ${x.cmd}${x.message ? `: ${x.message}` : ''}`)), '',
  ] : []),
  ...stepLines(r.data.view, s),
  ...(r.data.saveError ? [s.c.yellow(r.data.saveError)] : []),
];

const lessonHint: Formatter<'lesson-hint'> = (r, s) => [
  s.c.cyan(`hint (step ${r.data.step}): `) + r.data.hint.join(' '),
  ...(r.data.answer ? [s.c.cyan('the command: ') + r.data.answer] : r.data.more ? [s.c.dim("('lesson hint' again shows the command)")] : []),
];

/** The verdict on the learner's command, after its own output. */
export function verdictLines(v: Verdict, s: Style): string[] {
  if (!v.passed) {
    return ['', s.c.yellow(`✗ not yet (step ${v.step} of ${v.of}): the step expects "${v.check}"; ${v.failed}`), s.c.cyan('  hint: ') + (v.hint ?? []).join(' ')];
  }
  return [
    '', s.c.green(`✓ step ${v.step} of ${v.of} done.`),
    ...para(v.then ?? [], s),
    ...(v.explain?.length ? [s.c.dim(`  more: ${v.explain.map((x) => `explain ${x}`).join(', ')}`)] : []),
    ...(v.next ? ['', ...stepLines(v.next, s)] : []),
    ...(v.next === null ? ['', s.c.green(s.c.bold('Lesson complete.')), ...para(v.done ?? [], s), s.c.dim("  'lesson next' goes on; 'lesson list' shows where you are.")] : []),
    ...(v.saveError ? [s.c.yellow(v.saveError)] : []),
  ];
}

export const teachFormatters: FormatterTable<TeachKinds> = {
  'explain-list': explainList,
  explain: explainTopic,
  'lesson-list': lessonList,
  'lesson-step': lessonStep,
  'lesson-hint': lessonHint,
  'lesson-note': (r) => r.data.text,
};
