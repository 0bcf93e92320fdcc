// bt, info probes, ops: gdb's shapes.
import type { Formatter, Shown } from './types.js';
import type { BurstName, Frame } from '../protocol/ops.js';
import type { Style } from './style.js';
import { where } from './location.js';
import { columns } from './table.js';
import { formatLog } from './log.js';

/**
 * An argument as gdb's bt prints it (`print entry-values default`): `devargs=devargs@entry=0x...`
 * when the value the caller passed is known and the same as now (or the only one known), else the
 * value now.
 */
export function argText(a: { name: string; value: string; entry?: string }): string {
  if (a.entry !== undefined && (a.entry === a.value || a.value === '<optimized out>')) return `${a.name}=${a.name}@entry=${a.entry}`;
  return `${a.name}=${a.value}`;
}

/** `#1  0x... in fn (a=1, b=0x...) at file:line` as gdb prints a frame (no address for #0). */
export function frameLine(f: Frame, s: Style): string {
  const args = f.args ? ` (${f.args.map(argText).join(', ')})` : '';
  const fn = f.fn ? s.c.yellow(f.fn) : '??';
  const at = f.file ? ` at ${s.c.green(`${f.file}:${f.line ?? '?'}`)}` : '';
  const addr = f.n > 0 && !f.atCall ? `${s.c.dim('0x' + f.addr.replace(/^0x/, '').padStart(16, '0'))} in ` : '';
  return `#${f.n}  ${addr}${fn}${args}${at}`;
}

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

export const formatBt: Formatter<'bt'> = (r, s) => {
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

/** What bt can show for a probe: its chain is kept (in the shell or its EAL), gone, or never was. */
const chainCell = (c: string | undefined): string => (c === 'recorded' || c === 'loaded' ? 'kept' : c === 'lost' ? 'lost' : '-');

export function formatProbes(r: Shown<'probes'>, s: Style): string[] {
  if (!r.data.probes.length) return ['No probes yet.'];
  return columns([
    ['Id', 'Result', 'Driver', 'Port', 'Chain', 'Input'].map((h) => s.c.bold(h)),
    ...r.data.probes.map((p) => [`#${p.id}`, p.ok ? 'ok' : p.ret === null ? 'fail' : `fail (${p.ret})`, p.driver ?? '-', p.port === null ? '-' : String(p.port), chainCell(p.chain), p.input]),
  ]).split('\n');
}

const fnRow = (name: string, f: { fn: string | null; file: string | null; line: number | null } | null, s: Style): string[] =>
  ['  ' + name, f?.fn ? s.c.yellow(f.fn) : s.c.dim('NULL'), f?.file ? s.c.green(`${f.file}:${f.line}`) : ''];

export function formatOps(r: Shown<'ops'>, s: Style): string[] {
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
}
