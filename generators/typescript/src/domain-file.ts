import type { IntegerRange, KeyRules, ShapeRules, TupleRules } from '@taxonomy/runtime';
import type { ObjectRules, Shape, TaxonomyEvent } from '@taxonomy/core';
import { reachesBeyondDouble } from './shape-facts.js';
import { jsDoc, paragraphs } from './jsdoc.js';
import { multiLineObject, objectKey } from './literal.js';
import type { DomainView, EventView } from './view.js';

/** What to print a module as: TypeScript source, its JavaScript, or its declarations. */
export type Flavour = 'ts' | 'js' | 'dts';

/** The runtime spec of one event: only the facts the runtime consumes, empty ones left out. */
export function specValue(ev: EventView): Record<string, unknown> {
  const e = ev.event;
  const spec: Record<string, unknown> = { event: e.name, version: e.version, domain: e.domain, destinations: [...e.destinations], kinds: [...ev.kinds] };
  if (e.critical) spec.critical = true;
  if (ev.content.length) spec.content = ev.content;
  if (ev.redact.length) spec.redact = ev.redact;
  if (ev.keep.length) spec.keep = ev.keep;
  if (ev.globalKeys.length) spec.globals = ev.globalKeys;
  if (ev.clockKeys.length) spec.clock = ev.clockKeys;
  if (Object.keys(ev.fixed).length) spec.fixed = ev.fixed;
  if (ev.labels) spec.labels = ev.labels;
  if (ev.metrics) spec.metrics = ev.metrics;
  if (e.expires) spec.expires = e.expires;
  const currency = e.properties.filter((p) => p.format === 'currency').map((p) => p.name);
  if (currency.length) spec.currency = currency;
  const atMost = e.properties.filter((p) => p.maximumProperty !== undefined);
  if (atMost.length) spec.atMost = Object.fromEntries(atMost.map((p) => [p.name, p.maximumProperty!]));
  if (e.dedupeBy) spec.dedupe = e.dedupeBy;
  Object.assign(spec, runtimeRules(e));
  if (e.status === 'deprecated' || e.deprecated) spec.deprecated = e.deprecated?.replacement ? { replacement: e.deprecated.replacement } : {};
  return spec;
}

/** Seed 003's rules the runtimes apply (TypeScript, Python, Go): normalisation, string limits, distinct_id candidates; and the shape rules no type holds. */
export interface RuntimeRules {
  normalize?: Record<string, { values: Record<string, string>; fallback?: string }>;
  limits?: Record<string, { maxLength?: number; overflow?: string; jsonValueMaxLength?: number }>;
  distinctId?: { property: string; prefix?: string }[];
  shapes?: ShapeRules;
}

/** The shape rules of an event the trackers check (its own properties' `requires:`, `required_when:`, key counts and patterns; the payload's). */
export function shapeRules(e: Pick<TaxonomyEvent, 'properties'> & ObjectRules): ShapeRules | undefined {
  const requires: Record<string, string[]> = {};
  const requiredWhen: Record<string, { property: string; in: (string | number | boolean)[] }> = {};
  const keys: Record<string, KeyRules> = {};
  const tuples: Record<string, TupleRules> = {};
  const ranges: Record<string, IntegerRange> = {};
  for (const p of e.properties) {
    if (p.type === 'array' && p.prefixItems) tuples[p.name] = tupleRules(p);
    if (p.requires?.length) requires[p.name] = [...p.requires];
    if (p.requiredWhen) requiredWhen[p.name] = { property: p.requiredWhen.property, in: [...p.requiredWhen.in] };
    if (p.type === 'object') { const k = keyRules(p); if (k) keys[p.name] = k; }
    const range = exactRange(p);
    if (range) ranges[p.name] = range;
  }
  const out: ShapeRules = {
    ...(Object.keys(requires).length ? { requires } : {}),
    ...(Object.keys(requiredWhen).length ? { requiredWhen } : {}),
    ...(Object.keys(keys).length ? { keys } : {}),
    ...(Object.keys(tuples).length ? { tuples } : {}),
    ...(Object.keys(ranges).length ? { ranges } : {}),
  };
  const payload = keyRules(e);
  if (payload) (out as { payload?: KeyRules }).payload = payload;
  return Object.keys(out).length ? out : undefined;
}

/** The JSON types a shape's values may have, as a tuple rule's kind (`integer|null`; empty: any). */
export function jsonKind(s: Shape): string {
  if (s.type === 'json') return '';
  const kinds = s.type === 'union' ? (s.union?.variants ?? []).map(jsonKind) : [s.type];
  if (kinds.includes('')) return '';
  return [...new Set([...kinds.flatMap((k) => k.split('|')), ...(s.nullable ? ['null'] : [])])].join('|');
}

/** A tuple's element count and element kinds (checked by every runtime: Python types an open tuple as a Sequence). */
function tupleRules(s: Shape): TupleRules {
  return {
    ...(s.minItems !== undefined ? { min: s.minItems } : {}),
    ...(s.maxItems !== undefined ? { max: s.maxItems } : {}),
    kinds: s.prefixItems!.map(jsonKind),
    ...(s.items ? { rest: jsonKind(s.items) } : {}),
  };
}

/**
 * The exact bounds of an integer property whose range reaches beyond 2^53 (or of the one
 * integer alternative of a union), which the tracker compares exactly with a number or bigint.
 */
function exactRange(p: Shape): IntegerRange | undefined {
  const ints = p.type === 'union' ? (p.union?.variants ?? []).filter((v) => v.type === 'integer' || v.type === 'number') : [p];
  const s = ints.length === 1 && ints[0]!.type === 'integer' ? ints[0]! : undefined;
  if (!s || !reachesBeyondDouble(s)) return undefined;
  const out: { -readonly [K in keyof IntegerRange]: IntegerRange[K] } = {};
  for (const k of ['minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum'] as const) if (s[k] !== undefined) out[k] = s[k];
  return out;
}

/** Key counts, and the patterns of an object that takes no other undeclared key. */
function keyRules(s: ObjectRules & { readonly properties?: readonly { readonly name: string }[] }): KeyRules | undefined {
  const patterns = !s.values && s.patternProperties?.length ? s.patternProperties.map((p) => p.pattern) : undefined;
  if (s.minProperties === undefined && s.maxProperties === undefined && !patterns) return undefined;
  return {
    ...(s.minProperties !== undefined ? { min: s.minProperties } : {}),
    ...(s.maxProperties !== undefined ? { max: s.maxProperties } : {}),
    ...(patterns ? { patterns, declared: (s.properties ?? []).map((p) => p.name) } : {}),
  };
}

/** The runtime rules of an event, only those it has (empty ones left out). */
export function runtimeRules(e: EventView['event']): RuntimeRules {
  const out: RuntimeRules = {};
  const normalize: Record<string, { values: Record<string, string>; fallback?: string }> = {};
  const limits: Record<string, { maxLength?: number; overflow?: string; jsonValueMaxLength?: number }> = {};
  for (const p of e.properties) {
    if (p.normalize && p.enum) {
      // Lower-case spelling -> canonical value, canonical values first so an alias never shadows one.
      const values: Record<string, string> = {};
      for (const v of p.enum) values[String(v).toLowerCase()] = String(v);
      for (const [canon, aliases] of Object.entries(p.normalize.aliases).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
        for (const a of aliases) { const k = a.trim().toLowerCase(); if (!(k in values)) values[k] = canon; }
      }
      normalize[p.name] = p.normalize.fallback !== undefined ? { values, fallback: p.normalize.fallback } : { values };
    }
    if (p.overflow === 'empty' || p.jsonValueMaxLength !== undefined) {
      limits[p.name] = {
        ...(p.maxLength !== undefined ? { maxLength: p.maxLength } : {}),
        ...(p.overflow ? { overflow: p.overflow } : {}),
        ...(p.jsonValueMaxLength !== undefined ? { jsonValueMaxLength: p.jsonValueMaxLength } : {}),
      };
    }
  }
  if (Object.keys(normalize).length) out.normalize = normalize;
  if (Object.keys(limits).length) out.limits = limits;
  if (e.distinctId) out.distinctId = e.distinctId.map((c) => (c.prefix !== undefined ? { property: c.property, prefix: c.prefix } : { property: c.property }));
  const shapes = shapeRules(e);
  if (shapes) out.shapes = shapes;
  return out;
}

/** `(properties, person) => tracker.track(spec_x, properties, person)`; every name in it is a validated identifier. */
function methodBody(ev: EventView): string {
  return ev.personType
    ? `(properties, person) => tracker.track(${ev.specName}, properties, person)`
    : `properties => tracker.track(${ev.specName}, properties)`;
}

/**
 * domains/<key>: the specs and the binder of one domain, importable alone (tree-shaking).
 * Printed directly in each flavour: domain modules hold nearly all the code. The layout
 * (spec objects indented twice, a blank line before the function) is the one ts-morph
 * printed, kept so the output does not change.
 */
export function domainText(d: DomainView, flavour: Flavour = 'ts'): string {
  const typed = flavour !== 'js';
  const declare = flavour === 'dts' ? 'declare ' : '';
  let out = typed
    ? `import type { EventSpec, Tracker } from "@taxonomy/runtime";\nimport type { Globals, ${d.interfaceName} } from "../types.js";\n`
    : '';
  for (const ev of d.events.flatMap((x) => [x, ...x.older])) {
    if (typed) out += jsDoc(paragraphs(`Routing, criticality and privacy facts of \`${ev.event.name}\`${ev.olderOf ? ` v${ev.event.version} (an older live version)` : ''}.`), '');
    out += `export ${declare}const ${ev.specName}${typed ? ': EventSpec' : ''}`;
    out += declare ? ';\n' : ` = ${multiLineObject(specValue(ev), '        ', '    ')};\n`;
  }
  if (typed) out += jsDoc(paragraphs(`Specs of the \`${d.domain.name}\` domain by event name.`), '');
  out += `export ${declare}const specs${typed ? ': Readonly<Record<string, EventSpec>>' : ''}`;
  out += declare ? ';\n' : ` = ${block(d.events.map((ev) => [objectKey(ev.event.name), ev.specName]), '        ', '    ')};\n`;
  out += '\n';
  if (typed) out += jsDoc(paragraphs(`Binds the \`${d.domain.name}\` methods to a runtime tracker. Importing this alone bundles only this domain.`), '');
  out += typed
    ? `export ${declare}function ${d.key}<G extends Globals = {}>(tracker: Tracker<G>): ${d.interfaceName}<G>`
    : `export function ${d.key}(tracker)`;
  if (declare) return `${out};\n`;
  return `${out} {\n    return ${block(d.events.flatMap((x) => [x, ...x.older]).map((ev) => [ev.method, methodBody(ev)]), '        ', '    ')};\n}\n`;
}

/**
 * `{ k: v, … }` one entry a line, `{}` when empty. A repeated key (only a forged model
 * repeats an event name) is written once, where it first appears, with its last value:
 * what the object it was printed from before held.
 */
function block(entries: readonly (readonly [string, string])[], indent: string, closeIndent: string): string {
  const unique = new Map(entries);
  return unique.size ? `{\n${[...unique].map(([k, v]) => `${indent}${k}: ${v}`).join(',\n')}\n${closeIndent}}` : '{}';
}
