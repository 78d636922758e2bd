import { FORMATS, type DraftProperty, type PropertyType } from './draft.js';
import type { ImportReport, ReportItem } from './report.js';
import { resolveRef, whereOf, type FileResolver, type SchemaSource } from './schema-refs.js';
import { conjoin, discriminatorOf, impliedCondition, isObject, isScalar, shapeKey, show, validating } from './schema-forms.js';
import type { ConverterHost } from './schema-host.js';
import { objectKeys } from './schema-objects.js';
import { arrayItems, scalars } from './schema-values.js';

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
/** Keywords that apply to one type only (JSON Schema ignores them on other types). */
const TYPE_KEYWORDS: Record<string, readonly string[]> = {
  string: ['minLength', 'maxLength', 'pattern', 'format'],
  number: ['minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'multipleOf'],
  array: ['items', 'prefixItems', 'additionalItems', 'minItems', 'maxItems', 'uniqueItems'],
  object: ['properties', 'required', 'additionalProperties', 'patternProperties', 'minProperties', 'maxProperties', 'dependencies', 'dependentRequired'],
};
const ALL_TYPES = ['string', 'number', 'boolean', 'array', 'object'];


export class SchemaConverter implements ConverterHost {
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
      return scalars(this, schema, source, pointer, name, p) ?? { prop: p };
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
    const bad = scalars(this, schema, source, pointer, name, p);
    if (bad) return bad;
    if (types.includes('array')) {
      const a = arrayItems(this, schema, source, pointer, name, p);
      if (a) return a;
    }
    if (types.includes('object')) {
      const o = objectKeys(this, schema, source, pointer, name, p);
      if (o) return o;
    }
    return { prop: p };
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
}
