#!/usr/bin/env node
// npm run bench: vdev-shell against testpmd (and gdb) from the same DPDK build, measured in ONE
// run on this machine and reported as ratios (machines here are noisy; absolute numbers drift).
// Each module of scripts/bench/ with a default export is a measure (lib.mjs loadMeasures()).
// Measures marked perBuild run for every DPDK build asked for (lib.mjs benchBuilds(): the
// selected one, plus --build SRC:BUILDTYPE / BENCH_BUILDS), each against its own testpmd.
//   node scripts/bench/run.mjs [measure ...] [--build SRC:BUILDTYPE ...]
// A run of every measure writes bench-results.json; `node scripts/bench/table.mjs --write` puts
// its table in README.md.
import os from 'node:os';
import { benchBuilds, loadMeasures, writeResults } from './lib.mjs';
import { benchTable } from './table.mjs';

const argv = process.argv.slice(2);
const only = argv.filter((a, i) => !a.startsWith('-') && argv[i - 1] !== '--build');
const measures = await loadMeasures(only);
const builds = await benchBuilds(argv);

const results = { date: new Date().toISOString(), host: `${os.cpus().length} cpus, ${os.cpus()[0]?.model ?? ''}`.trim(), loadAvg: { start: os.loadavg()[0] }, builds: [] };
const attempt = async (what, fn) => {
  process.stderr.write(`bench: ${what}\n`);
  try { return await fn(); } catch (e) { return { error: String(e?.message ?? e) }; }
};
for (const b of builds) {
  const entry = { label: b.label, key: b.build.key, results: {} };
  results.builds.push(entry);
  for (const m of measures.filter((x) => x.perBuild)) entry.results[m.name] = await attempt(`${m.name} (DPDK ${b.label})`, () => m.fn({ build: b.build, env: b.env }));
}
for (const m of measures.filter((x) => !x.perBuild)) results[m.name] = await attempt(m.name, () => m.fn());

results.loadAvg.end = os.loadavg()[0];
console.log(await benchTable(results));
// Only a run of every measure is the run the README shows; a partial one prints its results.
if (only.length) console.log(JSON.stringify(results, null, 2));
else console.log(`written ${writeResults(results)}`);
