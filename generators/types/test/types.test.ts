import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { loadTaxonomy, type TaxonomyModel } from '@taxonomy/core';
import { baseName, indent, typeNames, typesGenerator } from '@taxonomy/gen-types';
import { expectGolden } from '../../../test/golden.js';

const model = loadTaxonomy(join(import.meta.dirname, 'fixtures/mini/taxonomy'), { cwd: join(import.meta.dirname, '..') }).model as TaxonomyModel;
const golden = join(import.meta.dirname, 'golden/mini');

/** Type-checks files in a fresh folder beside the generated index.d.ts; returns the diagnostics. */
function typeCheck(dts: string, files: Record<string, string>): string[] {
  const dir = mkdtempSync(join(tmpdir(), 'types-'));
  writeFileSync(join(dir, 'index.d.ts'), dts);
  writeFileSync(join(dir, 'package.json'), '{"type":"module"}');
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  const program = ts.createProgram(Object.keys(files).map((f) => join(dir, f)), { strict: true, noEmit: true, module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext, target: ts.ScriptTarget.ES2022, types: [] });
  return ts.getPreEmitDiagnostics(program).map((d) => `${d.file ? d.file.fileName.slice(dir.length + 1) + ':' + (d.file.getLineAndCharacterOfPosition(d.start!).line + 1) + ' ' : ''}${ts.flattenDiagnosticMessageText(d.messageText, ' ')}`);
}

describe('type names', () => {
  it.each([
    ['workbench.draft_created', 'WorkbenchDraftCreated'],
    ['CONVERSATION_STARTED', 'ConversationStarted'],
    ['$pageview', 'DollarPageview'],
    ['a2ui.action_dispatched', 'A2UiActionDispatched'],
    ['checkout.v2step_done', 'CheckoutV2StepDone'],
    ['signupCompleted', 'SignupCompleted'],
    ['3d.view', 'Event3DView'],
  ])('%s → %s', (event, name) => expect(baseName(event)).toBe(name));

  it('numbers a later clash and never takes a reserved name', () => {
    const names = typeNames(['SIGNUP_COMPLETED', 'analytics', 'signup_completed', 'signup.completed']);
    expect([...names.values()]).toEqual([
      { properties: 'SignupCompletedProperties', event: 'SignupCompletedEvent' },
      { properties: 'Analytics2Properties', event: 'Analytics2Event' }, // AnalyticsEvent is the union
      { properties: 'SignupCompleted2Properties', event: 'SignupCompleted2Event' },
      { properties: 'SignupCompleted3Properties', event: 'SignupCompleted3Event' },
    ]);
  });
});

describe('indent', () => {
  it('indents by depth, ignoring braces in strings and comments, and splits a union of names', () => {
    const src = [
      'export type U = (A | B | C)',
      '/**',
      ' * Has { braces } and */ closers',
      ' */',
      'export interface A {',
      'a: ("{" | "}")',
      'b?: {',
      '[k: string]: unknown',
      '}',
      'c: {',
      'd: string',
      '}[]',
      '}',
    ].join('\n');
    expect(indent(src)).toBe([
      'export type U =', '  | A', '  | B', '  | C',
      '/**', ' * Has { braces } and */ closers', ' */',
      'export interface A {', '  a: ("{" | "}")', '  b?: {', '    [k: string]: unknown', '  }', '  c: {', '    d: string', '  }[]', '}', '',
    ].join('\n'));
  });
});

describe('types generator', () => {
  it('emits a types-only package: index.d.ts and package.json', async () => {
    const files = await typesGenerator.generate(model, {});
    expect(files.map((f) => f.path)).toEqual(['index.d.ts', 'package.json']);
    const pkg = JSON.parse(files[1]!.contents);
    expect(pkg).toMatchObject({ name: '@mini/types', version: '0.3.0', types: './index.d.ts', exports: { '.': { types: './index.d.ts' } } });
    expect(pkg.main).toBeUndefined();
    expect(JSON.parse((await typesGenerator.generate({ ...model, packages: {} }, {}))[1]!.contents).name).toBe('@mini/types');
    expect(JSON.parse((await typesGenerator.generate({ ...model, name: 'shop', packages: {} }, {}))[1]!.contents).name).toBe('@shop/types');
  });

  it('matches the reviewed golden index.d.ts (UPDATE_GOLDEN=1 rewrites it), which compiles', async () => {
    const dts = (await typesGenerator.generate(model, {}))[0]!.contents;
    const path = join(golden, 'index.d.ts');
    expectGolden(path, dts);
    expect(typeCheck(readFileSync(path, 'utf8'), { 'check.ts': `import type * as T from './index.js';\nexport type All = T.AnalyticsEvent;\n` })).toEqual([]);
  });

  it('formatter: prettier lays out the same declarations (and they compile)', async () => {
    const mine = (await typesGenerator.generate(model, {}))[0]!.contents;
    const pretty = (await typesGenerator.generate(model, { formatter: 'prettier' }))[0]!.contents;
    const declared = (s: string) => [...s.matchAll(/^export (?:interface|type) (\w+)/gm)].map((m) => m[1]).sort();
    expect(pretty).not.toBe(mine);
    expect(declared(pretty)).toEqual(declared(mine));
    expect(typeCheck(pretty, { 'check.ts': `import type * as T from './index.js';\nexport type All = T.AnalyticsEvent;\n` })).toEqual([]);
  });

  it('is deterministic', async () => {
    expect(await typesGenerator.generate(model, {})).toEqual(await typesGenerator.generate(model, {}));
  });

  it('types enums as literal unions, the union as discriminated, the map by name; deprecated events say so', async () => {
    const dts = (await typesGenerator.generate(model, {}))[0]!.contents;
    expect(dts).toContain('source: ("chat" | "template" | "blank")');
    expect(dts).toMatch(/\/\*\*\n \* @deprecated\n \* Clashes with SIGNUP_COMPLETED by name once PascalCased\.\n \*\/\nexport interface SignupCompleted2Event \{/);
    const diags = typeCheck(dts, {
      'use.ts': [
        `import type { AnalyticsEvent, EventPropertiesMap, EventName, EventOf, PropertiesOf } from './index.js';`,
        `function handle(e: AnalyticsEvent): string {`,
        `  switch (e.event) {`,
        `    case 'workbench.draft_created': return e.properties.source;`,
        `    case 'signup': return e.properties.plan;`,
        `    default: return e.event;`,
        `  }`,
        `}`,
        `const p: EventPropertiesMap['workbench.draft_created'] = { org_id: '1', sessionId: 's', source: 'blank', label: 'require("fs")', counts: { a: 1 } };`,
        `const q: PropertiesOf<'workbench.draft_accepted'> = { org_id: '1', sessionId: 's', nodeCount: 0, acceptedAt: null };`,
        `const e: EventOf<'signup'> = { event: 'signup', properties: { org_id: '1', plan: 'pro' }, person: { $set: { plan: 'free' } } };`,
        `const n: EventName = 'SIGNUP_COMPLETED';`,
        `// @ts-expect-error not one of the enum values`,
        `const bad1: EventPropertiesMap['signup'] = { org_id: '1', plan: 'gold' };`,
        `// @ts-expect-error a required key is missing`,
        `const bad2: EventPropertiesMap['signup'] = { org_id: '1' };`,
        `// @ts-expect-error an extra key`,
        `const bad3: EventPropertiesMap['signup'] = { org_id: '1', plan: 'pro', extra: 1 };`,
        `// @ts-expect-error the wrong event for these properties`,
        `const bad4: AnalyticsEvent = { event: 'signup', properties: { org_id: '1', sessionId: 's', nodeCount: 0 } };`,
        `export { handle, p, q, e, n, bad1, bad2, bad3, bad4 };`,
      ].join('\n'),
    });
    expect(diags).toEqual([]);
  });
});
