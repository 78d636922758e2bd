import { describe, expect, it } from 'vitest';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { loadTaxonomy } from '@taxonomy/core';
import { eventSchema, jsonSchemaGenerator } from '@taxonomy/gen-json-schema';

const require = createRequire(import.meta.url);
const Ajv2020 = require('ajv/dist/2020.js').default;
const addFormats = require('ajv-formats').default ?? require('ajv-formats');

const repo = join(import.meta.dirname, '../../..');
const model = loadTaxonomy(join(repo, 'taxonomy'), { cwd: repo }).model!;

function ajv() {
  const a = new Ajv2020({ strict: false, allErrors: true, discriminator: true });
  addFormats(a);
  return a;
}

describe('json-schema generator', () => {
  const files = jsonSchemaGenerator.generate(model, {}) as { path: string; contents: string }[];

  it('emits one schema per event version, a bundle, an index and a package', () => {
    expect(files.filter((f) => f.path.startsWith('schemas/')).length).toBe(model.events.length);
    expect(files.map((f) => f.path)).toEqual(expect.arrayContaining(['bundle.json', 'index.json', 'package.json', 'index.js', 'index.d.ts']));
    expect(files.find((f) => f.path === 'schemas/workbench.draft_created.v1.json')).toBeDefined();
  });

  it('every event schema compiles under draft 2020-12', () => {
    const a = ajv();
    for (const f of files.filter((x) => x.path.startsWith('schemas/'))) expect(() => a.compile(JSON.parse(f.contents))).not.toThrow();
  });

  it('closes the payload, lists required keys, enums and the $id with name and version', () => {
    const e = model.events.find((x) => x.name === 'workbench.draft_created')!;
    const s = eventSchema(model, e) as any;
    expect(s.$id).toBe('urn:acme-analytics:event:workbench.draft_created:v1');
    expect(s.properties.properties.additionalProperties).toBe(false);
    expect(s.properties.properties.required).toEqual(expect.arrayContaining(['sessionId', 'timestamp', 'source']));
    expect(s.properties.properties.properties.source.enum).toEqual(['chat', 'template', 'blank']);
    expect(s['x-category']).toBe('workbench_drafts');
    const v = ajv().compile(s);
    const ok = { event: 'workbench.draft_created', properties: { sessionId: 's1', timestamp: '2026-01-01T00:00:00Z', source: 'chat' } };
    expect(v(ok)).toBe(true);
    expect(v({ ...ok, properties: { ...ok.properties, source: 'email' } })).toBe(false);
    expect(v({ ...ok, properties: { ...ok.properties, extra: 1 } })).toBe(false);
    expect(v({ ...ok, properties: { sessionId: 's1', source: 'chat' } })).toBe(false);
    expect(v({ ...ok, version: 2 })).toBe(false);
  });

  it('the bundle dispatches on the event name', () => {
    const bundle = JSON.parse(files.find((f) => f.path === 'bundle.json')!.contents);
    const v = ajv().compile(bundle);
    expect(v({ event: 'workbench.draft_created', properties: { sessionId: 's', timestamp: '2026-01-01T00:00:00Z', source: 'blank' } })).toBe(true);
    expect(v({ event: 'workbench.draft_created', properties: {} })).toBe(false);
    expect(v({ event: 'no.such_event', properties: {} })).toBe(false);
  });

  it('maps our formats that JSON Schema lacks to patterns (currency: exactly the ISO 4217 codes, upper case)', () => {
    const e = model.events.find((x) => x.name === 'purchase_completed')!;
    const s = eventSchema(model, e) as any;
    const re = new RegExp(s.properties.properties.properties.currency.pattern, 'u');
    for (const [code, ok] of [['USD', true], ['EUR', true], ['usd', false], ['US', false], ['USDX', false], ['ABC', false], ['XUSD', false]] as const) expect([code, re.test(code)]).toEqual([code, ok]);
  });

  it('is deterministic', async () => {
    const again = await jsonSchemaGenerator.generate(model, {});
    expect(again).toEqual(files);
  });
});
