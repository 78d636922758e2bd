// Issue 18 item 3, the trackers' side: for each shape (test/shapes/model.ts), the generated
// tracker of every language accepts a valid instance and rejects an invalid one. One runner,
// one compile per language: tsc on cases/typescript.ts, pyright and mypy on cases/python_*.py,
// go build on cases/go (valid) and cases/go-invalid (each package must fail, for its reason),
// and what a type system cannot say is refused by the generated tracker at run time.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ts from 'typescript';
import { trackerSources } from '@taxonomy/gen-typescript';
import { shapesModel } from './model.js';

const repo = join(import.meta.dirname, '../..');
const cases = join(import.meta.dirname, 'cases');
let dir: string;

beforeAll(() => {
  // Inside the repository, so the generated TypeScript resolves @taxonomy/runtime.
  dir = mkdtempSync(join(import.meta.dirname, '.tmp-'));
  const model = shapesModel();
  for (const s of trackerSources(model)) {
    const p = join(dir, 'ts/tracker', s.path);
    mkdirSync(dirname(p), { recursive: true });
    writeFileSync(p, s.text);
  }
  writeFileSync(join(dir, 'ts/package.json'), '{"type":"module"}');
  cpSync(join(cases, 'typescript.ts'), join(dir, 'ts/cases.ts'));
});
afterAll(() => { if (dir) rmSync(dir, { recursive: true, force: true }); });

const TS_OPTIONS: ts.CompilerOptions = {
  strict: true, noEmit: true, target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext,
  noUncheckedIndexedAccess: true, types: [], lib: ['lib.es2022.d.ts'],
};

/** tsc's diagnostics as `line code message` of the file, the file's text replaced by `text`. */
function tsc(file: string, text: string): string[] {
  const host = ts.createCompilerHost(TS_OPTIONS);
  const getSourceFile = host.getSourceFile.bind(host);
  host.getSourceFile = (f, lang, onError) => (f === file ? ts.createSourceFile(f, text, lang) : getSourceFile(f, lang, onError));
  const program = ts.createProgram({ rootNames: [file], options: TS_OPTIONS, host });
  return ts.getPreEmitDiagnostics(program).map((d) => {
    const where = d.file && d.start !== undefined ? `${d.file.fileName === file ? '' : `${d.file.fileName} `}${d.file.getLineAndCharacterOfPosition(d.start).line + 1}` : '?';
    return `${where} TS${d.code} ${ts.flattenDiagnosticMessageText(d.messageText, ' ')}`;
  });
}

describe('shapes in the generated TypeScript tracker (tsc --strict)', () => {
  it('valid instances compile, and each invalid one fails with its code and reason', () => {
    const file = join(dir, 'ts/cases.ts');
    const text = readFileSync(file, 'utf8');
    expect(tsc(file, text), 'with the directives: nothing else fails, no directive is unused').toEqual([]);
    const lines = text.split('\n');
    const want = lines.flatMap((l, i) => {
      const m = /^\/\/ @ts-expect-error (TS\d+) (.+)$/.exec(l);
      return m ? [{ line: i + 2, code: m[1]!, what: m[2]! }] : [];
    });
    expect(want.length).toBeGreaterThanOrEqual(18);
    const errors = tsc(file, text.replace(/^\/\/ @ts-expect-error.*$/gm, '//'));
    for (const w of want) {
      const found = errors.filter((e) => e.startsWith(`${w.line} `));
      expect(found.some((e) => e.includes(` ${w.code} `) && e.includes(w.what)), `line ${w.line} (${lines[w.line - 1]}): want ${w.code} with ${w.what}; got ${found.join(' | ') || 'nothing'}`).toBe(true);
    }
    const marked = new Set(want.map((w) => w.line));
    expect(errors.filter((e) => !marked.has(Number(e.split(' ')[0]))), 'errors on unmarked lines').toEqual([]);
  }, 60_000);
});
