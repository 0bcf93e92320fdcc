// src/ has no runtime import cycle: a module that imports, at load time, a module that imports it
// back sees half-initialised exports (undefined tables, TDZ errors) depending on which was loaded
// first. Type-only imports are erased by the compiler and do not count: each file is transpiled
// alone (as the build does, imports used only as types elided) and its static imports read back.
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const SRC = path.resolve(import.meta.dirname, '../../src');

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(p);
    return /\.tsx?$/.test(e.name) && !e.name.endsWith('.d.ts') ? [p] : [];
  });
}

/** The src files a file imports at load time (static imports and re-exports that survive emit). */
function runtimeImports(file: string): string[] {
  const js = ts.transpileModule(fs.readFileSync(file, 'utf8'), {
    fileName: file,
    compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022, jsx: ts.JsxEmit.ReactJSX },
  }).outputText;
  const sf = ts.createSourceFile(file + '.js', js, ts.ScriptTarget.ES2022, false, ts.ScriptKind.JS);
  const out: string[] = [];
  for (const st of sf.statements) {
    const spec = (ts.isImportDeclaration(st) || ts.isExportDeclaration(st)) ? st.moduleSpecifier : undefined;
    if (!spec || !ts.isStringLiteral(spec) || !spec.text.startsWith('.')) continue;
    const target = path.resolve(path.dirname(file), spec.text).replace(/\.js$/, '');
    const found = ['.ts', '.tsx'].map((x) => target + x).find((p) => fs.existsSync(p));
    if (found) out.push(found);
  }
  return out;
}

/** Every cycle's files in import order, one per strongly connected group (Tarjan). */
export function importCycles(files: string[], edges: Map<string, string[]>): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const groups: string[][] = [];
  let n = 0;
  const visit = (v: string): void => {
    index.set(v, n); low.set(v, n); n++;
    stack.push(v); onStack.add(v);
    for (const w of edges.get(v) ?? []) {
      if (!index.has(w)) { visit(w); low.set(v, Math.min(low.get(v)!, low.get(w)!)); } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) !== index.get(v)) return;
    const g: string[] = [];
    let w: string;
    do { w = stack.pop()!; onStack.delete(w); g.push(w); } while (w !== v);
    if (g.length > 1 || (edges.get(v) ?? []).includes(v)) groups.push(g);
  };
  for (const f of files) if (!index.has(f)) visit(f);
  // One concrete loop per group, to name in the failure: follow edges inside the group back to its start.
  return groups.map((g) => {
    const inside = new Set(g);
    const start = g.sort()[0];
    const seen = new Map<string, string>();
    const queue = [start];
    while (queue.length) {
      const v = queue.shift()!;
      for (const w of edges.get(v) ?? []) {
        if (!inside.has(w)) continue;
        if (w === start) {
          const loop = [v];
          while (loop[0] !== start) loop.unshift(seen.get(loop[0])!);
          return [...loop, start];
        }
        if (!seen.has(w)) { seen.set(w, v); queue.push(w); }
      }
    }
    return g;
  });
}

describe('runtime imports in src/', () => {
  it('the checker finds a loop of two and of three, and none in a tree', () => {
    const e = (o: Record<string, string[]>): Map<string, string[]> => new Map(Object.entries(o));
    expect(importCycles(['a', 'b'], e({ a: ['b'], b: ['a'] }))).toEqual([['a', 'b', 'a']]);
    expect(importCycles(['a', 'b', 'c'], e({ a: ['b'], b: ['c'], c: ['a'] }))).toEqual([['a', 'b', 'c', 'a']]);
    expect(importCycles(['a', 'b', 'c'], e({ a: ['b', 'c'], b: ['c'], c: [] }))).toEqual([]);
  });

  it('form no cycle (type-only imports excluded)', () => {
    const files = sourceFiles(SRC);
    expect(files.length).toBeGreaterThan(100);
    const edges = new Map(files.map((f) => [f, runtimeImports(f)]));
    const rel = (f: string): string => path.relative(SRC, f);
    const cycles = importCycles(files, edges).map((c) => c.map(rel).join(' -> '));
    expect(cycles).toEqual([]);
  });
});
