// Issue 18's "bad input" for the JSON Schema / Iglu import: what the taxonomy cannot hold exactly
// is refused with its place (file:line:column #pointer), what was found and what to do; the
// schema is left out whole (never narrowed, never half-written), the rest of the folder is
// imported, the import exits 1 and never prints ✓. A remote $ref is never fetched.
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { formatReport, importJsonSchemas, type SchemaFileText } from '@taxonomy/interop';
import { loadTaxonomyFromFiles } from '@taxonomy/core';
import { loadDomain } from './helpers.js';

const SELF_DESC = 'http://iglucentral.com/schemas/com.snowplowanalytics.self-desc/schema/jsonschema/1-0-0#';
const iglu = (name: string, body: Record<string, unknown>, version = '1-0-0'): SchemaFileText => ({
  path: `schemas/com.acme/${name}/jsonschema/${version}`,
  text: JSON.stringify({ $schema: SELF_DESC, self: { vendor: 'com.acme', name, format: 'jsonschema', version }, ...body }, null, 2),
});
const obj = (properties: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({ type: 'object', properties, additionalProperties: false, ...extra });
/** The int64 maximum written into a file's text (a JS number literal would already be rounded). */
const big = (f: SchemaFileText): SchemaFileText => ({ ...f, text: f.text.replace('"BIG"', '9223372036854775807') });
const ok = iglu('fine_event', obj({ a: { type: 'string' } }));

/** [case, files, the event refused (or undefined: not an event at all), where, what] */
const cases: [string, SchemaFileText, string | undefined, RegExp, RegExp][] = [
  ['a $ref to a remote URL', iglu('remote_event', obj({ geo: { $ref: 'https://iglucentral.com/schemas/com.snowplowanalytics.snowplow/geolocation_context/jsonschema/1-1-0' } })), 'remote_event',
    /remote_event\/jsonschema\/1-0-0:\d+:\d+ #\/properties\/geo$/, /\$ref 'https:\/\/iglucentral\.com\/[^']+' points at a remote schema/],
  ['a recursive schema', iglu('tree_event', { definitions: { node: obj({ kids: { type: 'array', items: { $ref: '#/definitions/node' } } }) }, ...obj({ root: { $ref: '#/definitions/node' } }) }), 'tree_event',
    /#\/definitions\/node\/properties\/kids\/items$/, /recursive \$ref '#\/definitions\/node' \(#\/definitions\/node → #\/definitions\/node\): the taxonomy format has no recursive shapes/],
  ['a union whose alternatives cannot be told apart', iglu('twin_event', obj({ v: { oneOf: [{ type: 'string', maxLength: 3 }, { type: 'string', maxLength: 3 }] } })), 'twin_event',
    /#\/properties\/v\/oneOf\/1$/, /oneOf of 'v': alternatives 1 and 2 are the same shape, so they cannot be told apart/],
  ['constants listed twice in a oneOf', iglu('const_event', obj({ v: { oneOf: [{ const: 'a' }, { const: 'a' }] } })), 'const_event',
    /#\/properties\/v\/oneOf$/, /lists the same constant twice: alternatives that cannot be told apart/],
  ['an event name empty after folding', iglu('___', obj({ a: { type: 'string' } })), undefined,
    /schemas\/com\.acme\/___\/jsonschema\/1-0-0:1:1$/, /event name "___" has no letter or digit: it is empty after folding/],
  ['a property key empty after folding', iglu('keys_event', obj({ '***': { type: 'string' } })), 'keys_event',
    /#\/properties\/\*\*\*$/, /property key "\*\*\*" of 'keys_event' has no letter or digit: its name is empty after folding/],
  ['a tuple written twice (prefixItems and a list of items)', { path: 'pair_event.json', text: JSON.stringify({ $schema: 'https://json-schema.org/draft/2020-12/schema', title: 'pair_event', ...obj({ pair: { type: 'array', prefixItems: [{ type: 'string' }], items: [{ type: 'integer' }] } }) }) }, 'pair_event',
    /pair_event\.json:1:\d+ #\/properties\/pair\/items$/, /'pair' has both prefixItems and a list of items/],
  ['a tuple element the format cannot hold', iglu('tuple_event', obj({ point: { type: 'array', items: [{ type: 'number' }, { type: 'number', not: { const: 0 } }] } })), 'tuple_event',
    /tuple_event\/jsonschema\/1-0-0:\d+:\d+ #\/properties\/point\/items\/1\/not$/, /'not' \(on 'point\[1\]'\) is a JSON Schema keyword the taxonomy format cannot hold/],
  ['a closed tuple shorter than its minItems (no array is valid)', iglu('short_event', obj({ pair: { type: 'array', items: [{ type: 'string' }, { type: 'string' }], additionalItems: false, minItems: 3 } })), 'short_event',
    /short_event\/jsonschema\/1-0-0:\d+:\d+ #\/properties\/pair\/minItems$/, /'pair' needs at least 3 elements but its tuple closes at 2: no array is valid/],
  ['a payload without "type": "object" (object keywords only)', iglu('loose_event', { properties: { a: { type: 'string' } }, required: ['a'] }), 'loose_event',
    /loose_event\/jsonschema\/1-0-0:1:1 #\/$/, /the payload of 'loose_event' is any of string, number, boolean, array, object or null \(the schema has no "type": "object"\)/],
  ['a union of objects and the same alternative twice at the top', iglu('either_event', { oneOf: [obj({ a: { type: 'string' } }, { required: ['a'] }), obj({ a: { type: 'string' } }, { required: ['a'] })] }), 'either_event',
    /#\/oneOf\/1$/, /oneOf of 'either_event': alternatives 1 and 2 are the same shape/],
  ['a schema dependency', iglu('dep_event', obj({ a: { type: 'string' }, b: { type: 'string' } }, { dependencies: { a: { required: ['b'] } } })), 'dep_event',
    /#\/dependencies\/a$/, /makes 'a' depend on a schema \(dependentSchemas\)/],
  ['an if without the property it tests', { path: 'cond_event.json', text: JSON.stringify({ $schema: 'http://json-schema.org/draft-07/schema#', title: 'cond_event', ...obj({ plan: { type: 'string' }, seats: { type: 'integer' } }), if: { properties: { plan: { const: 'team' } } }, then: { required: ['seats'] } }) }, 'cond_event',
    /cond_event\.json:1:1 #\/$/, /its if does not require 'plan' \(without it, the condition also holds when 'plan' is absent\)/],
  ['not', iglu('not_event', obj({ a: { type: 'string', not: { const: 'x' } } })), 'not_event',
    /#\/properties\/a\/not$/, /'not' \(on 'a'\) is a JSON Schema keyword the taxonomy format cannot hold/],
  ['an allOf whose parts do not merge', iglu('merge_event', { allOf: [obj({ a: { type: 'string' } }), obj({ b: { type: 'string' } })] }), 'merge_event',
    /#\/allOf\/1$/, /allOf of 'merge_event': one side limits its keys \(additionalProperties\/patternProperties\) and the other declares 'b'/],
  ['a 64-bit integer in an enum', { path: 'big.json', text: `{"title": "big_event", "type": "object", "additionalProperties": false, "properties": {"id": {"type": "integer", "enum": [1, 9223372036854775807]}}}` }, 'big_event',
    /big\.json:1:\d+ #\/properties\/id\/enum$/, /enum of 'id' has 9223372036854775807: .*an integer beyond 2\^53 in an enum is not held exactly/],
  // The model's Scalar holds no bigint yet: a 64-bit enum/const value is refused at its place, also inside a tuple and a data payload.
  ['a 64-bit integer const', { path: 'big_const.json', text: `{"title": "big_const", "type": "object", "additionalProperties": false, "properties": {"id": {"type": "integer", "const": -9223372036854775808}}}` }, 'big_const',
    /big_const\.json:1:\d+ #\/properties\/id\/const$/, /const of 'id' is -9223372036854775808: .*an integer beyond 2\^53 in a const is not held exactly/],
  ['a 64-bit integer in the enum of a tuple element', { path: 'big_tuple.json', text: `{"title": "big_tuple", "type": "object", "properties": {"p": {"type": "array", "prefixItems": [{"type": "string"}, {"enum": [18446744073709551615]}]}}}` }, 'big_tuple',
    /big_tuple\.json:1:\d+ #\/properties\/p\/prefixItems\/1\/enum$/, /enum of 'p\[1\]' has 18446744073709551615/],
  ['a 64-bit integer const at the root of a data payload', big(iglu('big_root', { type: 'array', items: { type: 'integer', const: 'BIG' } })), 'big_root',
    /big_root\/jsonschema\/1-0-0:\d+:\d+ #\/items\/const$/, /const of 'big_root\[\]' is 9223372036854775807/],
];

describe('import jsonschema: refused, with its place, never narrowed', () => {
  afterEach(() => vi.restoreAllMocks());

  it.each(cases)('%s', (_n, bad, event, where, what) => {
    const fetchSpy = vi.spyOn(globalThis, 'fetch');
    const spies = [vi.spyOn(http, 'request'), vi.spyOn(http, 'get'), vi.spyOn(https, 'request'), vi.spyOn(https, 'get'), vi.spyOn(net, 'connect'), vi.spyOn(net, 'createConnection')];
    const r = importJsonSchemas([ok, bad], { domain: 'acme', sourceName: 'registry' });
    // No network: a remote $ref is never fetched.
    expect(fetchSpy).not.toHaveBeenCalled();
    for (const s of spies) expect(s).not.toHaveBeenCalled();
    expect(r.exitCode).toBe(1);
    const refusal = r.report.unmapped.find((u) => what.test(u.message));
    expect(refusal, r.report.unmapped.map((u) => `${u.where} ${u.message}`).join('\n')).toBeDefined();
    expect(refusal!.where).toMatch(where);
    expect(refusal!.hint).toBeTruthy();
    if (event) expect(refusal!.message).toMatch(new RegExp(`^'${event}' is not imported \\(none of its 1 schema\\): `));
    // Nothing of the refused schema is written; the rest of the folder is, and loads.
    const names = loadDomain(r.yaml, 'acme').events.map((e) => e.name);
    expect(names).toEqual(['fine_event']);
    if (event) expect(r.yaml).toContain(`# TODO(import): event '${event}' not imported: `);
    const report = formatReport(r.report);
    expect(report).toMatch(/✗ partial import: /);
    expect(report).not.toMatch(/✓ imported/);
  });

  it('an allOf part from another file that holds $refs of its own is refused (they would resolve against the wrong file)', () => {
    const lib = { path: 'lib.json', text: JSON.stringify({ definitions: { id: { type: 'string' }, base: { type: 'object', properties: { id: { $ref: '#/definitions/id' } } } } }) };
    const r = importJsonSchemas([ok, lib, { path: 'x_event.json', text: JSON.stringify({ title: 'x_event', allOf: [{ $ref: 'lib.json#/definitions/base' }], type: 'object' }) }], { domain: 'acme' });
    expect(r.report.unmapped.map((u) => u.message)).toEqual([expect.stringMatching(/^'x_event' is not imported \(none of its 1 schema\): allOf of 'x_event': part 'lib\.json#\/definitions\/base' comes from lib\.json and holds \$refs of its own$/)]);
    expect(loadDomain(r.yaml, 'acme').events.map((e) => e.name)).toEqual(['fine_event']);
  });

  it('a refused older version refuses the whole event: no version of it is imported', () => {
    const r = importJsonSchemas([ok, iglu('two_event', obj({ a: { type: 'string' } }), '2-0-0'), iglu('two_event', obj({ a: { type: 'string', not: {} } }), '1-0-0')], { domain: 'acme' });
    expect(r.report.unmapped.map((u) => u.message)).toEqual([expect.stringMatching(/^'two_event' is not imported \(none of its 2 schemas\): 'not' \(on 'a'\)/)]);
    expect(loadDomain(r.yaml, 'acme').events.map((e) => e.name)).toEqual(['fine_event']);
    expect(r.origins.map((o) => o.event)).toEqual(['fine_event']);
  });
});

describe('import jsonschema: what each construct becomes', () => {
  const one = (schema: Record<string, unknown>) => {
    const r = importJsonSchemas([iglu('e_event', schema)], { domain: 'acme' });
    expect(r.report.unmapped).toEqual([]);
    return { r, e: loadDomain(r.yaml, 'acme').events[0]! };
  };

  it('several types keep each type\'s keywords; the int64 maximum is exact in the YAML and the model', () => {
    // The schema's text holds the int64 maximum (a JS number literal would already be rounded).
    const text = iglu('e_event', { type: 'object', additionalProperties: false, properties: { id: { type: ['string', 'integer'], maxLength: 64, minimum: 1, maximum: 'MAX' } } }).text.replace('"MAX"', '9223372036854775807');
    const r = importJsonSchemas([{ path: 'schemas/com.acme/e_event/jsonschema/1-0-0', text }], { domain: 'acme' });
    expect(r.report.unmapped).toEqual([]);
    const e = loadDomain(r.yaml, 'acme').events[0]!;
    expect(r.yaml).toContain('id: {type: [string, integer], minimum: 1, maximum: 9223372036854775807, maxLength: 64}');
    const id = e.properties[0]!;
    expect(id.union!.variants.map((v) => [v.type, v.maxLength, v.maximum])).toEqual([['string', 64, undefined], ['integer', undefined, 9223372036854775807n]]);
  });

  it('a keyword of a type the schema does not allow is a no-op: left out, and said so', () => {
    const { r, e } = one({ type: 'object', additionalProperties: false, properties: { code: { type: ['string', 'null'], minimum: 0 } } });
    expect(e.properties[0]).toMatchObject({ type: 'string', nullable: true });
    expect(e.properties[0]!.minimum).toBeUndefined();
    expect(r.report.guessed.map((g) => g.message)).toContain("'code' is string: minimum (for other types) never applies and is left out");
  });

  it('an enum without null makes a nullable type not nullable (null fails the enum)', () => {
    const { e } = one({ type: 'object', additionalProperties: false, properties: { s: { type: ['string', 'null'], enum: ['a', 'b'] }, t: { type: ['string', 'null'], enum: ['a', null] } } });
    expect(e.properties.map((p) => [p.name, p.nullable ?? false])).toEqual([['s', false], ['t', true]]);
  });

  it('an open payload, free keys by pattern, counts; a nested object without keys stays free-form', () => {
    const { e } = one({ type: 'object', properties: { m: { type: 'object' }, c: { type: 'object', additionalProperties: false } }, patternProperties: { '^x_': { type: 'string' } }, minProperties: 1 });
    expect(e.values).toMatchObject({ type: 'json' });
    expect(e.patternProperties!.map((p) => [p.pattern, p.shape.type])).toEqual([['^x_', 'string']]);
    expect(e.minProperties).toBe(1);
    expect(e.properties.map((p) => [p.name, p.values, p.maxProperties])).toEqual([['m', undefined, undefined], ['c', undefined, 0]]);
  });

  it('a name required but not declared in an open object is declared with the values\' shape', () => {
    const { e } = one({ type: 'object', required: ['k'], additionalProperties: { type: 'integer' } });
    expect(e.properties.map((p) => [p.name, p.type, p.required])).toEqual([['k', 'integer', true]]);
  });
});

describe('import jsonschema: tuples, every REVISION-ADDITION, payloads that are not one object', () => {
  const tuple = (schema: Record<string, unknown>, draft = 'http://json-schema.org/draft-07/schema#') => {
    const r = importJsonSchemas([{ path: 't_event.json', text: JSON.stringify({ $schema: draft, title: 't_event', type: 'object', additionalProperties: false, properties: { p: schema } }) }], { domain: 'acme' });
    expect(r.report.unmapped).toEqual([]);
    const p = loadDomain(r.yaml, 'acme').events[0]!.properties[0]!;
    return [p.prefixItems?.map((x) => x.type), p.items?.type, p.maxItems];
  };

  it.each([
    ['items list, additionalItems false: closed at its length', { type: 'array', items: [{ type: 'string' }, { type: 'integer' }], additionalItems: false }, undefined, [['string', 'integer'], undefined, 2]],
    ['items list, additionalItems false and a lower maxItems: the lower', { type: 'array', items: [{ type: 'string' }, { type: 'integer' }], additionalItems: false, maxItems: 1 }, undefined, [['string', 'integer'], undefined, 1]],
    ['items list, additionalItems a schema: items', { type: 'array', items: [{ type: 'string' }], additionalItems: { type: 'number' } }, undefined, [['string'], 'number', undefined]],
    ['items list alone: anything may follow', { type: 'array', items: [{ type: 'boolean' }] }, undefined, [['boolean'], undefined, undefined]],
    ['2020-12 prefixItems, items false', { type: 'array', prefixItems: [{ type: 'string' }], items: false }, 'https://json-schema.org/draft/2020-12/schema', [['string'], undefined, 1]],
    ['2020-12 prefixItems, items a schema', { type: 'array', prefixItems: [{ type: 'string' }], items: { type: 'integer' } }, 'https://json-schema.org/draft/2020-12/schema', [['string'], 'integer', undefined]],
    ['2020-12 items false without a tuple: only []', { type: 'array', items: false }, 'https://json-schema.org/draft/2020-12/schema', [undefined, 'json', 0]],
  ])('%s', (_n, schema, draft, expected) => {
    expect(tuple(schema, draft)).toEqual(expected);
  });

  it('a tuple goes back to each target\'s dialect: Iglu (draft-04) and Segment (draft-07) as items [...] + additionalItems', async () => {
    const { exportIglu, exportSegmentPlan } = await import('@taxonomy/interop');
    const m = loadDomain('domain: rt\nevents:\n  e_done:\n    properties:\n      p: { type: array, prefixItems: [{ type: string }, { type: integer, minimum: 0 }], items: { type: boolean } }\n      q: { type: array, prefixItems: [{ type: number }], maxItems: 1 }\n');
    const iglu = JSON.parse(exportIglu(m).files[0]!.contents) as { properties: Record<string, unknown> };
    const seg = (JSON.parse(exportSegmentPlan(m).files[0]!.contents) as { rules: { jsonSchema: { properties: { properties: { properties: Record<string, unknown> } } } }[] }).rules[0]!.jsonSchema.properties.properties.properties;
    for (const props of [iglu.properties, seg]) {
      expect(props.p).toEqual({ type: 'array', items: [{ type: 'string' }, { type: 'integer', minimum: 0 }], additionalItems: { type: 'boolean' } });
      expect(props.q).toEqual({ type: 'array', items: [{ type: 'number' }], additionalItems: false });
    }
  });

  it('every REVISION-ADDITION of a model is kept (1-0-0, 1-0-1, 1-1-0 → version 1 revision 1 with revisions 0-0, 0-1), each exported at its own path', async () => {
    const { exportIglu } = await import('@taxonomy/interop');
    const r = importJsonSchemas([
      iglu('rev_event', obj({ a: { type: 'string' } }), '1-0-0'),
      iglu('rev_event', obj({ a: { type: 'string' }, b: { type: 'integer' } }), '1-0-1'),
      iglu('rev_event', obj({ a: { type: 'string', maxLength: 3 }, b: { type: 'integer' } }), '1-1-0'),
    ], { domain: 'acme' });
    expect(r.report.unmapped).toEqual([]);
    expect(r.yaml).toMatch(/rev_event:\n    revision: 1\n    properties:[\s\S]*    revisions:\n      0-0:\n        properties:\n          a: \{type: string\}\n      0-1:\n/);
    const e = loadDomain(r.yaml, 'acme').events[0]!;
    const own = e.versions.find((v) => !v.frozen)!;
    expect([own.version, own.revision, own.addition, own.revisions.map((x) => `${x.version}-${x.revision}-${x.addition}`)]).toEqual([1, 1, 0, ['1-0-0', '1-0-1']]);
    expect(exportIglu(loadDomain(r.yaml, 'acme')).files.map((f) => f.path)).toEqual(['1-0-0', '1-0-1', '1-1-0'].map((v) => `schemas/com.acme/rev_event/jsonschema/${v}`));
    expect(r.origins.map((o) => o.schemaVer)).toEqual(['1-0-0', '1-0-1', '1-1-0']);
  });

  it('a root that is an array is one required property data (x-iglu-payload: data), written back as the root', async () => {
    const { exportIglu } = await import('@taxonomy/interop');
    const context = iglu('lines_context', { description: 'Cart lines.', type: 'array', minItems: 1, items: obj({ sku: { type: 'string' } }, { required: ['sku'] }) });
    const r = importJsonSchemas([context], { domain: 'acme' });
    expect(r.report.unmapped).toEqual([]);
    expect(r.report.guessed.map((g) => g.message)).toContain("the payload of 'lines_context' is not one object: it travels as the required property 'data' (x-iglu-payload: data; export iglu writes it back as the schema root)");
    const e = loadDomain(r.yaml, 'acme').events[0]!;
    expect([e.description, e.extensions['x-iglu-payload'], e.properties.map((p) => [p.name, p.type, p.required, p.minItems, p.items?.type])]).toEqual(['Cart lines.', 'data', [['data', 'array', true, 1, 'object']]]);
    // The root is read twice (as a payload, then as a value): what the import says about it is said once.
    const renamed = importJsonSchemas([iglu('keys_context', { type: 'array', items: obj({ 'Line Id': { type: 'string' } }) })], { domain: 'acme' });
    expect(renamed.report.findings.map((f) => f.message)).toEqual(["property key 'Line Id' of 'keys_context[]' is not a valid taxonomy key; imported as 'line_id' with x-wire-name: 'Line Id'"]);
    const back = JSON.parse(exportIglu(loadDomain(r.yaml, 'acme')).files[0]!.contents) as Record<string, unknown>;
    const { self: _s, ...root } = back;
    const { self: _o, ...orig } = JSON.parse(context.text) as Record<string, unknown>;
    expect(root).toEqual(orig);
  });

  it('every version of an event travels as data when one root is not an object; a nullable object root is data too; names survive the round trip', async () => {
    const { exportIglu } = await import('@taxonomy/interop');
    const r = importJsonSchemas([
      iglu('mixed_event', obj({ a: { type: 'string' } }), '1-0-0'),
      iglu('mixed_event', { type: 'array', items: obj({ a: { type: 'string' } }) }, '2-0-0'),
      iglu('maybe_event', { ...obj({ a: { type: 'string' } }), type: ['object', 'null'] }),
    ], { domain: 'acme' });
    expect(r.report.unmapped).toEqual([]);
    const m = loadDomain(r.yaml, 'acme');
    const [maybe, mixed] = m.events;
    expect([maybe!.properties.map((p) => [p.name, p.type, p.nullable]), mixed!.versions.map((v) => v.properties.map((p) => `${p.name}:${p.type}`))]).toEqual([[['data', 'object', true]], [['data:object'], ['data:array']]]);
    // A dotted name travels in x-taxonomy-event, and comes back as the event's name, not as an annotation of data.
    const dotted = loadDomain('domain: acme\nevents:\n  shop.lines:\n    x-iglu-payload: data\n    properties:\n      data: { type: array, required: true, items: { type: integer } }\n', 'acme');
    const files = exportIglu(dotted).files;
    expect(files.map((f) => f.path)).toEqual(['schemas/com.example/shop-lines/jsonschema/1-0-0']);
    const back = loadDomain(importJsonSchemas(files.map((f) => ({ path: f.path, text: f.contents })), { domain: 'acme' }).yaml, 'acme').events[0]!;
    expect([back.name, back.properties[0]!.extensions?.['x-taxonomy-event'], back.extensions['x-iglu-payload']]).toEqual(['shop.lines', undefined, 'data']);
    expect(exportIglu(loadDomain(importJsonSchemas(files.map((f) => ({ path: f.path, text: f.contents })), { domain: 'acme' }).yaml, 'acme')).files).toEqual(files);
  });

  it('gaps between REVISION-ADDITIONs are fine (Iglu allows them); a gap between MODELs is still reported', () => {
    const r = importJsonSchemas([iglu('gap_event', obj({ a: { type: 'string' } }), '1-0-0'), iglu('gap_event', obj({ a: { type: 'string', maxLength: 9 } }), '1-2-3')], { domain: 'acme' });
    expect(r.report.unmapped).toEqual([]);
    const own = loadDomain(r.yaml, 'acme').events[0]!.versions[0]!;
    expect([own.version, own.revision, own.addition, own.revisions.map((x) => `${x.revision}-${x.addition}`)]).toEqual([1, 2, 3, ['0-0']]);
  });

  it('a plain schema whose root is a union is an event too; the JSON Schema generator\'s bundle is still skipped', () => {
    const r = importJsonSchemas([{ path: 'either.json', text: JSON.stringify({ title: 'either_done', anyOf: [{ type: 'string', maxLength: 3 }, { type: 'integer' }] }) }], { domain: 'acme' });
    expect(r.report.unmapped).toEqual([]);
    const e = loadDomain(r.yaml, 'acme').events[0]!;
    expect([e.name, e.properties[0]!.name, e.properties[0]!.union!.variants.map((v) => v.type)]).toEqual(['either_done', 'data', ['string', 'integer']]);
  });

  it('export iglu refuses, with its place, an x-iglu-payload event that has more than its data property (a global)', async () => {
    const { exportIglu } = await import('@taxonomy/interop');
    const r = loadTaxonomyFromFiles([
      { path: 'taxonomy.yaml', contents: 'name: rt\nversion: 1.0.0\nvendor: com.example\nglobal_properties:\n  sessionId: { type: string }\n' },
      { path: 'domains/rt.yaml', contents: 'domain: rt\nevents:\n  lines:\n    x-iglu-payload: data\n    version: 2\n    properties:\n      data: { type: array, required: true, items: { type: string } }\n    versions:\n      1:\n        exclude_global_properties: [sessionId]\n        properties:\n          data: { type: array, required: true, items: { type: integer } }\n  other_done:\n    properties:\n      a: { type: string }\n' },
    ]);
    expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const out = exportIglu(r.model!);
    // One error for the event, and none of its schemas (version 1 alone could be written: an event is exported whole or not at all).
    expect(out.errors).toEqual([{ where: 'taxonomy/domains/rt.yaml:3:3', message: "'lines' 2-0-0 is marked x-iglu-payload: data (its schema root is that property's shape), but it has other properties too (sessionId: globals, exclude them with exclude_global_properties)", hint: expect.stringMatching(/keep one required property 'data'/) }]);
    expect(out.files.map((f) => f.path)).toEqual(['schemas/com.example/other_done/jsonschema/1-0-0']);
  });
});

describe('export: the shapes of a hand-written taxonomy', () => {
  it('an enum beside a union applies to every value, in both exports', async () => {
    const { exportIglu, exportSegmentPlan } = await import('@taxonomy/interop');
    const m = loadDomain('domain: rt\nevents:\n  e_done:\n    properties:\n      p:\n        required: true\n        anyOf: [{ type: string, maxLength: 3 }, { type: integer, minimum: 0 }]\n        enum: [a, abcd, 1, -1]\n');
    const iglu = JSON.parse(exportIglu(m).files[0]!.contents) as { properties: { p: Record<string, unknown> } };
    expect(iglu.properties.p).toMatchObject({ anyOf: [{ type: 'string', maxLength: 3 }, { type: 'integer', minimum: 0 }], enum: ['a', 'abcd', 1, -1] });
    const seg = JSON.parse(exportSegmentPlan(m).files[0]!.contents) as { rules: { jsonSchema: { properties: { properties: { properties: { p: unknown } } } } }[] };
    expect(seg.rules[0]!.jsonSchema.properties.properties.properties.p).toMatchObject({ enum: ['a', 'abcd', 1, -1] });
  });
});
