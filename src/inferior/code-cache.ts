// When the EAL's process rewrites V8's code cache (src/inferior/start.ts). The cache holds the
// functions compiled before it was written: one written by a run that only started the EAL
// left the request handlers and the probe chain planner to be compiled at every first probe.
// What a run did is noted as op names (and 'plan', the chain planner); a file beside the cache
// says what its writers did, so it is rewritten a few times per build, not at every exit.

/**
 * What the file beside a new cache should say, or null to keep the cache there is. `stale`: there
 * was none, or V8 refused it. A cache V8 took keeps every function it held (they were compiled
 * from it), so a new one holds those and this run's: what its writers did adds up.
 */
export function cacheToWrite(stale: boolean, before: readonly string[], did: Iterable<string>): string[] | null {
  const now = [...did];
  if (stale) return now;
  const more = now.filter((w) => !before.includes(w));
  return more.length ? [...before, ...more] : null;
}
