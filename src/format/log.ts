// DPDK's own lines, verbatim and visibly DPDK's (a "│ " gutter), optionally with where each came from.
import type { LogLine } from '../session/protocol.js';
import type { Style } from './style.js';

export function formatLog(log: LogLine[], s: Style, withSites = false): string[] {
  return log.map((l) => {
    const site = withSites && l.emitter?.file ? s.c.dim(`   <- ${l.emitter.fn} ${l.emitter.file}:${l.emitter.line}`) : '';
    return s.c.dim('│ ') + s.c.cyan(l.text) + site;
  });
}
