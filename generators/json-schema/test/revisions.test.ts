// Earlier SchemaVer revisions of a model (`revisions:`): each gets its own schema file beside
// its version's (`.v2-0-0.json`, with x-schemaver and an $id of its own), the version's schema
// still means that version, and the bundle accepts a payload of a model when it matches the
// model or one of its earlier revisions.
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadTaxonomy } from '@taxonomy/core';
import { jsonSchemaGenerator, revisionSchemaPath } from '@taxonomy/gen-json-schema';

const require = createRequire(import.meta.url);
const Ajv2020 = require('ajv/dist/2020.js').default;
const addFormats = require('ajv-formats').default ?? require('ajv-formats');

const fixture = join(import.meta.dirname, '../../validators/test/fixtures/revisions');
const loaded = loadTaxonomy(join(fixture, 'taxonomy'), { cwd: fixture });
const model = loaded.model!;
const files = jsonSchemaGenerator.generate(model, {}) as { path: string; contents: string }[];
const json = (path: string) => JSON.parse(files.find((f) => f.path === path)!.contents);
const ajv = () => { const a = new Ajv2020({ strict: false, allErrors: true, discriminator: true }); addFormats(a); return a; };

const onlyOld = { event: 'order_completed', properties: { sessionId: 's', orderId: 'o', total: 50000, giftNote: 'hi' } };
const onlyNew = { event: 'order_completed', properties: { sessionId: 's', orderId: 'o', total: 20, channel: 'web' } };
const none = { event: 'order_completed', properties: { sessionId: 's', orderId: 'o', total: 2_000_000 } };

describe('json-schema: earlier revisions of a model', () => {
  it('loads the fixture without a diagnostic of the loader', () => {
    expect(loaded.diagnostics.filter((d) => d.severity === 'error' && !/^(doc|privacy)\//.test(d.code))).toEqual([]);
  });

  it('writes a schema per earlier revision beside its version, with its SchemaVer and $id', () => {
    expect(files.map((f) => f.path).filter((p) => p.startsWith('schemas/'))).toEqual([
      'schemas/cart_viewed.v1-0-0.json', 'schemas/cart_viewed.v1.json',
      'schemas/order_completed.v1-0-0.json', 'schemas/order_completed.v1.json',
      'schemas/order_completed.v2-0-0.json', 'schemas/order_completed.v2.json',
    ]);
    const v2 = json('schemas/order_completed.v2.json'), r200 = json('schemas/order_completed.v2-0-0.json');
    const v1 = json('schemas/order_completed.v1.json'), r100 = json('schemas/order_completed.v1-0-0.json');
    expect([v2['x-schemaver'], r200['x-schemaver'], v1['x-schemaver'], r100['x-schemaver']]).toEqual(['2-1-0', '2-0-0', '1-0-1', '1-0-0']);
    expect([v2.$id, r200.$id, r100.$id]).toEqual(['urn:fixture:event:order_completed:v2', 'urn:fixture:event:order_completed:v2-0-0', 'urn:fixture:event:order_completed:v1-0-0']);
    // The newest model's revision may leave the version out; an older model's names it.
    expect(r200.required).toEqual(['event', 'properties']);
    expect(r100.required).toEqual(['event', 'version', 'properties']);
    expect(Object.keys(r200.properties.properties.properties).sort()).toEqual(['giftNote', 'orderId', 'sessionId', 'total']);
    expect(r200.properties.properties.properties.total.maximum).toBe(1000000);
    expect(v2.properties.properties.properties.total.maximum).toBe(10000);
    expect(r200.description).toContain('totals were not capped yet');
  });

  it('indexes each revision after its version, with its schemaver; schemaFor(name, version) still finds the version', () => {
    const idx = json('index.json').events.filter((e: { event: string }) => e.event === 'order_completed');
    expect(idx.map((e: { version: number; schemaver?: string; current?: boolean; path: string }) => [e.version, e.schemaver, e.current, e.path])).toEqual([
      [2, undefined, undefined, 'schemas/order_completed.v2.json'],
      [2, '2-0-0', false, 'schemas/order_completed.v2-0-0.json'],
      [1, undefined, false, 'schemas/order_completed.v1.json'],
      [1, '1-0-0', false, 'schemas/order_completed.v1-0-0.json'],
    ]);
  });

  it("the version's schema means that version only; the revision's its own", () => {
    const a = ajv();
    const v2 = a.compile(json('schemas/order_completed.v2.json')), r200 = a.compile(json('schemas/order_completed.v2-0-0.json'));
    expect([v2(onlyOld), r200(onlyOld)]).toEqual([false, true]);
    expect([v2(onlyNew), r200(onlyNew)]).toEqual([true, false]);
    expect([v2(none), r200(none)]).toEqual([false, false]);
  });

  it('the bundle accepts a payload matching the model or an earlier revision of it, and no other', () => {
    const validate = ajv().compile(json('bundle.json'));
    expect(validate(onlyOld)).toBe(true);
    expect(validate(onlyNew)).toBe(true);
    expect(validate({ ...onlyOld, version: 2 })).toBe(true);
    expect(validate(none)).toBe(false);
    expect(validate({ ...onlyOld, version: 1 })).toBe(false);
    const v100 = { event: 'order_completed', version: 1, properties: { sessionId: 's', orderId: 7, totalCents: 5 } };
    expect(validate(v100)).toBe(true);
    expect(validate({ ...v100, properties: { ...v100.properties, coupon: 'X' } })).toBe(true);
    expect(validate({ event: 'cart_viewed', properties: { sessionId: 's', source: 42 } })).toBe(true);
    expect(validate({ event: 'cart_viewed', properties: { sessionId: 's', source: 'ad' } })).toBe(true);
    expect(validate({ event: 'cart_viewed', properties: { sessionId: 's', source: true } })).toBe(false);
  });

  it('a revision path cannot be a version path', () => {
    expect(revisionSchemaPath('schemas/a.v2.json', { revision: 0, addition: 0 })).toBe('schemas/a.v2-0-0.json');
    expect(revisionSchemaPath('schemas/a.v2-0-0.json', { revision: 0, addition: 0 })).not.toMatch(/\.v\d+\.json$/);
  });

  it('is deterministic', () => {
    const again = jsonSchemaGenerator.generate(loadTaxonomy(join(fixture, 'taxonomy'), { cwd: fixture }).model!, {}) as typeof files;
    expect(again).toEqual(files);
  });
});
