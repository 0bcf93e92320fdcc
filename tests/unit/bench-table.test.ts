import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '../../src/util/paths.js';
// @ts-expect-error plain ES module of the benchmark scripts
import { benchTable } from '../../scripts/bench/table.mjs';

describe('README benchmark table', () => {
  it('is the table of bench-results.json (node scripts/bench/table.mjs --write), not typed by hand', async () => {
    const readme = fs.readFileSync(path.join(projectRoot, 'README.md'), 'utf8');
    const m = /<!-- bench:begin -->\n([\s\S]*?)\n<!-- bench:end -->/.exec(readme);
    expect(m, 'README has the bench markers').not.toBeNull();
    const results = JSON.parse(fs.readFileSync(path.join(projectRoot, 'bench-results.json'), 'utf8'));
    expect(m![1]).toBe(await benchTable(results));
  });
});
