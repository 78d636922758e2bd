// Several live versions of one event: a schema per version, the older ones requiring the
// version they name, and a bundle in which exactly one schema matches each payload.
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadTaxonomy } from '@taxonomy/core';
import { jsonSchemaGenerator } from '@taxonomy/gen-json-schema';

const require = createRequire(import.meta.url);
const Ajv2020 = require('ajv/dist/2020.js').default;
const addFormats = require('ajv-formats').default ?? require('ajv-formats');

const fixture = join(import.meta.dirname, '../../../packages/core/test/fixtures/60-versions-clean');
const model = loadTaxonomy(join(fixture, 'taxonomy'), { cwd: fixture }).model!;
const files = jsonSchemaGenerator.generate(model, {}) as { path: string; contents: string }[];
const json = (path: string) => JSON.parse(files.find((f) => f.path === path)!.contents);

const S = { sessionId: 's1', orderId: 'o1' };
const v1 = { event: 'order_completed', version: 1, properties: { sessionId: 's1', orderId: 7, totalCents: 1250 } };
const v3 = { event: 'order_completed', properties: { ...S, total: { amount: 1, currency: 'EUR' }, items: 1 } };

describe('json-schema: every live version', () => {
  it('writes one schema per version, older ones requiring their version, with SchemaVer', () => {
    expect(files.map((f) => f.path).filter((p) => p.startsWith('schemas/'))).toEqual([
      'schemas/cart_viewed.v1.json', 'schemas/order_completed.v1.json', 'schemas/order_completed.v2.json', 'schemas/order_completed.v3.json',
    ]);
    const s1 = json('schemas/order_completed.v1.json'), s2 = json('schemas/order_completed.v2.json'), s3 = json('schemas/order_completed.v3.json');
    expect(s1.required).toEqual(['event', 'version', 'properties']);
    expect(s3.required).toEqual(['event', 'properties']);
    expect([s1['x-schemaver'], s2['x-schemaver'], s3['x-schemaver']]).toEqual(['1-0-0', '2-0-2', '3-1-0']);
    expect(s1.$id).toBe('urn:fixture:event:order_completed:v1');
    expect(Object.keys(s1.properties.properties.properties).sort()).toEqual(['items', 'orderId', 'sessionId', 'totalCents']);
    expect(json('schemas/cart_viewed.v1.json')['x-schemaver']).toBeUndefined();
  });

  it('indexes every version, the current one first', () => {
    const idx = json('index.json').events.filter((e: { event: string }) => e.event === 'order_completed');
    expect(idx.map((e: { version: number; current?: boolean }) => [e.version, e.current])).toEqual([[3, undefined], [2, false], [1, false]]);
  });

  it('the bundle accepts each version by the version it names, and nothing else', () => {
    const ajv = new Ajv2020({ strict: false, allErrors: true, discriminator: true });
    addFormats(ajv);
    const validate = ajv.compile(json('bundle.json'));
    expect(validate(v1)).toBe(true);
    expect(validate(v3)).toBe(true);
    expect(validate({ ...v3, version: 3 })).toBe(true);
    expect(validate({ ...v1, version: 3 })).toBe(false);
    const { version: _v, ...unversioned } = v1;
    expect(validate(unversioned)).toBe(false);
    expect(validate({ ...v3, version: 4 })).toBe(false);
  });
});
