// Issue 18.3: unions, several types, free-form JSON, open objects, requirements between
// siblings and exact 64-bit bounds, as the loader resolves them and refuses their misuse.
import { describe, expect, it } from 'vitest';
import { liveVersions, loadTaxonomy, type Property, type TaxonomyEvent } from '@taxonomy/core';
import { CATEGORIES, ROOT, writeTaxonomy } from './helpers.js';

/** Loads one domain `d` with one event `e` whose body (indented under `e:`) is given. */
function load(body: string) {
  const dir = writeTaxonomy({
    'taxonomy.yaml': ROOT, 'categories.yaml': CATEGORIES,
    'domains/d.yaml': `domain: d\nevents:\n  e:\n    category: core_loop\n${body}`,
  });
  return loadTaxonomy(dir, { cwd: dir });
}
const event = (body: string): TaxonomyEvent => {
  const r = load(body);
  expect(r.diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.code}: ${d.message}`)).toEqual([]);
  return r.model!.events[0]!;
};
const prop = (body: string, name = 'p'): Property => event(body).properties.find((p) => p.name === name)!;

describe('shapes: what the loader resolves', () => {
  it('type: json is any JSON value', () => {
    expect(prop('    properties:\n      p: { type: json, description: Anything. }\n')).toMatchObject({ type: 'json', description: 'Anything.' });
  });

  it('a list of types is an anyOf union, each variant with the keywords of its type', () => {
    const p = prop('    properties:\n      p: { type: [string, integer], minimum: 1, maximum: 9, maxLength: 4, description: An id. }\n');
    expect(p.type).toBe('union');
    expect(p.description).toBe('An id.');
    expect(p.union!.kind).toBe('anyOf');
    expect(p.union!.variants.map((v) => ({ type: v.type, minimum: v.minimum, maximum: v.maximum, maxLength: v.maxLength }))).toEqual([
      { type: 'string', minimum: undefined, maximum: undefined, maxLength: 4 },
      { type: 'integer', minimum: 1, maximum: 9, maxLength: undefined },
    ]);
    expect(p).not.toHaveProperty('minimum');
  });

  it('null in a list of types makes it nullable; one type left is that type', () => {
    expect(prop('    properties:\n      p: { type: [string, "null"] }\n')).toMatchObject({ type: 'string', nullable: true });
    const u = prop('    properties:\n      p: { type: [string, boolean, "null"] }\n');
    expect(u).toMatchObject({ type: 'union', nullable: true });
    expect(u.union!.variants.map((v) => v.type)).toEqual(['string', 'boolean']);
  });

  it('oneOf with a discriminator keeps each alternative whole', () => {
    const p = prop([
      '    properties:',
      '      p:',
      '        discriminator: kind',
      '        oneOf:',
      '          - { type: object, properties: { kind: { type: string, const: card, required: true }, last4: { type: string, required: true } } }',
      '          - { type: object, properties: { kind: { type: string, const: bank, required: true }, iban: { type: string } } }',
      '',
    ].join('\n'));
    expect(p.type).toBe('union');
    expect(p.union).toMatchObject({ kind: 'oneOf', discriminator: 'kind' });
    expect(p.union!.variants.map((v) => v.properties!.map((x) => x.name))).toEqual([['kind', 'last4'], ['kind', 'iban']]);
  });

  it('anyOf of scalar shapes, with enum values of either type', () => {
    const p = prop('    properties:\n      p:\n        anyOf: [{ type: string, format: uuid }, { type: integer, minimum: 0 }]\n        enum: [a, 1]\n');
    expect(p.union!.kind).toBe('anyOf');
    expect(p.enum).toEqual(['a', 1]);
  });

  it('open objects: values, patternProperties, min/maxProperties on nested objects and on the payload', () => {
    const e = event([
      '    values: { type: json }',
      '    maxProperties: 20',
      '    properties:',
      '      labels:',
      '        type: object',
      '        patternProperties: { "^x_[a-z]+$": { type: string, maxLength: 8 } }',
      '        minProperties: 1',
      '        maxProperties: 5',
      '',
    ].join('\n'));
    expect(e.values).toMatchObject({ type: 'json' });
    expect(e.maxProperties).toBe(20);
    expect(e.versions.at(-1)!.values).toMatchObject({ type: 'json' });
    const labels = e.properties[0]!;
    expect(labels.patternProperties!.map((x) => [x.pattern, x.shape.type, x.shape.maxLength])).toEqual([['^x_[a-z]+$', 'string', 8]]);
    expect([labels.minProperties, labels.maxProperties, labels.values]).toEqual([1, 5, undefined]);
  });

  it('requires and required_when name siblings', () => {
    const e = event([
      '    properties:',
      '      plan: { type: string, enum: [free, pro] }',
      '      seats: { type: integer, required_when: { property: plan, in: [pro] } }',
      '      coupon: { type: string, requires: [plan] }',
      '',
    ].join('\n'));
    expect(e.properties.find((p) => p.name === 'seats')!.requiredWhen).toEqual({ property: 'plan', in: ['pro'] });
    expect(e.properties.find((p) => p.name === 'coupon')!.requires).toEqual(['plan']);
  });

  it('64-bit bounds survive exactly, in both YAML parsers', () => {
    const p = prop('    properties:\n      p: { type: integer, minimum: -9223372036854775808, maximum: 9223372036854775807 }\n');
    expect(p.minimum).toBe(-9223372036854775808n);
    expect(p.maximum).toBe(9223372036854775807n);
    // A flow/block mix and an anchor send the file down the `yaml` package's path.
    const q = prop('    properties:\n      p:\n        type: integer\n        maximum: &big 18446744073709551615\n        x-copy: *big\n');
    expect(q.maximum).toBe(18446744073709551615n);
    expect(prop('    properties:\n      p: { type: number, maximum: 1.5e300 }\n').maximum).toBe(1.5e300);
  });

  it('an older version keeps its own payload rules (eventAtVersion does not lend it the newest\'s)', () => {
    const e = event([
      '    version: 2',
      '    maxProperties: 3',
      '    properties:',
      '      a: { type: string }',
      '    versions:',
      '      1:',
      '        values: { type: json }',
      '        properties:',
      '          a: { type: integer }',
      '',
    ].join('\n'));
    const [v1, v2] = liveVersions(e);
    expect([v1!.version, v1!.values?.type, v1!.maxProperties]).toEqual([1, 'json', undefined]);
    expect([v2!.version, v2!.values, v2!.maxProperties]).toEqual([2, undefined, 3]);
  });

  it('an array of anything is items: { type: json }', () => {
    expect(prop('    properties:\n      p: { type: array, items: { type: json } }\n').items).toMatchObject({ type: 'json' });
  });

  it('a large integer a double holds exactly is a fine enum value', () => {
    expect(prop('    properties:\n      p: { type: number, enum: [100000000000000000000, 9007199254740992] }\n').enum).toEqual([1e20, 2 ** 53]);
  });

  it('a tuple is prefixItems, with items for the rest and maxItems to close it', () => {
    const p = prop('    properties:\n      p: { type: array, prefixItems: [{ type: string }, { type: integer, maximum: 9 }], maxItems: 2 }\n');
    expect(p.prefixItems!.map((s) => [s.type, s.maximum])).toEqual([['string', undefined], ['integer', 9]]);
    expect(p.items).toBeUndefined();
    expect(p.maxItems).toBe(2);
    const q = prop('    properties:\n      p: { type: array, prefixItems: [{ type: boolean }], items: { type: number } }\n');
    expect([q.prefixItems!.map((s) => s.type), q.items!.type]).toEqual([['boolean'], 'number']);
  });
});

describe('shapes: bad input is a located error', () => {
  it.each([
    ['identical alternatives cannot be told apart', '    properties:\n      p:\n        oneOf:\n          - { type: string }\n          - { type: string, description: Same. }\n', 'union/indistinct', 9, 13],
    ['a discriminator value taken twice', '    properties:\n      p:\n        discriminator: k\n        oneOf:\n          - { type: object, properties: { k: { type: string, const: a, required: true } } }\n          - { type: object, properties: { k: { type: string, const: a, required: true }, b: { type: string } } }\n', 'union/indistinct', 10, 13],
    ['an alternative without the discriminator', '    properties:\n      p:\n        discriminator: k\n        oneOf:\n          - { type: object, properties: { k: { type: string, const: a, required: true } } }\n          - { type: object, properties: { kk: { type: string } } }\n', 'union/discriminator', 10, 13],
    ['a discriminator without alternatives', '    properties:\n      p: { type: object, discriminator: k }\n', 'union/discriminator', 6, 26],
    ['type beside oneOf', '    properties:\n      p:\n        type: string\n        oneOf: [{ type: string }, { type: integer }]\n', 'union/type-beside', 7, 9],
    ['a string keyword beside oneOf', '    properties:\n      p:\n        maxLength: 3\n        oneOf: [{ type: string }, { type: integer }]\n', 'union/keyword-beside', 7, 9],
    ['ref beside a type list', '    properties:\n      p: { ref: q, type: [string, integer] }\n', 'union/ref', 6, 12],
    ['a keyword no listed type takes', '    properties:\n      p: { type: [string, integer], minItems: 1 }\n', 'property/constraint-type', 6, 47],
    ['an enum value of none of the types', '    properties:\n      p: { type: [string, integer], enum: [a, true] }\n', 'enum/wrong-type', 6, 47],
    ['patternProperties on a string', '    properties:\n      p: { type: string, patternProperties: { a: { type: string } } }\n', 'property/constraint-type', 6, 45],
    ['a bad patternProperties regex', '    properties:\n      p: { type: object, patternProperties: { "(": { type: string } } }\n', 'property/bad-pattern', 6, 47],
    ['minProperties above maxProperties', '    properties:\n      p: { type: object, values: { type: string }, minProperties: 3, maxProperties: 2 }\n', 'property/empty-range', 6, 67],
    ['a closed object cannot reach minProperties', '    properties:\n      p: { type: object, properties: { a: { type: string } }, minProperties: 2 }\n', 'property/empty-range', 6, 78],
    ['requires names an unknown sibling', '    properties:\n      p: { type: string, requires: [qq] }\n      q: { type: string }\n', 'ref/unknown-required-property', 6, 37],
    ['required_when names an unknown sibling', '    properties:\n      p: { type: string, required_when: { property: zz, in: [a] } }\n', 'ref/unknown-required-property', 6, 53],
    ['required_when with a value the sibling never takes', '    properties:\n      plan: { type: string, enum: [free, pro] }\n      p: { type: string, required_when: { property: plan, in: [gold] } }\n', 'property/bad-required-when', 7, 64],
    ['minItems above maxItems', '    properties:\n      p: { type: array, prefixItems: [{ type: string }], minItems: 2, maxItems: 1 }\n', 'property/empty-range', 6, 68],
    ['prefixItems on a string', '    properties:\n      p: { type: string, prefixItems: [{ type: string }] }\n', 'property/constraint-type', 6, 39],
    ['a tuple element without a type', '    properties:\n      p: { type: array, prefixItems: [{ description: x }] }\n', 'property/no-type', 6, 39],
    ['a 64-bit enum value (a double cannot hold it)', '    properties:\n      p: { type: integer, enum: [1, 9223372036854775807] }\n', 'property/inexact-integer', 6, 37],
    ['a 64-bit const', '    properties:\n      p: { type: integer, const: 9223372036854775807 }\n', 'property/inexact-integer', 6, 34],
    ['a 64-bit enum member value', '    properties:\n      p: { type: integer, enum: [{ value: 9007199254740993 }] }\n', 'property/inexact-integer', 6, 43],
    ['a payload patternProperties with a bad regex', '    patternProperties: { "[": { type: json } }\n', 'property/bad-pattern', 5, 26],
  ])('%s', (_t, body, code, line, column) => {
    const r = load(body);
    const d = r.diagnostics.find((x) => x.code === code);
    expect(d, JSON.stringify(r.diagnostics.map((x) => [x.code, x.message, x.location.line, x.location.column]))).toBeDefined();
    expect(d!.severity).toBe('error');
    expect([d!.location.file, d!.location.line, d!.location.column]).toEqual(['domains/d.yaml', line, column]);
    expect(d!.hint).toBeTruthy();
    expect(r.failed).toBe(true);
  });
});
