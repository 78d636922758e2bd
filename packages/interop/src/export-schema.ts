import type { ObjectRules, Property, Shape } from '@taxonomy/core';
import { shapeToSchema, type JsonSchema } from '@taxonomy/gen-json-schema';

/**
 * JSON Schema of properties for the export targets: the JSON Schema generator's
 * shapes, plus what an import kept as `x-` keys given back to JSON Schema
 * (x-default → default, x-title → title, ...) and wire names restored (x-wire-name).
 * The shapes of SHAPES.md are written here as that mapping says (json → {}, unions →
 * oneOf/anyOf, ObjectRules, requires → dependentRequired and required_when → if/then at
 * the parent); the generator is used for the keywords of one plain type only.
 */

/** x- keys an import wrote for JSON Schema keywords the taxonomy has no key for. */
const BACK: Record<string, string> = {
  'x-default': 'default', 'x-title': 'title', 'x-json-schema-format': 'format', 'x-deprecated': 'deprecated',
  'x-readOnly': 'readOnly', 'x-writeOnly': 'writeOnly', 'x-contentMediaType': 'contentMediaType', 'x-contentEncoding': 'contentEncoding',
};
/** Annotations of the taxonomy itself that are not part of a wire schema. */
const INTERNAL = new Set(['x-wire-name']);
/** Keys of a shape this module writes itself (the generator sees the rest). */
const STRUCTURE = ['items', 'prefixItems', 'properties', 'values', 'patternProperties', 'minProperties', 'maxProperties', 'union', 'requires', 'requiredWhen', 'extensions', 'waiver'] as const;

export const wireName = (p: Pick<Property, 'name' | 'extensions'>): string => {
  const w = p.extensions?.['x-wire-name'];
  return typeof w === 'string' && w ? w : p.name;
};

/** The annotations of a shape (json, union): words, privacy, lifecycle; no validation keyword. */
const annotationsOf = (s: Shape): Shape => {
  const { description, examples, privacy, cardinality, unit, contentGated, stability, deprecated } = s;
  return { type: 'string', description, examples, privacy, cardinality, unit, contentGated, stability, deprecated };
};

/** The keywords of one plain type, and the annotations every shape carries. */
function flatSchema(s: Shape, type: Shape['type']): JsonSchema {
  const flat: Record<string, unknown> = { ...s, type };
  for (const k of STRUCTURE) delete flat[k];
  const out = shapeToSchema(flat as unknown as Shape);
  delete out.additionalProperties;
  delete out.items;
  delete out.prefixItems;
  return out;
}

export function schemaOfShape(s: Shape): JsonSchema {
  let out: JsonSchema;
  if (s.type === 'json') {
    // Any JSON value: no type (null included), annotations only.
    out = flatSchema(annotationsOf(s), 'string');
    delete out.type;
  } else if (s.type === 'union' && s.union) {
    out = flatSchema(annotationsOf(s), 'string');
    delete out.type;
    const variants = s.union.variants.map(schemaOfShape);
    // A nullable union: null as one more alternative, unless (oneOf) a variant accepts it already.
    const acceptsNull = s.union.variants.some((v) => v.nullable || v.type === 'json');
    if (s.nullable && !(acceptsNull && s.union.kind === 'oneOf')) variants.push({ type: 'null' });
    out[s.union.kind] = variants;
    if (s.union.discriminator) out['x-discriminator'] = s.union.discriminator;
    // An enum or const beside the alternatives (`anyOf: [...]` with `enum: [a, 1]`) applies to every value.
    if (s.enum) out.enum = s.nullable ? [...s.enum, null] : [...s.enum];
    if (s.const !== undefined) out.const = s.const;
  } else {
    out = flatSchema(s, s.type);
    if (s.type === 'array') {
      // A tuple: its leading elements, then `items` for the rest (unset: any value follows; maxItems closes it).
      if (s.prefixItems) {
        out.prefixItems = s.prefixItems.map(schemaOfShape);
        if (s.items) out.items = schemaOfShape(s.items);
      } else out.items = s.items ? schemaOfShape(s.items) : {};
    }
    if (s.type === 'object') {
      if (s.properties?.length || s.patternProperties?.length) {
        const { type: _t, ...obj } = objectOf(s.properties ?? [], s);
        Object.assign(out, obj); // keeps ['object', 'null'] of a nullable object
      } else {
        // No declared keys: a free-form object (a map when `values` is set), as the generator writes it.
        if (s.values) out.additionalProperties = schemaOfShape(s.values);
        if (s.minProperties !== undefined) out.minProperties = s.minProperties;
        if (s.maxProperties !== undefined) out.maxProperties = s.maxProperties;
      }
    }
    // A nullable const is "this value or null": const would refuse null, so an enum says it (x-const marks it for import).
    if (s.nullable && s.const !== undefined && !s.enum) {
      delete out.const;
      out.enum = [s.const, null];
      out['x-const'] = s.const;
    }
  }
  if (s.waiver) out['x-waiver'] = { ...s.waiver };
  for (const [k, v] of Object.entries(s.extensions ?? {})) {
    if (INTERNAL.has(k)) continue;
    const back = BACK[k];
    if (back) out[back] = v;
    else out[k] = v;
  }
  return out;
}

/**
 * An object of properties keyed by their wire names, with its rules: closed unless `values`
 * (JSON Schema applies additionalProperties only to keys neither properties nor
 * patternProperties match, as the model means it), requires → dependentRequired,
 * required_when → allOf of if/then.
 */
export function objectOf(props: readonly Property[], rules: ObjectRules = {}): JsonSchema {
  const properties: JsonSchema = {};
  const wire = new Map(props.map((p) => [p.name, wireName(p)]));
  const w = (n: string) => wire.get(n) ?? n;
  for (const p of props) properties[wireName(p)] = schemaOfShape(p);
  const required = props.filter((p) => p.required).map(wireName);
  const out: JsonSchema = { type: 'object', properties, ...(required.length ? { required } : {}) };
  if (rules.patternProperties?.length) out.patternProperties = Object.fromEntries(rules.patternProperties.map((x) => [x.pattern, schemaOfShape(x.shape)]));
  out.additionalProperties = rules.values ? schemaOfShape(rules.values) : false;
  if (rules.minProperties !== undefined) out.minProperties = rules.minProperties;
  if (rules.maxProperties !== undefined) out.maxProperties = rules.maxProperties;
  const deps = props.filter((p) => p.requires?.length);
  if (deps.length) out.dependentRequired = Object.fromEntries(deps.map((p) => [wireName(p), p.requires!.map(w)]));
  const conds = props.filter((p) => p.requiredWhen);
  if (conds.length) {
    out.allOf = conds.map((p) => ({
      if: { properties: { [w(p.requiredWhen!.property)]: { enum: [...p.requiredWhen!.in] } }, required: [w(p.requiredWhen!.property)] },
      then: { required: [wireName(p)] },
    }));
  }
  return out;
}

/**
 * Rewrites a draft 2020-12 schema for an older draft's readers: a tuple (`prefixItems` + `items`)
 * as the list form `items: [...]` + `additionalItems`, dependentRequired as dependencies (both
 * drafts). For draft-04 (Iglu) also numeric exclusive bounds as booleans, const as a one-value
 * enum, and if/then (not in draft-04) as its equivalent anyOf [not if, then].
 */
export function toOlderDraft(schema: unknown, draft: 4 | 7): unknown {
  if (Array.isArray(schema)) return schema.map((x) => toOlderDraft(x, draft));
  if (!schema || typeof schema !== 'object') return schema;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(schema)) {
    if (k === 'enum' || k === 'examples' || k === 'default' || k === 'const' || k === 'dependentRequired') out[k] = v;
    else if ((k === 'properties' || k === 'patternProperties') && v && typeof v === 'object') out[k] = Object.fromEntries(Object.entries(v).map(([pk, pv]) => [pk, toOlderDraft(pv, draft)]));
    else out[k] = toOlderDraft(v, draft);
  }
  if (Array.isArray(out.prefixItems)) {
    const rest = out.items;
    const tuple = out.prefixItems;
    out.items = tuple;
    delete out.prefixItems;
    if (rest !== undefined) out.additionalItems = rest;
    // A tuple closed at its length reads as older drafts write it.
    else if (out.maxItems === tuple.length) {
      out.additionalItems = false;
      delete out.maxItems;
    }
  }
  if (out.dependentRequired) {
    out.dependencies = out.dependentRequired;
    delete out.dependentRequired;
  }
  if (draft === 7) return out;
  for (const [ex, base] of [['exclusiveMinimum', 'minimum'], ['exclusiveMaximum', 'maximum']] as const) {
    if (typeof out[ex] === 'number' || typeof out[ex] === 'bigint') {
      out[base] = out[ex];
      out[ex] = true;
    }
  }
  // draft-04 has no const: an enum of one value says it; const stays beside it for newer readers.
  if ('const' in out && !('enum' in out)) {
    const nullable = Array.isArray(out.type) && out.type.includes('null');
    out.enum = nullable ? [out.const, null] : [out.const];
  }
  if ('if' in out && 'then' in out && Object.keys(out).length === 2) return { anyOf: [{ not: out.if }, out.then] };
  return out;
}

/** Iglu's dialect (draft-04). */
export const toDraft04 = (schema: unknown): unknown => toOlderDraft(schema, 4);
