import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import ts from 'typescript';
import { trackerSources } from '@taxonomy/gen-typescript';
import { repo, seed } from './helpers.js';
import { hostileModel } from '../../python/test/hostile.js';

const OPTIONS: ts.CompilerOptions = {
  strict: true, noEmit: true, target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext,
  skipLibCheck: false, noUncheckedIndexedAccess: true, exactOptionalPropertyTypes: false, types: [], lib: ['lib.es2022.d.ts'],
};

/** Compiles files with tsc (the TypeScript API) and returns the diagnostics as `file:line code message`. */
function check(rootNames: string[], overrides: Record<string, string> = {}): string[] {
  const host = ts.createCompilerHost(OPTIONS);
  const read = host.readFile.bind(host);
  host.readFile = (f) => overrides[f] ?? read(f);
  const getSourceFile = host.getSourceFile.bind(host);
  host.getSourceFile = (f, lang, onError) => (overrides[f] !== undefined ? ts.createSourceFile(f, overrides[f]!, lang) : getSourceFile(f, lang, onError));
  const program = ts.createProgram({ rootNames, options: OPTIONS, host });
  return ts.getPreEmitDiagnostics(program).map((d) => {
    const pos = d.file && d.start !== undefined ? d.file.getLineAndCharacterOfPosition(d.start) : undefined;
    return `${d.file ? d.file.fileName.replace(repo + '/', '') : ''}:${pos ? pos.line + 1 : 0} TS${d.code} ${ts.flattenDiagnosticMessageText(d.messageText, ' ')}`;
  });
}

describe('the generated tracker under tsc --strict', () => {
  it('the TypeScript sources of the package compile under strict (no implicit any, unchecked index access)', () => {
    const dir = mkdtempSync(join(repo, 'generators/typescript/.tmp-'));
    try {
      const roots: string[] = [];
      for (const s of trackerSources(seed())) {
        const p = join(dir, s.path);
        mkdirSync(dirname(p), { recursive: true });
        writeFileSync(p, s.text);
        roots.push(p);
      }
      writeFileSync(join(dir, 'package.json'), '{"type":"module"}');
      expect(check(roots)).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a taxonomy of keyword names, names as teams write them (Order Completed) and a namespace compiles, and keeps the wire names', () => {
    const dir = mkdtempSync(join(repo, 'generators/typescript/.tmp-'));
    try {
      const roots: string[] = [];
      const sources = trackerSources(hostileModel());
      for (const s of sources) {
        const p = join(dir, s.path);
        mkdirSync(dirname(p), { recursive: true });
        writeFileSync(p, s.text);
        roots.push(p);
      }
      writeFileSync(join(dir, 'package.json'), '{"type":"module"}');
      expect(check(roots)).toEqual([]);
      const all = sources.map((s) => s.text).join('\n');
      for (const wire of ['com.class-import/Order Completed', 'com.class-import/Class Type', 'com.class-import/import', 'com.class-import/class']) expect(all).toContain(JSON.stringify(wire));
      // Two namespaces' import in one domain: the second method carries its namespace.
      expect(all).toMatch(/\bimportEvent\(/);
      expect(all).toMatch(/\bioOtherImport\(/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  const consumer = join(import.meta.dirname, 'fixtures/consumer.ts');

  it('valid calls compile and every wrong call is an error (@ts-expect-error is used, not unused)', () => {
    expect(check([consumer])).toEqual([]);
  });

  it('without the directives, each wrong call fails for the expected reason', () => {
    const text = readFileSync(consumer, 'utf8');
    const stripped = text.replace(/^\/\/ @ts-expect-error.*$/gm, '//');
    const errors = check([consumer], { [consumer]: stripped }).map((e) => e.replace(/^.*?:(\d+) /, '$1 '));
    const lineOf = (needle: string) => stripped.split('\n').findIndex((l) => l.includes(needle)) + 1;
    const expectError = (needle: string, code: string, message: RegExp) => {
      const line = lineOf(needle);
      expect(line, needle).toBeGreaterThan(0);
      const found = errors.filter((e) => e.startsWith(`${line} `));
      expect(found.length, `${needle}\n${errors.join('\n')}`).toBeGreaterThan(0);
      expect(found.some((e) => e.includes(code) && message.test(e)), `${needle}: ${found.join(' | ')}`).toBe(true);
    };
    expectError('draftDeleted', 'TS2339', /Property 'draftDeleted' does not exist/);
    expectError("draftEdited({ draftId: 'd' })", 'TS2345', /editType/);
    expectError("source: 'email'", 'TS2322', /"email"/);
    expectError('bogus: 1', 'TS2353', /'bogus' does not exist/);
    expectError("nodeCount: 'three'", 'TS2322', /string.*number/);
    expectError("$set: { plan: 'pro' }", 'TS2353', /\$set/);
    expectError('event_schema_version: 3', 'TS2322', /3.*2/);
    expectError('tracker.billing', 'TS2339', /'billing' does not exist/);
    expectError("bare.workbench.draftCreated({ source: 'chat' })", 'TS2345', /sessionId/);
    expectError("source: 'nope'", 'TS2322', /"nope"/);
    expect(errors).toHaveLength(10);
  });
});
