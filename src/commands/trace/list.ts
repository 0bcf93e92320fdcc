// list [FUNC | FILE:LINE | FILE:FUNC | LINE]: DPDK source from the pinned tree, gdb's windows.
import type { CommandContext, CommandSpec } from '../types.js';
import { fail, usageOf, ok } from '../types.js';
import type { ListBlock } from '../../results/trace.js';
import { currentProbe } from '../../trace/state.js';
import { centredWindow, listing, resolveSource, LIST_SIZE, type SourceFile } from '../../trace/source.js';

function around(f: SourceFile, line: number, ctx: CommandContext): ListBlock {
  const w = centredWindow(f, line);
  ctx.session.trace.list = { file: f.rel, first: w.first, next: w.last + 1 };
  return { listing: listing(f, w.first, w.last, line) };
}

export const list: CommandSpec = {
  path: ['list'],
  aliases: [['l']],
  section: 'Trace',
  summary: 'DPDK source around the selected frame, a function or a line (gdb windows of 10 lines)',
  details: [
    'Files come from the DPDK source tree set-up keeps (the same tree the build was made from).',
    'FILE is a path as bt prints it (drivers/bus/vdev/vdev.c) or a unique file name (vdev.c).',
    'A bare `list` shows the lines around the selected frame, then continues where it stopped;',
    '`list -` shows the ten lines before the last listing.',
    'A static function defined in several drivers (eth_dev_start) lists every definition;',
    'FILE:FUNC picks one (list pcap_ethdev.c:eth_dev_start).',
  ].join('\n'),
  args: [{ name: 'LOCATION', kind: 'function', optional: true, forms: ['FUNC', 'FILE:LINE', 'FILE:FUNC', 'LINE', '-'], summary: 'FUNC, FILE:LINE, FILE:FUNC, LINE, or - (the lines before)' }],
  async run(ctx, { args }) {
    const st = ctx.session.trace;
    const arg = args.word('LOCATION');
    if (arg === '-') {
      if (!st.list) return fail('usage', "nothing listed yet: 'list -' shows the lines before the last listing", 'list FUNC | FILE:LINE');
      const src = resolveSource(st.list.file);
      if ('error' in src) return fail('no-source', src.error, src.hint);
      if (st.list.first <= 1) return fail('start-of-file', `Already at the start of ${src.rel}.`);
      const last = st.list.first - 1;
      const first = Math.max(1, last - LIST_SIZE + 1);
      st.list = { file: src.rel, first, next: last + 1 }; // gdb: a bare list continues after what was printed
      return ok('list', { blocks: [{ listing: listing(src, first, last) }] });
    }
    if (arg === undefined) {
      if (st.list) {
        const src = resolveSource(st.list.file);
        if ('error' in src) return fail('no-source', src.error, src.hint);
        if (st.list.next > src.lines.length) return fail('end-of-file', `Line number ${st.list.next} out of range; "${src.rel}" has ${src.lines.length} lines.`);
        const last = Math.min(src.lines.length, st.list.next + LIST_SIZE - 1);
        const l = listing(src, st.list.next, last);
        st.list = { file: src.rel, first: st.list.next, next: last + 1 };
        return ok('list', { blocks: [{ listing: l }] });
      }
      await ctx.session.history();
      const rec = currentProbe(ctx.session);
      if (typeof rec === 'string') return fail('no-probe', `${rec}; or give what to list: list FUNC | FILE:LINE`);
      await ctx.session.chainOf(rec);
      const f = rec.frames[st.frame] ?? rec.frames[0];
      if (!f?.file || !f.line) return fail('no-source', `frame ${st.frame} has no source line`, 'list FUNC or FILE:LINE');
      const src = resolveSource(f.file);
      if ('error' in src) return fail('no-source', src.error, src.hint);
      return ok('list', { blocks: [around(src, f.line, ctx)] });
    }
    const fileLine = /^(.+):(\d+)$/.exec(arg);
    if (fileLine || /^\d+$/.test(arg)) {
      const file = fileLine ? fileLine[1] : st.list?.file;
      const line = Number(fileLine ? fileLine[2] : arg);
      if (!file) return fail('usage', 'no current source file for a bare line number', 'list FILE:LINE');
      const src = resolveSource(file);
      if ('error' in src) return fail('no-source', src.error, src.hint);
      if (line < 1 || line > src.lines.length) return fail('no-line', `Line number ${line} out of range; "${src.rel}" has ${src.lines.length} lines.`);
      return ok('list', { blocks: [around(src, line, ctx)] });
    }
    const fileFn = /^(.+):([A-Za-z_]\w*)$/.exec(arg);
    const fn = fileFn ? fileFn[2] : arg;
    if (!/^[A-Za-z_]\w*$/.test(fn)) return fail('usage', `"${arg}" is neither a function, FILE:LINE nor FILE:FUNC`, `usage: ${usageOf(this)}`);
    let defs = (await ctx.session.call('traceSymbols', { name: fn })).filter((d) => d.func && d.range?.file);
    if (fileFn) defs = defs.filter((d) => d.range!.file === fileFn[1] || d.range!.file!.endsWith('/' + fileFn[1]));
    if (!defs.length) return fail('no-function', `Function "${fn}" not defined${fileFn ? ` in "${fileFn[1]}"` : ''}.`, fileFn ? `'list ${fn}' lists every definition` : 'names are C functions of the DPDK build, e.g. pmd_pcap_probe');
    const blocks: ListBlock[] = [];
    for (const d of defs) {
      const src = resolveSource(d.range!.file!);
      if ('error' in src) return fail('no-source', src.error, src.hint);
      const b = around(src, d.range!.line, ctx);
      blocks.push(defs.length > 1 ? { ...b, header: `file: "${src.rel}", line number: ${d.range!.line}, symbol: "${fn}"` } : b);
    }
    return ok('list', { blocks });
  },
};
