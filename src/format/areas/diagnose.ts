// Formatters for the diagnose area: a diagnosis (also shown under a failed probe's DPDK lines)
// and a static check.
import type { Formatter, FormatterTable } from '../types.js';
import type { DiagnoseKinds } from '../../results/diagnose.js';
import type { Style } from '../style.js';
import type { Diagnosis } from '../../diagnose/types.js';
import { formatLog } from '../log.js';

/** The diagnosis under DPDK's lines: cause, the site that logged it, facts, fixes (proved first). */
export function diagnosisLines(d: Diagnosis, s: Style, explain = false): string[] {
  const out = [s.c.bold(`cause ${d.cause}: `) + d.summary];
  const e = d.evidence;
  if (e.site?.file) out.push(s.c.dim(`  logged by ${e.site.fn} at ${e.site.file}:${e.site.line}`));
  for (const f of e.facts) out.push(s.c.dim(`  ${f}`));
  for (const t of d.then ?? []) out.push(`  then ${s.c.bold(t.cause)}: ${t.summary}`);
  if (!d.fixes.length) out.push(s.c.dim('  no fix to offer'));
  d.fixes.forEach((f, i) => {
    const tag = f.verified ? s.c.green('proved') : f.tried ? s.c.red('tried, refused') : s.c.yellow('not proved');
    // One command per line, each as it is typed (the lines after the first aligned under it).
    const head = `  fix ${i + 1} [${tag}]: `;
    const pad = ' '.repeat(`  fix ${i + 1} [${f.verified ? 'proved' : f.tried ? 'tried, refused' : 'not proved'}]: `.length);
    if (f.host?.length) out.push(head + s.c.dim('on the host first:'), ...f.host.map((h) => s.c.dim(`${pad}  ${h}`)));
    f.commands.forEach((cmd, k) => out.push((k === 0 && !f.host?.length ? head : pad) + s.c.bold(cmd)));
    out.push(s.c.dim(`        ${f.why}`));
    if (f.changesIntent) out.push(s.c.yellow(`        changes what you asked: ${f.changesIntent}`));
    if (f.c) out.push(s.c.dim(`        in C: ${f.c}`));
    if (f.tried) out.push(s.c.dim(`        DPDK: ${f.tried}`));
    if (f.note) out.push(s.c.dim(`        ${f.note}`));
  });
  if (explain) out.push('', ...d.explain.map((l) => `  ${l}`));
  out.push(s.c.dim(`  (diagnosed in ${d.ms} ms${d.where === 'scratch' ? ', probed in a throwaway EAL' : ''}${explain ? '' : "; 'diagnose --explain' teaches more"})`));
  return out;
}

const formatDiagnose: Formatter<'diagnosis'> = (r, s) => {
  const d = r.data;
  const head = d.source === 'probe' ? [s.c.dim(`probe #${d.probeId}: ${d.input}`)] : d.source === 'scratch' ? [s.c.dim(`${d.input} (probed in a throwaway EAL)`)] : [];
  if (!d.diagnosis) {
    const att = d.attached ? s.c.green(` (port ${d.attached.port}${d.attached.mac ? `, MAC ${d.attached.mac}` : ''} there)`) : '';
    return [...head, ...formatLog(r.log, s), `${d.message ?? 'nothing to diagnose'}${att}`];
  }
  return [...head, ...formatLog(r.log, s, true), ...diagnosisLines(d.diagnosis, s, d.explain)];
};

const formatCheck: Formatter<'check'> = (r, s) => {
  const c = r.data;
  const out = [`${c.name ?? c.input}: ${c.driver ? `claimed by ${c.driver}` : 'no driver'}` + s.c.dim(`  (static check, ${c.ms ?? '?'} ms)`)];
  for (const f of c.findings) {
    const tag = f.severity === 'error' ? s.c.red('error') : f.severity === 'warning' ? s.c.yellow('warning') : s.c.dim('info');
    out.push(`  ${tag} ${f.code}: ${f.message}` + (f.hint ? s.c.dim(`  (${f.hint})`) : ''));
  }
  if (!c.findings.length) out.push(s.c.green('  no problem found'));
  return out;
};

/** After the steps' own output: how far the fix got. */
const formatFix: Formatter<'fix'> = (r, s) => {
  const d = r.data;
  if (d.done) return [s.c.green(`fix ${d.n} done`) + s.c.dim(` (${d.commands.length} command${d.commands.length > 1 ? 's' : ''} of the ${d.cause} diagnosis)`)];
  return d.commands.slice(d.steps.length).map((c) => s.c.dim(`  not run: ${c}`));
};

export const diagnoseFormatters: FormatterTable<DiagnoseKinds> = { diagnosis: formatDiagnose, check: formatCheck, fix: formatFix };
