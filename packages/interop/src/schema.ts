import { FORMATS, type DraftProperty, type PropertyType, type Scalar } from './draft.js';
import { escapePointer } from './json.js';
import type { ImportReport, ReportItem } from './report.js';
import { resolveRef, whereOf, type FileResolver, type SchemaSource } from './schema-refs.js';
import { conjoin, show, discriminatorOf, impliedCondition, isObject, isScalar, shapeKey, validating } from './schema-forms.js';
import { importLifecycle } from './schema-lifecycle.js';
import { objectKeys, type ObjectHost } from './schema-objects.js';

/**
 * JSON Schema (draft-04 to 2020-12, as tracking plans and Iglu use it) → draft properties.
 * Every construct the taxonomy holds is imported as it is: several types, oneOf/anyOf (with a
 * discriminator when there is one), free-form values (`type: json`), open objects and
 * patternProperties, min/maxProperties, dependencies → `requires:`, if/then → `required_when:`,
 * exact integer bounds. Annotations without a taxonomy key are kept as `x-` keys.
 *
 * What the taxonomy cannot say is never narrowed: in `lossless` mode (JSON Schema and Iglu
 * folders) the converter throws `Refused`, and the importer leaves the whole schema out with
 * the finding; otherwise (Segment plans) it is reported as unmapped with a TODO, as before.
 */

export type Converted = { prop: DraftProperty } | { omitted: string };

export interface ConvertContext {
  readonly report: ImportReport;
  readonly files?: FileResolver;
  /** Refuse (throw Refused) what cannot be imported exactly; an object without additionalProperties is open. */
  readonly lossless?: boolean;
}

/** A schema the taxonomy cannot hold exactly: where (file:line:col #pointer), what, and what to do. */
export class Refused extends Error {
  constructor(readonly where: string, readonly finding: string, readonly hint: string) { super(`${where} ${finding}`); }
}

const TYPES = new Set(['string', 'integer', 'number', 'boolean', 'array', 'object', 'null']);
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
/** Keywords that apply to one type only (JSON Schema ignores them on other types). */
const TYPE_KEYWORDS: Record<string, readonly string[]> = {
  string: ['minLength', 'maxLength', 'pattern', 'format'],
  number: ['minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'multipleOf'],
  array: ['items', 'prefixItems', 'additionalItems', 'minItems', 'maxItems', 'uniqueItems'],
  object: ['properties', 'required', 'additionalProperties', 'patternProperties', 'minProperties', 'maxProperties', 'dependencies', 'dependentRequired'],
};
const ALL_TYPES = ['string', 'number', 'boolean', 'array', 'object'];

const isNumber = (v: unknown): v is number | bigint => typeof v === 'number' || typeof v === 'bigint';

export class SchemaConverter implements ObjectHost {
  /** Refs being expanded, to catch recursion (`source#pointer`). */
  private readonly stack: string[] = [];

  /** The next object read is an event payload (never free-form: an empty open payload has `values: { type: json }`). */
  private payloadNext = false;

  constructor(private readonly ctx: ConvertContext) {}

  get lossless(): boolean {
    return !!this.ctx.lossless;
  }

  takePayload(): boolean {
    const payload = this.payloadNext;
    this.payloadNext = false;
    return payload;
  }

  finding(item: ReportItem): void {
    this.ctx.report.findings.push(item);
  }

  /** Converts an event payload (an object schema at the top of a file). */
  convertPayload(schema: unknown, source: SchemaSource, pointer: string, name: string): Converted {
    this.payloadNext = true;
    try { return this.convert(schema, source, pointer, name); } finally { this.payloadNext = false; }
  }

  todo(p: DraftProperty, message: string): void {
    (p.todos ??= []).push(message);
  }

  private unmapped(source: SchemaSource, pointer: string, message: string, hint: string): void {
    this.ctx.report.unmapped.push({ where: whereOf(source, pointer), message, hint });
  }

  guessed(source: SchemaSource, pointer: string, message: string): void {
    this.ctx.report.guessed.push({ where: whereOf(source, pointer), message });
  }

  /** What cannot be imported exactly: refused in lossless mode, else reported and left out. */
  cannot(source: SchemaSource, pointer: string, message: string, hint: string): { omitted: string } {
    if (this.ctx.lossless) throw new Refused(whereOf(source, pointer), message, hint);
    this.unmapped(source, pointer, message, hint);
    return { omitted: message };
  }

  /** Converts the schema of one value. `name` is for messages only. */
  convert(schema: unknown, source: SchemaSource, pointer: string, name: string): Converted {
    if (schema === true) return { prop: { type: 'json' } };
    if (schema === false) return this.cannot(source, pointer, `'${name}' has the schema false (no value is valid)`, 'remove the property, or give it a schema that accepts something');
    if (!isObject(schema)) return this.cannot(source, pointer, `'${name}' has a schema that is not an object (${show(schema)})`, 'write an object schema');
    if (typeof schema.$ref === 'string') return this.followRef(schema, source, pointer, name);
    const merged = this.mergeAllOf(schema, source, pointer, name);
    if ('omitted' in merged) return merged;
    return this.convertPlain(merged.schema, source, pointer, name);
  }

  private followRef(schema: Record<string, unknown>, source: SchemaSource, pointer: string, name: string): Converted {
    const ref = schema.$ref as string;
    const target = resolveRef(ref, source, this.ctx.files);
    if ('error' in target) return this.cannot(source, pointer, target.error, target.hint);
    const id = `${target.source.file}#${target.pointer}`;
    if (this.stack.includes(id)) {
      return this.cannot(source, pointer, `recursive $ref '${ref}' (${[...this.stack.slice(this.stack.indexOf(id)), id].map((s) => s.replace(/^.*#/, '#')).join(' → ')}): the taxonomy format has no recursive shapes`, 'model the recursion as a fixed depth (the nested level as type: json, or a list of ids pointing at other items)');
    }
    this.stack.push(id);
    try {
      const { $ref: _ref, ...siblings } = schema;
      if (validating(siblings).length === 0) {
        const inner = this.convert(target.schema, target.source, target.pointer, name);
        if ('prop' in inner && typeof siblings.description === 'string') inner.prop = { ...inner.prop, description: siblings.description };
        return inner;
      }
      // Keywords next to $ref (2019+ semantics: both apply): the conjunction, when it is one schema.
      if (!isObject(target.schema)) return this.cannot(source, pointer, `$ref '${ref}' with keywords beside it points at a schema that is not an object`, 'write the keywords into the referenced schema');
      const both = conjoin(siblings, target.schema);
      if (typeof both === 'string') return this.cannot(source, pointer, `$ref '${ref}' with keywords beside it: ${both}`, 'merge the keywords into the referenced schema');
      return this.convert(both, target.source, target.pointer, name);
    } finally {
      this.stack.pop();
    }
  }

  /**
   * allOf: its parts join the schema (the usual "base + extension"), where the conjunction is one
   * schema again; parts of the if/then form stay in `allOf` for the object's required_when.
   */
  private mergeAllOf(schema: Record<string, unknown>, source: SchemaSource, pointer: string, name: string): { schema: Record<string, unknown> } | { omitted: string } {
    if (!Array.isArray(schema.allOf)) return { schema };
    const { allOf, ...rest } = schema;
    let out: Record<string, unknown> = rest;
    const conditions: unknown[] = [];
    for (const [i, part] of (allOf as unknown[]).entries()) {
      let s = part;
      let where = `${pointer}/allOf/${i}`;
      if (isObject(s) && typeof s.$ref === 'string') {
        const t = resolveRef(s.$ref, source, this.ctx.files);
        if ('error' in t) return this.cannot(source, where, t.error, t.hint);
        // A part from another file joins this schema: its own $refs would then resolve here.
        if (t.source !== source && JSON.stringify(t.schema, (_k, x: unknown) => (typeof x === 'bigint' ? 0 : x)).includes('"$ref"')) return this.cannot(source, where, `allOf of '${name}': part '${s.$ref}' comes from ${t.source.file} and holds $refs of its own`, 'refer to that file\'s definitions one by one, or copy the part here');
        s = t.schema;
        where = t.pointer;
      }
      if (isObject(s) && 'if' in s) { conditions.push(s); continue; }
      // draft-04 has no if/then: `anyOf [not C, T]` says "if C then T" exactly (our Iglu export writes it so).
      const implied = impliedCondition(s);
      if (implied) { conditions.push(implied); continue; }
      if (s === true || (isObject(s) && !Object.keys(s).length)) continue;
      if (!isObject(s)) return this.cannot(source, where, `allOf part of '${name}' is not an object schema`, 'write the part as an object schema');
      if (Array.isArray(s.allOf) || s.oneOf || s.anyOf) return this.cannot(source, where, `allOf part of '${name}' holds allOf/oneOf/anyOf itself`, 'flatten the allOf by hand');
      const both = conjoin(out, s);
      if (typeof both === 'string') return this.cannot(source, where, `allOf of '${name}': ${both}, so the parts do not merge into one shape`, 'merge the allOf parts by hand');
      out = both;
    }
    if (conditions.length) out.allOf = conditions;
    return { schema: out };
  }

  /** oneOf/anyOf: `X or null` is a nullable X; alternatives of constants an enum; otherwise a union of shapes. */
  private union(schema: Record<string, unknown>, source: SchemaSource, pointer: string, name: string): Converted | undefined {
    const kinds = (['oneOf', 'anyOf'] as const).filter((k) => schema[k] !== undefined);
    if (!kinds.length) return undefined;
    if (kinds.length > 1) return this.cannot(source, pointer, `'${name}' has both oneOf and anyOf`, 'write one of them (wrap the other in an allOf part of its own shape)');
    const kw = kinds[0]!;
    const alts = schema[kw];
    if (!Array.isArray(alts) || !alts.length) return this.cannot(source, `${pointer}/${kw}`, `${kw} of '${name}' is not a list of schemas`, 'write a list of at least two schemas');
    const { [kw]: _drop, ...rest } = schema;
    const isNull = (a: unknown) => isObject(a) && a.type === 'null' && Object.keys(a).filter((k) => k !== 'description' && k !== 'title').length === 1;
    const nonNull = alts.map((a, i) => ({ a, i })).filter(({ a }) => !isNull(a));
    const nullable = nonNull.length < alts.length;
    if (nonNull.length < alts.length - 1) return this.cannot(source, `${pointer}/${kw}`, `${kw} of '${name}' lists null twice`, 'list { type: null } once');
    const joined: { s: unknown; at: string }[] = [];
    for (const { a, i } of nonNull) {
      if (!validating(rest).length || !isObject(a) || typeof a.$ref === 'string') {
        if (validating(rest).length) return this.cannot(source, `${pointer}/${kw}/${i}`, `${kw} of '${name}' has keywords beside it and an alternative that is a $ref or not an object`, 'write the keywords into each alternative');
        joined.push({ s: a, at: `${pointer}/${kw}/${i}` });
        continue;
      }
      const both = conjoin(rest, a);
      if (typeof both === 'string') return this.cannot(source, `${pointer}/${kw}/${i}`, `${kw} of '${name}' with keywords beside it: ${both}`, 'write the keywords into each alternative');
      joined.push({ s: both, at: `${pointer}/${kw}/${i}` });
    }
    const words: DraftProperty = {};
    if (typeof rest.description === 'string') words.description = rest.description;
    else if (typeof rest.title === 'string') words.description = rest.title;
    if (joined.length === 1) {
      const one = this.convert(joined[0]!.s, source, joined[0]!.at, name);
      if ('prop' in one && nullable) one.prop = this.nullableOf(one.prop, source, pointer, name);
      if ('prop' in one && words.description && !one.prop.description) one.prop.description = words.description;
      return one;
    }
    const consts = joined.map(({ s }) => (isObject(s) && Object.keys(s).every((k) => k === 'const' || k === 'description' || k === 'title') && isScalar(s.const) ? s.const : undefined));
    if (consts.every((c) => c !== undefined)) {
      const seen = new Set(consts.map((c) => JSON.stringify(c)));
      if (seen.size < consts.length) return this.cannot(source, `${pointer}/${kw}`, `${kw} of '${name}' lists the same constant twice: alternatives that cannot be told apart`, 'list each constant once');
      return this.convertPlain({ ...(words.description ? { description: words.description } : {}), enum: [...consts, ...(nullable ? [null] : [])] }, source, pointer, name);
    }
    const variants: DraftProperty[] = [];
    const keys = new Map<string, number>();
    for (const [j, { s, at }] of joined.entries()) {
      const v = this.convert(s, source, at, `${name} (alternative ${j + 1})`);
      if ('omitted' in v) return v;
      const key = shapeKey(v.prop);
      if (keys.has(key)) return this.cannot(source, at, `${kw} of '${name}': alternatives ${keys.get(key)! + 1} and ${j + 1} are the same shape, so they cannot be told apart`, 'remove the duplicate alternative, or make them differ (a const on a property of each)');
      keys.set(key, j);
      variants.push(v.prop);
    }
    if (nullable && kw === 'oneOf' && variants.some((v) => v.nullable || v.type === 'json')) return this.cannot(source, `${pointer}/${kw}`, `oneOf of '${name}' lists null and an alternative that also accepts null (null matches twice)`, 'drop the { type: null } alternative or the other one\'s null');
    const p: DraftProperty = { ...words, [kw]: variants };
    if (nullable) p.nullable = true;
    const hint = isObject(rest.discriminator) && typeof rest.discriminator.propertyName === 'string' ? rest.discriminator.propertyName : typeof rest['x-discriminator'] === 'string' ? rest['x-discriminator'] : undefined;
    const d = discriminatorOf(variants, hint);
    if (d) p.discriminator = d;
    return { prop: p };
  }

  /** A shape that also accepts null (`X or null`). */
  private nullableOf(p: DraftProperty, _source: SchemaSource, _pointer: string, _name: string): DraftProperty {
    if (p.type === 'json' || p.nullable) return p;
    return { ...p, nullable: true };
  }

  /** The types a schema allows: its `type`, else those of its enum/const, else every type its keywords apply to. */
  private typesOf(schema: Record<string, unknown>, source: SchemaSource, pointer: string, name: string): { types: string[]; nullable: boolean } | { json: true } | { omitted: string } {
    const t = schema.type;
    const listed = Array.isArray(t) ? t : t === undefined ? undefined : [t];
    for (const x of listed ?? []) if (typeof x !== 'string' || !TYPES.has(x)) return this.cannot(source, `${pointer}/type`, `'${name}' has type ${show(x)}, which JSON Schema does not have`, 'use string, integer, number, boolean, array, object or null');
    const values = Array.isArray(schema.enum) ? schema.enum : 'const' in schema ? [schema.const] : undefined;
    // null passes only when both the type and the enum/const let it.
    const nullable = (listed === undefined || listed.includes('null')) && (values === undefined || values.includes(null));
    let types = listed?.filter((x) => x !== 'null') as string[] | undefined;
    if (types === undefined) {
      if (values) types = [...new Set(values.filter((v) => v !== null).map((v) => (typeof v === 'number' ? 'number' : Array.isArray(v) ? 'array' : v === null ? 'null' : typeof v)))];
      else {
        const applies = ALL_TYPES.filter((ty) => TYPE_KEYWORDS[ty]?.some((k) => k in schema));
        if (!applies.length) return { json: true };
        // Keywords without a type apply to their own type only; every other type passes.
        types = [...ALL_TYPES];
        this.guessed(source, pointer, `'${name}' has no type: it accepts any type, and its ${applies.join('/')} keywords apply to ${applies.join(', ')} values (imported as several types)`);
      }
    }
    if (types.includes('integer') && types.includes('number')) types = types.filter((x) => x !== 'integer');
    if (!types.length) return this.cannot(source, pointer, `'${name}' accepts null only`, 'remove it, or give it a real type');
    return { types, nullable };
  }

  private convertPlain(schema: Record<string, unknown>, source: SchemaSource, pointer: string, name: string): Converted {
    const u = this.union(schema, source, pointer, name);
    if (u) return u;
    const ts = this.typesOf(schema, source, pointer, name);
    if ('omitted' in ts) return ts;
    const p: DraftProperty = {};
    if ('json' in ts) {
      p.type = 'json';
      return this.scalars(schema, source, pointer, name, p) ?? { prop: p };
    }
    const { types, nullable } = ts;
    // Keywords of a type the schema does not allow are no-ops in JSON Schema: left out, said so.
    const idle = Object.entries(TYPE_KEYWORDS).filter(([t]) => !types.includes(t) && !(t === 'number' && types.includes('integer'))).flatMap(([, ks]) => ks).filter((k) => k in schema && !(k === 'format' && typeof schema.format === 'string' && !FORMATS.has(schema.format)));
    if (idle.length) {
      schema = Object.fromEntries(Object.entries(schema).filter(([k]) => !idle.includes(k)));
      this.guessed(source, pointer, `'${name}' is ${types.join(' or ')}: ${idle.join(', ')} (for other types) never applies and is left out`);
    }
    if (types.length > 1 && (Array.isArray(schema.enum) || 'const' in schema)) return this.typedEnum(schema, types, nullable, source, pointer, name);
    if (types.length > 1) p.types = types;
    else p.type = types[0] as PropertyType;
    if (nullable) p.nullable = true;
    if (!types.includes('object') && ('if' in schema || Array.isArray(schema.allOf))) return this.cannot(source, pointer, `'${name}' has if/then but is not an object`, 'keep if/then to objects (required_when)');
    const bad = this.scalars(schema, source, pointer, name, p);
    if (bad) return bad;
    if (types.includes('array')) {
      const a = this.arrayItems(schema, source, pointer, name, p);
      if (a) return a;
    }
    if (types.includes('object')) {
      const o = objectKeys(this, schema, source, pointer, name, p);
      if (o) return o;
    }
    return { prop: p };
  }

  /**
   * The elements of an array: one shape (`items`), or a tuple (`prefixItems:`) from 2020-12
   * `prefixItems` + `items`, or from the draft-04..2019-09 list form `items: [...]` +
   * `additionalItems`. After the tuple, `false` closes it (maxItems: its length), a schema
   * shapes further elements (`items`), nothing lets any JSON value follow.
   */
  private arrayItems(schema: Record<string, unknown>, source: SchemaSource, pointer: string, name: string, p: DraftProperty): { omitted: string } | undefined {
    const { items, prefixItems, additionalItems } = schema;
    if (prefixItems !== undefined && Array.isArray(items)) return this.cannot(source, `${pointer}/items`, `'${name}' has both prefixItems and a list of items`, 'write the tuple once: prefixItems (2020-12) or items: [...] (older drafts)');
    const list = prefixItems !== undefined ? prefixItems : Array.isArray(items) ? items : undefined;
    const listKw = prefixItems !== undefined ? 'prefixItems' : 'items';
    // What follows the tuple: 2020-12's items, the older drafts' additionalItems.
    const rest = prefixItems !== undefined ? items : Array.isArray(items) ? additionalItems : items;
    const restKw = prefixItems !== undefined || !Array.isArray(items) ? 'items' : 'additionalItems';
    if (list === undefined && additionalItems !== undefined) {
      // additionalItems beside one item schema (or none) is a no-op in JSON Schema.
      this.guessed(source, `${pointer}/additionalItems`, `additionalItems of '${name}' applies only after a list of items; there is none, so it is left out`);
    }
    if (list !== undefined) {
      if (!Array.isArray(list) || !list.length) return this.cannot(source, `${pointer}/${listKw}`, `${listKw} of '${name}' is not a list of schemas`, 'write a list of at least one schema');
      const tuple: DraftProperty[] = [];
      for (const [i, el] of list.entries()) {
        const c = this.convert(el, source, `${pointer}/${listKw}/${i}`, `${name}[${i}]`);
        if ('omitted' in c) return this.cannot(source, `${pointer}/${listKw}/${i}`, `element ${i} of the tuple '${name}' ${c.omitted}`, 'fix the element schema');
        tuple.push(c.prop);
      }
      p.prefixItems = tuple;
    }
    if (rest === false) {
      // Nothing may follow: the tuple's length (or 0 elements without one) is the most.
      const most = p.prefixItems?.length ?? 0;
      if (p.maxItems === undefined || p.maxItems > most) p.maxItems = most;
      if (!p.prefixItems) p.items = { type: 'json' };
      if (p.minItems !== undefined && p.minItems > p.maxItems) return this.cannot(source, `${pointer}/minItems`, `'${name}' needs at least ${p.minItems} elements but its tuple closes at ${p.maxItems}: no array is valid`, 'lower minItems, or let elements follow the tuple');
      return undefined;
    }
    if (rest === undefined || rest === true || (isObject(rest) && !Object.keys(rest).length)) {
      // Without a tuple, an array without items holds anything; after a tuple, the model's unset items says the same.
      if (!p.prefixItems) p.items = { type: 'json' };
      return undefined;
    }
    const it = this.convert(rest, source, `${pointer}/${restKw}`, `${name}[]`);
    if ('omitted' in it) return this.cannot(source, `${pointer}/${restKw}`, `the items of '${name}' ${it.omitted}`, 'fix the item schema');
    p.items = it.prop;
    return undefined;
  }

  /** Several types and an enum/const: one anyOf variant per type, each with its own values. */
  private typedEnum(schema: Record<string, unknown>, types: string[], nullable: boolean, source: SchemaSource, pointer: string, name: string): Converted {
    const values = (Array.isArray(schema.enum) ? schema.enum : [schema.const]).filter((v) => v !== null);
    const alts: Record<string, unknown>[] = types.map((t) => ({ ...schema, type: t, enum: values.filter((v) => (t === 'number' ? typeof v === 'number' : t === 'integer' ? Number.isInteger(v) : t === 'array' ? Array.isArray(v) : t === 'object' ? isObject(v) : typeof v === t)) })).filter((a) => (a.enum as unknown[]).length);
    for (const a of alts) delete a.const;
    const own = alts.map((a): Record<string, unknown> => (a.enum as unknown[]).length === 1 && 'const' in schema ? (({ enum: e, ...r }) => ({ ...r, const: (e as unknown[])[0] }))(a) : a);
    const { description, title } = schema;
    return this.convertPlain({ ...(description !== undefined ? { description } : {}), ...(title !== undefined ? { title } : {}), anyOf: [...own.map(({ description: _d, title: _t, ...r }) => r), ...(nullable ? [{ type: 'null' }] : [])] }, source, pointer, name);
  }

  /** Words, constraints of scalars and arrays, lifecycle and annotations onto `p`; a validation keyword it does not know is refused. */
  private scalars(s: Record<string, unknown>, source: SchemaSource, pointer: string, name: string, p: DraftProperty): { omitted: string } | undefined {
    const ext: Record<string, unknown> = {};
    if (typeof s.description === 'string') p.description = s.description;
    if (typeof s.title === 'string') {
      if (p.description === undefined) p.description = s.title;
      else ext['x-title'] = s.title;
    }
    if (Array.isArray(s.enum)) {
      const vals = s.enum.filter((v) => v !== null);
      const bad = vals.filter((v) => !isScalar(v));
      if (bad.length) return this.cannot(source, `${pointer}/enum`, `enum of '${name}' has ${show(bad[0])}: the taxonomy's enums hold strings, numbers and booleans${typeof bad[0] === 'bigint' ? ' (an integer beyond 2^53 in an enum is not held exactly)' : ''}`, 'keep enums to scalar values');
      p.enum = vals as Scalar[];
      if (!vals.length) return this.cannot(source, `${pointer}/enum`, `enum of '${name}' holds no value but null`, 'give it a real type');
    }
    if ('const' in s && s.const !== null) {
      if (!isScalar(s.const)) return this.cannot(source, `${pointer}/const`, `const of '${name}' is ${show(s.const)}: the taxonomy's const is a string, number or boolean${typeof s.const === 'bigint' ? ' (an integer beyond 2^53 in a const is not held exactly)' : ''}`, typeof s.const === 'bigint' ? 'bound the integer with minimum and maximum equal to it, or send it as a string' : 'keep const to a scalar');
      p.const = s.const;
      // draft-04 writers (our Iglu export) spell const as a one-value enum next to it.
      if (p.enum?.length === 1 && p.enum[0] === p.const) delete p.enum;
    }
    // Our exports write a nullable const as enum [c, null] with x-const: c.
    if (isScalar(s['x-const']) && p.enum?.length === 1 && p.enum[0] === s['x-const'] && p.const === undefined) { p.const = p.enum[0]; delete p.enum; }
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
        this.guessed(source, `${pointer}/${escapePointer(k)}`, `'${k}' of '${name}' has no taxonomy key; kept as x-${k}`);
        continue;
      }
      const known = k === 'dependentSchemas' || (k === 'dependencies') ? ' (a schema dependency)' : '';
      const o = this.cannot(source, `${pointer}/${escapePointer(k)}`, `'${k}'${known} (on '${name}') is a JSON Schema keyword the taxonomy format cannot hold`, 'express the rule another way (an enum, a pattern, oneOf, separate properties) or check it outside the taxonomy');
      this.todo(p, `the source uses '${k}' here, which the taxonomy cannot express: ${show(v)}`);
      if (!this.ctx.lossless) continue;
      return o;
    }
    if (Object.keys(ext).length) p.extensions = { ...(p.extensions ?? {}), ...ext };
    return undefined;
  }

  /** Keys of an object: declared ones, the rest (values, patternProperties), counts, requires and required_when. */
}
