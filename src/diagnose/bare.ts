// Which drivers attach nothing when given no arguments at all, learned once per session by
// probing each driver bare in a scratch EAL (net_pcap, net_af_packet, net_virtio_user and
// net_vhost in 22.11; net_null, net_ring, net_tap attach). check uses it for arg-missing.
import type { Session } from '../session/session.js';

const BARE_MS = 1500;
const cache = new WeakMap<Session, Promise<Set<string>>>();
const known = new WeakMap<Session, Set<string>>();

/** What was learned already, without waiting for a scratch EAL. */
export const knownBareFailures = (session: Session): Set<string> | null => known.get(session) ?? null;

export function bareFailures(session: Session): Promise<Set<string>> {
  let p = cache.get(session);
  if (!p) {
    p = learn(session);
    cache.set(session, p);
    p.then((set) => known.set(session, set), () => undefined);
    p.catch(() => cache.delete(session));
  }
  return p;
}

async function learn(session: Session): Promise<Set<string>> {
  const drivers = await session.drivers();
  return session.scratch(async (inf) => {
    const failing = new Set<string>();
    for (const d of drivers) {
      const name = `${d.name}_vdshbare0`;
      const r = await inf.request('hotplugAdd', { name, args: '' }, BARE_MS);
      const attached = (await inf.request('ports', {})).some((p) => p.device === name);
      if (r.ret === 0) await inf.request('hotplugRemove', { name });
      if (!attached) failing.add(d.name);
    }
    return failing;
  });
}
