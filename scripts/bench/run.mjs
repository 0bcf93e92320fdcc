#!/usr/bin/env node
// npm run bench: vdev-shell against testpmd (and gdb) from the same DPDK build, measured in ONE
// run on this machine and reported as ratios (machines here are noisy; absolute numbers drift).
// Every module of scripts/bench/ but lib.mjs and this one is a measure: its default export is
// run (in its `order`, then by name) and its result lands under its file name in
// bench-results.json. `node scripts/bench/run.mjs startup rss` runs only those.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { writeResults } from './lib.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const NOT_MEASURES = new Set(['lib', 'run']);

const only = process.argv.slice(2).filter((a) => !a.startsWith('-'));
const measures = [];
for (const f of fs.readdirSync(here).filter((x) => x.endsWith('.mjs'))) {
  const name = f.slice(0, -'.mjs'.length);
  if (NOT_MEASURES.has(name) || (only.length && !only.includes(name))) continue;
  const mod = await import(pathToFileURL(path.join(here, f)).href);
  if (typeof mod.default === 'function') measures.push({ name, fn: mod.default, order: mod.order ?? 100 });
}
measures.sort((a, b) => a.order - b.order || a.name.localeCompare(b.name));

const results = { date: new Date().toISOString(), host: `${os.cpus().length} cpus` };
for (const m of measures) {
  process.stderr.write(`bench: ${m.name}\n`);
  try {
    results[m.name] = await m.fn();
  } catch (e) {
    results[m.name] = { error: String(e?.message ?? e) };
  }
}

const r = (a, b) => (b ? (a / b).toFixed(2) + 'x' : '-');
const rows = [['measure', 'vdev-shell', 'testpmd', 'ratio', 'target']];
const s = results.startup, c = results.cycles, m = results.rss;
if (s && !s.error) {
  rows.push(['start, prompt, quit', `${s.vdevPromptQuitMs.toFixed(0)} ms`, `${s.testpmdMs.toFixed(0)} ms`, r(s.vdevPromptQuitMs, s.testpmdMs), '']);
  rows.push(['start, EAL ready, quit', `${s.vdevEalReadyQuitMs.toFixed(0)} ms`, `${s.testpmdMs.toFixed(0)} ms`, r(s.vdevEalReadyQuitMs, s.testpmdMs), '<= 0.5x']);
}
if (c && !c.error) rows.push([`attach+detach net_null (per cycle, ${c.cycles})`, `${c.vdevPerCycleMs.toFixed(2)} ms`, `${c.testpmdPerCycleMs.toFixed(2)} ms`, r(c.vdevPerCycleMs, c.testpmdPerCycleMs), '<= 0.7x']);
if (m && !m.error) rows.push(['peak RSS (shell + inferior)', `${m.vdevMB.toFixed(0)} MB`, `${m.testpmdMB.toFixed(0)} MB`, r(m.vdevMB, m.testpmdMB), '<= 0.5x']);
const a = results.attach;
if (a && !a.error && !a.skipped) {
  rows.push(['attach to a running testpmd (join as secondary)', `${a.attachMs.toFixed(0)} ms`, `${a.testpmdSecondaryStartQuitMs.toFixed(0)} ms`, r(a.attachMs, a.testpmdSecondaryStartQuitMs), '']);
  rows.push(['probe net_null into the application', `${a.probeIntoAppMs.toFixed(2)} ms`, `${a.testpmdPortAttachMs.toFixed(2)} ms`, r(a.probeIntoAppMs, a.testpmdPortAttachMs), '']);
}
const w = rows[0].map((_, i) => Math.max(...rows.map((x) => x[i].length)));
for (const row of rows) console.log(row.map((x, i) => x.padEnd(w[i])).join('  '));
for (const { name } of measures) if (!['startup', 'cycles', 'rss', 'attach'].includes(name) || results[name]?.error || results[name]?.skipped) console.log(`${name}: ${JSON.stringify(results[name])}`);
console.log(`written ${writeResults(results)}`);
