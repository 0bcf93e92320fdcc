// frame [N]: select frame N of the probe chain bt shows and print it with its source line.
import type { Body, CommandContext, CommandSpec } from '../types.js';
import { fail, ok } from '../types.js';
import { currentProbe } from '../../trace/state.js';
import { resolveSource } from '../../trace/source.js';
import type { ProbeRecord } from '../../session/session.js';

type Result = Body;

/** The probe whose chain frame/up/down/info args look at, or why there is none. */
export async function chainProbe(ctx: CommandContext): Promise<ProbeRecord | Result> {
  await ctx.session.history();
  const rec = currentProbe(ctx.session);
  if (typeof rec === 'string') return fail('no-probe', rec);
  if (rec.crash) return fail('no-chain', `probe #${rec.id} crashed the inferior: there is no recorded chain to select frames in`, "'bt' shows the crash frames");
  await ctx.session.chainOf(rec);
  if (rec.chainLost) return fail('no-chain', `probe #${rec.id}'s call chain is no longer available: ${rec.chainLost}`, 'probe it again to record a new one');
  if (!rec.frames.length) return fail('no-chain', `probe #${rec.id} has no call chain: its PMD probe was never entered`, "'bt' says why");
  return rec;
}

/** The selected frame of the current chain, or why there is none. */
export async function selectedFrame(ctx: CommandContext): Promise<{ rec: ProbeRecord; n: number; f: ProbeRecord['frames'][number] } | Result> {
  const rec = await chainProbe(ctx);
  if (!('frames' in rec)) return rec;
  const n = ctx.session.trace.frame;
  return { rec, n, f: rec.frames[n] };
}

/** Why a frame has no recorded values. */
const noValues = (n: number, f: { fn: string | null; origin: string }): Result =>
  fail('no-values', `no values were recorded for frame ${n} (${f.fn ?? '??'})`, f.origin === 'shell' ? "it is the shell's own frame" : 'values are read only for DPDK frames with DWARF');

/** info args / info locals: the values recorded at probe entry for the selected frame. */
export async function frameVars(ctx: CommandContext, what: 'args' | 'locals'): Promise<Result> {
  const sel = await selectedFrame(ctx);
  if (!('rec' in sel)) return sel;
  const { rec, n, f } = sel;
  // The chain is recorded as the PMD probe is entered: frame 0 has run none of its body yet.
  if (what === 'locals' && n === 0) return fail('no-values', `frame 0 (${f.fn}) had just been entered: its locals were not set yet`, "'up' then 'info locals' shows the caller's");
  const vars = f[what];
  if (!vars) return noValues(n, f);
  return ok('frame-vars', { probeId: rec.id, n, fn: f.fn, what, vars });
}

/** Selects frame n (already range-checked) and returns what `frame` prints. */
export function showFrame(ctx: CommandContext, rec: ProbeRecord, n: number): Result {
  const st = ctx.session.trace;
  st.frame = n;
  const f = rec.frames[n];
  let source: { line: number; text: string } | null = null;
  let sourceError: string | null = null;
  if (f.file && f.line) {
    const src = resolveSource(f.file);
    if ('error' in src) sourceError = src.error;
    else source = { line: f.line, text: src.lines[f.line - 1] ?? '' };
  }
  st.list = null; // a bare `list` now centres on this frame
  return ok('frame', { probeId: rec.id, n, frame: f, source, sourceError });
}

/** up [N] and down [N], as gdb's: one command, toward the caller (+1) or the PMD probe (-1). */
export const frameMover = (word: 'up' | 'down', direction: 1 | -1, summary: string): CommandSpec => ({
  path: [word],
  section: 'Trace',
  summary,
  args: [{ name: 'N', kind: 'number', optional: true, summary: 'how many frames (default 1)' }],
  run: (ctx, { args }) => moveFrame(ctx, args.number('N') ?? 1, direction),
});

/** up/down [N]: move the selected frame N levels toward the caller (+1) or the PMD probe (-1). */
async function moveFrame(ctx: CommandContext, levels: number, direction: 1 | -1): Promise<Result> {
  const rec = await chainProbe(ctx);
  if (!('frames' in rec)) return rec;
  const cur = ctx.session.trace.frame;
  const last = rec.frames.length - 1;
  if (direction > 0 && cur >= last) return fail('no-frame', 'Initial frame selected; you cannot go up.', "the outermost frame is the shell's own call of rte_eal_hotplug_add");
  if (direction < 0 && cur === 0) return fail('no-frame', 'Bottom (innermost) frame selected; you cannot go down.', 'frame 0 is the PMD probe');
  return showFrame(ctx, rec, Math.min(last, Math.max(0, cur + direction * levels)));
}

export const frame: CommandSpec = {
  path: ['frame'],
  aliases: [['f']],
  section: 'Trace',
  summary: 'select frame N of the probe chain (as numbered by bt) and show its source line',
  details: "Without N, shows the selected frame. `list` then prints the source around it; `up`/`down`\nmove one frame, `info args`/`info locals` show its values. `frame function NAME` (gdb's form)\nselects the innermost frame of function NAME. The chain is the one `bt` last\nshowed (a newer probe replaces it).",
  args: [{ name: 'N', kind: 'frame', optional: true, or: 'function' }],
  keys: [{ name: 'function', value: 'NAME', kind: 'function', summary: "the innermost frame of function NAME (gdb's form)" }],
  async run(ctx, { args }) {
    const fn = args.values.function;
    const given = args.number('N');
    const rec = await chainProbe(ctx);
    if (!('frames' in rec)) return rec;
    let n = given ?? ctx.session.trace.frame;
    if (fn !== undefined) {
      n = rec.frames.findIndex((f) => f.fn === fn);
      if (n < 0) return fail('no-frame', `no frame of ${fn} in probe #${rec.id}'s chain`, "'bt' lists its frames");
    }
    if (n >= rec.frames.length) return fail('no-frame', `no frame ${n}: probe #${rec.id}'s chain has frames 0..${rec.frames.length - 1}`, "'bt' lists them");
    return showFrame(ctx, rec, n);
  },
};
