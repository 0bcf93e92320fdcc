#!/usr/bin/env node
// The README's benchmark table, generated from bench-results.json (what `npm run bench` wrote),
// never typed by hand: each measure module's rows(result), per DPDK build for those measured
// per build. Prints it; with --write, puts it between README.md's bench markers.
import fs from 'node:fs';
import path from 'node:path';
import { isMain, loadMeasures, resultsFile, root } from './lib.mjs';

export async function benchTable(results) {
  const measures = await loadMeasures();
  const lines = ['| measure | DPDK | vdev-shell | reference | ratio | target |', '| --- | --- | --- | --- | --- | --- |'];
  const add = (m, result, dpdk) => {
    if (!result) return;
    if (result.error || result.skipped || !m.rows) {
      lines.push(`| ${m.name} | ${dpdk} | ${result.error ? `error: ${result.error}` : result.skipped ?? 'no rows'} | | | |`);
      return;
    }
    for (const r of m.rows(result)) lines.push(`| ${r[0]} | ${dpdk} | ${r.slice(1).join(' | ')} |`);
  };
  for (const m of measures.filter((x) => x.perBuild)) for (const b of results.builds ?? []) add(m, b.results[m.name], b.label);
  for (const m of measures.filter((x) => !x.perBuild)) add(m, results[m.name], results.builds?.[0]?.label ?? '');
  const a = results.builds?.[0]?.results.startup;
  const load = results.loadAvg ? `, load average ${results.loadAvg.start.toFixed(1)} at start and ${results.loadAvg.end.toFixed(1)} at end` : '';
  const head = `One run of \`npm run bench\` (${results.date.slice(0, 10)}, ${results.host}${load}), bench-results.json` +
    (a ? `: EAL arguments \`${a.ealArgs}\` for vdev-shell and testpmd alike; medians of ${a.reps} interleaved runs, ratios the median of the pairwise ratios.` : '.');
  return `${head}\n\n${lines.join('\n')}`;
}

if (isMain(import.meta.url)) {
  const md = await benchTable(JSON.parse(fs.readFileSync(resultsFile, 'utf8')));
  if (!process.argv.includes('--write')) console.log(md);
  else {
    const file = path.join(root, 'README.md');
    const text = fs.readFileSync(file, 'utf8');
    const re = /(<!-- bench:begin -->\n)[\s\S]*?(<!-- bench:end -->)/;
    if (!re.test(text)) { console.error('README.md has no <!-- bench:begin/end --> markers'); process.exit(1); }
    fs.writeFileSync(file, text.replace(re, (_, a, b) => `${a}${md}\n${b}`));
    console.log('README.md benchmark table updated from bench-results.json');
  }
}
