#!/usr/bin/env node
// Replaces tsc's dist/ui/vendor.js (a re-export of ink and react) with one bundled file, so the
// interactive UI loads Ink + React in ~160 ms instead of ~450 ms (hundreds of small files) on
// these machines. Production React (NODE_ENV). Ink's devtools stay a separate lazy chunk.
// Optional: without rolldown (vitest's bundler) the plain re-export keeps working, only slower.
// Run after tsc (scripts/dev-build.sh does).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outDir = path.join(root, 'dist', 'ui');
const input = path.join(outDir, 'vendor.js');

export async function bundleUi() {
  let rolldown;
  try { ({ rolldown } = await import('rolldown')); } catch { return { bundled: false, why: 'rolldown not installed' }; }
  const src = fs.readFileSync(input, 'utf8');
  if (!/from\s*['"](ink|react)['"]/.test(src)) return { bundled: true, why: 'already bundled' };
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'vdsh-ui-bundle-'));
  try {
    const b = await rolldown({
      input, platform: 'node', logLevel: 'silent', cwd: root,
      transform: { define: { 'process.env.NODE_ENV': '"production"' } },
    });
    await b.write({ dir: tmp, entryFileNames: 'vendor.js', chunkFileNames: 'vendor-[name].js', format: 'esm', minify: true });
    await b.close();
    for (const f of fs.readdirSync(tmp)) fs.renameSync(path.join(tmp, f), path.join(outDir, f));
    return { bundled: true };
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  // Never fails the build: tsc's plain re-export is a working (slower) fallback.
  try {
    const r = await bundleUi();
    if (!r.bundled) console.error(`bundle-ui: skipped (${r.why}); the UI loads Ink unbundled`);
  } catch (e) {
    console.error(`bundle-ui: failed (${e?.message ?? e}); the UI loads Ink unbundled`);
  }
}
