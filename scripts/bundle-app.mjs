#!/usr/bin/env node
// Replaces tsc's entry points, dist/cli.js and dist/shell.js (the shell; bin/vdev-shell imports
// shell.js) and dist/inferior/main.js (the EAL's process; also dist/inferior/main.cjs, below), by bundles: Node then reads a handful
// of files instead of ~130 modules, which here halves the CPU a start-up spends loading JavaScript (~85 ms -> ~30 ms for the shell's batch
// path). The shell's lazily loaded parts (session, line mode, UI) stay separate chunks in
// dist/chunks/, loaded when the entry asks for them as before. The rest of dist/ stays tsc's
// output (tests, scripts and benchmarks import modules from it). Run after tsc and
// bundle-ui.mjs; optional like that one: without rolldown the unbundled files keep working.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dist = path.join(root, 'dist');

export async function bundleApp() {
  let rolldown;
  try { ({ rolldown } = await import('rolldown')); } catch { return { bundled: false, why: 'rolldown not installed' }; }
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'vdsh-app-bundle-'));
  try {
    const b = await rolldown({
      input: { cli: path.join(dist, 'cli.js'), shell: path.join(dist, 'shell.js'), 'inferior/main': path.join(dist, 'inferior', 'main.js') },
      platform: 'node', logLevel: 'silent', cwd: root,
      // Ink's devtools chunk imports it only under DEV=true; it is not installed.
      external: ['react-devtools-core'],
      transform: { define: { 'process.env.NODE_ENV': '"production"' } },
    });
    // Entries keep their paths in dist/ (every chunk sits one directory below the project, as
    // tsc's modules do), so relative imports between them hold once copied over dist/.
    await b.write({ dir: tmp, format: 'esm', entryFileNames: '[name].js', chunkFileNames: 'chunks/[name]-[hash].js' });
    await b.close();
    // The EAL's process once more, as one CommonJS file (dist/inferior/main.cjs, what the shell
    // and bin/vdev-shell start when it exists): its JavaScript loads before rte_eal_init can
    // start, so it is on start-up's critical path, and Node reads an ES module graph through
    // asynchronous reads and several turns of its event loop where one CommonJS file is read
    // and run at once (~11 ms sooner at rte_eal_init here).
    const inf = await rolldown({ input: path.join(dist, 'inferior', 'main.js'), platform: 'node', logLevel: 'silent', cwd: root });
    await inf.write({ file: path.join(tmp, 'inferior', 'main.cjs'), format: 'cjs', codeSplitting: false });
    await inf.close();
    // Its starter, which runs main.cjs with V8's code cache of an earlier run (src/inferior/start.ts).
    const start = await rolldown({ input: path.join(dist, 'inferior', 'start.js'), platform: 'node', logLevel: 'silent', cwd: root });
    await start.write({ file: path.join(tmp, 'inferior', 'start.cjs'), format: 'cjs', codeSplitting: false });
    await start.close();
    fs.rmSync(path.join(dist, 'chunks'), { recursive: true, force: true });
    fs.cpSync(tmp, dist, { recursive: true });
    return { bundled: true };
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    const r = await bundleApp();
    if (!r.bundled) console.error(`bundle-app: skipped (${r.why}); the shell loads its modules unbundled`);
  } catch (e) {
    console.error(`bundle-app: failed (${e?.message ?? e}); the shell loads its modules unbundled`);
    process.exitCode = 1;
  }
}
