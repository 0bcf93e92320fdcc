// DPDK's own lines, verbatim and visibly DPDK's (a "│ " gutter), optionally with where each came
// from; the source location goes on its own line when the two would not fit the width.
import type { LogLine } from '../protocol/ops.js';
import type { Style } from './style.js';

export function formatLog(log: LogLine[], s: Style, withSites = false): string[] {
  return log.flatMap((l) => {
    const text = s.c.dim('│ ') + s.c.cyan(l.text);
    if (!withSites || !l.emitter?.file) return [text];
    const site = `<- ${l.emitter.fn} ${l.emitter.file}:${l.emitter.line}`;
    if (2 + l.text.length + 3 + site.length <= s.width) return [text + '   ' + s.c.dim(site)];
    return [text, s.c.dim('│     ' + site)];
  });
}
