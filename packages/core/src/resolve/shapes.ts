import { suggestion } from '../diagnostics.js';
import type { ObjectRules, PatternShape, Property, PropertyType, Scalar, Shape, Union } from '../model.js';
import type { RawProperty } from '../raw-types.js';
import type { Cursor } from './context.js';
import { resolveShape, scalarMatches } from './property.js';

/**
 * The shapes beyond one plain type (issue 18.3): unions written as `oneOf:`/`anyOf:` or as a
 * list of types, free-form `json` values, what an object accepts beyond its declared keys, and
 * the requirements between siblings (`requires:`, `required_when:`).
 */

/** Keywords that only make sense for one JSON type: a type list gives each to the variants of that type. */
const KEYS_OF: Record<string, readonly string[]> = {
  string: ['format', 'minLength', 'maxLength', 'pattern', 'normalize', 'overflow', 'json_value_max_length'],
  integer: ['minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'multipleOf', 'maximum_property'],
  number: ['minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'multipleOf', 'maximum_property'],
  boolean: [],
  array: ['items', 'prefixItems', 'minItems', 'maxItems', 'uniqueItems'],
  object: ['properties', 'values', 'patternProperties', 'minProperties', 'maxProperties'],
};
const TYPED_KEYS = new Set(Object.values(KEYS_OF).flat());

type RawObjectRules = Pick<RawProperty, 'values' | 'patternProperties' | 'minProperties' | 'maxProperties'>;

/** `values:`, `patternProperties:`, `minProperties:`, `maxProperties:` of an object or an event payload. */
export function resolveObjectRules(raw: RawObjectRules, cur: Cursor, refined: ObjectRules | undefined, name: string, declared: number): ObjectRules {
  const out: { -readonly [K in keyof ObjectRules]: ObjectRules[K] } = {};
  if (raw.values) {
    const values = resolveShape(raw.values, cur.at('values'), refined?.values, `${name}.*`);
    if (values) out.values = values;
  } else if (refined?.values) out.values = refined.values;
  if (raw.patternProperties) {
    const list: PatternShape[] = [];
    for (const [pattern, rawShape] of Object.entries(raw.patternProperties)) {
      const at = cur.at('patternProperties', pattern);
      try { new RegExp(pattern, 'u'); } catch (e) {
        at.error('property/bad-pattern', `patternProperties key ${JSON.stringify(pattern)} of '${name}' is not a valid regular expression: ${(e as Error).message}`, 'fix the regular expression (ECMAScript syntax)', { key: true });
        continue;
      }
      const shape = resolveShape(rawShape, at, undefined, `${name}./${pattern}/`);
      if (shape) list.push({ pattern, shape });
    }
    out.patternProperties = list;
  } else if (refined?.patternProperties) out.patternProperties = refined.patternProperties;
  const min = raw.minProperties ?? refined?.minProperties, max = raw.maxProperties ?? refined?.maxProperties;
  if (min !== undefined) out.minProperties = min;
  if (max !== undefined) out.maxProperties = max;
  if (min !== undefined && max !== undefined && min > max) {
    cur.at('minProperties').error('property/empty-range', `'${name}' has minProperties ${min} above maxProperties ${max}`, 'swap or fix the bounds');
  }
  const open = out.values !== undefined || (out.patternProperties?.length ?? 0) > 0;
  if (min !== undefined && !open && min > declared) {
    cur.at('minProperties').error('property/empty-range', `'${name}' needs at least ${min} keys but declares only ${declared} and accepts no others`, 'lower minProperties:, or add values: / patternProperties: for the other keys');
  }
  return out;
}

/** `type: [string, integer, null]`: one variant per type, each with the keywords of its type. */
export function resolveTypeList(raw: RawProperty, types: readonly string[], cur: Cursor, name: string): Shape | undefined {
  const nullable = types.includes('null') || raw.nullable === true;
  const real = types.filter((t) => t !== 'null');
  if (real.length === 0) {
    cur.at('type').error('property/no-type', `property '${name}' lists only null as its type`, 'list at least one other type ([string, null]), or remove the property');
    return undefined;
  }
  const outer = outerKeys(raw);
  if (real.length === 1) return resolveShape({ ...raw, type: real[0] as RawProperty['type'], ...(nullable ? { nullable: true } : {}) }, cur, undefined, name);
  for (const k of Object.keys(raw)) {
    if (TYPED_KEYS.has(k) && !real.some((t) => KEYS_OF[t]?.includes(k))) {
      cur.at(k).error('property/constraint-type', `${k} of '${name}' applies to none of its types (${real.join(', ')})`, `remove ${k}: or add the type it applies to`);
    }
  }
  const variants: Shape[] = [];
  for (const t of real) {
    const v: Record<string, unknown> = { type: t };
    for (const k of KEYS_OF[t] ?? []) if ((raw as Record<string, unknown>)[k] !== undefined) v[k] = (raw as Record<string, unknown>)[k];
    const shape = resolveShape(v as RawProperty, cur, undefined, name);
    if (!shape) return undefined;
    variants.push(shape);
  }
  const shape = resolveShape({ ...outer, type: 'string' } as RawProperty, cur, undefined, name);
  if (!shape) return undefined;
  return finishUnion(shape, { kind: 'anyOf', variants }, nullable, raw, cur, name);
}

/** `oneOf:` / `anyOf:` with an optional discriminator. */
export function resolveUnionKeyword(raw: RawProperty, cur: Cursor, name: string): Shape | undefined {
  const kind = raw.oneOf ? 'oneOf' : 'anyOf';
  if (raw.oneOf && raw.anyOf) {
    cur.at('anyOf').error('union/both', `'${name}' has both oneOf: and anyOf:`, 'keep one of them (oneOf: exactly one alternative matches; anyOf: at least one)', { key: true });
    return undefined;
  }
  if (raw.type !== undefined) {
    cur.at('type').error('union/type-beside', `'${name}' has type: beside ${kind}:`, `move type: into each alternative of ${kind}:`, { key: true });
    return undefined;
  }
  for (const k of Object.keys(raw)) {
    if (TYPED_KEYS.has(k)) cur.at(k).error('union/keyword-beside', `${k} of '${name}' sits beside ${kind}: and applies to no single type`, `move ${k}: into the alternatives it concerns`, { key: true });
  }
  const alternatives = raw[kind]!;
  const variants: Shape[] = [];
  alternatives.forEach((alt, i) => {
    const v = resolveShape(alt, cur.at(kind, i), undefined, `${name} (alternative ${i + 1})`);
    if (v) variants.push(v);
  });
  if (variants.length !== alternatives.length) return undefined;
  const shape = resolveShape({ ...outerKeys(raw), type: 'string' } as RawProperty, cur, undefined, name);
  if (!shape) return undefined;
  return finishUnion(shape, { kind, variants, ...(raw.discriminator !== undefined ? { discriminator: raw.discriminator } : {}) }, raw.nullable === true, raw, cur, name);
}

/** The keys of a union that are not about one type (description, privacy, lifecycle, x- ...). */
function outerKeys(raw: RawProperty): RawProperty {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(raw)) {
    if (k === 'type' || k === 'oneOf' || k === 'anyOf' || k === 'discriminator' || k === 'nullable' || k === 'enum' || k === 'const' || TYPED_KEYS.has(k)) continue;
    out[k] = v;
  }
  return out as RawProperty;
}

function finishUnion(outer: Shape, union: Union, nullable: boolean, raw: RawProperty, cur: Cursor, name: string): Shape | undefined {
  checkDistinct(union, cur, name);
  const out: Record<string, unknown> = { ...outer, type: 'union' satisfies PropertyType, union };
  if (nullable) out.nullable = true;
  for (const k of ['enum', 'const'] as const) {
    const v = raw[k];
    if (v === undefined) continue;
    const values = (Array.isArray(v) ? v : [v]).map((x) => (x && typeof x === 'object' ? (x as { value: Scalar }).value : x)) as Scalar[];
    values.forEach((x, i) => {
      if (!union.variants.some((s) => scalarMatches(s.type, x))) {
        (k === 'enum' ? cur.at('enum', i) : cur.at('const')).error('enum/wrong-type', `${k} value ${JSON.stringify(x)} of '${name}' is none of its types`, 'write it as a value of one of the alternatives');
      }
    });
    out[k] = k === 'enum' ? values : values[0];
  }
  return out as unknown as Shape;
}

/** Alternatives that accept the same values cannot be told apart; a discriminator must tell them apart by itself. */
function checkDistinct(union: Union, cur: Cursor, name: string): void {
  const key = union.kind === 'oneOf' ? 'oneOf' : 'anyOf';
  const seen = new Map<string, number>();
  union.variants.forEach((v, i) => {
    const k = shapeKey(v);
    const j = seen.get(k);
    if (j !== undefined) {
      cur.at(key, i).error('union/indistinct', `alternatives ${j + 1} and ${i + 1} of '${name}' accept exactly the same values, so they cannot be told apart`, 'remove the duplicate, or make them differ (a const on a shared key, a different type)');
    } else seen.set(k, i);
  });
  const d = union.discriminator;
  if (d === undefined) return;
  const owner = new Map<string, number>();
  union.variants.forEach((v, i) => {
    const at = cur.at(key, i);
    const p = v.type === 'object' ? v.properties?.find((x) => x.name === d) : undefined;
    const values = p?.const !== undefined ? [p.const] : p?.enum;
    if (!p || !p.required || !values) {
      at.error('union/discriminator', `alternative ${i + 1} of '${name}' does not require '${d}' with a const (or enum) of its own${v.type === 'object' ? suggestion(d, v.properties?.map((x) => x.name) ?? []) : ''}`,
        `give each alternative an object property ${d}: { type: string, const: <its kind>, required: true }, or remove discriminator:`);
      return;
    }
    for (const value of values) {
      const k = JSON.stringify(value);
      const other = owner.get(k);
      if (other !== undefined) at.error('union/indistinct', `alternatives ${other + 1} and ${i + 1} of '${name}' both take ${d} = ${k}`, `give each alternative its own value of ${d}`);
      else owner.set(k, i);
    }
  });
}

/** What a shape accepts, without its words and locations: equal keys, equal values accepted. */
function shapeKey(s: Shape): string {
  const SKIP = new Set(['location', 'description', 'examples', 'extensions', 'origin', 'stability', 'deprecated', 'enumMembers', 'privacy', 'unit', 'cardinality', 'waiver', 'dataReview']);
  return JSON.stringify(s, (k, v: unknown) => (SKIP.has(k) ? undefined : typeof v === 'bigint' ? `${v}n` : v));
}

/** `requires:` and `required_when:` name siblings in the same object; a condition's values fit the sibling. */
export function checkSiblingRequirements(props: readonly Property[], raw: Record<string, RawProperty>, cur: Cursor): void {
  const names = props.map((p) => p.name);
  for (const p of props) {
    p.requires?.forEach((r, i) => {
      if (r === p.name) cur.at(p.name, 'requires', i).error('property/bad-requires', `'${p.name}' requires itself`, 'name the siblings that must come with it');
      else if (!names.includes(r)) cur.at(p.name, 'requires', i).error('ref/unknown-required-property', `'${p.name}' requires '${r}', which is not a property beside it${suggestion(r, names)}`, `add '${r}' to the same properties: map, or fix the name`);
    });
    const w = p.requiredWhen;
    if (!w) continue;
    const at = raw[p.name]?.required_when ? cur.at(p.name, 'required_when') : cur.at(p.name);
    const sibling = props.find((s) => s.name === w.property);
    if (w.property === p.name) at.at('property').error('property/bad-required-when', `required_when of '${p.name}' names the property itself`, 'name the sibling whose value makes it required');
    else if (!sibling) at.at('property').error('ref/unknown-required-property', `required_when of '${p.name}' names '${w.property}', which is not a property beside it${suggestion(w.property, names.filter((n) => n !== p.name))}`, `add '${w.property}' to the same properties: map, or fix the name`);
    else {
      w.in.forEach((v, i) => {
        const ok = sibling.enum ? sibling.enum.includes(v) : sibling.const !== undefined ? sibling.const === v : scalarMatches(sibling.type, v) || sibling.type === 'union';
        if (!ok) at.at('in', i).error('property/bad-required-when', `required_when of '${p.name}': ${JSON.stringify(v)} is not a value '${w.property}' can take`, `use ${sibling.enum ? `one of ${sibling.enum.map((x) => JSON.stringify(x)).join(', ')}` : `a ${sibling.type} value`}`);
      });
      if (p.required) at.warn('property/required-when-always', `'${p.name}' is required: true, so required_when never adds anything`, 'remove required: true (it is then required only when the condition holds), or remove required_when:');
    }
  }
}
