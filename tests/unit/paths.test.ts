import { describe, expect, it } from 'vitest';
import { rootOf } from '../../src/util/paths.js';

describe('rootOf', () => {
  it('is the parent of the innermost dist/ or src/ the module runs from, bundled or not', () => {
    expect(rootOf('/p/vdev-shell/dist/util/paths.js')).toBe('/p/vdev-shell');
    expect(rootOf('/p/vdev-shell/dist/chunks/wire-x1.js')).toBe('/p/vdev-shell');
    expect(rootOf('/p/vdev-shell/dist/cli.js')).toBe('/p/vdev-shell');
    expect(rootOf('/p/vdev-shell/src/util/paths.ts')).toBe('/p/vdev-shell');
    expect(rootOf('/home/me/src/vdev-shell/dist/inferior/main.js')).toBe('/home/me/src/vdev-shell');
    expect(rootOf('/dist/work/vdev-shell/src/util/paths.ts')).toBe('/dist/work/vdev-shell');
  });
});
