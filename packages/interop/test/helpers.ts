import fc from 'fast-check';
import { stringify } from 'yaml';
import { ISO_4217_CODES, loadTaxonomyFromFiles, type Property, type Shape, type TaxonomyModel } from '@taxonomy/core';

export const ROOT = 'name: roundtrip\nversion: 1.0.0\nvendor: com.example\n';
export const PRIVACY = 'classes:\n  internal: { description: internal, sensitivity: 1 }\n  pii: { description: pii, sensitivity: 5 }\n';

/** Loads one domain file next to a minimal root (and privacy classes); fails the test on errors. */
export function loadDomain(yamlText: string, domain = 'rt'): TaxonomyModel {
  const r = loadTaxonomyFromFiles([
    { path: 'taxonomy.yaml', contents: ROOT },
    { path: 'privacy.yaml', contents: PRIVACY },
    { path: `domains/${domain}.yaml`, contents: yamlText },
  ]);
  const errors = r.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length || !r.model) throw new Error(`domain does not load:\n${errors.map((d) => `${d.location?.line}:${d.location?.column} ${d.message}`).join('\n')}\n---\n${yamlText}`);
  return r.model;
}

// currency: the seed's hand-written pattern, and the ISO 4217 list the json-schema generator writes.
const FORMAT_PATTERNS: Record<string, readonly string[]> = { currency: ['^[A-Z]{3}$', `^(?:${ISO_4217_CODES.join('|')})$`], semver: ['^\\d+\\.\\d+\\.\\d+(?:-[0-9A-Za-z.-]+)?(?:\\+[0-9A-Za-z.-]+)?$'] };

const SHAPE_KEYS = ['type', 'description', 'format', 'enum', 'const', 'minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'multipleOf', 'minLength', 'maxLength',
  'pattern', 'minItems', 'maxItems', 'uniqueItems', 'nullable', 'privacy', 'cardinality', 'unit', 'examples', 'waiver', 'contentGated'] as const;

/** A shape as plain data: what it means on the wire, not where it was written (no ref, origin, location); false flags dropped. */
export function normShape(s: Shape): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k of SHAPE_KEYS) if (s[k] !== undefined && s[k] !== false) out[k] = s[k];
  // A hand-written pattern equal to the one its format stands for says nothing more
  // (the seed writes format: currency with pattern ^[A-Z]{3}$); JSON Schema cannot tell them apart.
  if (s.format && FORMAT_PATTERNS[s.format]?.includes(out.pattern as string)) delete out.pattern;
  if (s.items) out.items = normShape(s.items);
  if (s.properties) out.properties = s.properties.map(normProp);
  if (s.values) out.values = normShape(s.values);
  return out;
}

export const normProp = (p: Property) => ({ name: p.name, ...(p.required ? { required: true } : {}), ...normShape(p) });

/** Keys in name order at every depth (for sources that sort keys, like stableJson output). */
function sortDeep(v: unknown): unknown {
  if (Array.isArray(v)) {
    const items = v.map(sortDeep);
    return items.every((x) => x && typeof x === 'object' && 'name' in (x as object)) ? [...items].sort((a, b) => ((a as { name: string }).name < (b as { name: string }).name ? -1 : 1)) : items;
  }
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, sortDeep(x)]));
  return v;
}

/** The events of a model as what an export target can carry: name, version, description, payload. */
export function normEvents(m: TaxonomyModel, opts: { person?: boolean; ignoreOrder?: boolean } = {}) {
  const out = m.events.map((e) => ({
    name: e.name, version: e.version, ...(e.description ? { description: e.description } : {}),
    properties: e.properties.map(normProp),
    ...(opts.person ? { set: e.personProperties.set.map(normProp), setOnce: e.personProperties.setOnce.map(normProp) } : {}),
  }));
  return opts.ignoreOrder ? (sortDeep(out) as typeof out) : out;
}

// ---- Random domains (fast-check) --------------------------------------------------------

const word = fc.stringMatching(/^[a-z][a-z0-9]{0,6}$/);
const key = fc.stringMatching(/^[a-z][a-z0-9_]{0,10}$/).filter((k) => !['constructor', 'prototype'].includes(k));
const text = fc.string({ minLength: 1, maxLength: 30 }).map((s) => s.replace(/[\u0000-\u001f]/g, ' ').trim()).filter((s) => s.length > 0);
const maybe = <T>(a: fc.Arbitrary<T>) => fc.option(a, { nil: undefined });

function common(): fc.Arbitrary<Record<string, unknown>> {
  return fc.record({
    description: maybe(text),
    nullable: maybe(fc.constant(true)),
    privacy: maybe(fc.constantFrom('internal', 'pii')),
    cardinality: maybe(fc.constantFrom('low', 'high')),
  }, { requiredKeys: [] });
}

const stringShape = fc.record({
  type: fc.constant('string'),
  format: maybe(fc.constantFrom('uuid', 'date-time', 'email', 'uri', 'date', 'currency', 'semver')),
  enum: maybe(fc.uniqueArray(word, { minLength: 1, maxLength: 4 })),
  minLength: maybe(fc.integer({ min: 0, max: 5 })),
  maxLength: maybe(fc.integer({ min: 6, max: 50 })),
  pattern: maybe(fc.constantFrom('^[a-z]+$', '^\\d{3}-[A-Z]{2}$', 'x|y')),
  examples: maybe(fc.array(word, { minLength: 1, maxLength: 3 })),
}, { requiredKeys: ['type'] });

const numberShape = fc.oneof(
  fc.record({ type: fc.constant('integer'), minimum: maybe(fc.integer({ min: -10, max: 0 })), maximum: maybe(fc.integer({ min: 1, max: 1000 })), enum: maybe(fc.uniqueArray(fc.integer({ min: 0, max: 9 }), { minLength: 1, maxLength: 3 })), unit: maybe(fc.constantFrom('ms', 'bytes')) }, { requiredKeys: ['type'] }),
  fc.record({ type: fc.constant('number'), exclusiveMinimum: maybe(fc.constantFrom(0, 0.5)), exclusiveMaximum: maybe(fc.constantFrom(10, 99.5)), multipleOf: maybe(fc.constantFrom(0.5, 2)) }, { requiredKeys: ['type'] }),
);
const boolShape = fc.record({ type: fc.constant('boolean'), const: maybe(fc.boolean()) }, { requiredKeys: ['type'] });
const scalarShape = fc.oneof(stringShape, numberShape, boolShape);

/** A raw property (as written in a domain file), nested up to `depth` levels. */
function rawProperty(depth: number): fc.Arbitrary<Record<string, unknown>> {
  const leaf = fc.tuple(scalarShape, common(), maybe(fc.constant(true))).map(([s, c, required]) => ({ ...s, ...c, ...(required ? { required } : {}) }));
  if (depth <= 0) return leaf;
  const array = fc.record({
    items: rawProperty(depth - 1).map(({ required: _r, ...p }) => p),
    minItems: maybe(fc.integer({ min: 0, max: 2 })), maxItems: maybe(fc.integer({ min: 3, max: 10 })), uniqueItems: maybe(fc.constant(true)),
  }, { requiredKeys: ['items'] }).map((a) => ({ type: 'array', ...a }));
  const object = fc.uniqueArray(fc.tuple(key, rawProperty(depth - 1)), { minLength: 1, maxLength: 3, selector: (t) => fold(t[0]) })
    .map((entries) => ({ type: 'object', properties: Object.fromEntries(entries) }));
  const map = rawProperty(0).map(({ required: _r, ...v }) => ({ type: 'object', values: v }));
  return fc.tuple(fc.oneof({ weight: 4, arbitrary: leaf }, array, object, map), common(), maybe(fc.constant(true)))
    .map(([p, c, required]) => ({ ...c, ...p, ...(required ? { required } : {}) }));
}

const eventName = fc.oneof(
  fc.tuple(word, word).map(([a, b]) => `${a}_${b}`),
  fc.tuple(word, word).map(([a, b]) => `${a}.${b}_done`),
);

/** A random domain file (YAML text) with 1–6 events; every event is valid for the loader. */
/** Names unique under case and separator folding: the loader refuses two that fold together (identity/*). */
const fold = (n: string) => n.toLowerCase().replace(/[._\-\s]/g, '');

export const randomDomain: fc.Arbitrary<string> = fc.uniqueArray(
  fc.record({
    name: eventName,
    version: fc.integer({ min: 1, max: 3 }),
    description: maybe(text),
    properties: fc.uniqueArray(fc.tuple(key, rawProperty(2)), { maxLength: 5, selector: (t) => fold(t[0]) }),
  }, { requiredKeys: ['name', 'version', 'properties'] }),
  { minLength: 1, maxLength: 6, selector: (e) => fold(e.name) },
).map((events) => stringify({
  domain: 'rt',
  events: Object.fromEntries(events.map((e) => [e.name, {
    version: e.version,
    ...(e.description ? { description: e.description } : {}),
    properties: Object.fromEntries(e.properties),
  }])),
}));
