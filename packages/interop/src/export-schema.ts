import type { Property, Shape } from '@taxonomy/core';
import { shapeToSchema, type JsonSchema } from '@taxonomy/gen-json-schema';

/**
 * JSON Schema of properties for the export targets: the JSON Schema generator's
 * shapes, plus what an import kept as `x-` keys given back to JSON Schema
 * (x-default → default, x-title → title, ...) and wire names restored (x-wire-name).
 */

/** x- keys an import wrote for JSON Schema keywords the taxonomy has no key for. */
const BACK: Record<string, string> = {
  'x-default': 'default', 'x-title': 'title', 'x-json-schema-format': 'format', 'x-deprecated': 'deprecated',
  'x-readOnly': 'readOnly', 'x-writeOnly': 'writeOnly', 'x-contentMediaType': 'contentMediaType', 'x-contentEncoding': 'contentEncoding',
};
/** Annotations of the taxonomy itself that are not part of a wire schema. */
const INTERNAL = new Set(['x-wire-name']);

export const wireName = (p: Pick<Property, 'name' | 'extensions'>): string => {
  const w = p.extensions?.['x-wire-name'];
  return typeof w === 'string' && w ? w : p.name;
};

export function schemaOfShape(s: Shape): JsonSchema {
  const { items, properties, values, ...flat } = s;
  const out = shapeToSchema(flat as Shape);
  if (s.type === 'array') out.items = items ? schemaOfShape(items) : {};
  if (s.type === 'object') {
    delete out.additionalProperties;
    if (properties) {
      const { type: _t, ...obj } = objectOf(properties, values);
      Object.assign(out, obj); // keeps ['object', 'null'] of a nullable object
    }
    else if (values) out.additionalProperties = schemaOfShape(values);
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

/** A closed object of properties, keyed by their wire names. */
export function objectOf(props: readonly Property[], values?: Shape): JsonSchema {
  const properties: JsonSchema = {};
  for (const p of props) properties[wireName(p)] = schemaOfShape(p);
  const required = props.filter((p) => p.required).map(wireName);
  return { type: 'object', properties, ...(required.length ? { required } : {}), additionalProperties: values ? schemaOfShape(values) : false };
}

/** Rewrites a draft 2019+ schema for draft-04 readers (Iglu): numeric exclusive bounds, const. */
export function toDraft04(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(toDraft04);
  if (!schema || typeof schema !== 'object') return schema;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(schema)) {
    if (k === 'enum' || k === 'examples' || k === 'default' || k === 'const') out[k] = v;
    else if (k === 'properties' && v && typeof v === 'object') out[k] = Object.fromEntries(Object.entries(v).map(([pk, pv]) => [pk, toDraft04(pv)]));
    else out[k] = toDraft04(v);
  }
  for (const [ex, base] of [['exclusiveMinimum', 'minimum'], ['exclusiveMaximum', 'maximum']] as const) {
    if (typeof out[ex] === 'number') {
      out[base] = out[ex];
      out[ex] = true;
    }
  }
  // draft-04 has no const: an enum of one value says it; const stays beside it for newer readers.
  if ('const' in out && !('enum' in out)) {
    const nullable = Array.isArray(out.type) && out.type.includes('null');
    out.enum = nullable ? [out.const, null] : [out.const];
  }
  return out;
}
