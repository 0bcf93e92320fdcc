// Which probe's chain `frame`/`list` look at (the state is session.trace, src/session/state.ts).
import type { ProbeRecord } from '../session/session.js';
import { newTraceState, type TraceState } from '../session/state.js';

/** The session's trace state (session.trace); a bare { probes } (a test's) gets one on first use. */
export function traceState(session: { probes: ProbeRecord[]; trace?: TraceState }): TraceState {
  return (session.trace ??= newTraceState());
}

/** Select a probe's chain (bt does this): frame 0 of it, listing starts afresh. */
export function selectProbe(session: { probes: ProbeRecord[] }, rec: ProbeRecord): void {
  Object.assign(traceState(session), { probeId: rec.id, frame: 0, seen: session.probes.length, list: null });
}

/** Probes that reached the vdev bus (parse errors never did). */
export const realProbes = (probes: ProbeRecord[]): ProbeRecord[] => probes.filter((p) => p.devargs);

/**
 * A probe by reference: none = the last; N or #N = probe id N; -N = N probes before the last;
 * a device name = the last probe of that device.
 */
export function pickProbe(probes: ProbeRecord[], ref: string | undefined): ProbeRecord | string {
  const real = realProbes(probes);
  if (real.length === 0) return "no probe yet: 'probe DEVARGS' records one";
  if (ref === undefined) return real[real.length - 1];
  const range = `probes are #${real[0].id}..#${real[real.length - 1].id} ('info probes' lists them)`;
  const back = /^-(\d+)$/.exec(ref);
  if (back) {
    const i = real.length - 1 - Number(back[1]);
    return i >= 0 ? real[i] : `only ${real.length} probe(s) recorded; ${range}`;
  }
  const id = /^#?(\d+)$/.exec(ref);
  if (id) return real.find((p) => p.id === Number(id[1])) ?? `no probe #${id[1]}; ${range}`;
  const byName = real.filter((p) => p.devargs!.name === ref);
  if (byName.length) return byName[byName.length - 1];
  return `"${ref}" is neither a probe id nor a probed device name; ${range}`;
}

/** The probe `frame`/`list` would look at, without selecting it (completion asks this). */
export function shownProbe(session: { probes: ProbeRecord[] }): ProbeRecord | undefined {
  const st = traceState(session);
  const real = realProbes(session.probes);
  const rec = st.probeId !== null && session.probes.length === st.seen ? real.find((p) => p.id === st.probeId) : undefined;
  return rec ?? real[real.length - 1];
}

/** The probe `frame`/`list` refer to: the one bt last showed, else the last probe (selected). */
export function currentProbe(session: { probes: ProbeRecord[] }): ProbeRecord | string {
  const rec = shownProbe(session);
  if (!rec) return pickProbe(session.probes, undefined) as string; // says there is no probe yet
  if (traceState(session).probeId !== rec.id) selectProbe(session, rec);
  return rec;
}
