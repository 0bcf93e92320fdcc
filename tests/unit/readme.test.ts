import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { commandReferenceMarkdown } from '../../src/commands/reference.js';
import { projectRoot } from '../../src/util/paths.js';

describe('README', () => {
  it('embeds the command reference generated from the command table (node scripts/command-ref.mjs --write)', () => {
    const readme = fs.readFileSync(path.join(projectRoot, 'README.md'), 'utf8');
    const m = /<!-- commands:begin -->\n([\s\S]*?)\n<!-- commands:end -->/.exec(readme);
    expect(m, 'README has the command markers').not.toBeNull();
    expect(m![1]).toBe(commandReferenceMarkdown());
  });
});
