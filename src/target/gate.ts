// What an attached session may do without --force. Attached to an application, commands that
// would take its packets or change its ports are refused with the reason; in the read-only
// telemetry view, commands that need the application's EAL are refused. Runs before a command;
// what each command does to an application is declared on its spec (CommandSpec.attached).
import type { AttachedUse, Body, CommandSpec } from '../commands/types.js';
import type { Session } from '../session/session.js';
import type { Fix } from '../diagnose/types.js';

const refuse = (code: string, message: string, hint: string): Body =>
  ({ ok: false, kind: 'error', data: null, error: { code, message, hint }, log: [] });

/** The name and use the gate judges a line by: the command's own, or its variant's (mac set, detach PORT). */
function useOf(spec: CommandSpec, argv: string[]): { name: string; use: AttachedUse } {
  const v = spec.variant?.(argv);
  return v ? { name: v.name, use: v.attached } : { name: spec.path.join(' '), use: spec.attached ?? {} };
}

/** In the read-only view, a result read from telemetry says so (CommandResult.view). */
export function markView<T extends { ok: boolean; view?: string }>(session: Session, spec: CommandSpec, r: T): T {
  const t = session.target;
  if (t?.kind !== 'telemetry' || !r.ok || !spec.attached?.readsTelemetry) return r;
  return { ...r, view: `read-only: pid ${t.app.pid} through its telemetry socket (${t.version ?? 'DPDK'}); nothing joined it` };
}

/** Refusal, or the arguments to run with (--force taken out). */
export async function gateCommand(session: Session, spec: CommandSpec, argv: string[], rest: string): Promise<Body | { argv: string[]; rest: string }> {
  const t = session.target;
  if (!t) return { argv, rest };
  const { name, use } = useOf(spec, argv);
  const who = `${t.app.exe?.split('/').pop() ?? t.app.argv[0]} (pid ${t.app.pid})`;
  if (t.kind === 'telemetry') {
    if (!use.needsEal) return { argv, rest };
    return refuse('read-only', `read-only view of ${who} through its telemetry socket: '${name}' needs the application's EAL`,
      `${t.why ? `joining it was not possible: ${t.why}; ` : ''}'detach' goes back to the shell's own EAL`);
  }
  let why = use.intrusive;
  const i = argv.indexOf('--force');
  // Removing a port the application is polling pulls its queues from under its lcores.
  const ref = argv.find((a) => a !== '--force');
  if (!why && use.removesPort && ref) {
    const p = await session.findPort(ref).catch(() => null);
    if (p?.started) why = `port ${p.port} (${p.name}) is started: the application may be polling its queues, and removing it under its lcores can crash it; stop it in the application first`;
  }
  // Only the gated commands take --force from here (probe has a --force of its own).
  if (!use.intrusive && !use.removesPort) return { argv, rest };
  if (i >= 0) return { argv: argv.filter((_, k) => k !== i), rest: rest.replace(/(^|\s)--force(?=\s|$)/, '').trim() };
  if (!why) return { argv, rest };
  return refuse('attached-refused', `refused while attached to ${who}: ${why}`,
    `'${name} --force ...' does it anyway; 'detach' goes back to the shell's own EAL`);
}

/**
 * Attached, a fix proved in the shell's scratch EAL may still not be the user's to run in the
 * application: one that removes, closes or stops a port the application has started (its lcores
 * may be polling it) is left out of the diagnosis, and the diagnosis says so.
 */
export async function fixesForTarget<D extends { fixes: Fix[] }>(session: Session, diag: D): Promise<{ diag: D; note?: string }> {
  const t = session.target;
  if (t?.kind !== 'app' || !diag.fixes.length) return { diag };
  const started = (await session.knownPorts().catch(() => [])).filter((p) => p.started);
  const touches = (c: string): boolean => {
    const m = /^(?:port (?:detach|close|stop)|detach|device detach)\s+(\S+)/.exec(c.trim());
    return !!m && started.some((p) => String(p.port) === m[1] || p.name === m[1] || p.device === m[1]);
  };
  const kept = diag.fixes.filter((f) => !f.commands.some(touches));
  if (kept.length === diag.fixes.length) return { diag };
  const dropped = diag.fixes.length - kept.length;
  return { diag: { ...diag, fixes: kept }, note: `vdev-shell: ${dropped} proved fix${dropped === 1 ? '' : 'es'} left out: ${dropped === 1 ? 'it removes' : 'they remove'} a port the application (pid ${t.app.pid}) has started` };
}
