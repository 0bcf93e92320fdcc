// Lessons for `lesson`: one data file each in teach/lessons/ (NN-id.lesson). A lesson is a list
// of steps; each step gives a task, and `expect` lines (the checks .vsh scripts use) that must
// hold after the learner's command for the step to count. See teach/README.md for the format.
import fs from 'node:fs';
import path from 'node:path';
import { matchCommand } from '../commands/registry.js';
import { checkLine } from '../commands/args.js';
import { TeachFileError, idOf, readEntries, shownPath, teachDir, textOf, unknownKeyword, type Entry } from './file.js';
import { parseSourceRef, type SourceRef } from './source-ref.js';
import { topicIds } from './topics.js';

export interface Step {
  title: string;
  text: string[];
  /** `expect ...` lines, without the word expect: "fail key-wrong-driver". */
  checks: string[];
  hint: string[];
  answer: string | null;
  then: string[];
  setup: string[];
  sources: SourceRef[];
  explain: string[];
  line: number;
}

export interface Lesson {
  id: string;
  file: string;
  title: string;
  intro: string[];
  steps: Step[];
  done: string[];
}

const LESSON_KEYS = ['title', 'intro', 'step', 'done'];
const STEP_KEYS = ['text', 'expect', 'hint', 'answer', 'then', 'setup', 'source', 'explain'];

export function parseLesson(fullPath: string, text: string): Lesson {
  const file = shownPath(fullPath);
  const l: Lesson = { id: idOf(fullPath), file, title: '', intro: [], steps: [], done: [] };
  let step: Step | null = null;
  for (const e of readEntries(file, text)) {
    if (e.key === 'step') {
      if (!e.arg) throw new TeachFileError(file, e.line, '"step" needs a title', 'step Hot-plug the device the notes asked for');
      step = { title: e.arg, text: [], checks: [], hint: [], answer: null, then: [], setup: [], sources: [], explain: [], line: e.line };
      l.steps.push(step);
      continue;
    }
    if (e.key === 'done') { l.done.push(...textOf(e)); step = null; continue; }
    if (!step) {
      if (e.key === 'title') l.title = e.arg;
      else if (e.key === 'intro') l.intro.push(...(l.intro.length ? [''] : []), ...textOf(e));
      else if (STEP_KEYS.includes(e.key)) throw new TeachFileError(file, e.line, `"${e.key}" outside a step`, 'start a step first: step TITLE');
      else throw unknownKeyword(file, e, LESSON_KEYS, 'a lesson');
      continue;
    }
    stepEntry(file, step, e);
  }
  if (!l.title) throw new TeachFileError(file, 1, 'the lesson has no title', 'add a line: title WHAT IT TEACHES');
  if (!l.steps.length) throw new TeachFileError(file, 1, 'the lesson has no step', 'add "step TITLE" with text, expect and hint lines');
  for (const s of l.steps) {
    if (!s.text.length) throw new TeachFileError(file, s.line, `step "${s.title}" has no text`, 'say what to do under "text"');
    if (!s.checks.length) throw new TeachFileError(file, s.line, `step "${s.title}" has no expect line`, 'add what must hold after the command, e.g. expect ok');
    if (!s.hint.length) throw new TeachFileError(file, s.line, `step "${s.title}" has no hint`, 'add "hint" and a nudge for a wrong try');
  }
  return l;
}

function stepEntry(file: string, s: Step, e: Entry): void {
  switch (e.key) {
    case 'text': s.text.push(...(s.text.length ? [''] : []), ...textOf(e)); return;
    case 'hint': s.hint.push(...textOf(e)); return;
    case 'then': s.then.push(...(s.then.length ? [''] : []), ...textOf(e)); return;
    case 'expect': s.checks.push(commandLine(file, e, 'expect')); return;
    case 'answer': s.answer = commandLine(file, e, 'answer'); return;
    case 'setup': s.setup.push(commandLine(file, e, 'setup')); return;
    case 'source': s.sources.push(parseSourceRef(file, e)); return;
    case 'explain': {
      const ids = topicIds();
      for (const t of e.arg.split(/\s+/).filter(Boolean)) {
        if (!ids.includes(t)) throw new TeachFileError(file, e.line, `no topic "${t}" to explain`, `topics: ${ids.join(', ')}`);
        s.explain.push(t);
      }
      return;
    }
    default: throw unknownKeyword(file, e, STEP_KEYS, 'a step');
  }
}

/**
 * A command a lesson runs, shows or checks must be one the shell has, with arguments its grammar
 * takes (what can be told without a session: ports are looked up when it runs).
 */
function commandLine(file: string, e: Entry, key: string): string {
  if (!e.arg) throw new TeachFileError(file, e.line, `"${key}" needs a command`);
  const m = matchCommand(key === 'expect' ? `expect ${e.arg}` : e.arg);
  const said = `"${key} ${e.arg}"`;
  if (!m.spec) {
    const why = m.ambiguous ? `could be ${m.ambiguous.join(', ')}` : m.next?.length ? `${m.words.join(' ')} takes ${m.next.join(', ')}` : 'no such command';
    throw new TeachFileError(file, e.line, `${said}: ${why}`, m.suggestion && !m.next?.length ? `did you mean '${m.suggestion}'?` : key === 'expect' ? undefined : "'help' lists the commands");
  }
  const bad = checkLine(m.spec, m.argv, m.rest);
  if (bad?.error) throw new TeachFileError(file, e.line, `${said}: ${bad.error.message}`, bad.error.hint);
  return e.arg;
}

/** Every lesson, in file order; a malformed file throws TeachFileError naming it. */
export function loadLessons(dir = teachDir('lessons')): Lesson[] {
  const files = fs.readdirSync(dir).filter((f) => f.endsWith('.lesson')).sort();
  return files.map((f) => parseLesson(path.join(dir, f), fs.readFileSync(path.join(dir, f), 'utf8')));
}
