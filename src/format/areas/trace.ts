// Formatters for the trace area's result kinds: frame, list, info symbol, info line, ops diff.
import type { Formatters } from '../types.js';
import type { Style } from '../style.js';
import { columns } from '../table.js';
import { argText, frameLine } from '../trace.js';


function listingLines(l: { lines: { n: number; text: string }[]; mark?: number }, s: Style): string[] {
  return l.lines.map((x) => {
    const text = `${x.n}\t${x.text}`;
    return x.n === l.mark ? s.c.bold(text) : text;
  });
}

const sym = (addr: string, name: string | null, s: Style): string => `${addr}${name ? ` <${s.c.yellow(name)}>` : ''}`;

export const traceFormatters: Formatters = {
  frame: (r, s) => [
    frameLine(r.data.frame, s),
    ...(r.data.source ? [`${r.data.source.line}\t${r.data.source.text}`] : []),
    ...(r.data.sourceError ? [s.c.dim(`(${r.data.sourceError})`)] : []),
  ],
  'info-frame': (r, s) => {
    const d = r.data, f = d.frame;
    const at = (x: { n: number; cfa: string | null }) => `frame #${x.n}${x.cfa ? ` at ${x.cfa}` : ''}`;
    return [
      `Stack level ${d.n}, frame at ${d.cfa ?? '?'}:`,
      d.n === 0
        ? ` entry = ${f.addr} in ${s.c.yellow(f.fn ?? '??')}; break ${f.fn} stops at ${s.c.green(`${f.file}:${f.line}`)} (after the prologue)`
        : ` return address = ${f.addr} in ${s.c.yellow(f.fn ?? '??')}${f.file ? ` (${s.c.green(`${f.file}:${f.line}`)}, the call's line)` : ''}`,
      ...(d.caller ? [` called by ${at(d.caller)} (${d.caller.fn ?? '??'})`] : []),
      ...(d.callee ? [` caller of ${at(d.callee)} (${d.callee.fn ?? '??'})`] : []),
      ` ${f.origin === 'shell' ? "vdev-shell's own frame" : f.origin === 'dpdk' ? 'DPDK code' : f.origin}${f.module ? `, in ${f.module}` : ''}`,
      ...(f.args ? [` args: ${f.args.map(argText).join(', ') || '(none)'}`] : []),
    ];
  },
  'frame-vars': (r) => (r.data.vars.length ? r.data.vars.map((v) => `${v.name} = ${v.value}`) : [r.data.what === 'args' ? 'No arguments.' : 'No locals.']),
  list: (r, s) => r.data.blocks.flatMap((b) => [...(b.header ? [s.c.dim(b.header)] : []), ...listingLines(b.listing, s)]),
  'info-symbol': (r, s) => [
    `${s.c.yellow(r.data.fn)}${r.data.offset ? ` + ${r.data.offset}` : ''} in section ${r.data.section ?? '?'}${r.data.module ? ` of ${r.data.module}` : ''}` +
      (r.data.file ? s.c.dim(`  (${r.data.file}:${r.data.line})`) : ''),
  ],
  'info-line': (r, s) => r.data.lines.flatMap((l) => [
    l.asked
      ? `Line ${l.asked} of "${s.c.green(l.file ?? '?')}" is at address ${sym(l.start, l.startSym, s)} but contains no code.`
      : `Line ${l.line} of "${s.c.green(l.file ?? '?')}" starts at address ${sym(l.start, l.startSym, s)} and ends at ${sym(l.end, l.endSym, s)}.`,
    ...(l.breakpoint && r.data.name ? [s.c.dim(`  break ${r.data.name} stops at ${l.breakpoint.file}:${l.breakpoint.line} (after the prologue)`)] : []),
  ]),
  'ops-diff': (r, s) => {
    const [a, b] = r.data.ports;
    const rows = r.data.all ? r.data.rows : r.data.rows.filter((x) => x.mark !== ' ');
    const cell = (fn: string | null): string => (fn ? s.c.yellow(fn) : s.c.dim('NULL'));
    const head = ['', `port ${a.port} (${a.driver ?? a.name})`, `port ${b.port} (${b.driver ?? b.name})`, ''].map((h) => s.c.bold(h));
    const sm = r.data.summary;
    return [
      ...columns([
        ['  ' + s.c.bold('slot'), ...head.slice(1)],
        ...rows.map((x) => ['  ' + x.slot, cell(x.a), cell(x.b), x.mark]),
        ['  ' + s.c.bold('burst'), '', '', ''],
        ...r.data.burst.map((x) => ['  ' + x.name, cell(x.a), cell(x.b), x.mark]),
      ]).split('\n'),
      s.c.dim(`  ${sm.onlyA} slots only port ${a.port} sets (<), ${sm.onlyB} only port ${b.port} (>), ${sm.different} set by both to different functions (!), ${sm.same} the same (=); ${sm.slots} slots in all`),
    ];
  },
};
