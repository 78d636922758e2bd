import type { Property, SourceLocation, TaxonomyEvent, TaxonomyModel, Waiver } from '@taxonomy/core';

/** One property of an event at any depth, with what it inherits from its parents. */
export interface PropertyVisit {
  readonly event: TaxonomyEvent;
  readonly property: Property;
  /** Dotted path: `metadata.user_info.email`, `$set_once.email`. */
  readonly path: string;
  /** The waiver on the property or on the closest parent that has one. */
  readonly waiver?: Waiver;
  /** True when the property has declared keys (its class summarises theirs). */
  readonly container: boolean;
}

function* visit(event: TaxonomyEvent, props: readonly Property[], prefix: string, waiver: Waiver | undefined): Generator<PropertyVisit> {
  for (const p of props) {
    const path = prefix ? `${prefix}.${p.name}` : p.name;
    const w = p.waiver ?? waiver;
    const nested = p.properties ?? p.items?.properties;
    const variants = (p.union ?? p.items?.union)?.variants ?? [];
    // A tuple's object elements (and their object alternatives) sit at `<path>[<i>]`.
    const elements = p.prefixItems ?? [];
    const hasKeys = (s: { readonly properties?: readonly Property[]; readonly union?: { readonly variants: readonly { readonly properties?: readonly Property[] }[] } }) =>
      !!s.properties?.length || !!s.union?.variants.some((v) => v.properties?.length);
    yield { event, property: p, path, waiver: w, container: !!nested?.length || variants.some((v) => v.properties?.length) || elements.some(hasKeys) };
    if (nested) yield* visit(event, nested, p.items?.properties ? `${path}[]` : path, w);
    // The keys of an object alternative of a union: `payment|2.iban` is the second alternative's.
    for (const [i, v] of variants.entries()) if (v.properties) yield* visit(event, v.properties, `${p.items?.union ? `${path}[]` : path}|${i + 1}`, w);
    for (const [i, e] of elements.entries()) {
      if (e.properties) yield* visit(event, e.properties, `${path}[${i}]`, w);
      for (const [j, v] of (e.union?.variants ?? []).entries()) if (v.properties) yield* visit(event, v.properties, `${path}[${i}]|${j + 1}`, w);
    }
  }
}

/**
 * Every property of an event, depth first, person properties last, then the own properties of
 * its older live versions (`versions:`) and of every earlier revision (`revisions:`): apps still send them, so privacy and documentation
 * rules see them too, each at its own line (their globals are the event's).
 */
export function* eventProperties(event: TaxonomyEvent): Generator<PropertyVisit> {
  yield* visit(event, event.properties, '', undefined);
  yield* visit(event, event.personProperties.set, '$set', undefined);
  yield* visit(event, event.personProperties.setOnce, '$set_once', undefined);
  for (const v of event.versions ?? []) if (v.frozen) yield* visit(event, v.properties.filter((p) => p.origin === 'event'), '', undefined);
  // Earlier revisions of each version (`revisions:`) are sent too.
  for (const v of event.versions ?? []) for (const r of v.revisions ?? []) yield* visit(event, r.properties.filter((p) => p.origin === 'event'), '', undefined);
}

/** Every property of every event. */
export function* allProperties(model: TaxonomyModel): Generator<PropertyVisit> {
  for (const e of model.events) yield* eventProperties(e);
}

const locKey = (l: SourceLocation) => `${l.file}:${l.line}:${l.column}`;

/**
 * Groups visits by the place they are defined: a shared property used by forty events
 * is one finding naming the events, not forty findings at the same line.
 */
export function byDefinition<T extends PropertyVisit>(visits: Iterable<T>): { first: T; events: string[] }[] {
  const out = new Map<string, { first: T; events: string[] }>();
  for (const v of visits) {
    const k = `${locKey(v.property.location)}\u0000${v.path}`;
    const cur = out.get(k);
    if (cur) { if (!cur.events.includes(v.event.name)) cur.events.push(v.event.name); }
    else out.set(k, { first: v, events: [v.event.name] });
  }
  return [...out.values()];
}

/** "NEW_CONVERSATION, NEW_REPLY and 3 more". */
export function listNames(names: readonly string[], max = 4): string {
  const s = [...names].sort();
  if (s.length <= max) return s.length > 1 ? `${s.slice(0, -1).join(', ')} and ${s[s.length - 1]}` : (s[0] ?? '');
  return `${s.slice(0, max).join(', ')} and ${s.length - max} more`;
}

/** Days from `a` to `b` (YYYY-MM-DD, UTC). */
export function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);
}
