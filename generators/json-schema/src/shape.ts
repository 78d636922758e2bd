import { ISO_4217_CODES, type ObjectRules, type Property, type Shape } from '@taxonomy/core';

/** Formats JSON Schema and ajv-formats know; ours that they do not become patterns. */
const STANDARD_FORMATS = new Set(['uuid', 'date-time', 'date', 'time', 'uri', 'email', 'ipv4', 'ipv6', 'hostname', 'duration']);
const FORMAT_PATTERNS: Record<string, string> = {
  // Only ISO 4217 codes, upper case (trackers normalise `usd` to `USD` before sending; any other
  // validator of these schemas refuses what is not a code). The list: @taxonomy/core iso4217.ts.
  currency: `^(?:${ISO_4217_CODES.join('|')})$`,
  semver: '^\\d+\\.\\d+\\.\\d+(?:-[0-9A-Za-z.-]+)?(?:\\+[0-9A-Za-z.-]+)?$',
};

export type JsonSchema = Record<string, unknown>;

/**
 * The JSON Schema of one value shape (recursively for items, nested keys, map values and union
 * variants). This is the reference mapping of the shapes every other generator follows:
 * - `json`: `{}` (any JSON value, null included, so `nullable` adds nothing);
 * - `union`: `oneOf`/`anyOf` of the variants, a nullable union one more `{ type: 'null' }`
 *   alternative (left out of a oneOf whose variants already accept null: null would then
 *   match twice); the discriminator is the annotation `x-discriminator` (ajv's own
 *   `discriminator` keyword needs an option every other validator lacks);
 * - objects: see objectSchema.
 * Integer bounds may be bigints (exact beyond 2^53): print the result with stableJson/exactJson.
 */
export function shapeToSchema(s: Shape): JsonSchema {
  const out: JsonSchema = {};
  if (s.type === 'union' && s.union) {
    const variants = s.union.variants.map(shapeToSchema);
    if (s.nullable && (s.union.kind === 'anyOf' || !s.union.variants.some(acceptsNull))) variants.push({ type: 'null' });
    out[s.union.kind] = variants;
    if (s.union.discriminator) out['x-discriminator'] = s.union.discriminator;
  } else if (s.type !== 'json') out.type = s.nullable ? [s.type, 'null'] : s.type;
  if (s.description) out.description = s.description;
  if (s.format) {
    if (STANDARD_FORMATS.has(s.format)) out.format = s.format;
    else if (FORMAT_PATTERNS[s.format] && !s.pattern) out.pattern = FORMAT_PATTERNS[s.format];
    out['x-format'] = s.format;
  }
  if (s.enum) out.enum = s.nullable ? [...s.enum, null] : [...s.enum];
  // const alone would refuse the null a nullable property allows: a nullable const is an enum of the two.
  if (s.const !== undefined) {
    if (s.nullable && !s.enum) out.enum = [s.const, null];
    else out.const = s.const;
  }
  for (const k of ['minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'multipleOf', 'minLength', 'maxLength', 'pattern', 'minItems', 'maxItems', 'uniqueItems'] as const) {
    if (s[k] !== undefined) out[k] = s[k];
  }
  if (s.type === 'array') {
    // A tuple: prefixItems in order; without items: further elements are any JSON value (no keyword).
    if (s.prefixItems) out.prefixItems = s.prefixItems.map(shapeToSchema);
    if (s.items) out.items = shapeToSchema(s.items);
    else if (!s.prefixItems) out.items = {};
  }
  if (s.type === 'object') {
    if (s.properties || s.patternProperties?.length) {
      // The object's keywords, under the type written above (a nullable object stays ['object', 'null']).
      const { type: _type, ...keywords } = objectSchema(s.properties ?? [], s);
      Object.assign(out, keywords);
    }
    else {
      // No declared keys and no patterns: free-form as before (a map when `values` is set).
      if (s.values) out.additionalProperties = shapeToSchema(s.values);
      Object.assign(out, countRules(s));
    }
  }
  if (s.examples?.length) out.examples = [...s.examples];
  if (s.privacy) out['x-privacy'] = s.privacy;
  if (s.cardinality) out['x-cardinality'] = s.cardinality;
  if (s.unit) out['x-unit'] = s.unit;
  if (s.contentGated) out['x-content-gated'] = true;
  // JSON Schema cannot compare two values of the data; the generated validators turn this into
  // ajv's relative `$data` maximum (generators/validators schemas.ts), the tracker refuses it too.
  if (s.maximumProperty) out['x-maximum-property'] = s.maximumProperty;
  Object.assign(out, lifecycleAnnotations(s));
  return out;
}

/**
 * Per-property lifecycle as annotations only (validation is unchanged): JSON Schema's own
 * `deprecated: true`, the details under `x-deprecation`, `x-stability`, and enum members'
 * words as `x-enum-descriptions` (parallel to `enum`, as openapi-generator reads them) and
 * in full as `x-enum-members`.
 */
function lifecycleAnnotations(s: Shape): JsonSchema {
  const out: JsonSchema = {};
  if (s.stability) out['x-stability'] = s.stability;
  if (s.deprecated) {
    out.deprecated = true;
    const d = deprecation(s.deprecated);
    if (Object.keys(d).length) out['x-deprecation'] = d;
  }
  const members = s.enumMembers;
  if (members?.length) {
    if (members.some((m) => m.description)) out['x-enum-descriptions'] = [...members.map((m) => m.description ?? ''), ...(s.nullable ? [''] : [])];
    out['x-enum-members'] = members.map((m) => ({
      value: m.value,
      ...(m.description ? { description: m.description } : {}),
      ...(m.stability ? { stability: m.stability } : {}),
      ...(m.deprecated ? { deprecated: deprecation(m.deprecated) } : {}),
    }));
  }
  return out;
}

function deprecation(d: { readonly renamedTo?: unknown; readonly reason?: string; readonly since?: string; readonly removal?: string }): JsonSchema {
  return {
    ...(d.renamedTo !== undefined ? { renamed_to: d.renamedTo } : {}),
    ...(d.reason !== undefined ? { reason: d.reason } : {}),
    ...(d.since !== undefined ? { since: d.since } : {}),
    ...(d.removal !== undefined ? { removal: d.removal } : {}),
  };
}

/** Whether a shape accepts null (a nullable or json shape, or a union with such a variant). */
export function acceptsNull(s: Shape): boolean {
  if (s.nullable || s.type === 'json') return true;
  return s.type === 'union' && !!s.union?.variants.some(acceptsNull);
}

const countRules = (r: ObjectRules): JsonSchema => ({
  ...(r.minProperties !== undefined ? { minProperties: r.minProperties } : {}),
  ...(r.maxProperties !== undefined ? { maxProperties: r.maxProperties } : {}),
});

/**
 * An object of declared keys (an event payload, a nested object, a union variant): closed
 * (`additionalProperties: false`) unless `rules.values` gives the shape of undeclared keys'
 * values; `patternProperties` apply to matching keys (which JSON Schema then exempts from
 * `additionalProperties`); `min/maxProperties` count every key. A property's `requires:`
 * becomes the object's `dependentRequired`, its `required_when:` one `allOf` entry
 * `if <sibling> is one of … then required`.
 */
export function objectSchema(props: readonly Property[], rules: ObjectRules | Shape = {}): JsonSchema {
  const properties: JsonSchema = {};
  for (const p of props) properties[p.name] = shapeToSchema(p);
  const required = props.filter((p) => p.required).map((p) => p.name);
  const patterns = rules.patternProperties ?? [];
  const dependentRequired: Record<string, string[]> = {};
  for (const p of props) if (p.requires?.length) dependentRequired[p.name] = [...p.requires];
  const conditions = props.filter((p) => p.requiredWhen).map((p) => ({
    if: { properties: { [p.requiredWhen!.property]: { enum: [...p.requiredWhen!.in] } }, required: [p.requiredWhen!.property] },
    then: { required: [p.name] },
  }));
  return {
    type: 'object',
    properties,
    ...(required.length ? { required } : {}),
    ...(patterns.length ? { patternProperties: Object.fromEntries(patterns.map((x) => [x.pattern, shapeToSchema(x.shape)])) } : {}),
    additionalProperties: rules.values ? shapeToSchema(rules.values) : false,
    ...countRules(rules),
    ...(Object.keys(dependentRequired).length ? { dependentRequired } : {}),
    ...(conditions.length ? { allOf: conditions } : {}),
  };
}
