import { PROPERTY_NAME, foldsToNothing, safePropertyName, type DraftMap, type DraftProperty, type Scalar } from './draft.js';
import { escapePointer } from './json.js';
import type { ConverterHost } from './schema-host.js';
import { whereOf, type SchemaSource } from './schema-refs.js';
import { conditionOf, isObject, show } from './schema-forms.js';

/**
 * The object part of the JSON Schema converter (schema.ts): declared keys, what an object takes
 * beyond them (additionalProperties, patternProperties, key counts), and the requirements between
 * its keys (dependencies / dependentRequired → `requires:`, if/then → `required_when:`).
 */

/** Keys of an object: declared ones, the rest (values, patternProperties), counts, requires and required_when. */
export function objectKeys(host: ConverterHost, s: Record<string, unknown>, source: SchemaSource, pointer: string, name: string, p: DraftProperty): { omitted: string } | undefined {
  const required = new Set(Array.isArray(s.required) ? s.required.map(String) : []);
  const props = isObject(s.properties) ? s.properties : {};
  const ap = s.additionalProperties;
  const payload = host.takePayload();
  // A nested object that declares no key is free-form in the taxonomy (`type: object`, as the
  // generator writes it); closed, it accepts only {} (maxProperties: 0). A payload is never free-form.
  const declares = Object.keys(props).length > 0 || required.size > 0 || isObject(s.patternProperties) || s.dependencies !== undefined || s.dependentRequired !== undefined || s.if !== undefined || Array.isArray(s.allOf);
  if (!payload && !declares && (ap === undefined || ap === true || ap === false)) {
    if (ap === false && !(typeof s.maxProperties === 'number' && s.maxProperties === 0)) p.maxProperties = 0;
    for (const k of ['minProperties', 'maxProperties'] as const) if (typeof s[k] === 'number') p[k] = s[k] as number;
    return undefined;
  }
  if (ap === false) { /* closed */ } else if (ap === undefined || ap === true) {
    if (host.lossless) p.values = { type: 'json' };
  } else {
    const v = host.convert(ap, source, `${pointer}/additionalProperties`, `${name}.*`);
    if ('omitted' in v) host.todo(p, `the values of this map ${v.omitted}`);
    else p.values = v.prop;
  }
  if (isObject(s.patternProperties)) {
    p.patternProperties = new Map();
    for (const [re, sub] of Object.entries(s.patternProperties)) {
      const at = `${pointer}/patternProperties/${escapePointer(re)}`;
      try { new RegExp(re, 'u'); } catch { return host.cannot(source, at, `patternProperties of '${name}': ${show(re)} is not a regular expression`, 'fix the pattern'); }
      const v = host.convert(sub, source, at, `${name}[${re}]`);
      if ('omitted' in v) return v;
      p.patternProperties.set(re, v.prop);
    }
  }
  for (const k of ['minProperties', 'maxProperties'] as const) if (typeof s[k] === 'number') p[k] = s[k] as number;
  // Names a rule mentions that `properties` does not declare: in an open object they may hold
  // any value the object allows, so they are declared with that shape; in a closed one they
  // can never be present.
  const mentioned = new Set<string>(required);
  const deps = dependencies(host, s, source, pointer, name);
  if ('omitted' in deps) return deps;
  for (const [k, list] of deps.map) { mentioned.add(k); list.forEach((x) => mentioned.add(x)); }
  const conds = conditions(host, s, source, pointer, name);
  if ('omitted' in conds) return conds;
  for (const c of conds.list) { mentioned.add(c.property); c.then.forEach((x) => mentioned.add(x)); }
  const all: Record<string, unknown> = { ...props };
  for (const k of mentioned) {
    if (k in all) continue;
    if (!p.values && !p.patternProperties?.size) {
      if (required.has(k)) return host.cannot(source, `${pointer}/required`, `'${name}' requires '${k}', which its closed object does not declare: nothing is valid`, `declare '${k}' under properties`);
      continue;
    }
    const matching = [...(p.patternProperties ?? [])].filter(([re]) => new RegExp(re, 'u').test(k));
    if (matching.length) return host.cannot(source, `${pointer}/required`, `'${name}' mentions '${k}' without declaring it, and patternProperties match it`, `declare '${k}' under properties`);
    all[k] = ap === undefined || ap === true ? {} : ap;
    host.guessed(source, pointer, `'${name}' mentions '${k}' (required, dependencies or if/then) without declaring it: declared with the shape of the object's other values`);
  }
  if (Object.keys(all).length) {
    const pm = propertyMap(host, all, required, source, `${pointer}/properties`, p, name);
    if ('omitted' in pm) return pm;
    p.properties = pm.map;
    const named = (k: string) => pm.names.get(k) ?? k;
    for (const [k, list] of deps.map) {
      const prop = p.properties.get(named(k));
      if (prop) prop.requires = [...new Set([...(prop.requires ?? []), ...list.map(named)])];
    }
    for (const c of conds.list) {
      for (const x of c.then) {
        const prop = p.properties.get(named(x));
        if (!prop) continue;
        if (prop.requiredWhen) return host.cannot(source, pointer, `'${x}' of '${name}' is required under two conditions; the taxonomy holds one required_when per property`, 'merge the conditions into one (one property, its values)');
        if (prop.required) continue;
        prop.requiredWhen = { property: named(c.property), in: c.in };
      }
    }
  }
  return undefined;
}

/** dependencies (draft-04..07, array form) and dependentRequired (2019+): key → the keys it requires. */
function dependencies(host: ConverterHost, s: Record<string, unknown>, source: SchemaSource, pointer: string, name: string): { map: Map<string, string[]> } | { omitted: string } {
  const map = new Map<string, string[]>();
  for (const kw of ['dependencies', 'dependentRequired'] as const) {
    if (s[kw] === undefined) continue;
    if (!isObject(s[kw])) return host.cannot(source, `${pointer}/${kw}`, `${kw} of '${name}' is not an object`, 'write { key: [keys it requires] }');
    for (const [k, v] of Object.entries(s[kw] as Record<string, unknown>)) {
      if (!Array.isArray(v) || !v.every((x) => typeof x === 'string')) return host.cannot(source, `${pointer}/${kw}/${escapePointer(k)}`, `${kw} of '${name}' makes '${k}' depend on a schema (dependentSchemas): the taxonomy holds only "requires these keys"`, 'write it as a list of the keys it requires, or as a oneOf of the two shapes');
      map.set(k, [...new Set([...(map.get(k) ?? []), ...(v as string[])])]);
    }
  }
  return { map };
}

/** if/then at the object and in its allOf, each of the required_when form. */
function conditions(host: ConverterHost, s: Record<string, unknown>, source: SchemaSource, pointer: string, name: string): { list: { property: string; in: Scalar[]; then: string[] }[] } | { omitted: string } {
  const found: { c: unknown; at: string }[] = [];
  if ('if' in s || 'then' in s) found.push({ c: { if: s.if, then: s.then, ...('else' in s ? { else: s.else } : {}) }, at: pointer });
  if (Array.isArray(s.allOf)) s.allOf.forEach((c, i) => found.push({ c, at: `${pointer}/allOf/${i}` }));
  const list: { property: string; in: Scalar[]; then: string[] }[] = [];
  for (const { c, at } of found) {
    const r = conditionOf(c);
    if (typeof r === 'string') return host.cannot(source, at, `if/then of '${name}' is not a conditional requirement the taxonomy holds: ${r}`, 'write it as { if: { properties: { p: { enum: [...] } }, required: [p] }, then: { required: [...] } }, or check it outside the taxonomy');
    list.push(r);
  }
  return { list };
}

/** The keys of an object schema; keys the format cannot hold keep their wire name as x-wire-name. */
function propertyMap(host: ConverterHost, props: Record<string, unknown>, required: ReadonlySet<string>, source: SchemaSource, pointer: string, parent: { todos?: string[] }, owner: string): { map: DraftMap; names: Map<string, string> } | { omitted: string } {
  const out: DraftMap = new Map();
  const names = new Map<string, string>();
  for (const [key, sub] of Object.entries(props)) {
    const at = `${pointer}/${escapePointer(key)}`;
    if (foldsToNothing(key)) return host.cannot(source, at, `property key ${show(key)} of '${owner}' has no letter or digit: its name is empty after folding`, 'rename the key at the source (letters, digits and _)');
    const c = host.convert(sub, source, at, key);
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
      host.finding({ where: whereOf(source, at), message: `property key '${key}' of '${owner}' is not a valid taxonomy key; imported as '${name}' with x-wire-name: '${key}'`, hint: 'rename it at the source if you can (letters, digits and _ only); generated code uses the imported name' });
    }
    names.set(key, name);
    out.set(name, prop);
  }
  return { map: out, names };
}
