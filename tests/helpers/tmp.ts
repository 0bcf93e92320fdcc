// Temp directories a test owns, removed afterwards even when the test fails.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach } from 'vitest';

const made: string[] = [];
afterEach(() => { while (made.length) fs.rmSync(made.pop()!, { recursive: true, force: true }); });

export function tmpDir(prefix = 'vdevsh-test-'): string {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  made.push(d);
  return d;
}
