#!/usr/bin/env node
// check's time, as the hint under the prompt runs it (never probes) and as the check command runs
// it (probes the input as given in a scratch EAL when only the driver can tell, then caches the
// verdict per driver and exact arguments). Inputs: the diagnose corpus's plain cases without host
// interfaces, plus bare names of every driver but net_tap/net_tun (those would make an interface).
// The spare EAL is warm before each first check (as after a person's typing pause).
// Standalone: node scripts/bench/check.mjs  (prints JSON).
import fs from 'node:fs';
import path from 'node:path';
import { dist, isMain, root, round, tempDir } from './lib.mjs';

export const order = 65;

export default async function benchCheck({ log = () => {} } = {}) {
  const { Session } = await dist('session/session.js');
  const { checkDevargs } = await dist('diagnose/check.js');
  const tmp = tempDir('check');
  fs.writeFileSync(path.join(tmp, 'notpcap.txt'), 'hello\n');
  const corpus = JSON.parse(fs.readFileSync(path.join(root, 'tests/diagnose/corpus.json'), 'utf8')).cases;
  const session = new Session();
  const hint = [], first = [], cached = [];
  let tried = 0;
  try {
    await session.ready();
    const drivers = await session.drivers();
    const inputs = [
      ...corpus.filter((c) => !c.group && !/=IF/.test(c.devargs)).map((c) => c.devargs.replaceAll('TMP', tmp)),
      ...drivers.filter((d) => !/tap|tun/.test(d.name)).map((d) => `${d.name}7`),
    ];
    for (const input of inputs) {
      let t = performance.now();
      const h = await checkDevargs(session, input);
      hint.push(performance.now() - t);
      session.prewarm(); await session.spare?.ready;
      t = performance.now();
      await checkDevargs(session, input, { learn: true });
      const ms = performance.now() - t;
      first.push(ms);
      if (h.unsettled) tried++;
      t = performance.now();
      await checkDevargs(session, input, { learn: true });
      cached.push(performance.now() - t);
      log(`${String(round(ms)).padStart(7)} ms  ${h.unsettled ? 'tried ' : 'static'}  ${input}`);
    }
  } finally {
    await session.close();
  }
  const stat = (xs) => { const s = [...xs].sort((a, b) => a - b); return { meanMs: round(s.reduce((a, b) => a + b, 0) / s.length), p95Ms: round(s[Math.min(s.length - 1, Math.floor(0.95 * s.length))]), maxMs: round(s[s.length - 1]) }; };
  return { inputs: first.length, triedInScratch: tried, hint: stat(hint), checkFirst: stat(first), checkCached: stat(cached) };
}

export function rows(r) {
  return [
    ['`check` as the hint under the prompt runs it (never probes)', `mean ${r.hint.meanMs.toFixed(1)} ms, p95 ${r.hint.p95Ms.toFixed(1)} ms`, '', '', ''],
    [`\`check DEVARGS\`, first time (${r.triedInScratch}/${r.inputs} tried as given in a scratch EAL) / again (cached)`, `mean ${r.checkFirst.meanMs.toFixed(1)} ms, p95 ${r.checkFirst.p95Ms.toFixed(1)} ms / mean ${r.checkCached.meanMs.toFixed(1)} ms`, '', '', ''],
  ];
}

if (isMain(import.meta.url)) {
  console.log(JSON.stringify(await benchCheck({ log: (l) => process.stderr.write(l + '\n') }), null, 2));
}
