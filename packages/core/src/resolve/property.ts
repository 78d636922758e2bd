import { suggestion } from '../diagnostics.js';
import type { Property, PropertyType, Scalar, Shape, SharedProperty } from '../model.js';
import type { RawProperty } from '../raw-types.js';
import { Cursor, extensionsOf, type SharedEntry } from './context.js';
import { checkRenamedTo, checkSiblingRenames, enumValues, resolveEnumMembers, resolveLifecycle } from './lifecycle.js';
import { checkSiblingRequirements, resolveObjectRules, resolveTypeList, resolveUnionKeyword } from './shapes.js';
import { exactIntegerAt } from '../source.js';

const BOUNDS = ['minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum'] as const;
const OBJECT_ONLY = ['patternProperties', 'minProperties', 'maxProperties'] as const;
const SHAPE_KEYS = [
  'description', 'format', 'const', 'multipleOf',
  'minLength', 'maxLength', 'pattern', 'minItems', 'maxItems', 'uniqueItems', 'nullable', 'privacy', 'cardinality', 'unit', 'examples', 'waiver',
] as const;

const article = (t: string) => (/^[aeiou]/.test(t) ? `an ${t}` : `a ${t}`);

/** Whether a scalar (an enum value, a const, a condition's value) is a value of the type. */
export function scalarMatches(type: string, v: Scalar): boolean {
  switch (type) {
    case 'string': return typeof v === 'string';
    case 'integer': return typeof v === 'number' && Number.isInteger(v);
    case 'number': return typeof v === 'number';
    case 'boolean': return typeof v === 'boolean';
    case 'json': return true;
    default: return false;
  }
}

/** Looks a ref up in the domain's shared properties, then the global ones. */
function findShared(cur: Cursor, name: string): SharedEntry | undefined {
  return cur.domainShared.get(name) ?? cur.ctx.globalShared.get(name);
}

/** Resolves a shared property's definition (once), following its own ref if it has one. */
export function resolveShared(entry: SharedEntry, ctx: Cursor['ctx'], domainShared: ReadonlyMap<string, SharedEntry>): SharedProperty | undefined {
  if (entry.resolved) return entry.resolved;
  const cur = new Cursor(ctx, entry.file, entry.path, domainShared);
  if (entry.resolving) {
    cur.error('ref/cycle', `shared property '${entry.name}' refers to itself through ref`, 'break the cycle: one of the definitions must give a type');
    return undefined;
  }
  entry.resolving = true;
  const shape = resolveShape(entry.raw, cur, undefined, entry.name);
  entry.resolving = false;
  if (!shape) return undefined;
  entry.resolved = { ...shape, name: entry.name, domain: entry.domain, required: entry.raw.required, location: cur.location({ key: true }) };
  if (entry.raw.deprecated?.renamed_to !== undefined) {
    // A shared definition is renamed to another shared definition its refs can see.
    const visible = (n: string) => (entry.domain ? domainShared.get(n) : undefined) ?? ctx.globalShared.get(n);
    const names = [...(entry.domain ? domainShared.keys() : []), ...ctx.globalShared.keys()];
    checkRenamedTo(entry.name, shape.type, shape.deprecated, cur.at('deprecated', 'renamed_to'), {
      names, what: 'a shared property',
      typeOf: (n) => { const e = visible(n); return e ? ((typeof e.raw.type === 'string' ? e.raw.type : undefined) ?? resolveShared(e, ctx, e.domain ? domainShared : new Map())?.type) : undefined; },
      hint: entry.domain ? `define '${entry.raw.deprecated.renamed_to}' under properties: in this domain or in taxonomy/properties.yaml, or fix the name` : `define '${entry.raw.deprecated.renamed_to}' in taxonomy/properties.yaml, or fix the name`,
    });
  }
  return entry.resolved;
}

/**
 * Resolves a raw property (definition or use) into a shape.
 * `base` is what it refines: a global property, or the target of its ref.
 */
export function resolveShape(raw: RawProperty, cur: Cursor, base: Shape | undefined, name: string): Shape | undefined {
  if (raw.oneOf || raw.anyOf || Array.isArray(raw.type)) {
    if (raw.ref !== undefined) {
      cur.at('ref').error('union/ref', `'${name}' has ref: beside ${raw.oneOf ? 'oneOf:' : raw.anyOf ? 'anyOf:' : 'a list of types'}`, 'a union is defined in one place: define it as a shared property and refer to it, or remove ref:', { key: true });
      return undefined;
    }
    const shape = raw.oneOf || raw.anyOf ? resolveUnionKeyword(raw, cur, name) : resolveTypeList(raw, raw.type as string[], cur, name);
    return shape && withRequirements(raw, shape);
  }
  if (raw.discriminator !== undefined) cur.at('discriminator').error('union/discriminator', `discriminator of '${name}' has no oneOf: or anyOf: beside it`, 'remove discriminator:, or list the alternatives under oneOf:', { key: true });
  let refined: Shape | undefined = base;
  if (raw.ref !== undefined) {
    const entry = findShared(cur, raw.ref);
    if (!entry) {
      const candidates = [...cur.domainShared.keys(), ...cur.ctx.globalShared.keys()];
      cur.at('ref').error('ref/unknown-property', `unknown property ref '${raw.ref}'${suggestion(raw.ref, candidates)}`,
        `define '${raw.ref}' under properties: in this domain or in taxonomy/properties.yaml, or fix the name`);
      return undefined;
    }
    const target = resolveShared(entry, cur.ctx, entry.domain ? cur.domainShared : new Map());
    if (!target) return undefined;
    const { name: _n, domain: _d, required: _r, location: _l, ...shape } = target;
    refined = shape;
  }
  const type = (raw.type as PropertyType | undefined) ?? refined?.type;
  if (!type) {
    cur.error('property/no-type', `property '${name}' has neither a type nor a ref`,
      `add type: (string, integer, number, boolean, array or object) or ref: <shared property>`, { key: true });
    return undefined;
  }
  if (raw.type && refined && raw.type !== refined.type) {
    cur.at('type').error('property/type-mismatch', `property '${name}' is ${refined.type} in its ${raw.ref ? `ref '${raw.ref}'` : 'global definition'} but ${raw.type} here`,
      `remove type: here (it is inherited) or use a different property name`);
    return undefined;
  }

  const out: Record<string, unknown> = { ...(refined ?? {}), type };
  for (const k of SHAPE_KEYS) if (raw[k] !== undefined) out[k] = raw[k];
  for (const k of BOUNDS) if (raw[k] !== undefined) out[k] = exactIntegerAt(cur.file, [...cur.path, k], raw[k]!);
  if (raw.content_gated !== undefined) out.contentGated = raw.content_gated;
  if (raw.maximum_property !== undefined) out.maximumProperty = raw.maximum_property;
  if (raw.data_review !== undefined) out.dataReview = raw.data_review;
  if (raw.normalize !== undefined) out.normalize = { aliases: raw.normalize.aliases ?? {}, ...(raw.normalize.fallback !== undefined ? { fallback: raw.normalize.fallback } : {}) };
  if (raw.overflow !== undefined) out.overflow = raw.overflow;
  if (raw.json_value_max_length !== undefined) out.jsonValueMaxLength = raw.json_value_max_length;
  resolveLifecycle(raw, cur, name, refined, out);
  const ext = extensionsOf(raw);
  if (Object.keys(ext).length) out.extensions = { ...(refined?.extensions ?? {}), ...ext };

  // Enum: no duplicates, right type, and a refinement may only narrow.
  const rawValues = raw.enum ? enumValues(raw.enum) : undefined;
  if (raw.enum && rawValues) {
    out.enum = rawValues;
    const members = resolveEnumMembers(raw.enum, cur, name, refined);
    if (members) out.enumMembers = members;
    else delete out.enumMembers;
    const seen = new Set<string>();
    rawValues.forEach((v, i) => {
      const key = JSON.stringify(v);
      if (seen.has(key)) cur.at('enum', i).error('enum/duplicate-value', `enum value ${key} of '${name}' is listed twice`, 'remove the duplicate');
      seen.add(key);
      if (!scalarMatches(type, v)) cur.at('enum', i).error('enum/wrong-type', `enum value ${key} of '${name}' is not ${article(type)}`, `write it as ${article(type)} (quote strings that look like numbers)`);
    });
    if (refined?.enum) {
      const allowed = new Set(refined.enum.map((v) => JSON.stringify(v)));
      rawValues.forEach((v, i) => {
        if (!allowed.has(JSON.stringify(v))) cur.at('enum', i).error('enum/not-in-base', `enum value ${JSON.stringify(v)} of '${name}' is not allowed by the property it refines (${refined!.enum!.join(', ')})`, 'a refinement may only narrow the values; add the value to the shared property first');
      });
    }
  }
  raw.enum?.forEach((m, i) => checkExactInteger(cur, typeof m === 'object' && m !== null ? ['enum', i, 'value'] : ['enum', i], typeof m === 'object' && m !== null ? m.value : m, name, 'enum value'));
  if (raw.const !== undefined) checkExactInteger(cur, ['const'], raw.const, name, 'const');
  if (raw.const !== undefined && !scalarMatches(type, raw.const)) cur.at('const').error('property/wrong-const', `const ${JSON.stringify(raw.const)} of '${name}' is not ${article(type)}`, `write it as ${article(type)}`);
  if (raw.const !== undefined && refined?.enum && !refined.enum.includes(raw.const)) cur.at('const').error('enum/not-in-base', `const ${JSON.stringify(raw.const)} of '${name}' is not one of ${refined.enum.join(', ')}`, 'use one of the allowed values');
  if (raw.privacy !== undefined && !cur.ctx.privacyClasses.has(raw.privacy)) {
    cur.at('privacy').error('privacy/unknown-class', `unknown privacy class '${raw.privacy}'${suggestion(raw.privacy, cur.ctx.privacyClasses)}`, `use one of: ${[...cur.ctx.privacyClasses].join(', ')} (taxonomy/privacy.yaml)`);
  }
  // The schema only checks the shape YYYY-MM-DD: 2099-02-30 would be a waiver that never expires.
  if (raw.waiver?.expires !== undefined && !isCalendarDate(String(raw.waiver.expires))) {
    cur.at('waiver', 'expires').error('waiver/invalid-date', `waiver of '${name}' expires on '${String(raw.waiver.expires)}', which is not a calendar date`, 'write a real date YYYY-MM-DD (months 01-12, days that exist in that month)');
  }
  checkRuntimeRules(raw, cur, type, name, out.enum as readonly unknown[] | undefined, out.maxLength as number | undefined);
  if (raw.format !== undefined && type !== 'string') cur.at('format').error('property/format-not-string', `format '${raw.format}' applies to strings, but '${name}' is ${type}`, 'remove format: or change the type to string');
  if (raw.pattern !== undefined) {
    try { new RegExp(raw.pattern, 'u'); } catch (e) { cur.at('pattern').error('property/bad-pattern', `pattern of '${name}' is not a valid regular expression: ${(e as Error).message}`, 'fix the regular expression'); }
  }
  const lo = out.minimum as number | bigint | undefined, hi = out.maximum as number | bigint | undefined;
  if (lo !== undefined && hi !== undefined && lo > hi) cur.error('property/empty-range', `'${name}' has minimum ${lo} above maximum ${hi}`, 'swap or fix the bounds', { key: true });
  const isNum = type === 'integer' || type === 'number';
  if (raw.maximum_property !== undefined && !isNum) cur.at('maximum_property').error('property/constraint-type', `maximum_property applies to numbers, but '${name}' is ${type}`, 'remove maximum_property: or change the type');
  for (const k of ['minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'multipleOf'] as const) {
    if (raw[k] !== undefined && !isNum) cur.at(k).error('property/constraint-type', `${k} applies to numbers, but '${name}' is ${type}`, `remove ${k}: or change the type`);
  }
  for (const k of ['minLength', 'maxLength'] as const) {
    if (raw[k] !== undefined && type !== 'string') cur.at(k).error('property/constraint-type', `${k} applies to strings, but '${name}' is ${type}`, `remove ${k}:`);
  }

  if (type === 'array') {
    const [minItems, maxItems] = [out.minItems as number | undefined, out.maxItems as number | undefined];
    if (minItems !== undefined && maxItems !== undefined && minItems > maxItems) {
      cur.at(raw.minItems !== undefined ? 'minItems' : 'maxItems').error('property/empty-range', `'${name}' has minItems ${minItems} above maxItems ${maxItems}`, 'swap or fix the bounds');
    }
    if (raw.prefixItems) {
      const tuple = raw.prefixItems.map((r, i) => resolveShape(r, cur.at('prefixItems', i), refined?.prefixItems?.[i], `${name}[${i}]`));
      if (tuple.every((t) => t !== undefined)) out.prefixItems = tuple;
    }
    if (raw.items) {
      const items = resolveShape(raw.items, cur.at('items'), refined?.items, `${name}[]`);
      if (items) out.items = items;
    } else if (!refined?.items && !raw.prefixItems && !refined?.prefixItems) {
      cur.error('property/array-without-items', `array property '${name}' does not say what its items are`, 'add items: { type: string } (or the element shape; { type: json } for any value), or prefixItems: for a tuple', { key: true });
    }
  } else {
    for (const k of ['items', 'prefixItems'] as const) {
      if (raw[k]) cur.at(k).error('property/constraint-type', `${k}: applies to arrays, but '${name}' is ${type}`, `remove ${k}: or change the type to array`);
    }
  }

  if (type === 'object') {
    if (raw.properties) {
      out.properties = resolvePropertyMap(raw.properties, cur.at('properties'), refined?.properties, 'event');
    }
    delete out.values; delete out.patternProperties; delete out.minProperties; delete out.maxProperties;
    Object.assign(out, resolveObjectRules(raw, cur, refined, name, (out.properties as unknown[] | undefined)?.length ?? 0));
  } else {
    for (const k of ['properties', 'values', ...OBJECT_ONLY] as const) {
      if (raw[k] !== undefined) cur.at(k).error('property/constraint-type', `${k}: applies to objects, but '${name}' is ${type}`, `remove ${k}: or change the type to object`);
    }
  }
  return withRequirements(raw, out as unknown as Shape);
}

/**
 * An integer value a double cannot hold (beyond 2^53) is refused where it is written: bounds are
 * kept exactly, but enum and const values are compared as the JSON numbers apps send.
 */
function checkExactInteger(cur: Cursor, path: readonly (string | number)[], v: unknown, name: string, what: string): void {
  if (typeof v !== 'number') return;
  const exact = exactIntegerAt(cur.file, [...cur.path, ...path], v);
  if (typeof exact !== 'bigint' || BigInt(v) === exact) return;
  cur.at(...path).error('property/inexact-integer', `${what} ${exact} of '${name}' is beyond 2^53: a JSON number there is read as ${BigInt(v)}, so it cannot be matched exactly`,
    'write it as a string, or describe the range with minimum:/maximum: (bounds are kept exactly)');
}

/** `requires:` and `required_when:` as written (checked against the siblings by resolvePropertyMap). */
function withRequirements(raw: RawProperty, shape: Shape): Shape {
  if (raw.requires === undefined && raw.required_when === undefined) return shape;
  return {
    ...shape,
    ...(raw.requires !== undefined ? { requires: [...raw.requires] } : {}),
    ...(raw.required_when !== undefined ? { requiredWhen: { property: raw.required_when.property, in: [...raw.required_when.in] } } : {}),
  };
}

/**
 * Resolves a map of property uses. `bases` are properties being refined by name
 * (globals for an event, the ref's nested keys for a nested object).
 */
export function resolvePropertyMap(
  raw: Record<string, RawProperty>,
  cur: Cursor,
  bases: readonly Property[] | undefined,
  origin: Property['origin'],
): Property[] {
  const resolved = new Map<string, Property>();
  const byName = new Map((bases ?? []).map((p) => [p.name, p] as const));
  for (const [name, rawProp] of Object.entries(raw)) {
    const pc = cur.at(name);
    const base = byName.get(name);
    const shape = resolveShape(rawProp, pc, rawProp.ref === undefined ? base : undefined, name);
    if (!shape) continue;
    resolved.set(name, {
      ...shape, name,
      required: rawProp.required ?? (rawProp.ref !== undefined ? requiredOfRef(pc, rawProp.ref) : base?.required) ?? false,
      ...(rawProp.ref !== undefined ? { ref: rawProp.ref } : base?.ref !== undefined ? { ref: base.ref } : {}),
      origin: base && rawProp.ref === undefined ? base.origin : origin,
      location: pc.location({ key: true }),
    });
  }
  // Base keys first, in their order (refined where mentioned), then the new ones.
  const out: Property[] = [];
  for (const b of bases ?? []) if (resolved.has(b.name) || !(b.name in raw)) out.push(resolved.get(b.name) ?? b);
  for (const p of resolved.values()) if (!byName.has(p.name)) out.push(p);
  checkMaximumProperties(out, raw, cur);
  checkSiblingRequirements(out, raw, cur);
  checkSiblingRenames(out, raw, cur);
  return out;
}

/**
 * `maximum_property:` names a sibling in the same object (the event's properties, or a nested
 * object's keys) that is a number too, and not the property itself.
 */
function checkMaximumProperties(props: readonly Property[], raw: Record<string, RawProperty>, cur: Cursor): void {
  for (const p of props) {
    const bound = p.maximumProperty;
    if (bound === undefined) continue;
    const at = raw[p.name]?.maximum_property !== undefined ? cur.at(p.name, 'maximum_property') : cur.at(p.name);
    const sibling = props.find((s) => s.name === bound);
    if (bound === p.name) {
      at.error('property/bad-maximum-property', `maximum_property of '${p.name}' names the property itself`, 'name the sibling property that bounds it (e.g. maxScore), or remove maximum_property:');
    } else if (!sibling) {
      at.error('ref/unknown-maximum-property', `maximum_property of '${p.name}' names '${bound}', which is not a property beside it${suggestion(bound, props.map((s) => s.name))}`,
        `add '${bound}' to the same properties: map, or fix the name`);
    } else if (sibling.type !== 'integer' && sibling.type !== 'number') {
      at.error('property/bad-maximum-property', `maximum_property of '${p.name}' names '${bound}', which is ${sibling.type}, not a number`, `bound '${p.name}' by a numeric property`);
    }
  }
}

function requiredOfRef(cur: Cursor, ref: string): boolean | undefined {
  const entry = cur.domainShared.get(ref) ?? cur.ctx.globalShared.get(ref);
  return entry?.raw.required;
}

/** YYYY-MM-DD naming a day that exists (no 2025-02-30, no month 13). */
export function isCalendarDate(s: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

/** normalize: maps onto the enum; overflow and json_value_max_length need a string with maxLength. */
function checkRuntimeRules(raw: RawProperty, cur: Cursor, type: string, name: string, values: readonly unknown[] | undefined, maxLength: number | undefined): void {
  if (raw.normalize !== undefined) {
    if (type !== 'string' || !values) {
      cur.at('normalize').error('property/normalize-needs-enum', `normalize: of '${name}' needs a string property with an enum`, 'add enum: with the canonical values, or remove normalize:');
    } else {
      for (const key of Object.keys(raw.normalize.aliases ?? {})) {
        if (!values.includes(key)) cur.at('normalize', 'aliases', key).error('property/normalize-unknown-value', `normalize alias target '${key}' of '${name}' is not one of ${values.join(', ')}`, 'map aliases onto enum values only');
      }
      const fb = raw.normalize.fallback;
      if (fb !== undefined && !values.includes(fb)) cur.at('normalize', 'fallback').error('property/normalize-unknown-value', `normalize fallback '${fb}' of '${name}' is not one of ${values.join(', ')}`, 'use an enum value as the fallback');
    }
  }
  if (raw.overflow !== undefined && (type !== 'string' || maxLength === undefined)) {
    cur.at('overflow').error('property/overflow-needs-max-length', `overflow: of '${name}' needs a string property with maxLength`, 'add maxLength:, or remove overflow:');
  }
  if (raw.json_value_max_length !== undefined && type !== 'string') {
    cur.at('json_value_max_length').error('property/json-value-max-length-not-string', `json_value_max_length of '${name}' applies to strings, but '${name}' is ${type}`, 'remove json_value_max_length: or change the type to string');
  }
}
