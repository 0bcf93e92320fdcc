// Formatters for the recovery area's result kinds: a death (crash, rte_exit, cancelled hang) with
// its frames and what was restored, bt of a crashed probe, the recovery settings.
import type { Frame } from '../../protocol/ops.js';
import type { HangSample, RestoreReport } from '../../recovery/types.js';
import type { CrashReport } from '../../recovery/types.js';
import type { Formatter, FormatterTable } from '../types.js';
import type { RecoveryKinds } from '../../results/recovery.js';
import type { Style } from '../style.js';
import { where } from '../location.js';
import { formatLog } from '../log.js';

function frameLines(frames: Frame[], s: Style): string[] {
  return frames.map((f) => `#${String(f.n).padEnd(2)} ${where(f, s)}` + (f.origin === 'shell' ? s.c.dim('   <- vdev-shell') : ''));
}

export function hangLines(h: HangSample, s: Style): string[] {
  if (h.error) return [s.c.dim(`(stack sample failed: ${h.error})`)];
  const shown = h.frames.slice(0, Math.max(1, h.frames.findIndex((f) => f.fn === 'rte_eal_hotplug_add') + 1 || 12));
  return [s.c.bold(`where it was waiting (eu-stack of pid ${h.pid}, ${h.ms} ms):`), ...frameLines(shown, s), s.c.dim(`  ${h.meaning}`)];
}

function restoreLines(r: RestoreReport | null, s: Style): string[] {
  if (!r) return [];
  if (r.error) return [s.c.red(`EAL not restarted: ${r.error}`)];
  const out = [s.c.green(`EAL restarted (pid ${r.pid}, ${r.ms} ms)`) + (r.clean ? ' clean: nothing restored' : '')];
  for (const d of r.restored) out.push(`  restored  port ${d.port}  ${d.devargs}`);
  for (const d of r.failed) out.push(s.c.red(`  NOT restored  ${d.devargs}`) + s.c.dim(`  (${d.reason})`));
  return out;
}

function crashHead(c: CrashReport, s: Style): string[] {
  const top = c.top;
  const out = [s.c.red(`Program received signal ${c.signal}`) + ` (fault address ${c.faultAddr})`];
  if (top) out.push(`${s.c.bold('#0')}  ${where(top, s)}`);
  if (c.dpdkFrame && c.dpdkFrame !== top && c.dpdkFrame.addr !== top?.addr) out.push(`in DPDK: ${where(c.dpdkFrame, s)}`);
  return out;
}

const formatDeath: Formatter<'crash'> = (r, s) => {
  const d = r.data;
  const out: string[] = [];
  if (d.lastLog.length) out.push(s.c.dim("DPDK's last lines:"), ...formatLog(d.lastLog.map((text) => ({ text })), s));
  out.push(s.c.red(`error: ${r.error?.message}`) + s.c.dim(`  [${r.error?.code}]`));
  if (d.devargs) out.push(`  command: ${d.command}` + (d.driver ? `   (driver ${d.driver})` : ''));
  if (d.crash) {
    out.push(...crashHead(d.crash, s).slice(1).map((l) => '  ' + l));
    out.push(s.c.bold('  call chain:'), ...frameLines(d.crash.frames, s).map((l) => '  ' + l));
  }
  if (d.hang) out.push(...hangLines(d.hang, s).map((l) => '  ' + l));
  out.push(...restoreLines(d.restore, s));
  if (r.error?.hint) out.push(s.c.dim(`  ${r.error.hint}`));
  return out;
};

const formatCrashBt: Formatter<'crash-bt'> = (r, s) => {
  const d = r.data;
  return [
    s.c.dim(`probe #${d.probeId}: ${d.devargs} (crashed the inferior)`),
    ...crashHead(d.crash, s).slice(0, 1),
    ...frameLines(d.full ? d.crash.allFrames : d.crash.frames, s),
  ];
};

const formatRecovery: Formatter<'recovery'> = (r, s) => [
  `after a death: ${s.c.bold(r.data.policy)} (${r.data.policy === 'restore' ? 're-probe what was attached' : 'start an empty EAL'})`,
  `command timeout: ${r.data.timeoutMs ? `${r.data.timeoutMs} ms` : 'off'}   slow notice after ${r.data.slowMs} ms`,
  `deaths so far: ${r.data.deaths}`,
];

const formatWait: Formatter<'inferior-wait'> = (r, s) => hangLines(r.data, s);

const formatCrashes: Formatter<'crashes'> = (r, s) => {
  if (!r.data.deaths.length) return ['No crash, exit or hang in this session.'];
  return r.data.deaths.map((d, i) => `${i + 1}. ${d.how}${d.signal ? ` ${d.signal}` : ''}  ${d.command}` +
    (d.crash?.dpdkFrame ? `  at ${where(d.crash.dpdkFrame, s)}` : d.hang?.dpdkFrame ? `  waiting in ${where(d.hang.dpdkFrame, s)}` : '') +
    (d.restore ? s.c.dim(`  (restored ${d.restore.restored.length}, lost ${d.restore.failed.length})`) : ''));
};

const formatPreflight: Formatter<'preflight'> = (r, s) => {
  const p = r.data.preflight;
  const out = [s.c.red(`error: ${r.error?.message}`) + s.c.dim(`  [${r.error?.code}]`)];
  // Known from DPDK's source, not tried: the form that works, and --force to send it anyway.
  if (p.known) return [...out, `  ${p.known.hint}`, s.c.dim(`  'probe --force ${r.data.input}' sends it to the EAL anyway: the crash is shown and the session restored`)];
  for (const t of p.triggers) out.push(s.c.dim(`  suspect: ${t.key ? `${t.key}: ` : ''}${t.why}`));
  if (p.crash) out.push(...crashHead(p.crash, s).slice(0, 1).map((l) => '  ' + l), ...frameLines(p.crash.frames, s).map((l) => '  ' + l));
  if (p.hang) out.push(...hangLines(p.hang, s).map((l) => '  ' + l));
  out.push(s.c.dim(`  'probe --force ${r.data.input}' runs it anyway: the crash is shown and the session restored`));
  return out;
};

export const recoveryFormatters: FormatterTable<RecoveryKinds> = {
  // These two place the error themselves: under DPDK's last lines, above what came back.
  crash: { lines: formatDeath, showsError: true },
  'crash-bt': formatCrashBt,
  recovery: formatRecovery,
  'inferior-wait': formatWait,
  crashes: formatCrashes,
  preflight: { lines: formatPreflight, showsError: true },
};
