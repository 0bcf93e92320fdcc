// The typed contract from result kind to formatter: the compiler itself must refuse a result kind
// left without a formatter, and a formatter whose data is another kind's. Small files, each one
// case, are type-checked with src/ (the project's own compiler options, one program for all) and
// the compiler's errors read back by file.
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../..');
const AREAS = path.join(ROOT, 'src/format/areas');

const head = `import type { Formatter, FormatterTable } from '../types.js';
import type { InferiorKinds } from '../../results/inferior.js';
`;
/** The cases, as files beside the area tables (they exist only in this compilation). */
const CASES: Record<string, string> = {
  'contract-typed.ts': `${head}export const t: FormatterTable<InferiorKinds> = { eal: (r) => [r.data.args.join(' ')], inferior: (r) => [r.data.state] };\n`,
  'contract-missing.ts': `${head}export const t: FormatterTable<InferiorKinds> = { eal: () => [] };\n`,
  'contract-mismatch.ts': `${head}const ops: Formatter<'ops'> = () => [];\nexport const t: FormatterTable<InferiorKinds> = { eal: ops, inferior: () => [] };\n`,
  // A new line in results/devices.ts's DeviceKinds, added here by declaration merging.
  'contract-new-kind.ts': `import type {} from '../../results/devices.js';\ndeclare module '../../results/devices.js' { interface DeviceKinds { 'contract-new': { n: number } } }\n`,
};

let errors: Map<string, string[]> | undefined;
/** The compiler's errors for src/format/index.ts (and so every table) and the cases, by file. */
function errorsIn(file: string): string[] {
  if (!errors) {
    const config = ts.parseJsonConfigFileContent(ts.readConfigFile(path.join(ROOT, 'tsconfig.json'), ts.sys.readFile).config, ts.sys, ROOT);
    const options: ts.CompilerOptions = { ...config.options, noEmit: true };
    const host = ts.createCompilerHost(options);
    const caseOf = (name: string): string | undefined => (path.dirname(path.resolve(name)) === AREAS ? CASES[path.basename(name)] : undefined);
    const getSourceFile = host.getSourceFile.bind(host);
    host.getSourceFile = (name, lang, ...rest) => {
      const code = caseOf(name);
      return code !== undefined ? ts.createSourceFile(name, code, lang) : getSourceFile(name, lang, ...rest);
    };
    const fileExists = host.fileExists.bind(host);
    host.fileExists = (name) => caseOf(name) !== undefined || fileExists(name);
    const roots = [path.join(ROOT, 'src/format/index.ts'), ...Object.keys(CASES).map((f) => path.join(AREAS, f))];
    const program = ts.createProgram(roots, options, host);
    errors = new Map();
    for (const d of ts.getPreEmitDiagnostics(program)) {
      const at = d.file ? path.relative(ROOT, d.file.fileName) : '?';
      errors.set(at, [...(errors.get(at) ?? []), ts.flattenDiagnosticMessageText(d.messageText, ' ')]);
    }
  }
  return errors.get(file) ?? [];
}

describe('result kinds and their formatters (checked by the compiler)', () => {
  it('an area table with a formatter for each kind, each typed by its kind, compiles', () => {
    expect(errorsIn('src/format/areas/contract-typed.ts')).toEqual([]);
  }, 120_000);

  it('an area table that leaves a kind without a formatter does not compile', () => {
    expect(errorsIn('src/format/areas/contract-missing.ts').join('\n')).toMatch(/Property 'inferior' is missing/);
  });

  it("a formatter of another kind's data under a kind does not compile", () => {
    expect(errorsIn('src/format/areas/contract-mismatch.ts').join('\n')).toMatch(/Type 'Formatter<"ops">' is not assignable to type 'KindFormat<"eal">'/);
  });

  it("a new kind in an area's kind map without a formatter fails its area's table, and nothing else", () => {
    expect(errorsIn('src/format/areas/devices.ts').join('\n')).toMatch(/Property '"contract-new"' is missing/);
    expect([...errors!.keys()].filter((f) => !f.includes('/contract-'))).toEqual(['src/format/areas/devices.ts']);
  });
});
