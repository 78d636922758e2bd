// Hostile words in the lifecycle fields (deprecation reasons, enum member descriptions) stay
// inert in both TypeScript packages: the files parse, nothing escapes its comment, and
// TypeScript reads exactly the @deprecated tags the taxonomy declares.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ts from 'typescript';
import { afterAll, describe, expect, it } from 'vitest';
import { loadTaxonomy } from '@taxonomy/core';
import { typesGenerator } from '@taxonomy/gen-types';
import { trackerSources } from '@taxonomy/gen-typescript';

const HOSTILE = '*/ export const hacked = 1; /*\n@deprecated forged\u2028@internal also forged \\ "q" `t` ${x}';
const dirs: string[] = [];
afterAll(() => { for (const d of dirs) rmSync(d, { recursive: true, force: true }); });

function model() {
  const dir = mkdtempSync(join(tmpdir(), 'lifecycle-hostile-'));
  dirs.push(dir);
  mkdirSync(join(dir, 'domains'));
  const h = JSON.stringify(HOSTILE);
  writeFileSync(join(dir, 'taxonomy.yaml'), 'name: hostile\nversion: 1.0.0\n');
  writeFileSync(join(dir, 'privacy.yaml'), 'classes:\n  internal: { description: I., sensitivity: 1 }\n');
  writeFileSync(join(dir, 'categories.yaml'), 'categories:\n  core: { description: C. }\n');
  writeFileSync(join(dir, 'domains', 'shop.yaml'), `domain: shop
events:
  order_placed:
    category: core
    properties:
      total: { type: number, privacy: internal, description: ${h} }
      amount: { type: number, privacy: internal, description: ${h}, deprecated: { renamed_to: total, reason: ${h} } }
      kind:
        type: string
        privacy: internal
        enum:
          - a
          - { value: "*/b", description: ${h}, deprecated: { renamed_to: a, reason: ${h} } }
          - { value: c, description: ${h}, stability: experimental }
`);
  const r = loadTaxonomy(dir, { cwd: dir });
  if (!r.model) throw new Error(r.diagnostics.map((d) => d.message).join('\n'));
  return r.model;
}

function tagsOf(text: string, file: string): Map<string, string[]> {
  const dir = mkdtempSync(join(tmpdir(), 'lifecycle-hostile-ts-'));
  dirs.push(dir);
  const path = join(dir, file);
  writeFileSync(path, text);
  const sf = ts.createSourceFile(path, text, ts.ScriptTarget.ES2022, true);
  expect((sf as unknown as { parseDiagnostics: unknown[] }).parseDiagnostics).toEqual([]);
  const program = ts.createProgram({ rootNames: [path], options: { noEmit: true, types: [], skipLibCheck: true } });
  const checker = program.getTypeChecker();
  const decl = program.getSourceFile(path)!.statements.find((s): s is ts.InterfaceDeclaration => ts.isInterfaceDeclaration(s) && s.name.text === 'OrderPlacedProperties')!;
  return new Map(decl.members.map((m) => {
    const sym = checker.getSymbolAtLocation(m.name!)!;
    return [sym.name, sym.getJsDocTags(checker).map((t) => t.name)] as const;
  }));
}

describe('hostile lifecycle text in TypeScript', () => {
  const m = model();

  it('the tracker: one real @deprecated, forged tags escaped, no statement escapes a comment', () => {
    const types = trackerSources(m).find((f) => f.path === 'types.ts')!.text;
    expect(types).not.toMatch(/^\s*export const hacked/m);
    const tags = tagsOf(types, 'types.ts');
    expect(tags.get('amount')).toEqual(['deprecated']);
    expect(tags.get('total')).toEqual([]);
    expect(tags.get('kind')).toEqual([]);
  });

  it('the types package: the same', async () => {
    const dts = String((await typesGenerator.generate(m, {})).find((f) => f.path === 'index.d.ts')!.contents);
    expect(dts).not.toMatch(/^\s*export const hacked/m);
    const tags = tagsOf(dts, 'index.d.ts');
    expect(tags.get('amount')).toEqual(['deprecated']);
    expect(tags.get('total')).toEqual([]);
    expect(tags.get('kind')).toEqual([]);
  });
});
