// The shapes of issue 18.3, one event each, written as model literals (the YAML loader for
// them lands separately), with payloads worked out by hand that the JSON Schema, the
// validators, the types and the SQL views must all agree on. Every generator's shapes test
// reads this one table, so a shape means the same thing everywhere.
import { join } from 'node:path';
import { loadTaxonomy, type EventVersion, type ObjectRules, type Property, type Shape, type TaxonomyEvent, type TaxonomyModel } from '@taxonomy/core';

const FILE = 'taxonomy/domains/shapes.yaml';
const at = (line: number) => ({ file: FILE, line, column: 3 });

/** A named property of the shapes domain. */
export function prop(name: string, shape: Shape, required = false): Property {
  return { ...shape, name, required, origin: 'event', location: at(1) } as Property;
}

/** Hostile text: a newline, U+2028, quotes of every kind, a comment closer, a template hole and a JSDoc tag. */
export const HOSTILE = 'q"\n\u2028\'`${x}*/\\\n@deprecated not really';
/** A pattern holding the same characters (escaped where a regex needs it), and a key it matches. */
export const HOSTILE_PATTERN = '^q"\n\u2028\'`\\$\\{x\\}\\*/';
export const HOSTILE_KEY = 'q"\n\u2028\'`${x}*/';

export interface ShapeCase {
  readonly event: string;
  /** What the case shows, in a few words. */
  readonly about: string;
  readonly properties: readonly Property[];
  readonly rules?: ObjectRules;
  /** Older live versions (the event itself is the newest). */
  readonly older?: readonly { readonly version: number; readonly properties: readonly Property[]; readonly rules?: ObjectRules; readonly valid: readonly object[]; readonly invalid: readonly object[] }[];
  /** Payloads (`properties` of the event) every validator accepts. */
  readonly valid: readonly object[];
  /** Payloads every validator refuses. */
  readonly invalid: readonly object[];
  /** TypeScript expressions of the payload type that must compile (default: none beyond `valid`). */
  readonly typeValid?: readonly string[];
  /** TypeScript expressions of the payload type that must not compile. */
  readonly typeInvalid?: readonly string[];
}

const card: Shape = {
  type: 'object',
  description: 'Paid by card.',
  properties: [prop('kind', { type: 'string', const: 'card' }, true), prop('last4', { type: 'string', pattern: '^[0-9]{4}$' }, true)],
};
const iban: Shape = {
  type: 'object',
  properties: [prop('kind', { type: 'string', const: 'iban' }, true), prop('iban', { type: 'string', minLength: 15 }, true)],
};

export const INT64_MAX = 9223372036854775807n;
export const INT64_MIN = -9223372036854775808n;

export const SHAPE_CASES: readonly ShapeCase[] = [
  {
    event: 'json_value',
    about: 'json: any JSON value; arrays of anything',
    properties: [
      prop('meta', { type: 'json', description: 'Anything the app attaches.' }, true),
      prop('anything', { type: 'array', items: { type: 'json' } }),
      prop('maybe', { type: 'json', nullable: true }),
    ],
    valid: [{ meta: 1 }, { meta: { a: [1, null] }, anything: [1, 'a', {}, null] }, { meta: null, maybe: null }, { meta: 'x', maybe: [1] }],
    invalid: [{}, { meta: 1, anything: 'x' }, { meta: 1, other: 1 }],
    typeValid: ['{ meta: { a: [1, null] }, anything: [1, "a", {}] }'],
    typeInvalid: ['{ anything: [] }', '{ meta: 1, anything: "x" }'],
  },
  {
    event: 'type_list',
    about: 'several types: anyOf with each type\'s keywords, nullable',
    properties: [
      prop('id', { type: 'union', nullable: true, union: { kind: 'anyOf', variants: [{ type: 'string', minLength: 1, maxLength: 8 }, { type: 'integer', minimum: 0, maximum: 10 }] } }, true),
    ],
    valid: [{ id: 'ab' }, { id: 3 }, { id: 0 }, { id: null }],
    invalid: [{ id: '' }, { id: 11 }, { id: 1.5 }, { id: true }, { id: 'abcdefghi' }, {}],
    typeValid: ['{ id: "a" }', '{ id: 1 }', '{ id: null }'],
    typeInvalid: ['{ id: true }', '{}'],
  },
  {
    event: 'payment_made',
    about: 'oneOf of objects with a discriminator',
    properties: [prop('method', { type: 'union', description: 'How it was paid.', union: { kind: 'oneOf', discriminator: 'kind', variants: [card, iban] } }, true)],
    valid: [{ method: { kind: 'card', last4: '1234' } }, { method: { kind: 'iban', iban: 'DE89370400440532013000' } }],
    invalid: [
      { method: { kind: 'card', iban: 'DE89370400440532013000' } },
      { method: { kind: 'cash' } },
      { method: { kind: 'card', last4: '12' } },
      { method: { kind: 'card', last4: '1234', extra: 1 } },
      { method: null },
      {},
    ],
    typeValid: ['{ method: { kind: "iban", iban: "DE89370400440532013000" } }'],
    typeInvalid: ['{ method: { kind: "card", iban: "DE89370400440532013000" } }', '{ method: { kind: "cash" } }', '{ method: null }'],
  },
  {
    event: 'score_given',
    about: 'oneOf of scalars, nullable; a variant that accepts null already',
    properties: [
      prop('score', { type: 'union', nullable: true, union: { kind: 'oneOf', variants: [{ type: 'integer' }, { type: 'string', enum: ['low', 'high'] }] } }),
      // null matches the first variant: the union must not add a null alternative (null would match twice).
      prop('level', { type: 'union', nullable: true, union: { kind: 'oneOf', variants: [{ type: 'integer', nullable: true }, { type: 'string' }] } }),
      // An integer is a number too: oneOf refuses it (both match), anyOf would not.
      prop('amount', { type: 'union', union: { kind: 'oneOf', variants: [{ type: 'number' }, { type: 'integer' }] } }),
    ],
    valid: [{}, { score: 3 }, { score: 'low' }, { score: null }, { level: null }, { level: 2 }, { level: 'x' }, { amount: 1.5 }],
    invalid: [{ score: 'mid' }, { score: 1.5 }, { level: true }, { level: 1.5 }, { amount: 3 }],
    typeValid: ['{ score: "high", level: null }'],
    typeInvalid: ['{ score: "mid" }', '{ level: true }'],
  },
  {
    event: 'map_sent',
    about: 'a map: values, patternProperties, min/maxProperties on a nested object',
    properties: [
      prop('counts', {
        type: 'object',
        values: { type: 'integer', minimum: 0 },
        patternProperties: [{ pattern: '^x_', shape: { type: 'string' } }],
        minProperties: 1,
        maxProperties: 3,
      }, true),
    ],
    valid: [{ counts: { a: 1 } }, { counts: { x_a: 's', b: 2 } }, { counts: { a: 0, b: 1, x_c: '' } }],
    invalid: [{ counts: {} }, { counts: { a: 's' } }, { counts: { x_a: 1 } }, { counts: { a: 1, b: 2, c: 3, d: 4 } }, { counts: { a: -1 } }],
    typeValid: ['{ counts: { a: 1, x_a: "s" } }'],
    typeInvalid: ['{ counts: { a: true } }'],
  },
  {
    event: 'labels_kept',
    about: 'declared keys plus patternProperties, closed to any other key',
    properties: [
      prop('labels', {
        type: 'object',
        properties: [prop('name', { type: 'string' }, true)],
        patternProperties: [{ pattern: '^tag_[a-z]+$', shape: { type: 'string', maxLength: 5 } }],
      }, true),
      // Regression: a nullable object's keywords overwrote its type ['object', 'null'] with 'object'.
      prop('origin', { type: 'object', nullable: true, properties: [prop('app', { type: 'string' }, true)] }),
    ],
    valid: [{ labels: { name: 'n' } }, { labels: { name: 'n', tag_a: 'x', tag_bc: 'yy' } }, { labels: { name: 'n' }, origin: null }, { labels: { name: 'n' }, origin: { app: 'a' } }],
    invalid: [{ labels: { name: 'n', other: 'x' } }, { labels: { name: 'n', tag_a: 'toolong' } }, { labels: { name: 'n', tag_A: 'x' } }, { labels: { tag_a: 'x' } }, { labels: { name: 'n' }, origin: {} }, { labels: { name: 'n' }, origin: 'a' }],
    typeValid: ['{ labels: { name: "n", tag_a: "x" } }'],
    typeInvalid: ['{ labels: { name: 1 } }', '{ labels: { tag_a: "x" } }'],
  },
  {
    event: 'coupon_applied',
    about: 'requires (dependentRequired) and required_when (if/then)',
    properties: [
      prop('coupon', { type: 'string' }),
      prop('discount', { type: 'number', requires: ['coupon'] }),
      prop('plan', { type: 'string', enum: ['free', 'pro'] }),
      prop('seats', { type: 'integer', minimum: 1, requiredWhen: { property: 'plan', in: ['pro'] } }),
    ],
    valid: [{}, { coupon: 'c' }, { discount: 1, coupon: 'c' }, { plan: 'free' }, { plan: 'pro', seats: 2 }, { seats: 3 }],
    invalid: [{ discount: 1 }, { plan: 'pro' }, { plan: 'pro', discount: 2, coupon: 'c' }, { plan: 'team', seats: 1 }],
    // An integer without bounds beyond 2^53 is a number: a bigint there is a type error.
    typeInvalid: ['{ plan: "team" }', '{ plan: "pro", seats: 2n }'],
  },
  {
    event: 'big_ids',
    about: 'integer bounds beyond 2^53, exact',
    properties: [
      prop('id', { type: 'integer', minimum: INT64_MIN, maximum: INT64_MAX }, true),
      prop('small', { type: 'integer', exclusiveMaximum: 9007199254740993n, minimum: 0 }),
    ],
    valid: [{ id: 5 }, { id: -5 }, { id: 9007199254740991 }, { id: 0, small: 9007199254740991 }],
    invalid: [{ id: 1e19 }, { id: -1e19 }, { id: 1.5 }, { id: 'x' }, {}, { id: 1, small: -1 }],
    // Beyond 2^53 the type is number | bigint: the TypeScript tracker sends a bigint's exact digits.
    typeValid: ['{ id: 9223372036854775807n, small: 9007199254740992n }', '{ id: -9223372036854775808n }'],
    typeInvalid: ['{ id: "1" }', '{ id: "9223372036854775807" }'],
  },
  {
    event: 'open_event',
    about: 'an open event payload: values, patternProperties, min/maxProperties on the event',
    properties: [prop('a', { type: 'string' })],
    rules: { values: { type: 'string' }, patternProperties: [{ pattern: '^n_', shape: { type: 'number' } }], minProperties: 1, maxProperties: 3 },
    valid: [{ a: 'x' }, { extra: 's' }, { n_x: 1.5, a: 'x' }, { a: 'x', b: 'y', n_c: 2 }],
    invalid: [{}, { extra: 1 }, { n_x: 's' }, { a: 'x', b: 'y', c: 'z', d: 'w' }, { a: 1 }],
    typeValid: ['{ a: "x", extra: "s", n_x: 1 }'],
    typeInvalid: ['{ a: 1 }', '{ extra: true }'],
  },
  {
    event: 'versioned_open',
    about: 'ObjectRules per version: v1 is an open map of integers, v2 closed',
    properties: [prop('k', { type: 'string' }, true)],
    older: [{
      version: 1,
      properties: [prop('k', { type: 'string' }, true)],
      rules: { values: { type: 'integer' }, maxProperties: 2 },
      valid: [{ k: 'a', n: 1 }, { k: 'a' }],
      invalid: [{ k: 'a', n: 's' }, { k: 'a', n: 1, m: 2 }],
    }],
    valid: [{ k: 'a' }],
    invalid: [{ k: 'a', n: 1 }],
  },
  {
    event: 'tuple_sent',
    about: 'tuples (prefixItems): closed by maxItems, open with items for the rest, open to any value; a hostile element description',
    properties: [
      prop('point', { type: 'array', prefixItems: [{ type: 'number' }, { type: 'number' }], minItems: 2, maxItems: 2 }, true),
      prop('pair', { type: 'array', prefixItems: [{ type: 'string', maxLength: 3 }, { type: 'integer', minimum: 0 }], items: { type: 'boolean' }, maxItems: 4 }),
      prop('head', { type: 'array', prefixItems: [{ type: 'string', description: HOSTILE }], minItems: 1 }),
    ],
    valid: [
      { point: [1, 2.5] }, { point: [0, 0], pair: ['ab', 1] }, { point: [1, 2], pair: ['a', 0, true, false] }, { point: [1, 2], pair: [] },
      { point: [1, 2], pair: ['a'] }, { point: [1, 2], head: ['x', 1, {}, null] }, { point: [1, 2], head: ['x'] },
    ],
    invalid: [
      { point: [1] }, { point: [1, 2, 3] }, { point: ['1', 2] }, { point: { 0: 1, 1: 2 } }, {},
      { point: [1, 2], pair: [1, 1] }, { point: [1, 2], pair: ['abcd', 1] }, { point: [1, 2], pair: ['a', -1] }, { point: [1, 2], pair: ['a', 1, 'x'] },
      { point: [1, 2], pair: ['a', 1, true, true, true] }, { point: [1, 2], head: [] }, { point: [1, 2], head: [1] },
    ],
    typeValid: ['{ point: [1, 2], pair: ["a", 1, true], head: ["x", 1, null] }'],
    typeInvalid: ['{ point: ["1", 2] }', '{ point: [1, 2, 3] }', '{ point: [1] }', '{ point: [1, 2], pair: ["a", 1, "x"] }', '{ point: [1, 2], head: [] }'],
  },
  {
    event: 'hostile_text',
    about: 'hostile text in every new text position: a pattern key, descriptions in variants and pattern shapes',
    properties: [
      prop('odd', {
        type: 'object',
        description: HOSTILE,
        patternProperties: [{ pattern: HOSTILE_PATTERN, shape: { type: 'string', description: HOSTILE } }],
      }),
      prop('either', {
        type: 'union',
        description: HOSTILE,
        union: { kind: 'anyOf', variants: [{ type: 'string', description: HOSTILE, pattern: HOSTILE_PATTERN }, { type: 'integer', description: HOSTILE }] },
      }),
      prop('when', { type: 'string', requiredWhen: { property: 'either', in: [HOSTILE_KEY] } }),
    ],
    valid: [{ odd: { [HOSTILE_KEY]: 's' } }, { either: 1 }, { either: HOSTILE_KEY, when: 'w' }, {}],
    invalid: [{ odd: { [HOSTILE_KEY]: 1 } }, { odd: { plain: 's' } }, { either: 'plain' }, { either: HOSTILE_KEY }],
  },
];

function event(c: { event: string; properties: readonly Property[]; rules?: ObjectRules }, versions: EventVersion[]): TaxonomyEvent {
  return {
    name: c.event, domain: 'shapes', version: versions[versions.length - 1]!.version, versions,
    description: `Shapes case ${c.event}.`, status: 'active', destinations: [], critical: false, tags: [], changelog: [], contacts: [],
    properties: c.properties, personProperties: { set: [], setOnce: [] }, extensions: {}, location: at(1),
    ...(c.rules ?? {}),
  } as TaxonomyEvent;
}

const version = (v: number, frozen: boolean, properties: readonly Property[], rules?: ObjectRules): EventVersion =>
  ({ version: v, revision: 0, addition: 0, frozen, properties, extensions: {}, location: at(1), ...(rules ?? {}) }) as EventVersion;

/** The event of one case, with its older versions. */
export function caseEvent(c: ShapeCase): TaxonomyEvent {
  const newest = (c.older?.length ?? 0) + 1;
  const versions = [...(c.older ?? []).map((o) => version(o.version, true, o.properties, o.rules)), version(newest, false, c.properties, c.rules)];
  return event(c, versions);
}

/**
 * A whole model holding the cases (on top of a small fixture's privacy classes, categories and
 * destinations), as the loader would give it: one domain `shapes`, events sorted by name.
 */
export function shapesModel(cases: readonly ShapeCase[] = SHAPE_CASES): TaxonomyModel {
  const fixture = join(import.meta.dirname, '../../packages/core/test/fixtures/60-versions-clean');
  const base = loadTaxonomy(join(fixture, 'taxonomy'), { cwd: fixture }).model!;
  const events = cases.map(caseEvent).sort((a, b) => (a.name < b.name ? -1 : 1));
  const domain = { ...base.domains[0]!, name: 'shapes', events: events.map((e) => e.name), file: FILE, location: at(1) };
  return { ...base, name: 'shapes-fixture', domains: [domain], events, metrics: [], properties: [], globalProperties: [], prometheus: [] };
}

/** Every (event, version, payload, verdict) of the table; version undefined is the newest. */
export function verdicts(cases: readonly ShapeCase[] = SHAPE_CASES): { event: string; version?: number; payload: object; ok: boolean }[] {
  return cases.flatMap((c) => [
    ...c.valid.map((payload) => ({ event: c.event, payload, ok: true })),
    ...c.invalid.map((payload) => ({ event: c.event, payload, ok: false })),
    ...(c.older ?? []).flatMap((o) => [
      ...o.valid.map((payload) => ({ event: c.event, version: o.version, payload, ok: true })),
      ...o.invalid.map((payload) => ({ event: c.event, version: o.version, payload, ok: false })),
    ]),
  ]);
}
