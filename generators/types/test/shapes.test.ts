// Issue 18.3's shapes in the generated .d.ts: every payload the validators accept compiles
// against its event's properties type, and what the types can say (union members, index
// signatures of maps, required keys) refuses the table's type-level invalid payloads
// (@ts-expect-error must be used). Checked with tsc, as the other types tests do.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ts from 'typescript';
import { beforeAll, describe, expect, it } from 'vitest';
import { typeNames, typesGenerator } from '@taxonomy/gen-types';
import { HOSTILE, SHAPE_CASES, shapesModel } from '../../../test/shapes/table.js';

const model = shapesModel();
const names = typeNames(model.events.map((e) => e.name));
let dts = '';
beforeAll(async () => { dts = (await typesGenerator.generate(model, {})).find((f) => f.path === 'index.d.ts')!.contents; }, 120_000);

function typeCheck(files: Record<string, string>): string[] {
  const dir = mkdtempSync(join(tmpdir(), 'types-shapes-'));
  writeFileSync(join(dir, 'index.d.ts'), dts);
  writeFileSync(join(dir, 'package.json'), '{"type":"module"}');
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  const program = ts.createProgram(Object.keys(files).map((f) => join(dir, f)), { strict: true, noEmit: true, module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext, target: ts.ScriptTarget.ES2022, types: [] });
  return ts.getPreEmitDiagnostics(program).map((d) => `${d.file ? d.file.fileName.slice(dir.length + 1) + ':' + (d.file.getLineAndCharacterOfPosition(d.start!).line + 1) + ' ' : ''}${ts.flattenDiagnosticMessageText(d.messageText, ' ')}`);
}

const member = (dts: string, name: string) => {
  const start = dts.indexOf(`export interface ${name} {`);
  return dts.slice(start, dts.indexOf('\n}\n', start) + 2);
};

describe('types: the shapes of issue 18.3', () => {
  it('every valid payload compiles; every type-level invalid one is refused', () => {
    const lines: string[] = [];
    const used = new Set<string>();
    let n = 0;
    for (const c of SHAPE_CASES) {
      const type = names.get(c.event)!.properties;
      used.add(type);
      for (const p of [...c.valid.map((x) => JSON.stringify(x)), ...(c.typeValid ?? [])]) lines.push(`export const v${n++}: ${type} = ${p};`);
      for (const p of c.typeInvalid ?? []) lines.push('// @ts-expect-error', `export const i${n++}: ${type} = ${p};`);
    }
    const file = [`import type { ${[...used].join(', ')} } from './index.js';`, ...lines, ''].join('\n');
    expect(typeCheck({ 'check.ts': file })).toEqual([]);
    expect(lines.filter((l) => l.startsWith('// @ts-expect-error')).length).toBeGreaterThan(15);
  });

  it('the type-level invalid payloads are refused for the reason they were written (each alone)', () => {
    // One file per payload: an error elsewhere cannot make an @ts-expect-error pass.
    const files: Record<string, string> = {};
    let n = 0;
    for (const c of SHAPE_CASES) {
      const type = names.get(c.event)!.properties;
      for (const p of c.typeInvalid ?? []) files[`bad${n++}.ts`] = `import type { ${type} } from './index.js';\nexport const x: ${type} = ${p};\n`;
    }
    const errors = typeCheck(files);
    for (const f of Object.keys(files)) expect([f, errors.some((e) => e.startsWith(`${f}:`))]).toEqual([f, true]);
  });

  it('json is unknown, unions are TypeScript unions, maps are index signatures', () => {
    expect(member(dts, 'JsonValueProperties')).toMatch(/meta: unknown/);
    expect(member(dts, 'JsonValueProperties')).toMatch(/anything\?: unknown\[\]/);
    expect(member(dts, 'TypeListProperties')).toMatch(/id: \(?string \| number \| null\)?/);
    expect(member(dts, 'PaymentMadeProperties')).toMatch(/kind: "card"/);
    expect(member(dts, 'PaymentMadeProperties')).toMatch(/kind: "iban"/);
    expect(member(dts, 'MapSentProperties')).toMatch(/\[k: string\]: /);
    expect(member(dts, 'OpenEventProperties')).toMatch(/\[k: string\]: /);
    // Regression: json-schema-to-typescript's "referenced via patternProperty" comment landed on
    // every property whose schema share.ts had made one object with a pattern's value schema.
    expect(dts).not.toContain('patternProperty');
    expect(member(dts, 'LabelsKeptProperties')).toMatch(/^\s*name: string$/m);
  });

  it('tuples are TypeScript tuples: closed by maxItems, optional past minItems, a rest element for further ones', () => {
    const t = member(dts, 'TupleSentProperties');
    expect(t).toMatch(/^\s*point: \[number, number\]$/m);
    expect(t).toMatch(/^\s*pair\?: \[\]\|\[string\]\|\[string, number, \.\.\.\(boolean\)\[\]\]$/m);
    expect(t).toMatch(/^\s*head\?: \[string, \.\.\.\(unknown\)\[\]\]$/m);
    expect(t).not.toContain('@deprecated');
  });

  it('an integer whose range reaches beyond 2^53 is number | bigint; every other integer stays number', () => {
    expect(member(dts, 'BigIdsProperties')).toMatch(/^\s*id: number \| bigint;?$/m);
    expect(member(dts, 'BigIdsProperties')).toMatch(/^\s*small\?: number \| bigint;?$/m);
    expect(member(dts, 'CouponAppliedProperties')).toMatch(/^\s*seats\?: number;?$/m);
  });

  it('hostile descriptions of variants and pattern shapes stay inside their comments', () => {
    const hostile = member(dts, 'HostileTextProperties');
    expect(hostile).not.toContain('*/ closers');
    // Every comment is closed only by its own closing line: the text's `*/` is escaped.
    expect(hostile).not.toContain(HOSTILE);
    // A description line starting with a tag does not deprecate the property or a variant.
    expect(hostile).not.toMatch(/^\s*\* @deprecated/m);
    expect(typeCheck({ 'hostile.ts': `import type { HostileTextProperties } from './index.js';\nexport const x: HostileTextProperties = { either: 1 };\n` })).toEqual([]);
  });
});
