// What an attached session may do without --force. Attached to an application, commands that
// would take its packets or change its ports are refused with the reason; in the read-only
// telemetry view, commands that need the application's EAL are refused. Runs before a command;
// what each command does to an application is declared on its spec (CommandSpec.attached).
import type { AttachedUse, Body, CommandMatch, CommandSpec } from '../commands/types.js';
import { givenBy } from '../commands/grammar.js';
import type { Session } from '../session/session.js';
import type { Fix } from '../diagnose/types.js';

const refuse = (code: string, message: string, hint: string): Body =>
  ({ ok: false, kind: 'error', data: null, error: { code, message, hint }, log: [] });

/** The line without the gate's own --force (the commands it gates do not declare it). */
const unforced = (argv: string[], rest: string): [string[], string] => [argv.filter((a) => a !== '--force'), rest.replace(/(^|\s)--force(?=\s|$)/, '').trim()];

/** The name and use the gate judges a line by: the command's own, or its variant's (mac set, detach PORT). */
function useOf(spec: CommandSpec, argv: string[], rest: string): { name: string; use: AttachedUse } {
  const v = spec.variant;
  if (v && givenBy(spec, ...unforced(argv, rest))?.[v.given] !== undefined) return { name: v.name, use: v.attached };
  return { name: spec.path.join(' '), use: spec.attached ?? {} };
}

/** The word a line gives its first port argument (PORT, NAME, all), if it has one. */
function portOf(spec: CommandSpec, argv: string[], rest: string): string | undefined {
  const a = spec.args.find((x) => x.kind === 'port' || x.kind === 'device' || x.kind === 'port-or-all');
  if (!a) return undefined;
  const w = givenBy(spec, ...unforced(argv, rest))?.[a.name];
  return w ?? (a.kind === 'port-or-all' ? 'all' : undefined);
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
  const { name, use } = useOf(spec, argv, rest);
  const who = `${t.app.exe?.split('/').pop() ?? t.app.argv[0]} (pid ${t.app.pid})`;
  if (t.kind === 'telemetry') {
    if (!use.needsEal) return { argv, rest };
    return refuse('read-only', `read-only view of ${who} through its telemetry socket: '${name}' needs the application's EAL`,
      `${t.why ? `joining it was not possible: ${t.why}; ` : ''}'detach' goes back to the shell's own EAL`);
  }
  let why = use.intrusive;
  const i = argv.indexOf('--force');
  // Removing a port the application is polling pulls its queues from under its lcores.
  const ref = portOf(spec, argv, rest);
  if (!why && use.removesPort && ref) {
    const p = await session.findPort(ref).catch(() => null);
    if (p?.started) why = `port ${p.port} (${p.name}) is started: the application may be polling its queues, and removing it under its lcores can crash it; stop it in the application first`;
  }
  // Only the gated commands take --force from here (probe has a --force of its own).
  if (!use.intrusive && !use.removesPort) return { argv, rest };
  if (i >= 0) { const [a, r] = unforced(argv, rest); return { argv: a, rest: r }; }
  if (!why) return { argv, rest };
  return refuse('attached-refused', `refused while attached to ${who}: ${why}`,
    `'${name} --force ...' does it anyway; 'detach' goes back to the shell's own EAL`);
}

/**
 * Attached, a fix proved in the shell's scratch EAL may still not be the user's to run in the
 * application: one that removes, closes or stops a port the application has started (its lcores
 * may be polling it) is left out of the diagnosis, and the diagnosis says so.
 */
export async function fixesForTarget<D extends { fixes: Fix[] }>(session: Session, match: (line: string) => CommandMatch, diag: D): Promise<{ diag: D; note?: string }> {
  const t = session.target;
  if (t?.kind !== 'app' || !diag.fixes.length) return { diag };
  const started = (await session.knownPorts().catch(() => [])).filter((p) => p.started);
  // A fix step the gate would hold (it changes or removes a port: CommandSpec.attached) on a started port.
  const touches = (c: string): boolean => {
    const m = match(c);
    if (!m.spec) return false;
    const { use } = useOf(m.spec, m.argv, m.rest);
    const ref = use.intrusive || use.removesPort ? portOf(m.spec, m.argv, m.rest) : undefined;
    return ref !== undefined && started.some((p) => ref === 'all' || String(p.port) === ref || p.name === ref || p.device === ref);
  };
  const kept = diag.fixes.filter((f) => !f.commands.some(touches));
  if (kept.length === diag.fixes.length) return { diag };
  const dropped = diag.fixes.length - kept.length;
  return { diag: { ...diag, fixes: kept }, note: `vdev-shell: ${dropped} proved fix${dropped === 1 ? '' : 'es'} left out: ${dropped === 1 ? 'it removes' : 'they remove'} a port the application (pid ${t.app.pid}) has started` };
}
