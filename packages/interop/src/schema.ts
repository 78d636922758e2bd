import { FORMATS, PROPERTY_NAME, safePropertyName, type DraftDeprecation, type DraftMap, type DraftProperty, type PropertyType, type Scalar } from './draft.js';
import { escapePointer } from './json.js';
import type { ImportReport } from './report.js';
import { resolveRef, whereOf, type FileResolver, type SchemaSource } from './schema-refs.js';

/**
 * JSON Schema (draft-04 to 2020-12, as tracking plans and Iglu use it) → draft
 * properties. What the taxonomy format cannot say is reported, never dropped quietly:
 * annotations it has no key for are kept as `x-` keys (guessed), validation keywords
 * it cannot express become TODOs (unmapped), and a property whose type cannot be
 * known is left out with a TODO on its parent.
 */

export type Converted = { prop: DraftProperty } | { omitted: string };

export interface ConvertContext {
  readonly report: ImportReport;
  readonly files?: FileResolver;
}

const TYPES = new Set<PropertyType>(['string', 'integer', 'number', 'boolean', 'array', 'object']);
/** Keywords the converter reads; everything else is reported. */
const HANDLED = new Set([
  'type', 'description', 'title', 'enum', 'const', 'format', 'pattern', 'minLength', 'maxLength', 'minimum', 'maximum', 'exclusiveMinimum',
  'exclusiveMaximum', 'multipleOf', 'minItems', 'maxItems', 'uniqueItems', 'items', 'properties', 'required', 'additionalProperties', 'examples',
  '$ref', 'allOf', 'anyOf', 'oneOf', '$schema', '$id', 'id', '$comment', 'definitions', '$defs', '$anchor', 'self',
]);
/** Annotations without a taxonomy key: kept as x-<keyword>. */
const ANNOTATIONS = new Set(['default', 'deprecated', 'readOnly', 'writeOnly', 'contentMediaType', 'contentEncoding', '$vocabulary', 'labels']);
/** What our own exporters write as x- keys, read back into the taxonomy keys. */
const OWN_EXTENSIONS: Record<string, keyof DraftProperty> = { 'x-privacy': 'privacy', 'x-cardinality': 'cardinality', 'x-unit': 'unit', 'x-content-gated': 'contentGated', 'x-waiver': 'waiver' };
/** The patterns the JSON Schema generator writes for the formats JSON Schema lacks. */
const FORMAT_PATTERNS: Record<string, string> = {
  currency: '^[A-Z]{3}$',
  semver: '^\\d+\\.\\d+\\.\\d+(?:-[0-9A-Za-z.-]+)?(?:\\+[0-9A-Za-z.-]+)?$',
};
const NUMERIC = ['minimum', 'maximum', 'multipleOf'] as const;
const COUNTS = ['minLength', 'maxLength', 'minItems', 'maxItems'] as const;

const isObject = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);
const typeOfScalar = (v: unknown): PropertyType | undefined =>
  typeof v === 'string' ? 'string' : typeof v === 'boolean' ? 'boolean' : typeof v === 'number' ? (Number.isInteger(v) ? 'integer' : 'number') : undefined;

export class SchemaConverter {
  /** Refs being expanded, to catch recursion (`source#pointer`). */
  private readonly stack: string[] = [];

  constructor(private readonly ctx: ConvertContext) {}

  private todo(p: DraftProperty, message: string): void {
    (p.todos ??= []).push(message);
  }

  private unmapped(source: SchemaSource, pointer: string, message: string, hint: string): void {
    this.ctx.report.unmapped.push({ where: whereOf(source, pointer), message, hint });
  }

  private guessed(source: SchemaSource, pointer: string, message: string): void {
    this.ctx.report.guessed.push({ where: whereOf(source, pointer), message });
  }

  /** Converts the schema of one value. `name` is for messages only. */
  convert(schema: unknown, source: SchemaSource, pointer: string, name: string): Converted {
    if (schema === true || (isObject(schema) && Object.keys(schema).length === 0)) {
      this.unmapped(source, pointer, `'${name}' accepts any value (an empty schema): the taxonomy needs a type`, 'give it a type in the source, or add it by hand with a type');
      return { omitted: 'accepts any value in the source (no type)' };
    }
    if (schema === false || !isObject(schema)) {
      this.unmapped(source, pointer, `'${name}' has a schema that is not an object (${JSON.stringify(schema)})`, 'write an object schema with a type');
      return { omitted: 'its schema is not an object' };
    }
    if (typeof schema.$ref === 'string') return this.followRef(schema, source, pointer, name);
    const merged = this.mergeAllOf(schema, source, pointer, name);
    return this.convertPlain(merged, source, pointer, name);
  }

  private followRef(schema: Record<string, unknown>, source: SchemaSource, pointer: string, name: string): Converted {
    const ref = schema.$ref as string;
    const target = resolveRef(ref, source, this.ctx.files);
    if ('error' in target) {
      this.unmapped(source, pointer, target.error, target.hint);
      return { omitted: target.error };
    }
    const id = `${target.source.file}#${target.pointer}`;
    if (this.stack.includes(id)) {
      this.unmapped(source, pointer, `recursive $ref '${ref}' (${[...this.stack.slice(this.stack.indexOf(id)), id].map((s) => s.replace(/^.*#/, '#')).join(' → ')}): the taxonomy format has no recursive shapes; cut here as an object without keys`, 'model the recursion as a fixed depth, or as an id that points at the other item');
      const cut: DraftProperty = { type: 'object' };
      this.todo(cut, `recursive $ref '${ref}' cut here (the source repeats this shape inside itself)`);
      return { prop: cut };
    }
    this.stack.push(id);
    try {
      const { $ref: _ref, ...siblings } = schema;
      const inner = this.convert(target.schema, target.source, target.pointer, name);
      if ('omitted' in inner || Object.keys(siblings).length === 0) return inner;
      // Keywords next to $ref refine the target (2019+ semantics; draft-07 tools ignore them).
      const over = this.convertPlain({ type: inner.prop.type, ...siblings }, source, pointer, name);
      return 'omitted' in over ? inner : { prop: { ...inner.prop, ...over.prop, todos: [...(inner.prop.todos ?? []), ...(over.prop.todos ?? [])].filter(Boolean) } };
    } finally {
      this.stack.pop();
    }
  }

  /** allOf of object schemas (the usual "base + extension") merges into one schema. */
  private mergeAllOf(schema: Record<string, unknown>, source: SchemaSource, pointer: string, name: string): Record<string, unknown> {
    if (!Array.isArray(schema.allOf)) return schema;
    const { allOf, ...rest } = schema;
    const out: Record<string, unknown> = { ...rest };
    const props: Record<string, unknown> = { ...(isObject(rest.properties) ? rest.properties : {}) };
    const required = new Set<string>(Array.isArray(rest.required) ? (rest.required as string[]) : []);
    (allOf as unknown[]).forEach((part, i) => {
      let s = part;
      let where = `${pointer}/allOf/${i}`;
      if (isObject(s) && typeof s.$ref === 'string') {
        const t = resolveRef(s.$ref, source, this.ctx.files);
        if ('error' in t) { this.unmapped(source, where, t.error, t.hint); return; }
        s = t.schema;
        where = t.pointer;
      }
      if (!isObject(s)) return;
      for (const [k, v] of Object.entries(s)) {
        if (k === 'properties' && isObject(v)) Object.assign(props, v);
        else if (k === 'required' && Array.isArray(v)) v.forEach((r) => required.add(String(r)));
        else if (out[k] === undefined) out[k] = v;
        else if (JSON.stringify(out[k]) !== JSON.stringify(v)) this.unmapped(source, where, `allOf of '${name}' sets '${k}' twice with different values; the first is kept`, 'merge the allOf parts by hand');
      }
    });
    if (Object.keys(props).length) out.properties = props;
    if (required.size) out.required = [...required];
    this.guessed(source, `${pointer}/allOf`, `allOf of '${name}' merged into one schema`);
    return out;
  }

  /** anyOf/oneOf: `X or null` is a nullable X; alternatives of constants are an enum; otherwise the first is kept. */
  private alternatives(schema: Record<string, unknown>, source: SchemaSource, pointer: string, name: string, p: DraftProperty): Record<string, unknown> {
    for (const kw of ['anyOf', 'oneOf'] as const) {
      const alts = schema[kw];
      if (!Array.isArray(alts)) continue;
      const { [kw]: _drop, ...rest } = schema;
      const nonNull = alts.filter((a) => !(isObject(a) && a.type === 'null'));
      if (nonNull.length < alts.length) p.nullable = true;
      if (nonNull.length === 1 && isObject(nonNull[0])) return { ...rest, ...nonNull[0] };
      if (nonNull.length > 1 && nonNull.every((a) => isObject(a) && 'const' in a)) return { ...rest, enum: nonNull.map((a) => (a as Record<string, unknown>).const) };
      this.unmapped(source, `${pointer}/${kw}`, `${kw} of '${name}' with ${nonNull.length} alternatives: the taxonomy has no unions; only the first alternative is kept`, 'split it into separate properties, or widen it to one type');
      this.todo(p, `${kw} with ${nonNull.length} alternatives in the source; only the first is kept`);
      return isObject(nonNull[0]) ? { ...rest, ...nonNull[0] } : rest;
    }
    return schema;
  }

  private convertPlain(input: Record<string, unknown>, source: SchemaSource, pointer: string, name: string): Converted {
    const p: DraftProperty = {};
    const schema = this.alternatives(input, source, pointer, name, p);
    if (typeof schema.$ref === 'string' && schema !== input) return this.convert(schema, source, pointer, name);
    let type: PropertyType | undefined;
    const t = schema.type;
    const types = (Array.isArray(t) ? t : t === undefined ? [] : [t]).filter((x): x is string => typeof x === 'string');
    if (types.includes('null')) p.nullable = true;
    const real = types.filter((x) => x !== 'null');
    if (real.length > 1) {
      this.unmapped(source, `${pointer}/type`, `'${name}' may be any of ${real.join(', ')}: the taxonomy has one type per property; '${real[0]}' is kept`, 'pick one type in the source, or split the property');
      this.todo(p, `the source allows types ${real.join(', ')}; only ${real[0]} is kept`);
    }
    if (real[0] !== undefined) {
      if (!TYPES.has(real[0] as PropertyType)) {
        this.unmapped(source, `${pointer}/type`, `'${name}' has type '${real[0]}', which the taxonomy does not have`, 'use string, integer, number, boolean, array or object');
        return { omitted: `its type '${real[0]}' is not a taxonomy type` };
      }
      type = real[0] as PropertyType;
    } else if (types.length === 1 && p.nullable) {
      this.unmapped(source, `${pointer}/type`, `'${name}' is always null`, 'remove it, or give it a real type');
      return { omitted: 'it is always null in the source' };
    } else {
      type = this.inferType(schema);
      if (!type) {
        this.unmapped(source, pointer, `'${name}' has no type and nothing to infer one from`, 'give it a type in the source, or add it by hand with a type');
        return { omitted: 'no type in the source' };
      }
      this.guessed(source, pointer, `'${name}' has no type; read as ${type} from its other keywords`);
    }
    p.type = type;
    this.scalars(schema, source, pointer, name, p);
    if (type === 'array') {
      const items = schema.items;
      if (Array.isArray(items)) {
        this.unmapped(source, `${pointer}/items`, `'${name}' is a tuple (items is a list): the taxonomy has one item shape`, 'describe the items with one schema');
        return { omitted: 'its items are a tuple in the source' };
      }
      if (items === undefined) {
        this.unmapped(source, pointer, `array '${name}' does not say what its items are`, 'add items: { type: ... } in the source');
        return { omitted: 'an array without an item type in the source' };
      }
      const it = this.convert(items, source, `${pointer}/items`, `${name}[]`);
      if ('omitted' in it) return { omitted: `its items ${it.omitted}` };
      p.items = it.prop;
    }
    if (type === 'object') this.objectKeys(schema, source, pointer, name, p);
    return { prop: p };
  }

  private inferType(s: Record<string, unknown>): PropertyType | undefined {
    if (s.properties !== undefined) return 'object';
    if (s.items !== undefined) return 'array';
    const values = Array.isArray(s.enum) ? s.enum : 'const' in s ? [s.const] : undefined;
    if (values) {
      const kinds = new Set(values.filter((v) => v !== null).map(typeOfScalar));
      if (kinds.size === 1) return [...kinds][0];
      if (kinds.size === 2 && kinds.has('integer') && kinds.has('number')) return 'number';
    }
    if (s.format !== undefined || s.pattern !== undefined || s.minLength !== undefined || s.maxLength !== undefined) return 'string';
    if (s.minimum !== undefined || s.maximum !== undefined || s.multipleOf !== undefined) return 'number';
    return undefined;
  }

  private scalars(s: Record<string, unknown>, source: SchemaSource, pointer: string, name: string, p: DraftProperty): void {
    const ext: Record<string, unknown> = {};
    if (typeof s.description === 'string') p.description = s.description;
    if (typeof s.title === 'string') {
      if (p.description === undefined) p.description = s.title;
      else ext['x-title'] = s.title;
    }
    if (Array.isArray(s.enum)) {
      const vals = s.enum.filter((v) => v !== null);
      if (vals.length < s.enum.length) p.nullable = true;
      const scalars = vals.filter((v): v is Scalar => typeOfScalar(v) !== undefined);
      if (scalars.length < vals.length) this.unmapped(source, `${pointer}/enum`, `enum of '${name}' has values that are not strings, numbers or booleans; they are left out`, 'keep enums to scalar values');
      if (scalars.length) p.enum = scalars;
    }
    if ('const' in s) {
      if (typeOfScalar(s.const) !== undefined) {
        p.const = s.const as Scalar;
        // draft-04 writers (our Iglu export) spell const as a one-value enum next to it.
        if (p.enum?.length === 1 && p.enum[0] === p.const && !(Array.isArray(s.enum) && s.enum.length > 2)) delete p.enum;
      }
      else this.unmapped(source, `${pointer}/const`, `const of '${name}' is not a scalar`, 'keep const to a string, number or boolean');
    }
    if (typeof s.format === 'string') {
      if (FORMATS.has(s.format)) p.format = s.format;
      else { ext['x-json-schema-format'] = s.format; this.guessed(source, `${pointer}/format`, `format '${s.format}' of '${name}' is not a taxonomy format; kept as x-json-schema-format (not validated)`); }
    }
    // Our exporters write formats JSON Schema lacks as x-format plus a pattern that stands in for them.
    let formatPattern: string | undefined;
    if (typeof s['x-format'] === 'string' && FORMATS.has(s['x-format'])) {
      p.format = s['x-format'];
      formatPattern = FORMAT_PATTERNS[p.format];
    }
    if (typeof s.pattern === 'string' && s.pattern && s.pattern !== formatPattern) p.pattern = s.pattern;
    for (const k of NUMERIC) if (typeof s[k] === 'number') p[k] = s[k] as number;
    for (const k of COUNTS) if (typeof s[k] === 'number') p[k] = s[k] as number;
    // draft-04 writes exclusiveMinimum: true next to minimum.
    for (const [k, base] of [['exclusiveMinimum', 'minimum'], ['exclusiveMaximum', 'maximum']] as const) {
      if (typeof s[k] === 'number') p[k] = s[k] as number;
      else if (s[k] === true && typeof s[base] === 'number') { p[k] = s[base] as number; delete p[base]; }
    }
    if (typeof s.uniqueItems === 'boolean' && s.uniqueItems) p.uniqueItems = true;
    if (Array.isArray(s.examples) && s.examples.length) p.examples = s.examples;
    const lifecycle = importLifecycle(s, p);
    for (const [k, v] of Object.entries(s)) {
      if (HANDLED.has(k) || lifecycle.has(k)) continue;
      const own = OWN_EXTENSIONS[k];
      if (own) { (p as Record<string, unknown>)[own] = v; continue; }
      if (k === 'x-format') continue;
      if (k.startsWith('x-')) { ext[k] = v; continue; }
      if (ANNOTATIONS.has(k)) {
        ext[`x-${k}`] = v;
        this.guessed(source, `${pointer}/${escapePointer(k)}`, `'${k}' of '${name}' has no taxonomy key; kept as x-${k}`);
        continue;
      }
      this.unmapped(source, `${pointer}/${escapePointer(k)}`, `'${k}' (on '${name}') is a JSON Schema feature the taxonomy format does not support; it is not imported, so the imported schema is looser`, `express the rule another way (an enum, a pattern, separate properties) or check it outside the taxonomy`);
      this.todo(p, `the source uses '${k}' here, which the taxonomy cannot express: ${JSON.stringify(v).slice(0, 120)}`);
    }
    if (Object.keys(ext).length) p.extensions = { ...(p.extensions ?? {}), ...ext };
  }

  private objectKeys(s: Record<string, unknown>, source: SchemaSource, pointer: string, name: string, p: DraftProperty): void {
    if (isObject(s.properties)) {
      const required = new Set(Array.isArray(s.required) ? s.required.map(String) : []);
      p.properties = this.propertyMap(s.properties, required, source, `${pointer}/properties`, p, name);
    }
    const ap = s.additionalProperties;
    if (isObject(ap) && Object.keys(ap).length) {
      const v = this.convert(ap, source, `${pointer}/additionalProperties`, `${name}.*`);
      if ('prop' in v) p.values = v.prop;
      else this.todo(p, `the values of this map ${v.omitted}`);
    }
  }

  /** The keys of an object schema; keys the format cannot hold keep their wire name as x-wire-name. */
  propertyMap(props: Record<string, unknown>, required: ReadonlySet<string>, source: SchemaSource, pointer: string, parent: { todos?: string[] }, owner: string): DraftMap {
    const out: DraftMap = new Map();
    for (const [key, sub] of Object.entries(props)) {
      const at = `${pointer}/${escapePointer(key)}`;
      const c = this.convert(sub, source, at, key);
      if ('omitted' in c) {
        (parent.todos ??= []).push(`property '${key}' not imported: ${c.omitted}`);
        continue;
      }
      const prop = c.prop;
      if (required.has(key)) prop.required = true;
      let name = key;
      if (!PROPERTY_NAME.test(key) || key === '__proto__' || key === 'constructor' || key === 'prototype') {
        name = safePropertyName(key);
        if (name === key || out.has(name)) name = `${name}_${out.size + 1}`;
        prop.extensions = { 'x-wire-name': key, ...(prop.extensions ?? {}) };
        this.ctx.report.findings.push({ where: whereOf(source, at), message: `property key '${key}' of '${owner}' is not a valid taxonomy key; imported as '${name}' with x-wire-name: '${key}'`, hint: 'rename it at the source if you can (letters, digits and _ only); generated code uses the imported name' });
      }
      out.set(name, prop);
    }
    return out;
  }
}

const STABILITY = new Set(['stable', 'experimental', 'deprecated']);
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** A deprecation object as our exports write it (`x-deprecation`, members' `deprecated`); anything else is dropped. */
function deprecationOf(v: unknown, renamedTo: (x: unknown) => boolean): DraftDeprecation | undefined {
  if (!isObject(v)) return undefined;
  const d: DraftDeprecation = {};
  if (renamedTo(v.renamed_to)) d.renamed_to = v.renamed_to as Scalar;
  if (typeof v.reason === 'string') d.reason = v.reason;
  if (typeof v.since === 'string' && DATE.test(v.since)) d.since = v.since;
  if (typeof v.removal === 'string' && DATE.test(v.removal)) d.removal = v.removal;
  return d;
}

/**
 * Per-property lifecycle from JSON Schema: `deprecated: true` (2019-09+), and what the JSON
 * Schema generator writes beside it (`x-stability`, `x-deprecation`, `x-enum-members`,
 * `x-enum-descriptions` as openapi-generator reads it). Returns the keys it consumed.
 */
function importLifecycle(s: Record<string, unknown>, p: DraftProperty): Set<string> {
  const used = new Set<string>();
  if (typeof s['x-stability'] === 'string' && STABILITY.has(s['x-stability'])) { p.stability = s['x-stability'] as DraftProperty['stability']; used.add('x-stability'); }
  if (s.deprecated === true) { p.stability = 'deprecated'; used.add('deprecated'); }
  const dep = deprecationOf(s['x-deprecation'], (x) => typeof x === 'string' && /^\$?[A-Za-z_][A-Za-z0-9_]*$/.test(x));
  if (dep) { p.stability = 'deprecated'; if (Object.keys(dep).length) p.deprecated = dep; used.add('x-deprecation'); }
  const values = p.enum ?? [];
  const scalar = (x: unknown) => ['string', 'number', 'boolean'].includes(typeof x);
  if (Array.isArray(s['x-enum-members']) && values.length) {
    const members = (s['x-enum-members'] as unknown[]).filter(isObject).filter((m) => values.includes(m.value as Scalar));
    p.enumMembers = values.map((v) => {
      const m = members.find((x) => x.value === v);
      const out: NonNullable<DraftProperty['enumMembers']>[number] = { value: v };
      if (typeof m?.description === 'string' && m.description) out.description = m.description;
      if (typeof m?.stability === 'string' && STABILITY.has(m.stability)) out.stability = m.stability as DraftProperty['stability'];
      const d = deprecationOf(m?.deprecated, (x) => scalar(x) && values.includes(x as Scalar));
      if (d) { out.stability = 'deprecated'; out.deprecated = d; }
      return out;
    });
    used.add('x-enum-members');
    used.add('x-enum-descriptions');
  } else if (Array.isArray(s['x-enum-descriptions']) && values.length) {
    const words = s['x-enum-descriptions'] as unknown[];
    p.enumMembers = values.map((v, i) => (typeof words[i] === 'string' && words[i] ? { value: v, description: words[i] as string } : { value: v }));
    used.add('x-enum-descriptions');
  }
  if (p.enumMembers && !p.enumMembers.some((m) => Object.keys(m).length > 1)) delete p.enumMembers;
  return used;
}
