// The types that tie a formatter to its result kind: the compiler refuses a formatter whose data
// is not its kind's, and an area table that leaves one of the area's kinds without a formatter.
import type { Kind, ResultOf } from '../results/result.js';
import type { ResultKinds } from '../results/kinds.js';
import type { Style } from './style.js';

/** A result as its formatter sees it: one of kind K, with its data (null data never reaches one). */
export type Shown<K extends Kind> = Omit<ResultOf<K>, 'data'> & { data: ResultKinds[K] };

/** Renders one kind of result as lines of text. */
export type Formatter<K extends Kind> = (r: Shown<K>, s: Style) => string[];

/** A kind's text form; showsError: the formatter places the error itself (otherwise it comes last). */
export type KindFormat<K extends Kind> = Formatter<K> | { lines: Formatter<K>; showsError: true };

/**
 * An area's formatter table (src/format/areas/<area>.ts): one text form for every kind of the
 * area's kind map (src/results/<area>.ts), each typed by its kind.
 */
export type FormatterTable<AreaKinds> = { [K in keyof AreaKinds & Kind]: KindFormat<K> };
