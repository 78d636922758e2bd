import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadTaxonomy, loadTaxonomyFromFiles } from '@taxonomy/core';
import { jsonSchemaGenerator } from '@taxonomy/gen-json-schema';
import { exportIglu, importJsonSchemas, type SchemaFileText } from '@taxonomy/interop';
import { loadDomain, normEvents, normProp } from './helpers.js';

const repo = join(import.meta.dirname, '../../..');
const SELF_DESC = 'http://iglucentral.com/schemas/com.snowplowanalytics.self-desc/schema/jsonschema/1-0-0#';
const iglu = (vendor: string, name: string, version: string, body: Record<string, unknown>, extra: Record<string, unknown> = {}): SchemaFileText => ({
  path: `schemas/${vendor}/${name}/jsonschema/${version}`,
  text: JSON.stringify({ $schema: SELF_DESC, self: { vendor, name, format: 'jsonschema', version }, type: 'object', ...extra, ...body }, null, 2),
});
const run = (files: SchemaFileText[], domain = 'acme') => importJsonSchemas(files, { domain, sourceName: 'registry' });
const lines = (items: { where: string; message: string }[]) => items.map((i) => `${i.where} ${i.message}`).join('\n');

describe('import jsonschema: Iglu registries', () => {
  const registry = [
    iglu('com.acme', 'checkout_started', '1-0-0', { properties: { cart_id: { type: 'string' } }, required: ['cart_id'] }),
    iglu('com.acme', 'checkout_started', '1-0-1', { properties: { cart_id: { type: 'string' }, coupon: { type: ['string', 'null'] } }, required: ['cart_id'] }),
    iglu('com.acme', 'checkout_started', '2-0-0', { description: 'Checkout began.', properties: { cart_id: { type: 'string', format: 'uuid' }, total: { type: 'number', minimum: 0, exclusiveMinimum: true } }, required: ['cart_id'] }),
    iglu('com.acme', 'link-click', '1-2-0', { properties: { target_url: { type: 'string', format: 'uri' } } }),
    iglu('com.partner', 'partner_event', '1-0-0', { properties: { ok: { type: 'boolean' } } }),
  ];

  it('maps SchemaVer to event versions: the highest model is the event, older models stay live, and the vendor', () => {
    const r = importJsonSchemas(registry, { sourceName: 'registry' });
    const m = loadDomain(r.yaml, r.domain);
    expect(r.domain).toBe('acme');
    const by = Object.fromEntries(m.events.map((e) => [e.name, e]));
    expect(Object.keys(by)).toEqual(['checkout_started', 'link_click', 'partner_event']);
    expect([by.checkout_started!.version, by.checkout_started!.description]).toEqual([2, 'Checkout began.']);
    // Model 1 stays live as its highest REVISION-ADDITION (1-0-1), with its own payload; 1-0-0 is its revision 0-0.
    expect(by.checkout_started!.versions.map((v) => [v.version, v.revision, v.addition, v.frozen, v.properties.map((p) => p.name)])).toEqual([[1, 0, 1, true, ['cart_id', 'coupon']], [2, 0, 0, false, ['cart_id', 'total']]]);
    expect(by.checkout_started!.versions[0]!.revisions.map((v) => [v.version, v.revision, v.addition, v.frozen, v.properties.map((p) => p.name)])).toEqual([[1, 0, 0, true, ['cart_id']]]);
    expect(by.checkout_started!.changelog).toEqual([]);
    expect(lines(r.report.guessed)).toMatch(/'checkout_started' keeps 1 earlier REVISION-ADDITION of its models under revisions: \(1-0-0\)/);
    // draft-04's exclusiveMinimum: true becomes a numeric exclusive bound.
    expect(by.checkout_started!.properties[1]).toMatchObject({ name: 'total', exclusiveMinimum: 0 });
    expect(by.checkout_started!.properties[1]!.minimum).toBeUndefined();
    expect(by.link_click!.extensions).toEqual({ 'x-iglu-name': 'link-click' });
    expect(by.link_click!.versions.map((v) => [v.version, v.revision, v.addition])).toEqual([[1, 2, 0]]);
    expect(by.partner_event!.extensions).toEqual({ 'x-iglu-vendor': 'com.partner' });
    expect(m.domains[0]!.extensions['x-iglu-vendor']).toBe('com.acme');
    expect(lines(r.report.guessed)).toMatch(/'checkout_started' has schema models 1, 2: version 2 is the event, the older ones stay live under versions:/);
  });

  it('exports back to the same paths, names, vendors and SchemaVers', () => {
    const r = run(registry);
    const files = exportIglu(loadDomain(r.yaml, 'acme')).files.map((f) => f.path);
    expect(files).toEqual([
      'schemas/com.acme/checkout_started/jsonschema/1-0-0',
      'schemas/com.acme/checkout_started/jsonschema/1-0-1',
      'schemas/com.acme/checkout_started/jsonschema/2-0-0',
      'schemas/com.acme/link-click/jsonschema/1-2-0',
      'schemas/com.partner/partner_event/jsonschema/1-0-0',
    ]);
  });

  it('resolves $ref within a file, across files by path, by $id and by iglu: URI; files only referenced are definitions', () => {
    const files: SchemaFileText[] = [
      { path: 'common/definitions.json', text: JSON.stringify({ definitions: { money: { type: 'object', properties: { amount: { type: 'number' }, currency: { type: 'string', pattern: '^[A-Z]{3}$' } }, required: ['amount'] } } }) },
      { path: 'common/ids.json', text: JSON.stringify({ $id: 'https://acme.example/schemas/ids.json', definitions: { uuid: { type: 'string', format: 'uuid' } } }) },
      iglu('com.acme', 'address', '1-0-0', { properties: { city: { type: 'string' } } }),
      { path: 'events/order_paid.json', text: JSON.stringify({
        title: 'order_paid', type: 'object',
        definitions: { line: { type: 'object', properties: { sku: { $ref: 'https://acme.example/schemas/ids.json#/definitions/uuid' } } } },
        properties: {
          price: { $ref: '../common/definitions.json#/definitions/money' },
          lines: { type: 'array', items: { $ref: '#/definitions/line' } },
          ship_to: { $ref: 'iglu:com.acme/address/jsonschema/1-0-0' },
        },
        required: ['price'],
      }) },
    ];
    const r = run(files);
    expect(r.report.unmapped).toEqual([]);
    const m = loadDomain(r.yaml, 'acme');
    expect(m.events.map((e) => e.name)).toEqual(['address', 'order_paid']);
    const paid = m.events[1]!;
    expect(paid.properties[0]).toMatchObject({ name: 'price', type: 'object', required: true });
    expect(paid.properties[0]!.properties!.map((p) => [p.name, p.type, p.required])).toEqual([['amount', 'number', true], ['currency', 'string', false]]);
    expect(paid.properties[1]!.items!.properties![0]).toMatchObject({ name: 'sku', format: 'uuid' });
    expect(paid.properties[2]!.properties![0]).toMatchObject({ name: 'city', type: 'string' });
    expect(lines(r.report.guessed)).toContain('common/definitions.json:1:1 referenced by other schemas: read as shared definitions, not as an event');
  });

  it('reads the JSON Schema generator\'s own output (event envelopes with person properties) back into the same events', () => {
    const model = loadTaxonomy(join(repo, 'taxonomy'), { cwd: repo }).model!;
    const generated = jsonSchemaGenerator.generate(model, {}) as { path: string; contents: string }[];
    const r = importJsonSchemas(generated.filter((f) => f.path.endsWith('.json')).map((f) => ({ path: f.path, text: f.contents })), { domain: 'all' });
    expect(lines(r.report.skipped)).toMatch(/bundle\.json:1:1 a bundle of alternatives[\s\S]*index\.json:1:1 not an object schema/);
    expect(r.report.unmapped).toEqual([]);
    const privacy = 'classes:\n' + ['public', 'internal', 'pseudonymous_id', 'content', 'pii', 'secret'].map((c, i) => `  ${c}: { description: ${c}, sensitivity: ${i} }`).join('\n') + '\n';
    const categories = `categories:\n${model.categories.map((c) => `  ${c.name}: { description: x }`).join('\n')}\n`;
    const after = loadTaxonomyFromFiles([{ path: 'taxonomy.yaml', contents: 'name: x\nversion: 1.0.0\n' }, { path: 'privacy.yaml', contents: privacy }, { path: 'categories.yaml', contents: categories }, { path: 'domains/all.yaml', contents: r.yaml }]).model!;
    // The generator writes sorted keys (stableJson), so property order is not compared here.
    expect(normEvents(after, { person: true, ignoreOrder: true })).toEqual(normEvents(model, { person: true, ignoreOrder: true }));
    expect(r.draft.events.map((e) => [e.name, e.category])).toEqual(model.events.map((e) => [e.name, e.category]));
  });
});

describe('import jsonschema: the JSON Schema generator\'s SchemaVer', () => {
  it('an envelope\'s x-schemaver gives its REVISION-ADDITION back (and each earlier revision file is a revision, where the generator writes them)', () => {
    const model = loadDomain('domain: rt\nevents:\n  a_done:\n    version: 2\n    addition: 1\n    properties: { a: { type: string }, b: { type: integer } }\n    revisions:\n      0-0: { properties: { a: { type: string } } }\n    versions:\n      1:\n        revision: 3\n        properties: { a: { type: integer, maximum: 9 } }\n        revisions:\n          0-0: { properties: { a: { type: integer } } }\n', 'rt');
    const generated = jsonSchemaGenerator.generate(model, {}) as { path: string; contents: string }[];
    const r = importJsonSchemas(generated.filter((f) => f.path.endsWith('.json')).map((f) => ({ path: f.path, text: f.contents })), { domain: 'rt' });
    expect(r.report.unmapped).toEqual([]);
    const back = loadDomain(r.yaml, 'rt').events[0]!;
    const before = model.events[0]!;
    const ver = (e: typeof back) => e.versions.map((v) => [v.version, v.revision, v.addition, v.revisions.map((x) => `${x.version}-${x.revision}-${x.addition}`)]);
    expect(ver(back)).toEqual([[1, 3, 0, ['1-0-0']], [2, 0, 1, ['2-0-0']]]);
    expect(back.versions[0]!.revisions[0]!.properties.map(normProp)).toEqual(before.versions[0]!.revisions[0]!.properties.map(normProp));
    expect(ver(back)).toEqual(ver(before));
  });
});

describe('import jsonschema: the JSON Schema generator\'s x-iglu-payload', () => {
  it('a payload that is not one object keeps its mapping through the generator\'s envelopes, so export iglu writes the array root back (regression: it came back as an object)', () => {
    const lines = iglu('com.acme', 'cart_lines', '1-0-0', { type: 'array', minItems: 1, items: { type: 'object', properties: { sku: { type: 'string' } }, required: ['sku'], additionalProperties: false } });
    const model = loadDomain(run([lines]).yaml, 'acme');
    expect(model.events[0]!.extensions['x-iglu-payload']).toBe('data');
    const generated = jsonSchemaGenerator.generate(model, {}) as { path: string; contents: string }[];
    const again = importJsonSchemas(generated.filter((f) => f.path.endsWith('.json')).map((f) => ({ path: f.path, text: f.contents })), { domain: 'acme' });
    expect(again.report.unmapped).toEqual([]);
    const back = loadDomain(again.yaml, 'acme');
    expect(back.events[0]!.extensions['x-iglu-payload']).toBe('data');
    const root = JSON.parse(exportIglu(back, { vendor: 'com.acme' }).files[0]!.contents) as Record<string, unknown>;
    expect([root.type, root.minItems, (root.items as { required?: string[] }).required]).toEqual(['array', 1, ['sku']]);
  });
});

describe('import jsonschema: bad input is reported, the rest is kept', () => {
  const ok = iglu('com.acme', 'fine_event', '1-0-0', { properties: { a: { type: 'string' } } });
  const cases: [string, SchemaFileText[], RegExp][] = [
    ['a truncated file', [ok, { path: 'schemas/com.acme/cut/jsonschema/1-0-0', text: '{"self": {"vendor": "com.acme", "name": "cut"' }], /schemas\/com\.acme\/cut\/jsonschema\/1-0-0:1:\d+ .*the file is not imported/],
    ['duplicate keys', [ok, { path: 'dup.json', text: '{"title": "dup_event", "type": "object", "properties": {"a": {"type": "string"}, "a": {"type": "integer"}}}' }], /dup\.json:1:\d+ #\/properties\/a key "a" is written twice/],
    ['a recursive $ref across files', [ok,
      { path: 'a.json', text: JSON.stringify({ title: 'tree_event', type: 'object', properties: { node: { $ref: 'b.json#/definitions/node' } } }) },
      { path: 'b.json', text: JSON.stringify({ definitions: { node: { type: 'object', properties: { child: { $ref: '#/definitions/node' } } } } }) }], /recursive \$ref '#\/definitions\/node'/],
    ['a remote $ref', [ok, { path: 'r.json', text: JSON.stringify({ title: 'remote_event', type: 'object', properties: { geo: { $ref: 'http://iglucentral.com/schemas/com.snowplowanalytics.snowplow/geolocation_context/jsonschema/1-1-0' } } }) }], /points at a remote schema/],
    ['unsupported keywords: the schema is refused whole', [ok, iglu('com.acme', 'odd_event', '1-0-0', { properties: { m: { type: 'object', patternProperties: { '^a': {} } }, d: { type: 'string', $dynamicRef: '#x' } } })], /1-0-0:\d+:\d+ #\/properties\/d\/\$dynamicRef 'odd_event' is not imported \(none of its 1 schema\): '\$dynamicRef' \(on 'd'\) is a JSON Schema keyword the taxonomy format cannot hold/],
    ['the same version twice', [ok, { ...ok, path: 'copy/fine_event.json' }], /'fine_event' 1-0-0 is defined twice/],
  ];
  it.each(cases)('%s', (_n, files, pattern) => {
    const r = run(files);
    expect(r.exitCode).toBe(1);
    expect(lines(r.report.unmapped)).toMatch(pattern);
    expect(loadDomain(r.yaml, 'acme').events.map((e) => e.name)).toContain('fine_event');
  });

  it.each([
    ['a self without SchemaVer', iglu('com.acme', 'bad_version', '1.0.0', {}), /self\.version '1\.0\.0' is not a SchemaVer/],
    ['a self that is not jsonschema', { path: 'x.json', text: JSON.stringify({ self: { vendor: 'com.acme', name: 'x', format: 'avro', version: '1-0-0' } }) }, /self\.format is 'avro', not jsonschema/],
  ] as const)('skips %s with the reason', (_n, file, pattern) => {
    const r = run([file]);
    expect(lines(r.report.skipped)).toMatch(pattern);
    expect(lines(r.report.unmapped)).toMatch(/no event schemas found among 1 files/);
    expect(r.exitCode).toBe(1);
  });
});

describe('import jsonschema: the same name from several Iglu vendors (namespaces)', () => {
  const registry = [
    iglu('io.snowplow.ecomm', 'add_to_cart', '1-0-0', { properties: { sku: { type: 'string' }, quantity: { type: 'integer', minimum: 1 } }, required: ['sku'] }),
    iglu('com.acme-shop', 'add_to_cart', '1-0-0', { properties: { productId: { type: 'string' } }, required: ['productId'] }),
    // Google Analytics' event must not become version 1 of Marketo's event (issue 18).
    iglu('com.google.analytics', 'event', '1-0-0', { properties: { category: { type: 'string' } } }),
    iglu('com.marketo', 'event', '2-0-0', { properties: { name: { type: 'string' } } }),
    iglu('io.snowplow.ecomm', 'remove_from_cart', '1-0-0', { properties: { sku: { type: 'string' } } }),
  ];

  it("each vendor's event is imported in its namespace, with its own payload and version; nothing dropped or folded", () => {
    const r = importJsonSchemas(registry, { sourceName: 'registry', domain: 'vendors' });
    expect(r.report.unmapped).toEqual([]);
    const m = loadDomain(r.yaml, 'vendors');
    const by = Object.fromEntries(m.events.map((e) => [e.name, e]));
    expect(Object.keys(by).sort()).toEqual(['com.acme-shop/add_to_cart', 'com.google.analytics/event', 'com.marketo/event', 'io.snowplow.ecomm/add_to_cart', 'remove_from_cart']);
    expect(by['io.snowplow.ecomm/add_to_cart']!.namespace).toBe('io.snowplow.ecomm');
    expect(by['io.snowplow.ecomm/add_to_cart']!.properties.map((p) => p.name)).toEqual(['sku', 'quantity']);
    expect(by['com.acme-shop/add_to_cart']!.properties.map((p) => p.name)).toEqual(['productId']);
    expect([by['com.google.analytics/event']!.version, by['com.marketo/event']!.version]).toEqual([1, 2]);
    expect(by['com.marketo/event']!.changelog).toEqual([]);
    expect(lines(r.report.guessed)).toContain(`'add_to_cart' is defined by 2 Iglu vendors (com.acme-shop, io.snowplow.ecomm): each is imported in its vendor's namespace (com.acme-shop/add_to_cart, io.snowplow.ecomm/add_to_cart)`);
    expect(lines(r.report.unmapped)).not.toMatch(/defined twice/);
  });

  it('export iglu writes each namespaced event under its vendor, and importing the export gives the same events back', () => {
    const m = loadDomain(importJsonSchemas(registry, { sourceName: 'registry', domain: 'vendors' }).yaml, 'vendors');
    const out = exportIglu(m, { vendor: 'com.override' });
    expect(out.errors).toEqual([]);
    const paths = out.files.map((f) => f.path).sort();
    expect(paths).toEqual(expect.arrayContaining(['schemas/io.snowplow.ecomm/add_to_cart/jsonschema/1-0-0', 'schemas/com.acme-shop/add_to_cart/jsonschema/1-0-0', 'schemas/com.marketo/event/jsonschema/2-0-0']));
    const back = loadDomain(importJsonSchemas(out.files.map((f) => ({ path: f.path, text: f.contents })), { sourceName: 'export', domain: 'vendors' }).yaml, 'vendors');
    expect(normEvents(back, { ignoreOrder: true })).toEqual(normEvents(m, { ignoreOrder: true }));
  });
});
