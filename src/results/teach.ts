// The Learn section's result kinds and their data: explain (a topic, the topic list), lesson (the
// list, a step, a hint, a note), and a lesson's verdict on the learner's command (CommandResult.lesson).
import type { Excerpt } from '../teach/source-ref.js';
import type { LiveBlock } from '../teach/live.js';

/** The DPDK the evidence comes from: the EAL's own rte_version(), and the build's type. */
export interface ShownVersion { rte: string; build: string; buildtype: string }
export interface ExplainListData { version: ShownVersion; topics: { n: number; id: string; title: string }[] }
/** A source reference that could not be found in this build. */
export interface MissingExcerpt { ref: string; error: string }
export interface ExplainData {
  version: ShownVersion; id: string; n: number; title: string; text: string[];
  sources: (Excerpt | MissingExcerpt)[]; live: LiveBlock[]; tries: string[]; see: string[];
}

export interface StepView {
  lesson: { id: string; n: number; title: string; of: number };
  step: number;
  of: number;
  title: string;
  text: string[];
  sources: (Excerpt | MissingExcerpt)[];
}

export interface Verdict {
  passed: boolean;
  lesson: string;
  step: number;
  of: number;
  /** Passed: what the step taught; and the next step, or the lesson's closing words. */
  then?: string[];
  explain?: string[];
  next?: StepView | null;
  done?: string[];
  /** Not passed: the first check that failed, what it found instead, and the hint. */
  check?: string;
  failed?: string;
  hint?: string[];
  saveError?: string;
}

export interface LessonListData {
  lessons: { n: number; id: string; title: string; steps: number; done: boolean; step: number | null; current: boolean }[];
  stateFile: string;
  problem?: string;
}
export interface LessonStepData {
  intro: string[]; resumed: boolean; view: StepView; setup: { cmd: string; ok: boolean; message?: string }[]; saveError?: string;
}
export interface LessonHintData { step: number; title: string; hint: string[]; answer?: string | null; more: boolean }
export interface LessonNoteData { text: string[] }

/** The Learn section's result kinds: kind -> data (src/format/areas/teach.ts formats each). */
export interface TeachKinds {
  explain: ExplainData;
  'explain-list': ExplainListData;
  'lesson-list': LessonListData;
  'lesson-step': LessonStepData;
  'lesson-hint': LessonHintData;
  'lesson-note': LessonNoteData;
}
