import { describe, expect, it } from 'vitest';
import { cacheToWrite } from '../../src/inferior/code-cache.js';

describe('when the EAL process rewrites its V8 code cache (src/inferior/code-cache.ts)', () => {
  it('writes one when there was none or V8 refused it, saying only what this run did', () => {
    expect(cacheToWrite(true, ['ealInfo', 'hotplugAdd', 'plan'], new Set(['ealInfo']))).toEqual(['ealInfo']);
  });
  it('rewrites a cache whose writers never probed once a run has (the planner was left out of it)', () => {
    expect(cacheToWrite(false, ['ealInfo'], new Set(['ealInfo', 'vdevDriver', 'hotplugAdd', 'plan']))).toEqual(['ealInfo', 'vdevDriver', 'hotplugAdd', 'plan']);
  });
  it('keeps a cache whose writers did all this run did', () => {
    expect(cacheToWrite(false, ['ealInfo', 'hotplugAdd', 'plan', 'detachPort'], new Set(['hotplugAdd', 'plan']))).toBeNull();
    expect(cacheToWrite(false, ['ealInfo'], new Set())).toBeNull();
  });
});
