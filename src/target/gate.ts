// What an attached session may do without --force. Attached to an application, commands that
// would take its packets or change its ports are refused with the reason; in the read-only
// telemetry view, commands that need the application's EAL are refused. Runs before a command.
import type { Body, CommandSpec } from '../commands/types.js';
import type { Session } from '../session/session.js';
import type { Fix } from '../diagnose/types.js';

/** Commands that act on an application's ports from a guest process: why each is refused. */
const INTRUSIVE: Record<string, string> = {
  tx: "it would send on the application's tx queues, which are not thread-safe against its own lcores, from an mbuf pool the shell would create in the application's memory",
  rx: "it would take packets from the application's rx queues: they would never reach the application",
  fwd: "it would take packets from the application's rx queues and send them on its tx queues, racing its own lcores",
  capture: "capture hooks rx/tx callbacks of this process: a secondary sees only packets it moves itself, not the application's (DPDK's pdump needs the application's cooperation)",
  'port start': "it would reconfigure the application's port with the shell's queues and mbuf pool",
  'port stop': "it would stop the application's port under it",
  'port close': "it would close the application's port under it",
  'clear port stats': "it would reset the application's counters",
  'mac set': "it would change the application's MAC address",
};

/** Commands the telemetry view cannot serve: they need the application's EAL. */
const NEEDS_EAL = new Set(['probe', 'port detach', 'device detach', 'ops', 'ops diff', 'info wait', ...Object.keys(INTRUSIVE)]);

const refuse = (code: string, message: string, hint: string): Body =>
  ({ ok: false, kind: 'error', data: null, error: { code, message, hint }, log: [] });

/** Commands whose answer, in the telemetry view, comes from the application's telemetry socket. */
const READS_TELEMETRY = new Set(['show port summary', 'show port info', 'show port stats', 'show port xstats', 'mac', 'info eal']);

/** In the read-only view, a result read from telemetry says so (CommandResult.view). */
export function markView<T extends { ok: boolean; view?: string }>(session: Session, spec: CommandSpec, r: T): T {
  const t = session.target;
  if (t?.kind !== 'telemetry' || !r.ok || !READS_TELEMETRY.has(spec.path.join(' '))) return r;
  return { ...r, view: `read-only: pid ${t.app.pid} through its telemetry socket (${t.version ?? 'DPDK'}); nothing joined it` };
}

/** Refusal, or the arguments to run with (--force taken out). */
export async function gateCommand(session: Session, spec: CommandSpec, argv: string[], rest: string): Promise<Body | { argv: string[]; rest: string }> {
  const t = session.target;
  if (!t) return { argv, rest };
  let name = spec.path.join(' ');
  if (name === 'mac' && argv[1] === 'set') name = 'mac set';
  if (name === 'detach' && argv.length) name = 'port detach';
  const who = `${t.app.exe?.split('/').pop() ?? t.app.argv[0]} (pid ${t.app.pid})`;
  if (t.kind === 'telemetry') {
    if (!NEEDS_EAL.has(name)) return { argv, rest };
    return refuse('read-only', `read-only view of ${who} through its telemetry socket: '${name}' needs the application's EAL`,
      `${t.why ? `joining it was not possible: ${t.why}; ` : ''}'detach' goes back to the shell's own EAL`);
  }
  let why = INTRUSIVE[name];
  const i = argv.indexOf('--force');
  // Removing a port the application is polling pulls its queues from under its lcores.
  const ref = argv.find((a) => a !== '--force');
  if (!why && name === 'port detach' && ref) {
    const p = await session.findPort(ref).catch(() => null);
    if (p?.started) why = `port ${p.port} (${p.name}) is started: the application may be polling its queues, and removing it under its lcores can crash it; stop it in the application first`;
  }
  // Only the gated commands take --force from here (probe has a --force of its own).
  if (!(name in INTRUSIVE) && name !== 'port detach') return { argv, rest };
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
