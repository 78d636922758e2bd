// What json-schema-to-typescript is given for the shapes of issue 18.3, said the way it reads
// them best. The JSON Schema keeps every keyword; a type can say less:
// - a json shape (`{}` and annotations) is `unknown`: given a description alone,
//   json-schema-to-typescript would infer an open object;
// - `patternProperties` join `additionalProperties` as one index signature of their union:
//   json-schema-to-typescript writes a pattern into a "referenced via patternProperty" comment
//   on the pattern's value schema, which share.ts may have made one object with other
//   properties' equal schemas (the comment then shows up on unrelated properties);
// - `dependentRequired` and `allOf` if/then (requires:, required_when:) are left out: an allOf
//   would turn the properties interface into an intersection alias;
// - bigint bounds (exact int64) become numbers (memo keys are JSON); an integer whose range
//   reaches beyond ±(2^53 − 1) is typed `number | bigint` (tsType), as the tracker types it:
//   the runtime sends a bigint as its exact digits;
// - a tuple (`prefixItems`, 2020-12) is said as draft-07 tuple `items: [...]` with
//   `additionalItems` (the 2020-12 `items`, or `true`: any further value), which
//   json-schema-to-typescript turns into TypeScript tuples: `[number, string]` when closed by
//   maxItems, elements past minItems optional (`[] | [number] | [number, string]`), open ones
//   `[number, string, ...boolean[]]`.
import type { JsonSchema } from '@taxonomy/gen-json-schema';

/** Keywords from which json-schema-to-typescript infers a type. */
const SHAPING = new Set(['type', 'enum', 'const', 'oneOf', 'anyOf', 'allOf', '$ref', 'properties', 'items', 'additionalProperties', 'patternProperties', 'tsType']);
const SCHEMA_MAPS = new Set(['properties', '$defs']);
const SCHEMA_VALUES = new Set(['items', 'additionalProperties']);
const SCHEMA_LISTS = new Set(['oneOf', 'anyOf']);

const isSchema = (v: unknown): v is JsonSchema => typeof v === 'object' && v !== null && !Array.isArray(v);

export function typeShapes(schema: JsonSchema): JsonSchema {
  const out: JsonSchema = {};
  for (const [k, v] of Object.entries(schema)) {
    if (k === 'dependentRequired' || k === 'allOf' || k === 'patternProperties') continue;
    if (k === 'prefixItems' && Array.isArray(v)) {
      out.items = v.map((s) => (isSchema(s) ? typeShapes(s) : s));
      // maxItems at or below the prefix's length closes the tuple (no rest element in the type).
      const closed = typeof schema.maxItems === 'number' && schema.maxItems <= v.length;
      out.additionalItems = closed ? false : isSchema(schema.items) ? typeShapes(schema.items) : true;
      continue;
    }
    if (k === 'items' && Array.isArray(schema.prefixItems)) continue;
    if (SCHEMA_MAPS.has(k) && isSchema(v)) out[k] = Object.fromEntries(Object.entries(v).map(([n, s]) => [n, isSchema(s) ? typeShapes(s) : s]));
    else if (SCHEMA_VALUES.has(k) && isSchema(v)) out[k] = typeShapes(v);
    else if (SCHEMA_LISTS.has(k) && Array.isArray(v)) out[k] = v.map((s) => (isSchema(s) ? typeShapes(s) : s));
    else out[k] = typeof v === 'bigint' ? Number(v) : v;
  }
  const patterns = isSchema(schema.patternProperties) ? Object.values(schema.patternProperties).filter(isSchema).map(typeShapes) : [];
  if (patterns.length) {
    const rest = isSchema(out.additionalProperties) ? [out.additionalProperties] : out.additionalProperties === false ? [] : [{}];
    const all = [...patterns, ...rest];
    out.additionalProperties = all.length === 1 ? all[0] : { anyOf: all };
  }
  if (!Object.keys(out).some((k) => SHAPING.has(k))) out.tsType = 'unknown';
  const big = bigIntegerType(schema);
  if (big) out.tsType = big;
  return out;
}

const BOUNDS = ['minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum'] as const;
const SCALAR_TYPES: Readonly<Record<string, string>> = { integer: 'number | bigint', number: 'number', string: 'string', boolean: 'boolean', null: 'null' };

/** `number | bigint` (with the other scalar types of a type list) for an integer whose bounds reach beyond 2^53; else undefined. */
function bigIntegerType(schema: JsonSchema): string | undefined {
  const types = Array.isArray(schema.type) ? (schema.type as unknown[]) : [schema.type];
  if (!types.includes('integer') || schema.enum !== undefined || schema.const !== undefined) return undefined;
  const beyond = BOUNDS.some((k) => {
    const b = schema[k];
    return typeof b === 'bigint' ? b > BigInt(Number.MAX_SAFE_INTEGER) || b < BigInt(Number.MIN_SAFE_INTEGER) : typeof b === 'number' && Math.abs(b) > Number.MAX_SAFE_INTEGER;
  });
  if (!beyond || !types.every((t) => typeof t === 'string' && t in SCALAR_TYPES)) return undefined;
  return [...new Set(types.map((t) => SCALAR_TYPES[t as string]!))].join(' | ');
}
