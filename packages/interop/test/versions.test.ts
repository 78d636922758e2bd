// Several live versions of one event through JSON Schema / Iglu (issue 18): export writes every
// live version at its own M-R-A path, import makes the older models `versions:` again, and a
// model below a gap is reported, not imported (the taxonomy refuses gaps).
import { describe, expect, it } from 'vitest';
import { exportIglu, importJsonSchemas, type SchemaFileText } from '@taxonomy/interop';
import { loadDomain, normProp } from './helpers.js';

const DOMAIN = `domain: shop
events:
  order_completed:
    description: An order was paid.
    version: 3
    revision: 1
    properties:
      orderId: { type: string, required: true }
      total: { type: number, minimum: 0, required: true }
      coupon: { type: string }
    versions:
      1:
        description: A numeric order id and a total in cents.
        properties:
          orderId: { type: integer, required: true }
          totalCents: { type: integer, minimum: 0, required: true }
      2:
        addition: 2
        properties:
          orderId: { type: string, required: true }
          total: { type: number, minimum: 0, required: true }
`;

const SELF_DESC = 'http://iglucentral.com/schemas/com.snowplowanalytics.self-desc/schema/jsonschema/1-0-0#';
const iglu = (version: string, properties: Record<string, unknown>): SchemaFileText => ({
  path: `schemas/com.acme/order_completed/jsonschema/${version}`,
  text: JSON.stringify({ $schema: SELF_DESC, self: { vendor: 'com.acme', name: 'order_completed', format: 'jsonschema', version }, type: 'object', properties }),
});

describe('Iglu: every live version', () => {
  const model = loadDomain(DOMAIN, 'shop');
  const registry = exportIglu(model);

  it('exports each live version at its own SchemaVer path with its own payload', () => {
    expect(registry.errors).toEqual([]);
    expect(registry.files.map((f) => f.path)).toEqual([
      'schemas/com.example/order_completed/jsonschema/1-0-0',
      'schemas/com.example/order_completed/jsonschema/2-0-2',
      'schemas/com.example/order_completed/jsonschema/3-1-0',
    ]);
    const v1 = JSON.parse(registry.files[0]!.contents);
    expect(v1.description).toBe('A numeric order id and a total in cents.');
    expect(Object.keys(v1.properties)).toEqual(['orderId', 'totalCents']);
    expect(v1.properties.orderId.type).toBe('integer');
  });

  it('imports them back as the same versions, payloads and SchemaVers', () => {
    const r = importJsonSchemas(registry.files.map((f) => ({ path: f.path, text: f.contents })), { domain: 'shop', sourceName: 'iglu' });
    expect(r.report.unmapped).toEqual([]);
    const back = loadDomain(r.yaml, 'shop').events[0]!;
    const before = model.events[0]!;
    expect(back.versions.map((v) => [v.version, v.revision, v.addition, v.description])).toEqual(before.versions.map((v) => [v.version, v.revision, v.addition, v.description]));
    for (let i = 0; i < before.versions.length; i++) expect(back.versions[i]!.properties.map(normProp)).toEqual(before.versions[i]!.properties.map(normProp));
    // And it exports to the same registry.
    expect(exportIglu(loadDomain(r.yaml, 'shop')).files).toEqual(registry.files);
  });

  it('a model below a gap (1 and 3 without 2) is reported and not imported; the rest loads', () => {
    const r = importJsonSchemas([iglu('1-0-0', { a: { type: 'integer' } }), iglu('3-0-0', { a: { type: 'string' } })], { domain: 'acme', sourceName: 'registry' });
    expect(r.report.unmapped.map((u) => `${u.where} ${u.message}`)).toEqual(["schemas/com.acme/order_completed/jsonschema/1-0-0:1:1 'order_completed' 1-0-0 is not imported: version 2 is missing between it and the newest (3)"]);
    const e = loadDomain(r.yaml, 'acme').events[0]!;
    expect(e.versions.map((v) => v.version)).toEqual([3]);
    expect(e.changelog.map((c) => c.version)).toEqual([1]);
  });
});
