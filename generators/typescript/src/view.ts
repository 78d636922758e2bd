import type { Domain, Property, Shape, TaxonomyEvent, TaxonomyModel } from '@taxonomy/core';
import { sensitiveMatcher } from '@taxonomy/runtime';
import { camel, Namespace, pascal, type NamingNote } from './names.js';

/** Members of the typed tracker and exports of its index: a domain may not take these names. */
export const TRACKER_MEMBERS = ['flush', 'shutdown', 'stats', 'setConsent', 'active', 'runtime', 'createTracker', 'events', 'sensitiveKeys', 'specs', 'taxonomy'];
/** Fixed type names of the generated package. */
export const FIXED_TYPES = ['Globals', 'Input', 'Supplied', 'EventName', 'EventProperties', 'TaxonomyTracker', 'Tracker', 'TrackerOptions', 'EventSpec', 'Person', 'TrackerStats', 'ConsentPosture'];

export interface EventView {
  readonly event: TaxonomyEvent;
  readonly method: string;
  readonly specName: string;
  readonly propsType: string;
  readonly personType?: string;
  /** Properties the tracker fills from `globals`. */
  readonly globalKeys: readonly string[];
  /** Properties the runtime fills itself (event time, constants): always optional in calls. */
  readonly autoKeys: readonly string[];
  readonly clockKeys: readonly string[];
  readonly fixed: Readonly<Record<string, string | number | boolean>>;
  readonly content: readonly (readonly string[])[];
  readonly redact: readonly (readonly string[])[];
  /** Declared properties whose names look sensitive but are data (exempt from key-name redaction). */
  readonly keep: readonly (readonly string[])[];
  readonly kinds: readonly string[];
  readonly labels?: Readonly<Record<string, readonly string[]>>;
  /** Whether a call may omit the properties argument. */
  readonly optionalArg: boolean;
  /** `tracker.domain.method` of the replacement, when it exists. */
  readonly replacementPath?: string;
  readonly note?: NamingNote;
}

export interface DomainView {
  readonly domain: Domain;
  readonly key: string;
  readonly interfaceName: string;
  readonly events: readonly EventView[];
}

export interface TrackerView {
  readonly model: TaxonomyModel;
  readonly domains: readonly DomainView[];
  /** Global property name → the types it has across domains. */
  readonly globals: ReadonlyMap<string, readonly Property[]>;
  readonly notes: readonly NamingNote[];
}

/** Paths under a property list whose shape matches, descending into objects, array items and map values. */
function paths(props: readonly Property[], match: (s: Shape) => boolean): string[][] {
  const out: string[][] = [];
  const walk = (s: Shape, at: string[]) => {
    if (match(s)) { out.push(at); return; }
    if (s.properties) for (const p of s.properties) walk(p, [...at, p.name]);
    if (s.items) walk(s.items, [...at, '*']);
    if (s.values) walk(s.values, [...at, '*']);
  };
  for (const p of props) walk(p, [p.name]);
  return out;
}

/** Allowed values of a metrics label: low-cardinality enums and booleans (a constant tells nothing, so it is no label). */
/** Declared property paths whose names the runtime's sensitive-key matcher would redact, but that are data. */
function keepPaths(props: readonly Property[], sensitive: (key: string) => boolean, redacted: (s: Shape) => boolean): string[][] {
  const out: string[][] = [];
  const walk = (s: Shape, at: string[], name: string | undefined) => {
    if (name !== undefined && sensitive(name) && !redacted(s)) out.push(at);
    for (const p of s.properties ?? []) walk(p, [...at, p.name], p.name);
    if (s.items) walk(s.items, [...at, '*'], undefined);
    if (s.values) walk(s.values, [...at, '*'], undefined);
  };
  for (const p of props) walk(p, [p.name], p.name);
  return out;
}

function labelValues(p: Property): string[] | undefined {
  if (p.cardinality !== 'low' || p.const !== undefined) return undefined;
  if (p.enum) return p.enum.map(String);
  if (p.type === 'boolean') return ['false', 'true'];
  return undefined;
}

export function buildView(model: TaxonomyModel): TrackerView {
  const privacy = new Map(model.privacyClasses.map((c) => [c.name, c]));
  const kindOf = new Map(model.destinations.map((d) => [d.name, d.kind]));
  const isContent = (s: Shape) => !!s.contentGated || !!(s.privacy && privacy.get(s.privacy)?.contentGated);
  const isRedacted = (s: Shape) => !!(s.privacy && privacy.get(s.privacy)?.redact);
  const sensitive = sensitiveMatcher(model.sensitiveKeys);
  const byName = new Map(model.events.map((e) => [e.name, e]));

  const domainNames = new Namespace('domains', TRACKER_MEMBERS, 'Events');
  const typeNames = new Namespace('types', FIXED_TYPES, 'Event');
  const notes: NamingNote[] = [];
  const methodOf = new Map<string, string>();
  const domains: { domain: Domain; key: string; interfaceName: string; events: TaxonomyEvent[]; methods: Namespace }[] = [];

  for (const d of [...model.domains].sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const key = domainNames.claim(d.name, camel(d.name), 'domain');
    const interfaceName = typeNames.claim(`domain ${d.name}`, `${pascal(key)}Events`, 'DomainEvents');
    const events = model.events.filter((e) => e.domain === d.name).sort((a, b) => (a.name < b.name ? -1 : 1));
    const methods = new Namespace(`methods of ${key}`, [], 'Event');
    for (const e of events) {
      const local = e.name.startsWith(`${d.name}.`) && e.name.length > d.name.length + 1 ? e.name.slice(d.name.length + 1) : e.name;
      methodOf.set(e.name, `${key}.${methods.claim(e.name, camel(local), 'event')}`);
    }
    domains.push({ domain: d, key, interfaceName, events, methods });
  }

  const globals = new Map<string, Property[]>();
  const views: DomainView[] = domains.map(({ domain, key, interfaceName, events, methods }) => ({
    domain, key, interfaceName,
    events: events.map((e): EventView => {
      const method = methodOf.get(e.name)!.slice(key.length + 1);
      const base = pascal(e.name) || 'Event';
      // On a collision, the domain-prefixed name (unless the name already starts with the domain).
      const prefixed = base.startsWith(pascal(e.domain)) ? undefined : pascal(e.domain) + base;
      const propsType = typeNames.claim(e.name, `${base}Properties`, 'EventProperties', prefixed && `${prefixed}Properties`);
      const hasPerson = e.personProperties.set.length + e.personProperties.setOnce.length > 0;
      const personType = hasPerson ? typeNames.claim(`${e.name} person`, `${base}Person`, 'EventPerson', prefixed && `${prefixed}Person`) : undefined;
      const globalProps = e.properties.filter((p) => p.origin !== 'event');
      for (const p of globalProps) {
        const list = globals.get(p.name) ?? [];
        list.push(p);
        globals.set(p.name, list);
      }
      const clockKeys = globalProps.filter((p) => p.type === 'string' && p.format === 'date-time').map((p) => p.name);
      const fixed: Record<string, string | number | boolean> = {};
      for (const p of e.properties) if (p.const !== undefined) fixed[p.name] = p.const;
      const autoKeys = [...clockKeys, ...Object.keys(fixed)].filter((k, i, a) => a.indexOf(k) === i);
      const kinds = [...new Set(e.destinations.map((d) => kindOf.get(d)).filter((k): k is NonNullable<typeof k> => !!k))].sort();
      let labels: Record<string, string[]> | undefined;
      if (kinds.includes('metrics')) {
        labels = {};
        for (const p of e.properties) { const v = labelValues(p); if (v) labels[p.name] = v; }
      }
      const replacement = e.deprecated?.replacement;
      const note = methods.notes.find((n) => n.source === e.name);
      return {
        event: e, method, specName: `spec_${method}`, propsType, personType,
        globalKeys: globalProps.map((p) => p.name), autoKeys, clockKeys, fixed,
        content: paths(e.properties, isContent), redact: paths(e.properties, isRedacted), keep: keepPaths(e.properties, sensitive, isRedacted), kinds, labels,
        optionalArg: e.properties.every((p) => !p.required || autoKeys.includes(p.name)),
        replacementPath: replacement && byName.has(replacement) ? `tracker.${methodOf.get(replacement)}` : undefined,
        note,
      };
    }),
  }));
  notes.push(...domainNames.notes, ...domains.flatMap((d) => d.methods.notes), ...typeNames.notes);
  const sortedGlobals = new Map([...globals.entries()].sort(([a], [b]) => (a < b ? -1 : 1)));
  return { model, domains: views, globals: sortedGlobals, notes };
}
