// Issue 18.3's shapes in the JSON Schemas: each case's event schema (and each older version's)
// is compiled by ajv 2020 and must accept and refuse exactly the payloads worked out by hand in
// test/shapes/table.ts; the keywords are checked where their form matters to other tools.
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { jsonSchemaGenerator, shapeToSchema } from '@taxonomy/gen-json-schema';
import { HOSTILE, HOSTILE_PATTERN, SHAPE_CASES, shapesModel, verdicts } from '../../../test/shapes/table.js';

const require = createRequire(import.meta.url);
const Ajv2020 = require('ajv/dist/2020.js').default;
const addFormats = require('ajv-formats').default ?? require('ajv-formats');

const model = shapesModel();
const files = jsonSchemaGenerator.generate(model, {}) as { path: string; contents: string }[];
const text = (path: string) => files.find((f) => f.path === path)!.contents;
const schema = (event: string, version?: number) => {
  const newest = model.events.find((e) => e.name === event)!.version;
  return JSON.parse(text(`schemas/${event}.v${version ?? newest}.json`));
};

function ajv() {
  const a = new Ajv2020({ strict: false, allErrors: true });
  addFormats(a);
  return a;
}

describe('json-schema: the shapes of issue 18.3', () => {
  const a = ajv();
  const compiled = new Map<string, (x: unknown) => boolean>();
  const validator = (event: string, version?: number) => {
    const key = `${event}@${version ?? ''}`;
    if (!compiled.has(key)) compiled.set(key, a.compile(schema(event, version)));
    return compiled.get(key)!;
  };

  it.each(verdicts().map((v) => [v.event, v.version ?? 'newest', JSON.stringify(v.payload), v.ok, v] as const))(
    '%s (version %s) %s → %s',
    (event, _v, _p, ok, v) => {
      const payload = { event, ...(v.version ? { version: v.version } : {}), properties: v.payload };
      expect(validator(event, v.version)(payload)).toBe(ok);
    },
  );

  it('the bundle gives every payload the same verdict as its own schema', () => {
    const bundle = ajv().compile(JSON.parse(text('bundle.json')));
    for (const v of verdicts()) {
      const payload = { event: v.event, ...(v.version ? { version: v.version } : {}), properties: v.payload };
      expect([v.event, v.payload, bundle(payload)]).toEqual([v.event, v.payload, v.ok]);
    }
  });

  it('a nullable const accepts null (regression: `const` beside type [string, null] refused the null the model allows)', () => {
    const out = shapeToSchema({ type: 'string', const: 'card', nullable: true });
    expect(out).toMatchObject({ type: ['string', 'null'], enum: ['card', null] });
    expect(out).not.toHaveProperty('const');
    const check = ajv().compile(out);
    expect([check('card'), check(null), check('bank')]).toEqual([true, true, false]);
    expect(shapeToSchema({ type: 'string', const: 'card' })).toMatchObject({ const: 'card' });
  });

  it('json is {} (no type), a nullable json too', () => {
    const p = schema('json_value').properties.properties.properties;
    expect(p.meta).toEqual({ description: 'Anything the app attaches.' });
    expect(p.maybe).toEqual({});
    expect(p.anything).toEqual({ type: 'array', items: {} });
  });

  it('a tuple is prefixItems, items only where the model has them (none: further elements are any value)', () => {
    const p = schema('tuple_sent').properties.properties.properties;
    expect(p.point).toEqual({ type: 'array', prefixItems: [{ type: 'number' }, { type: 'number' }], minItems: 2, maxItems: 2 });
    expect(p.pair).toEqual({ type: 'array', prefixItems: [{ type: 'string', maxLength: 3 }, { type: 'integer', minimum: 0 }], items: { type: 'boolean' }, maxItems: 4 });
    expect(p.head).toEqual({ type: 'array', prefixItems: [{ type: 'string', description: HOSTILE }], minItems: 1 });
    expect(schema('tuple_sent').$schema).toBe('https://json-schema.org/draft/2020-12/schema');
  });

  it('a type list is an anyOf with each type\'s keywords, null as one more alternative', () => {
    expect(schema('type_list').properties.properties.properties.id).toEqual({
      anyOf: [{ type: 'string', minLength: 1, maxLength: 8 }, { type: 'integer', minimum: 0, maximum: 10 }, { type: 'null' }],
    });
  });

  it('a oneOf with a discriminator: closed object variants and the x-discriminator annotation', () => {
    const m = schema('payment_made').properties.properties.properties.method;
    expect(m['x-discriminator']).toBe('kind');
    expect(m.discriminator).toBeUndefined();
    expect(m.description).toBe('How it was paid.');
    expect(m.oneOf).toHaveLength(2);
    expect(m.oneOf[0]).toMatchObject({ type: 'object', required: ['kind', 'last4'], additionalProperties: false, properties: { kind: { const: 'card' } } });
  });

  it('a nullable oneOf adds null only when no variant accepts it already', () => {
    const p = schema('score_given').properties.properties.properties;
    expect(p.score.oneOf.at(-1)).toEqual({ type: 'null' });
    expect(p.level.oneOf).toEqual([{ type: ['integer', 'null'] }, { type: 'string' }]);
  });

  it('ObjectRules on a nested object and on the event payload, per version', () => {
    expect(schema('map_sent').properties.properties.properties.counts).toEqual({
      type: 'object', properties: {}, patternProperties: { '^x_': { type: 'string' } },
      additionalProperties: { type: 'integer', minimum: 0 }, minProperties: 1, maxProperties: 3,
    });
    expect(schema('labels_kept').properties.properties.properties.labels.additionalProperties).toBe(false);
    const payload = schema('open_event').properties.properties;
    expect(payload).toMatchObject({ additionalProperties: { type: 'string' }, patternProperties: { '^n_': { type: 'number' } }, minProperties: 1, maxProperties: 3 });
    expect(schema('versioned_open', 1).properties.properties).toMatchObject({ additionalProperties: { type: 'integer' }, maxProperties: 2 });
    expect(schema('versioned_open', 2).properties.properties.additionalProperties).toBe(false);
    expect(schema('versioned_open', 2).properties.properties.maxProperties).toBeUndefined();
  });

  it('requires → dependentRequired, required_when → allOf if/then on the parent', () => {
    const p = schema('coupon_applied').properties.properties;
    expect(p.dependentRequired).toEqual({ discount: ['coupon'] });
    expect(p.allOf).toEqual([{ if: { properties: { plan: { enum: ['pro'] } }, required: ['plan'] }, then: { required: ['seats'] } }]);
    expect(p.properties.discount.requires).toBeUndefined();
  });

  it('int64 bounds are printed exactly in the file', () => {
    const t = text('schemas/big_ids.v1.json');
    expect(t).toContain('"maximum": 9223372036854775807');
    expect(t).toContain('"minimum": -9223372036854775808');
    expect(t).toContain('"exclusiveMaximum": 9007199254740993');
    expect(t).not.toContain('9223372036854776000');
    expect(shapeToSchema({ type: 'integer', maximum: 9223372036854775807n }).maximum).toBe(9223372036854775807n);
  });

  it('hostile text stays escaped JSON: patterns as keys, descriptions in variants and pattern shapes', () => {
    const t = text('schemas/hostile_text.v1.json');
    // JSON text: a newline inside a string is always written \n (U+2028 is legal raw in JSON).
    expect(t.split('\n').every((line) => line === '' || /^ *["}\]{]|^ *-?\d|^ *(true|false|null)/.test(line))).toBe(true);
    const p = JSON.parse(t).properties.properties.properties;
    expect(Object.keys(p.odd.patternProperties)).toEqual([HOSTILE_PATTERN]);
    expect(p.odd.patternProperties[HOSTILE_PATTERN].description).toBe(HOSTILE);
    expect(p.either.anyOf.map((x: { description: string }) => x.description)).toEqual([HOSTILE, HOSTILE]);
    expect(p.odd.description).toBe(HOSTILE);
  });

  it('every case is in the table and the model', () => {
    expect(model.events.map((e) => e.name).sort()).toEqual(SHAPE_CASES.map((c) => c.event).sort());
  });
});
