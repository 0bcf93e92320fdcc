// How the EAL's process starts when set-up bundled it (dist/inferior/start.cjs, built from this
// file): it runs dist/inferior/main.cjs with V8's code cache of an earlier run. Node compiles a
// function the first time it runs; without the cache the EAL's process compiled, on the critical
// path of every start, its whole bundle before rte_eal_init and the request handlers and probe
// chain planner at the first probe. The cache is V8's own (vm.Script cachedData): V8 checks it
// against the source and its own version and flags, and ignores it when they differ; a new one
// is written when the process leaves (after it told the shell so), if there was none or V8 did
// not take it.
import fs from 'node:fs';
import Module, { createRequire } from 'node:module';
import path from 'node:path';
import vm from 'node:vm';

const file = path.join(path.dirname(process.argv[1] ?? ''), 'main.cjs');
const cacheFile = `${file}.v8-cache`;
const source = fs.readFileSync(file, 'utf8');
let cachedData: Buffer | undefined;
try { cachedData = fs.readFileSync(cacheFile); } catch { /* first run, or removed */ }
const script = new vm.Script(Module.wrap(source), { filename: file, cachedData });
const stale = !cachedData || script.cachedDataRejected === true;

/** Called by main.ts as the process leaves: writes the cache this run could use but had not. */
function saveCodeCache(): void {
  if (!stale) return;
  try {
    const tmp = `${cacheFile}.${process.pid}`;
    fs.writeFileSync(tmp, script.createCachedData());
    fs.renameSync(tmp, cacheFile);
  } catch { /* a read-only tree: start without it */ }
}
(globalThis as { vdevShellSaveCodeCache?: () => void }).vdevShellSaveCodeCache = saveCodeCache;

const mod = new Module(file);
mod.filename = file;
const run = script.runInThisContext() as (exports: unknown, require: NodeJS.Require, module: Module, filename: string, dirname: string) => void;
run.call(mod.exports, mod.exports, createRequire(file), mod, file, path.dirname(file));
