// bt, info probes, ops.
import type { CommandResult } from '../commands/types.js';
import type { Frame } from '../session/protocol.js';
import type { Style } from './style.js';
import { where } from './location.js';
import { columns } from './table.js';

interface BtData { probeId: number; input: string; ok: boolean; frames: Frame[]; failurePoint: { text: string; frame?: Frame } | null; devargs: string | null }

export function formatBt(r: CommandResult<BtData>, s: Style): string[] {
  const d = r.data;
  if (!d.frames) return [];
  const out = [s.c.dim(`probe #${d.probeId}: ${d.devargs} (${d.ok ? 'attached' : 'failed'})`)];
  for (const f of d.frames) {
    const mark = f.origin === 'shell' ? s.c.dim('   <- vdev-shell (the caller, like the application in the seed notes)') : '';
    out.push(`#${f.n}  ${where(f, s)}${mark}`);
  }
  if (d.failurePoint?.frame) out.push(s.c.red(`failed at: ${where(d.failurePoint.frame, s)}`) + `  logged "${d.failurePoint.text}"`);
  return out;
}

export function formatProbes(r: CommandResult<{ probes: { id: number; input: string; ok: boolean; ret: number | null; driver: string | null; port: number | null }[] }>, s: Style): string[] {
  if (!r.data.probes.length) return ['No probes yet.'];
  return columns([
    ['Id', 'Result', 'Driver', 'Port', 'Input'].map((h) => s.c.bold(h)),
    ...r.data.probes.map((p) => [`#${p.id}`, p.ok ? 'ok' : `fail (${p.ret})`, p.driver ?? '-', p.port === null ? '-' : String(p.port), p.input]),
  ]).split('\n');
}

interface OpsData {
  port: number; name: string; driver?: string; all: boolean; table: string; started: boolean;
  ops: { slot: string; fn: string | null; file: string | null; line: number | null }[];
  burstFrames: Record<string, Frame | null>; fastPath: Record<string, Frame | null>;
}

export function formatOps(r: CommandResult<OpsData>, s: Style): string[] {
  const d = r.data;
  const set = d.ops.filter((o) => o.fn);
  const shown = d.all ? d.ops : set;
  const out = [s.c.bold(`eth_dev_ops of port ${d.port} (${d.name}, ${d.driver ?? '?'}) at ${d.table}: ${set.length} of ${d.ops.length} slots set`)];
  out.push(...columns(shown.map((o) => ['  ' + o.slot, o.fn ? s.c.yellow(o.fn) : s.c.dim('NULL'), o.file ? s.c.green(`${o.file}:${o.line}`) : ''])).split('\n'));
  if (!d.all) out.push(s.c.dim(`  (${d.ops.length - set.length} NULL slots hidden; 'ops ${d.port} --all' lists them)`));
  out.push(s.c.bold('burst functions (rte_eth_devices[' + d.port + '])'));
  out.push(...columns(Object.entries(d.burstFrames).map(([k, f]) => ['  ' + k, f?.fn ? s.c.yellow(f.fn) : s.c.dim('NULL'), f?.file ? s.c.green(`${f.file}:${f.line}`) : ''])).split('\n'));
  if (!d.started) out.push(s.c.dim(`  port stopped: rte_eth_fp_ops[${d.port}] still holds the dummy functions until port start`));
  return out;
}
