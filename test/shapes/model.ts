// The shapes of issue 18 item 3, one event each (domain `shapes`), for the trackers' type tests
// (test/shapes/shapes.test.ts). Hostile text sits where the new shapes print it: discriminator
// values, enum values inside union variants, key patterns.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Property, Shape, TaxonomyEvent, TaxonomyModel } from '@taxonomy/core';
import { modelOf } from '../../generators/typescript/test/helpers.js';

/** A discriminator value, an enum value and a pattern that break naive printing in TypeScript, Python and Go. */
export const HOSTILE_VALUE = 'u"r\'l`${x}\u2028\\n\\';
export const HOSTILE_PATTERN = '^q"`\\$\\{a\\}\\\\\u2028-\\d+';
/** A tuple element's description: a newline, a comment closer, quotes, U+2028, a template hole and a JSDoc tag (Go prints it in a field comment). */
export const TUPLE_NOTE = 'Up.\n*/ "q"\u2028 `${x}` @deprecated no';
export const INT64_MIN = -9223372036854775808n;
export const INT64_MAX = 9223372036854775807n;
export const UINT64_MAX = 18446744073709551615n;

const at = { file: 'domains/shapes.yaml', line: 1, column: 1 };
const prop = (name: string, required: boolean, shape: Shape): Property => ({ ...shape, name, required, origin: 'event', location: at });
const str: Shape = { type: 'string' };
const obj = (...properties: Property[]): Shape => ({ type: 'object', properties });

/** Each shape's event: name → its properties (and the event's own object rules). */
export const SHAPE_EVENTS: Record<string, { properties: Property[]; rules?: Pick<TaxonomyEvent, 'values' | 'patternProperties' | 'minProperties' | 'maxProperties'> }> = {
  json_value: { properties: [prop('payload', true, { type: 'json' }), prop('note', false, { type: 'json', nullable: true })] },
  one_of: {
    properties: [prop('target', true, {
      type: 'union',
      union: {
        kind: 'oneOf', discriminator: 'kind',
        variants: [
          obj(prop('kind', true, { type: 'string', const: 'file' }), prop('path', true, str)),
          obj(prop('kind', true, { type: 'string', const: HOSTILE_VALUE }), prop('href', true, str), prop('depth', false, { type: 'integer' })),
        ],
      },
    })],
  },
  any_of: {
    properties: [
      prop('id', true, { type: 'union', union: { kind: 'anyOf', variants: [{ type: 'string', maxLength: 10 }, { type: 'integer', minimum: 0 }] } }),
      prop('level', false, { type: 'union', union: { kind: 'oneOf', variants: [{ type: 'string', enum: ['low', HOSTILE_VALUE] }, { type: 'integer', enum: [1, 2] }] } }),
      prop('code', false, { type: 'union', enum: ['a', 7], union: { kind: 'anyOf', variants: [str, { type: 'integer' }] } }),
    ],
  },
  several_types: {
    properties: [prop('value', true, { type: 'union', nullable: true, union: { kind: 'anyOf', variants: [str, { type: 'integer' }, { type: 'boolean' }] } })],
  },
  open_map: {
    properties: [
      prop('counts', true, { type: 'object', values: { type: 'integer' } }),
      prop('meta', false, { type: 'object', properties: [prop('name', true, str)], values: str }),
    ],
  },
  pattern_keys: {
    properties: [
      prop('headers', true, { type: 'object', patternProperties: [{ pattern: '^x-[a-z]+$', shape: str }] }),
      prop('codes', false, { type: 'object', patternProperties: [{ pattern: '[0-9]{2}$', shape: { type: 'integer' } }] }),
      prop('odd', false, { type: 'object', patternProperties: [{ pattern: HOSTILE_PATTERN, shape: { type: 'boolean' } }] }),
    ],
  },
  sized: { properties: [prop('tags', true, { type: 'object', values: str, minProperties: 1, maxProperties: 3 })] },
  requires: {
    properties: [prop('card_number', false, { ...str, requires: ['card_expiry'] }), prop('card_expiry', false, str)],
  },
  required_when: {
    properties: [
      prop('status', true, { type: 'string', enum: ['ok', 'failed'] }),
      prop('reason', false, { ...str, requiredWhen: { property: 'status', in: ['failed'] } }),
    ],
  },
  json_array: { properties: [prop('items', true, { type: 'array', items: { type: 'json' } })] },
  big_int: {
    properties: [
      prop('id', true, { type: 'integer', minimum: INT64_MIN, maximum: INT64_MAX }),
      prop('total', false, { type: 'integer', minimum: 0, maximum: UINT64_MAX }),
      prop('huge', false, { type: 'integer', minimum: -(2n ** 70n), maximum: 2n ** 70n }),
    ],
  },
  open_event: { properties: [prop('n', false, { type: 'integer' })], rules: { values: str, minProperties: 1 } },
  tuple: {
    properties: [
      prop('point', true, { type: 'array', prefixItems: [{ type: 'number' }, { type: 'integer', description: TUPLE_NOTE }], minItems: 2, maxItems: 2 }),
      prop('pair', false, { type: 'array', prefixItems: [str, { type: 'integer' }], items: { type: 'boolean' }, maxItems: 4 }),
      prop('head', false, { type: 'array', prefixItems: [str], minItems: 1 }),
      prop('mixed', false, { type: 'array', prefixItems: [obj(prop('x', true, str)), { type: 'union', union: { kind: 'anyOf', variants: [str, { type: 'integer' }] } }, { type: 'json' }], maxItems: 3 }),
    ],
  },
};

/** The taxonomy of taxonomy/shapes.yaml: one event per shape, as the loader reads it. */
export function shapesModel(): TaxonomyModel {
  return modelOf({ shapes: readFileSync(join(import.meta.dirname, 'taxonomy/shapes.yaml'), 'utf8') });
}

/** The same taxonomy written as model objects (SHAPE_EVENTS): what the trackers were built against before the loader read YAML; the runner requires both to generate the same trackers. */
export function handModel(): TaxonomyModel {
  const names = Object.keys(SHAPE_EVENTS);
  const base = modelOf({ shapes: `domain: shapes\nevents:\n${names.map((n) => `  shapes.${n}:\n    description: The ${n} shape.\n    properties:\n      placeholder: { type: string }\n`).join('')}` });
  const events = base.events.map((e) => {
    const spec = SHAPE_EVENTS[e.name.slice('shapes.'.length)]!;
    const properties = spec.properties;
    return { ...e, properties, ...spec.rules, versions: e.versions.map((v) => ({ ...v, properties, ...spec.rules })) };
  });
  return { ...base, events };
}
