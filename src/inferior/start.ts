// How the EAL's process starts when set-up bundled it (dist/inferior/start.cjs, built from this
// file): it runs dist/inferior/main.cjs with V8's code cache of an earlier run. Node compiles a
// function the first time it runs; without the cache the EAL's process compiled, on the critical
// path of every start, its whole bundle before rte_eal_init and the request handlers and probe
// chain planner at the first probe. The cache is V8's own (vm.Script cachedData): V8 checks it
// against the source and its own version and flags, and ignores it when they differ; a new one
// is written when the process leaves (after it told the shell so), if there was none, V8 did
// not take it, or this run did what the runs that wrote it had not (./code-cache.ts).
import '../util/jit-tier.js'; // first, before V8 checks the code cache against its flags
import fs from 'node:fs';
import Module, { createRequire } from 'node:module';
import path from 'node:path';
import vm from 'node:vm';
import { cacheToWrite } from './code-cache.js';

const file = path.join(path.dirname(process.argv[1] ?? ''), 'main.cjs');
const cacheFile = `${file}.v8-cache`;
const source = fs.readFileSync(file, 'utf8');
let cachedData: Buffer | undefined;
try { cachedData = fs.readFileSync(cacheFile); } catch { /* first run, or removed */ }
const script = new vm.Script(Module.wrap(source), { filename: file, cachedData });
const stale = !cachedData || script.cachedDataRejected === true;

const doneFile = `${cacheFile}.done`;
const done = new Set<string>();

/** Called by main.ts as the process leaves: writes the cache this run could use but had not. */
function saveCodeCache(): void {
  let before: string[] = [];
  try { before = JSON.parse(fs.readFileSync(doneFile, 'utf8')) as string[]; } catch { /* none yet */ }
  const all = cacheToWrite(stale, before, done);
  if (!all) return;
  try {
    const tmp = `${cacheFile}.${process.pid}`;
    fs.writeFileSync(tmp, script.createCachedData());
    fs.writeFileSync(`${doneFile}.${process.pid}`, JSON.stringify(all));
    fs.renameSync(tmp, cacheFile);
    fs.renameSync(`${doneFile}.${process.pid}`, doneFile);
  } catch { /* a read-only tree: start without it */ }
}
const hooks = globalThis as { vdevShellSaveCodeCache?: () => void; vdevShellDid?: (what: string) => void };
hooks.vdevShellSaveCodeCache = saveCodeCache;
hooks.vdevShellDid = (what) => { done.add(what); };

const mod = new Module(file);
mod.filename = file;
const run = script.runInThisContext() as (exports: unknown, require: NodeJS.Require, module: Module, filename: string, dirname: string) => void;
run.call(mod.exports, mod.exports, createRequire(file), mod, file, path.dirname(file));
