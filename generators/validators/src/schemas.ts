// The schemas the validators are compiled from: the JSON Schema generator's own event
// schemas (one source of truth), split into the envelope every event shares and each
// event's `properties` and `person` objects, and stripped of annotations (descriptions,
// x-privacy, examples), which do not change a verdict but would be copied into the
// generated code. Compiling the shared envelope once instead of per event keeps the
// module (and its compile and load time) about a quarter smaller.
import type { TaxonomyEvent, TaxonomyModel } from '@taxonomy/core';
import { eventSchema, type JsonSchema } from '@taxonomy/gen-json-schema';

/** Keywords whose value is a map of schemas, a schema, or a list of schemas. */
const SCHEMA_MAPS = new Set(['properties', '$defs', 'patternProperties', 'dependentSchemas']);
const SCHEMA_VALUES = new Set(['items', 'additionalProperties', 'not', 'contains', 'propertyNames', 'if', 'then', 'else', 'unevaluatedProperties', 'unevaluatedItems']);
const SCHEMA_LISTS = new Set(['allOf', 'anyOf', 'oneOf', 'prefixItems']);
/** Annotations: no effect on validation. */
const ANNOTATIONS = new Set(['$schema', '$id', '$comment', 'title', 'description', 'examples', 'default', 'deprecated', 'readOnly', 'writeOnly']);

/**
 * A copy of a schema without annotations or `x-` keys; names of properties are kept as they are.
 * An exact integer bound beyond 2^53 (a bigint: int64's 9223372036854775807) becomes the nearest
 * double: ajv compares numbers only, and data read by JSON.parse carries no more precision
 * than a double either (validateEvent checks a bigint as that double too): the verdict is the one
 * any JSON Schema validator gives the original schema on JSON.parse'd data. Rounding keeps order,
 * so 9223372036854775807 itself is accepted under that maximum. The limits, where a value rounds
 * onto the bound's double: under an inclusive bound it is accepted though beyond it
 * (9223372036854775808, int64's maximum + 1); under an exclusive one it is refused though within
 * it (9007199254740992 under exclusiveMaximum 9007199254740993). The TypeScript tracker checks
 * such ranges exactly before sending.
 * `x-maximum-property: maxScore` (the taxonomy's maximum_property) becomes a maximum read from
 * the sibling value (ajv `$data`, relative JSON pointer `1/maxScore`; no check when it is absent).
 */
export function stripAnnotations(schema: unknown): unknown {
  if (typeof schema !== 'object' || schema === null || Array.isArray(schema)) return schema;
  const out: JsonSchema = {};
  const bound = (schema as Record<string, unknown>)['x-maximum-property'];
  if (typeof bound === 'string') {
    const rule = { maximum: { $data: `1/${bound.replace(/~/g, '~0').replace(/\//g, '~1')}` } };
    if ((schema as Record<string, unknown>).maximum === undefined) Object.assign(out, rule);
    else out.allOf = [rule];
  }
  // Plain loops: this runs on every schema of every event, on the memo's warm path too.
  for (const k of Object.keys(schema)) {
    if (ANNOTATIONS.has(k) || k.startsWith('x-')) continue;
    const v = (schema as Record<string, unknown>)[k];
    if (SCHEMA_MAPS.has(k) && v && typeof v === 'object') {
      const map: Record<string, unknown> = {};
      for (const name of Object.keys(v)) map[name] = stripAnnotations((v as Record<string, unknown>)[name]);
      out[k] = map;
    } else if (SCHEMA_VALUES.has(k)) out[k] = stripAnnotations(v);
    else if (SCHEMA_LISTS.has(k) && Array.isArray(v)) out[k] = v.map(stripAnnotations);
    else if (typeof v === 'bigint') out[k] = Number(v);
    else out[k] = v;
  }
  return out;
}

/** What the validators of one event check. */
export interface EventValidatorSchemas {
  readonly event: TaxonomyEvent;
  /** Schema of the `properties` object. */
  readonly properties: JsonSchema;
  /** Schema of the `person` object, when the event sets person properties. */
  readonly person?: JsonSchema;
}

const sub = (s: JsonSchema, key: string): JsonSchema | undefined => (s.properties as Record<string, JsonSchema> | undefined)?.[key];

export function eventValidatorSchemas(model: TaxonomyModel, e: TaxonomyEvent): EventValidatorSchemas {
  const full = eventSchema(model, e);
  const person = sub(full, 'person');
  return {
    event: e,
    properties: stripAnnotations(sub(full, 'properties')) as JsonSchema,
    ...(person ? { person: stripAnnotations(person) as JsonSchema } : {}),
  };
}

/** An event with no properties: its schema is the envelope alone. */
const BARE_EVENT = {
  name: 'envelope', domain: '', version: 1, versions: [], status: 'active', destinations: [], critical: false, tags: [], changelog: [],
  properties: [], personProperties: { set: [], setOnce: [] }, extensions: {}, location: { file: '', line: 1, column: 1 },
} as unknown as TaxonomyEvent;

/**
 * The envelope every event shares: `event`, `version`, `properties` and `person` are left
 * to the runtime and to each event's validators (declared here so they are not "extra");
 * `event` is not required, since validateEvent is given the name.
 */
export function envelopeSchema(model: TaxonomyModel): JsonSchema {
  const full = stripAnnotations(eventSchema(model, BARE_EVENT)) as JsonSchema;
  const properties = { ...(full.properties as Record<string, JsonSchema>), event: {}, version: {}, properties: {}, person: {} };
  return { ...full, properties, required: ((full.required as string[]) ?? []).filter((k) => k !== 'event') };
}
