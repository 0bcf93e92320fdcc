// Topics for `explain`: one data file each in teach/topics/ (NN-id.topic). A topic is a short
// explanation, source references found through DWARF, live evidence from the running EAL, and
// commands to try next. See teach/README.md for the format.
import fs from 'node:fs';
import path from 'node:path';
import { TeachFileError, idOf, shownPath, readEntries, teachDir, textOf, unknownKeyword } from './file.js';
import { parseSourceRef, type SourceRef } from './source-ref.js';
import { parseLive, type LiveSpec } from './live.js';

export interface Topic {
  id: string;
  file: string;
  title: string;
  text: string[];
  sources: SourceRef[];
  live: LiveSpec[];
  tries: string[];
  see: string[];
}

const KEYS = ['title', 'text', 'source', 'live', 'try', 'see'];

export function parseTopic(fullPath: string, text: string): Topic {
  const file = shownPath(fullPath);
  const t: Topic = { id: idOf(file), file, title: '', text: [], sources: [], live: [], tries: [], see: [] };
  for (const e of readEntries(file, text)) {
    switch (e.key) {
      case 'title': t.title = e.arg; break;
      case 'text': t.text.push(...(t.text.length ? [''] : []), ...textOf(e)); break;
      case 'source': t.sources.push(parseSourceRef(file, e)); break;
      case 'live': t.live.push(parseLive(file, e)); break;
      case 'try':
        if (!e.arg) throw new TeachFileError(file, e.line, '"try" needs a command', 'try probe net_null0');
        t.tries.push(e.arg);
        break;
      case 'see': t.see.push(...e.arg.split(/\s+/).filter(Boolean)); break;
      default: throw unknownKeyword(file, e, KEYS, 'a topic');
    }
  }
  if (!t.title) throw new TeachFileError(file, 1, 'the topic has no title', 'add a line: title WHAT IT EXPLAINS');
  if (!t.text.length) throw new TeachFileError(file, 1, 'the topic has no text', 'add "text" and the explanation indented under it');
  return t;
}

/** Every topic, in file order; a malformed file throws TeachFileError naming it. */
export function loadTopics(dir = teachDir('topics')): Topic[] {
  const files = fs.readdirSync(dir).filter((f) => f.endsWith('.topic')).sort();
  return files.map((f) => parseTopic(path.join(dir, f), fs.readFileSync(path.join(dir, f), 'utf8')));
}

/** Topic ids for completion: read from the file names alone (no parsing, never throws). */
export function topicIds(dir = teachDir('topics')): string[] {
  try { return fs.readdirSync(dir).filter((f) => f.endsWith('.topic')).sort().map(idOf); } catch { return []; }
}
