// The status line and the crash banner, as text for a width. Pure: the controller hands in a
// snapshot of what it knows about the inferior, the ports and the last result.
import type { Style } from '../format/style.js';
import type { InferiorState } from '../session/inferior.js';
import { wrapRows } from './output.js';

export interface StatusInfo {
  state: InferiorState;
  pid: number | undefined;
  ealArgs: string[];
  ports: number | null;
  last: { cmd: string; ok: boolean; code?: string } | null;
  busy: string | null;
  queued: number;
  /** Attached: which application the commands act on (null: the shell's own EAL). */
  target?: string | null;
  /** A lesson under way: its number and step. */
  lesson?: { n: number; step: number; of: number };
}

export interface DeathInfo { pid: number | undefined; how: string; during?: string; lastLog: string[]; initFailed?: boolean }

const short = (s: string, n: number): string => (n <= 1 ? '' : s.length <= n ? s : s.slice(0, n - 1) + '…');

export function statusLine(i: StatusInfo, s: Style, width: number): string {
  const dead = i.state === 'crashed' || i.state === 'exited' || i.state === 'init-failed';
  const mark = i.state === 'running' ? s.c.green('●') : i.state === 'starting' ? s.c.yellow('◌') : s.c.red('✗');
  const stateText = i.state === 'running' ? `EAL running pid ${i.pid}` : i.state === 'starting' ? `EAL starting pid ${i.pid ?? '-'}` : `EAL ${i.state}`;
  const parts: string[] = [i.target ? `${s.c.magenta('◆')} ${i.target}` : `${mark} ${dead ? s.c.red(stateText) : stateText}`];
  if (i.ports !== null && !dead) parts.push(`${i.ports} port${i.ports === 1 ? '' : 's'}`);
  if (i.lesson) parts.push(s.c.cyan(`lesson ${i.lesson.n} step ${i.lesson.step}/${i.lesson.of}`));
  const sep = s.c.dim(' │ ');
  // The last command gets what is left of the row; the EAL arguments only what remains after it.
  const room = (): number => width - visibleLength(parts.join(' │ ')) - 3;
  if (i.busy) {
    const q = i.queued ? ` (+${i.queued} queued)` : '';
    parts.push(s.c.yellow(`running: ${short(i.busy, Math.min(28, room() - 9 - q.length))}`) + q);
  } else if (i.last) {
    let code = i.last.code ? ` (${i.last.code})` : '';
    if (room() - 2 - code.length < 12) code = ''; // narrow: the command matters more than its code
    const what = short(i.last.cmd, Math.min(24, room() - 2 - (i.last.ok ? 0 : code.length)));
    parts.push(i.last.ok ? s.c.green(`✓ ${what}`) : s.c.red(`✗ ${what}${code}`));
  }
  let line = parts.join(sep);
  const left = room() - 4;
  if (left > 8) line += sep + s.c.dim('EAL ' + short(i.ealArgs.join(' '), left));
  return line;
}

/** The red banner shown while the inferior is dead: what happened and how to get an EAL back. */
export function bannerRows(d: DeathInfo, s: Style, width: number): string[] {
  const head = d.initFailed
    ? `The EAL did not start (inferior pid ${d.pid ?? '?'}, ${d.how}); DPDK's lines say why.`
    : `The EAL died (inferior pid ${d.pid ?? '?'}, ${d.how}${d.during ? ` during ${d.during}` : ''}). Its ports are gone.`;
  const how = d.initFailed
    ? "Type 'run' to start an EAL again, or 'run EAL ARGS...' with other arguments."
    : "Type 'run' (or 'restart') for a new EAL, or any command: it restarts the EAL first and restores the devices ('recovery' sets how). History is kept.";
  const rows = [head, how].flatMap((l) => wrapRows(l, Math.max(10, width - 2)));
  const paint = (l: string): string => (s.c.level > 0 ? s.c.bgRed.whiteBright(' ' + l.padEnd(width - 2) + ' ') : '!! ' + l);
  return rows.map(paint);
}

// eslint-disable-next-line no-control-regex
const visibleLength = (t: string): number => t.replace(/\x1b\[[0-9;]*m/g, '').length;
