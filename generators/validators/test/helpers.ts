import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import ts from 'typescript';
import { loadTaxonomy, type TaxonomyModel } from '@taxonomy/core';
import { validatorsGenerator, type ValidatorsOptions } from '@taxonomy/gen-validators';

export const fixture = join(import.meta.dirname, 'fixtures/mini/taxonomy');

export function loadMini(): TaxonomyModel {
  const r = loadTaxonomy(fixture, { cwd: join(import.meta.dirname, '..') });
  if (!r.model) throw new Error('mini fixture does not load');
  return r.model;
}

export type Result =
  | { ok: true; event: Record<string, unknown> }
  | { ok: false; errors: { path: string; rule: string; expected: string; actual: string; message: string }[] };

export interface ValidatorsModule {
  validateEvent(name: unknown, payload: unknown): Result;
  isEventName(name: unknown): boolean;
  events: readonly { name: string; version: number; domain: string; versions?: readonly number[] }[];
  limits: { maxDepth: number; maxSize: number; maxErrors: number };
}

/** Generates into a temp folder and imports the module, as a user would. */
export async function generateAndImport(model: TaxonomyModel, options: ValidatorsOptions = {}): Promise<{ dir: string; mod: ValidatorsModule }> {
  const dir = mkdtempSync(join(tmpdir(), 'validators-'));
  for (const f of await validatorsGenerator.generate(model, options)) {
    mkdirSync(dirname(join(dir, f.path)), { recursive: true });
    writeFileSync(join(dir, f.path), f.contents);
  }
  return { dir, mod: (await import(pathToFileURL(join(dir, 'index.js')).href)) as ValidatorsModule };
}

/** Calls of `require(…)`, `eval(…)` and `new Function(…)` in a JavaScript file (by syntax, not by grep). */
export function forbiddenCalls(file: string): string[] {
  const sf = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.ES2022, true, ts.ScriptKind.JS);
  const found: string[] = [];
  const visit = (n: ts.Node): void => {
    if ((ts.isCallExpression(n) || ts.isNewExpression(n)) && ts.isIdentifier(n.expression) && ['require', 'eval', 'Function'].includes(n.expression.text)) {
      const { line } = sf.getLineAndCharacterOfPosition(n.getStart(sf));
      found.push(`${n.expression.text} at line ${line + 1}`);
    }
    ts.forEachChild(n, visit);
  };
  visit(sf);
  return found;
}
