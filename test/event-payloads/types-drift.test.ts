// Types and schemas agree (seed 001's "schema drift" idea, for every event): a payload
// the JSON Schema accepts type-checks against the generated types, payloads it refuses
// do not (@ts-expect-error fails the check when the type would accept them), and each
// event's properties type has exactly the schema's required keys as non-optional.
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import ts from 'typescript';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadTaxonomy, type TaxonomyModel } from '@taxonomy/core';
import { eventSchema } from '@taxonomy/gen-json-schema';
import { typesGenerator } from '@taxonomy/gen-types';
import { generateInto } from './generated.js';
import { samplePayload, type Schema } from './samples.js';

const require = createRequire(import.meta.url);
const Ajv2020 = require('ajv/dist/2020.js').default;
const addFormats = require('ajv-formats').default ?? require('ajv-formats');

const repo = join(import.meta.dirname, '../..');
const model = loadTaxonomy(join(repo, 'taxonomy'), { cwd: repo }).model as TaxonomyModel;
const schemas = new Map(model.events.map((e) => [e.name, eventSchema(model, e) as Schema]));
const lit = JSON.stringify;

let program: ts.Program;
let file: string;
let diagnostics: string[];

/** One block per event: valid samples that must compile, refused mutations that must not. */
function checks(name: string, schema: Schema, i: number): string[] {
  const props: Schema = schema.properties.properties;
  const minimal = samplePayload(schema) as { properties: Record<string, unknown> };
  const full = samplePayload(schema, true);
  const P = `EventPropertiesMap[${lit(name)}]`;
  const lines = [
    `const min${i}: ${P} = ${lit(minimal.properties)};`,
    `const full${i}: EventOf<${lit(name)}> = ${lit({ event: name, ...full })};`,
    `const union${i}: AnalyticsEvent = ${lit({ event: name, ...minimal })};`,
    `// @ts-expect-error an undeclared key`,
    `const extra${i}: ${P} = ${lit({ ...minimal.properties, zz_not_declared: 1 })};`,
  ];
  for (const k of props.required ?? []) {
    const { [k]: _dropped, ...rest } = minimal.properties;
    lines.push(`// @ts-expect-error required ${k} missing`, `const drop${i}_${lines.length}: ${P} = ${lit(rest)};`);
  }
  const enumKey = Object.keys(props.properties ?? {}).find((k) => props.properties[k].enum?.every((v: unknown) => typeof v === 'string'));
  if (enumKey) lines.push(`// @ts-expect-error not one of ${enumKey}'s values`, `const enum${i}: ${P} = ${lit({ ...minimal.properties, [enumKey]: 'not-one-of-them' })};`);
  return lines;
}

beforeAll(async () => {
  const dir = await generateInto(typesGenerator, model);
  writeFileSync(join(dir, 'package.json'), '{"type":"module"}');
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats(ajv);
  const body: string[] = [`import type { AnalyticsEvent, EventOf, EventPropertiesMap } from './index.js';`];
  model.events.forEach((e, i) => {
    const schema = schemas.get(e.name)!;
    const validate = ajv.compile(schema);
    for (const full of [false, true]) {
      if (!validate({ event: e.name, ...samplePayload(schema, full) })) throw new Error(`sample of ${e.name} is not valid: ${ajv.errorsText(validate.errors)}`);
    }
    body.push(...checks(e.name, schema, i));
  });
  body.push('export {};');
  file = join(dir, 'drift.ts');
  writeFileSync(file, body.join('\n') + '\n');
  program = ts.createProgram([file], { strict: true, noEmit: true, noUnusedLocals: false, module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext, target: ts.ScriptTarget.ES2022, types: [] });
  diagnostics = ts.getPreEmitDiagnostics(program).map((d) => {
    const where = d.file ? `${d.file.fileName === file ? 'drift.ts' : d.file.fileName}:${d.file.getLineAndCharacterOfPosition(d.start ?? 0).line + 1}: ` : '';
    const line = d.file && d.file.fileName === file ? ` [${d.file.text.split('\n')[d.file.getLineAndCharacterOfPosition(d.start ?? 0).line]!.slice(0, 160)}]` : '';
    return where + ts.flattenDiagnosticMessageText(d.messageText, ' ') + line;
  });
}, 180_000);

describe('generated types agree with the JSON Schemas', () => {
  it('valid payloads of every seed event type-check; refused ones do not', () => {
    expect(diagnostics).toEqual([]);
  });

  it('the check has teeth: a refused payload without @ts-expect-error is an error', () => {
    const source = program.getSourceFile(file)!;
    expect(source.text.match(/@ts-expect-error/g)!.length).toBeGreaterThan(model.events.length * 2);
  });

  it.each(model.events.map((e) => [e.name]))('%s: the required keys of the properties type are the schema\'s required list', (name) => {
    const checker = program.getTypeChecker();
    const source = program.getSourceFile(file)!;
    const map = checker.getExportsOfModule(checker.getSymbolAtLocation((source.statements[0] as ts.ImportDeclaration).moduleSpecifier)!).find((s) => s.name === 'EventPropertiesMap')!;
    const entry = checker.getDeclaredTypeOfSymbol(map).getProperty(name)!;
    const type = checker.getTypeOfSymbol(entry);
    const required = type.getProperties().filter((p) => !(p.flags & ts.SymbolFlags.Optional)).map((p) => p.name).sort();
    const schema = schemas.get(name)!.properties.properties;
    expect(required).toEqual([...(schema.required ?? [])].sort());
    expect(type.getProperties().map((p) => p.name).sort()).toEqual(Object.keys(schema.properties ?? {}).sort());
  });
});
