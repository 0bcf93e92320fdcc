// Small argument helpers shared by commands: ports by id or name, "all", numbers.
import type { Body, CommandContext } from './types.js';
import { fail } from './types.js';
import type { LogLine, RawPort } from '../protocol/ops.js';

type Failed = Body;

/** Resolves PORT (id or device name) to a port, or a failure that says which ports exist. */
export async function resolvePort(ctx: CommandContext, ref: string | undefined, usage: string): Promise<RawPort | Failed> {
  if (!ref) return fail('usage', `missing PORT`, `usage: ${usage}`);
  const port = await ctx.session.findPort(ref);
  if (port) return port;
  const ports = await ctx.session.ports();
  const list = ports.length ? `ports: ${ports.map((p) => `${p.port} (${p.name})`).join(', ')}` : "no ports are attached; attach one with 'probe NAME,ARGS'";
  return fail('no-such-port', `no port ${ref}`, list);
}

/** Ports named by "all", an id or a name. */
export async function resolvePorts(ctx: CommandContext, ref: string | undefined, usage: string): Promise<RawPort[] | Failed> {
  if (ref === undefined || ref === 'all') return ctx.session.ports();
  const p = await resolvePort(ctx, ref, usage);
  return 'ok' in p ? p : [p];
}

/** One inferior call per port, in order, keeping each reply's DPDK lines; null replies are skipped. */
export async function eachPort<R extends { log: LogLine[] }, T>(ports: RawPort[], call: (p: RawPort) => Promise<R | null>, row: (p: RawPort, r: R) => T): Promise<{ rows: T[]; log: LogLine[] }> {
  const rows: T[] = [];
  const log: LogLine[] = [];
  for (const p of ports) {
    const r = await call(p);
    if (!r) continue;
    log.push(...r.log);
    rows.push(row(p, r));
  }
  return { rows, log };
}

export const isFailure = (x: unknown): x is Failed => typeof x === 'object' && x !== null && 'ok' in x && (x as Failed).ok === false;
