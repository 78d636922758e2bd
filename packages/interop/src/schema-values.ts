import { FORMATS, type DraftProperty, type Scalar } from './draft.js';
import { escapePointer } from './json.js';
import type { ConverterHost } from './schema-host.js';
import type { SchemaSource } from './schema-refs.js';
import { isObject, isScalar, show } from './schema-forms.js';
import { importLifecycle } from './schema-lifecycle.js';

/**
 * The value part of the JSON Schema converter (schema.ts): an array's items (a list, a tuple,
 * what follows it), and the keywords of a scalar shape (enum, const, format, bounds, counts,
 * lifecycle, annotations kept as x- keys).
 */

/** Keywords the converter reads; everything else is reported. */
const HANDLED = new Set([
  'type', 'description', 'title', 'enum', 'const', 'format', 'pattern', 'minLength', 'maxLength', 'minimum', 'maximum', 'exclusiveMinimum',
  'exclusiveMaximum', 'multipleOf', 'minItems', 'maxItems', 'uniqueItems', 'items', 'prefixItems', 'additionalItems', 'properties', 'required', 'additionalProperties', 'examples',
  '$ref', 'allOf', 'anyOf', 'oneOf', '$schema', '$id', 'id', '$comment', 'definitions', '$defs', '$anchor', 'self',
  'patternProperties', 'minProperties', 'maxProperties', 'dependencies', 'dependentRequired', 'if', 'then', 'discriminator',
]);
/** Annotations without a taxonomy key: kept as x-<keyword>. */
const ANNOTATIONS = new Set(['default', 'deprecated', 'readOnly', 'writeOnly', 'contentMediaType', 'contentEncoding', '$vocabulary', 'labels']);
/** What our own exporters write as x- keys, read back into the taxonomy keys. */
const OWN_EXTENSIONS: Record<string, keyof DraftProperty> = { 'x-privacy': 'privacy', 'x-cardinality': 'cardinality', 'x-unit': 'unit', 'x-content-gated': 'contentGated', 'x-waiver': 'waiver' };
/** Our exporters' annotations that are read structurally, not kept. */
const OWN_STRUCTURAL = new Set(['x-format', 'x-discriminator', 'x-const']);
/** The patterns the JSON Schema generator writes for the formats JSON Schema lacks. */
const FORMAT_PATTERNS: Record<string, string> = {
  currency: '^[A-Z]{3}$',
  semver: '^\\d+\\.\\d+\\.\\d+(?:-[0-9A-Za-z.-]+)?(?:\\+[0-9A-Za-z.-]+)?$',
};
const BOUNDS = ['minimum', 'maximum'] as const;
const COUNTS = ['minLength', 'maxLength', 'minItems', 'maxItems'] as const;
const isNumber = (v: unknown): v is number | bigint => typeof v === 'number' || typeof v === 'bigint';

/**
 * The elements of an array: one shape (`items`), or a tuple (`prefixItems:`) from 2020-12
 * `prefixItems` + `items`, or from the draft-04..2019-09 list form `items: [...]` +
 * `additionalItems`. After the tuple, `false` closes it (maxItems: its length), a schema
 * shapes further elements (`items`), nothing lets any JSON value follow.
 */
export function arrayItems(host: ConverterHost, schema: Record<string, unknown>, source: SchemaSource, pointer: string, name: string, p: DraftProperty): { omitted: string } | undefined {
  const { items, prefixItems, additionalItems } = schema;
  if (prefixItems !== undefined && Array.isArray(items)) return host.cannot(source, `${pointer}/items`, `'${name}' has both prefixItems and a list of items`, 'write the tuple once: prefixItems (2020-12) or items: [...] (older drafts)');
  const list = prefixItems !== undefined ? prefixItems : Array.isArray(items) ? items : undefined;
  const listKw = prefixItems !== undefined ? 'prefixItems' : 'items';
  // What follows the tuple: 2020-12's items, the older drafts' additionalItems.
  const rest = prefixItems !== undefined ? items : Array.isArray(items) ? additionalItems : items;
  const restKw = prefixItems !== undefined || !Array.isArray(items) ? 'items' : 'additionalItems';
  if (list === undefined && additionalItems !== undefined) {
    // additionalItems beside one item schema (or none) is a no-op in JSON Schema.
    host.guessed(source, `${pointer}/additionalItems`, `additionalItems of '${name}' applies only after a list of items; there is none, so it is left out`);
  }
  if (list !== undefined) {
    if (!Array.isArray(list) || !list.length) return host.cannot(source, `${pointer}/${listKw}`, `${listKw} of '${name}' is not a list of schemas`, 'write a list of at least one schema');
    const tuple: DraftProperty[] = [];
    for (const [i, el] of list.entries()) {
      const c = host.convert(el, source, `${pointer}/${listKw}/${i}`, `${name}[${i}]`);
      if ('omitted' in c) return host.cannot(source, `${pointer}/${listKw}/${i}`, `element ${i} of the tuple '${name}' ${c.omitted}`, 'fix the element schema');
      tuple.push(c.prop);
    }
    p.prefixItems = tuple;
  }
  if (rest === false) {
    // Nothing may follow: the tuple's length (or 0 elements without one) is the most.
    const most = p.prefixItems?.length ?? 0;
    if (p.maxItems === undefined || p.maxItems > most) p.maxItems = most;
    if (!p.prefixItems) p.items = { type: 'json' };
    if (p.minItems !== undefined && p.minItems > p.maxItems) return host.cannot(source, `${pointer}/minItems`, `'${name}' needs at least ${p.minItems} elements but its tuple closes at ${p.maxItems}: no array is valid`, 'lower minItems, or let elements follow the tuple');
    return undefined;
  }
  if (rest === undefined || rest === true || (isObject(rest) && !Object.keys(rest).length)) {
    // Without a tuple, an array without items holds anything; after a tuple, the model's unset items says the same.
    if (!p.prefixItems) p.items = { type: 'json' };
    return undefined;
  }
  const it = host.convert(rest, source, `${pointer}/${restKw}`, `${name}[]`);
  if ('omitted' in it) return host.cannot(source, `${pointer}/${restKw}`, `the items of '${name}' ${it.omitted}`, 'fix the item schema');
  p.items = it.prop;
  return undefined;
}

/** Words, constraints of scalars and arrays, lifecycle and annotations onto `p`; a validation keyword it does not know is refused. */

export function scalars(host: ConverterHost, s: Record<string, unknown>, source: SchemaSource, pointer: string, name: string, p: DraftProperty): { omitted: string } | undefined {
  const ext: Record<string, unknown> = {};
  if (typeof s.description === 'string') p.description = s.description;
  if (typeof s.title === 'string') {
    if (p.description === undefined) p.description = s.title;
    else ext['x-title'] = s.title;
  }
  if (Array.isArray(s.enum)) {
    const vals = s.enum.filter((v) => v !== null);
    const bad = vals.filter((v) => !isScalar(v));
    if (bad.length) return host.cannot(source, `${pointer}/enum`, `enum of '${name}' has ${show(bad[0])}: the taxonomy's enums hold strings, numbers and booleans${typeof bad[0] === 'bigint' ? ' (an integer beyond 2^53 in an enum is not held exactly)' : ''}`, 'keep enums to scalar values');
    p.enum = vals as Scalar[];
    if (!vals.length) return host.cannot(source, `${pointer}/enum`, `enum of '${name}' holds no value but null`, 'give it a real type');
  }
  if ('const' in s && s.const !== null) {
    if (!isScalar(s.const)) return host.cannot(source, `${pointer}/const`, `const of '${name}' is ${show(s.const)}: the taxonomy's const is a string, number or boolean${typeof s.const === 'bigint' ? ' (an integer beyond 2^53 in a const is not held exactly)' : ''}`, typeof s.const === 'bigint' ? 'bound the integer with minimum and maximum equal to it, or send it as a string' : 'keep const to a scalar');
    p.const = s.const;
    // draft-04 writers (our Iglu export) spell const as a one-value enum next to it.
    if (p.enum?.length === 1 && p.enum[0] === p.const) delete p.enum;
  }
  // Our exports write a nullable const as enum [c, null] with x-const: c.
  if (isScalar(s['x-const']) && p.enum?.length === 1 && p.enum[0] === s['x-const'] && p.const === undefined) { p.const = p.enum[0]; delete p.enum; }
  if (typeof s.format === 'string') {
    if (FORMATS.has(s.format)) p.format = s.format;
    else { ext['x-json-schema-format'] = s.format; host.guessed(source, `${pointer}/format`, `format '${s.format}' of '${name}' is not a taxonomy format; kept as x-json-schema-format (not validated)`); }
  }
  // Our exporters write formats JSON Schema lacks as x-format plus a pattern that stands in for them.
  let formatPattern: string | undefined;
  if (typeof s['x-format'] === 'string' && FORMATS.has(s['x-format'])) {
    p.format = s['x-format'];
    formatPattern = FORMAT_PATTERNS[p.format];
  }
  if (typeof s.pattern === 'string' && s.pattern && s.pattern !== formatPattern) p.pattern = s.pattern;
  for (const k of BOUNDS) if (isNumber(s[k])) p[k] = s[k] as number | bigint;
  if (typeof s.multipleOf === 'number') p.multipleOf = s.multipleOf;
  for (const k of COUNTS) if (typeof s[k] === 'number') p[k] = s[k] as number;
  // draft-04 writes exclusiveMinimum: true next to minimum.
  for (const [k, base] of [['exclusiveMinimum', 'minimum'], ['exclusiveMaximum', 'maximum']] as const) {
    if (isNumber(s[k])) p[k] = s[k] as number | bigint;
    else if (s[k] === true && isNumber(s[base])) { p[k] = s[base] as number | bigint; delete p[base]; }
  }
  if (s.uniqueItems === true) p.uniqueItems = true;
  if (Array.isArray(s.examples) && s.examples.length) p.examples = s.examples;
  const lifecycle = importLifecycle(s, p);
  for (const [k, v] of Object.entries(s)) {
    if (HANDLED.has(k) || lifecycle.has(k) || OWN_STRUCTURAL.has(k)) continue;
    const own = OWN_EXTENSIONS[k];
    if (own) { (p as Record<string, unknown>)[own] = v; continue; }
    if (k.startsWith('x-')) { ext[k] = v; continue; }
    if (ANNOTATIONS.has(k)) {
      ext[`x-${k}`] = v;
      host.guessed(source, `${pointer}/${escapePointer(k)}`, `'${k}' of '${name}' has no taxonomy key; kept as x-${k}`);
      continue;
    }
    const known = k === 'dependentSchemas' || (k === 'dependencies') ? ' (a schema dependency)' : '';
    const o = host.cannot(source, `${pointer}/${escapePointer(k)}`, `'${k}'${known} (on '${name}') is a JSON Schema keyword the taxonomy format cannot hold`, 'express the rule another way (an enum, a pattern, oneOf, separate properties) or check it outside the taxonomy');
    host.todo(p, `the source uses '${k}' here, which the taxonomy cannot express: ${show(v)}`);
    if (!host.lossless) continue;
    return o;
  }
  if (Object.keys(ext).length) p.extensions = { ...(p.extensions ?? {}), ...ext };
  return undefined;
}
