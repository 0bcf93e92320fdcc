// Formatters for the trace area's result kinds in gdb's shapes: bt, ops, frame, info frame/args/
// locals, list, info symbol, info line, ops diff.
import type { BurstName, Frame } from '../../protocol/ops.js';
import type { TraceKinds } from '../../results/trace.js';
import type { Formatter, FormatterTable } from '../types.js';
import type { Style } from '../style.js';
import { columns } from '../table.js';
import { where } from '../location.js';
import { formatLog } from '../log.js';
import { argText, frameLine } from '../trace.js';
function fullLines(f: Frame, s: Style): string[] {
  const pad = '        ';
  const out: string[] = [];
  for (const a of f.args ?? []) for (const x of a.fields ?? []) out.push(`${pad}${s.c.dim(`${a.name}->${x.path} =`)} ${x.value}`);
  if (f.n === 0) return [...out, pad + s.c.dim('(locals not set yet: the probe had just been entered)')];
  if (f.origin === 'shell') return out;
  if (!f.locals) return [...out, pad + s.c.dim('(no values recorded for this frame)')];
  if (!f.locals.length) return [...out, pad + 'No locals.'];
  return [...out, ...f.locals.map((l) => `${pad}${l.name} = ${l.value}`)];
}

const formatBt: Formatter<'bt'> = (r, s) => {
  const d = r.data;
  if (!('frames' in d)) return []; // no chain: the error says why
  const out = [s.c.dim(`probe #${d.probeId}: ${d.devargs} (${d.ok ? 'attached' : 'failed'})`)];
  for (const f of d.frames) {
    const mark = f.origin === 'shell' ? s.c.dim('   <- vdev-shell (the caller, like the application in the seed notes)') : '';
    out.push(frameLine(f, s) + mark);
    if (d.full) out.push(...fullLines(f, s));
  }
  if (d.failurePoint?.frame) out.push(s.c.red(`failed at: ${where(d.failurePoint.frame, s)}`) + `  logged "${d.failurePoint.text}"`);
  return out;
};

const fnRow = (name: string, f: { fn: string | null; file: string | null; line: number | null } | null, s: Style): string[] =>
  ['  ' + name, f?.fn ? s.c.yellow(f.fn) : s.c.dim('NULL'), f?.file ? s.c.green(`${f.file}:${f.line}`) : ''];

const formatOps: Formatter<'ops'> = (r, s) => {
  const d = r.data;
  const set = d.ops.filter((o) => o.fn);
  const shown = d.all ? d.ops : set;
  // DPDK lines first (e.g. what the recovery guard said when it revived the EAL for this command).
  const out = [...formatLog(r.log, s), s.c.bold(`eth_dev_ops of port ${d.port} (${d.name}, ${d.driver ?? '?'}) at ${d.table}: ${set.length} of ${d.ops.length} slots set${d.dpdk ? ` (DPDK ${d.dpdk})` : ''}`)];
  out.push(...columns(shown.map((o) => fnRow(o.slot, o, s))).split('\n'));
  if (!d.all) out.push(s.c.dim(`  (${d.ops.length - set.length} NULL slots hidden; 'ops ${d.port} --all' lists them)`));
  out.push(s.c.bold('burst functions (rte_eth_devices[' + d.port + '])'));
  out.push(...columns(Object.entries(d.burstFrames).map(([k, f]) => fnRow(k, f, s))).split('\n'));
  const differs = Object.entries(d.fastPath ?? {}).filter(([k, f]) => (f?.fn ?? null) !== (d.burstFrames[k as BurstName]?.fn ?? null));
  if (differs.length) {
    out.push(s.c.bold(`rte_eth_fp_ops[${d.port}] (what rte_eth_rx_burst/tx_burst call) differs:`));
    out.push(...columns(differs.map(([k, f]) => fnRow(k, f, s))).split('\n'));
    if (!d.started) out.push(s.c.dim(`  port stopped: ethdev installs the driver's burst functions there at 'port start ${d.port}'`));
  }
  return out;
};

function listingLines(l: { lines: { n: number; text: string }[]; mark?: number }, s: Style): string[] {
  return l.lines.map((x) => {
    const text = `${x.n}\t${x.text}`;
    return x.n === l.mark ? s.c.bold(text) : text;
  });
}

const sym = (addr: string, name: string | null, s: Style): string => `${addr}${name ? ` <${s.c.yellow(name)}>` : ''}`;

export const traceFormatters: FormatterTable<TraceKinds> = {
  bt: formatBt,
  ops: formatOps,
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
