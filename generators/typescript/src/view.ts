import { liveVersions, type Domain, type Property, type Shape, type TaxonomyEvent, type TaxonomyModel } from '@taxonomy/core';
import { sensitiveMatcher, type MetricSpec } from '@taxonomy/runtime';
import { camel, Namespace, pascal, type NamingNote } from './names.js';
import { metricSpecsByEvent } from './prometheus-spec.js';

/** Members of the typed tracker and exports of its index: a domain may not take these names. */
export const TRACKER_MEMBERS = ['flush', 'shutdown', 'stats', 'setConsent', 'active', 'runtime', 'createTracker', 'events', 'sensitiveKeys', 'specs', 'taxonomy', 'summary'];
/** Fixed type names of the generated package. */
export const FIXED_TYPES = ['Globals', 'Input', 'Supplied', 'EventName', 'EventProperties', 'TaxonomyTracker', 'Tracker', 'TrackerOptions', 'EventSpec', 'Person', 'TrackerStats', 'ConsentPosture', 'JsonValue'];

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
  /** Declared Prometheus metrics the event updates (taxonomy `prometheus:`). */
  readonly metrics?: readonly MetricSpec[];
  /** Whether a call may omit the properties argument. */
  readonly optionalArg: boolean;
  /** `tracker.domain.method` of the replacement, when it exists. */
  readonly replacementPath?: string;
  readonly note?: NamingNote;
  /**
   * The event's older live versions (`versions:`), oldest first, each a view of its own: its
   * method (`orderCompletedV1`), spec and properties type; empty unless the event keeps some.
   * The plain method sends the newest.
   */
  readonly older: readonly EventView[];
  /** On an older version's view: the method that sends the newest, and the newest version. */
  readonly olderOf?: { readonly method: string; readonly version: number };
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

/**
 * The property paths the runtime treats specially, descending into objects, array items
 * and map values, in declaration order: content-gated and redacted ones (the first match
 * on a path; what is under it goes with it), and declared properties whose names the
 * runtime's sensitive-key matcher would redact but that are data. One walk for all three.
 */
function privacyPaths(props: readonly Property[], isContent: (s: Shape) => boolean, isRedacted: (s: Shape) => boolean, sensitive: (key: string) => boolean) {
  const content: string[][] = [];
  const redact: string[][] = [];
  const keep: string[][] = [];
  // One path stack for the whole walk, copied only on a match (nearly every walk finds nothing).
  const at: string[] = [];
  const walk = (s: Shape, step: string, name: string | undefined, inContent: boolean, inRedacted: boolean) => {
    at.push(step);
    const redacted = isRedacted(s);
    if (!inContent && isContent(s)) { content.push([...at]); inContent = true; }
    if (!inRedacted && redacted) { redact.push([...at]); inRedacted = true; }
    if (name !== undefined && !redacted && sensitive(name)) keep.push([...at]);
    children(s, inContent, inRedacted);
    at.pop();
  };
  // A union's alternatives sit where the union is: their keys are children of the same path.
  const children = (s: Shape, inContent: boolean, inRedacted: boolean): void => {
    if (s.properties) for (const p of s.properties) walk(p, p.name, p.name, inContent, inRedacted);
    // A tuple's elements by index (every runtime's path walk takes an index step).
    if (s.prefixItems) s.prefixItems.forEach((e, i) => walk(e, String(i), undefined, inContent, inRedacted));
    if (s.items) walk(s.items, '*', undefined, inContent, inRedacted);
    if (s.values) walk(s.values, '*', undefined, inContent, inRedacted);
    if (s.patternProperties) for (const pp of s.patternProperties) walk(pp.shape, '*', undefined, inContent, inRedacted);
    if (s.union) for (const v of s.union.variants) children(v, inContent || isContent(v), inRedacted || isRedacted(v));
  };
  for (const p of props) walk(p, p.name, p.name, false, false);
  return { content, redact, keep };
}

/** Allowed values of a metrics label: low-cardinality enums and booleans (a constant tells nothing, so it is no label). */
function labelValues(p: Property): string[] | undefined {
  if (p.cardinality !== 'low' || p.const !== undefined) return undefined;
  if (p.enum) return p.enum.map(String);
  if (p.type === 'boolean') return ['false', 'true'];
  return undefined;
}

/** The names an older version's view takes (claimed after every event's). */
interface OlderNames {
  readonly method: string;
  readonly propsType: string;
  /** The newest's: person properties do not change with the version. */
  readonly personType?: string;
  readonly note?: NamingNote;
  readonly olderOf: { readonly method: string; readonly version: number };
}

/**
 * The views of an event's older live versions: `orderCompletedV1` beside `orderCompleted`
 * (else `orderCompletedVersion1`, else numbered, when an event already has that name), with
 * `OrderCompletedV1Properties`; each spec says its version, so the envelope carries it.
 */
function olderVersionViews(of: EventView, viewOf: (e: TaxonomyEvent, claimed: OlderNames) => EventView, methods: Namespace, typeNames: Namespace, prefix: string): EventView[] {
  const newest = of.event;
  return liveVersions(newest).filter((e) => e.version !== newest.version).map((e) => {
    const source = `${newest.name} v${e.version}`;
    const method = methods.claim(source, `${of.method}V${e.version}`, 'EventV', `${of.method}Version${e.version}`);
    const base = `${pascal(newest.name) || 'Event'}V${e.version}`;
    const prefixed = base.startsWith(prefix) ? undefined : prefix + base;
    const propsType = typeNames.claim(source, `${base}Properties`, 'EventProperties', prefixed && `${prefixed}Properties`);
    const note = methods.notes.find((n) => n.source === source);
    return viewOf(e, { method, propsType, personType: of.personType, note, olderOf: { method: of.method, version: newest.version } });
  });
}

export function buildView(model: TaxonomyModel): TrackerView {
  const contentClasses = new Set(model.privacyClasses.filter((c) => c.contentGated).map((c) => c.name));
  const redactClasses = new Set(model.privacyClasses.filter((c) => c.redact).map((c) => c.name));
  const kindOf = new Map(model.destinations.map((d) => [d.name, d.kind]));
  const metricSpecs = metricSpecsByEvent(model);
  const isContent = (s: Shape) => !!s.contentGated || (!!s.privacy && contentClasses.has(s.privacy));
  const isRedacted = (s: Shape) => !!s.privacy && redactClasses.has(s.privacy);
  const sensitive = sensitiveMatcher(model.sensitiveKeys);
  const byName = new Map(model.events.map((e) => [e.name, e]));
  const eventsOf = new Map<string, TaxonomyEvent[]>();
  for (const e of model.events) {
    const list = eventsOf.get(e.domain);
    if (list) list.push(e);
    else eventsOf.set(e.domain, [e]);
  }

  const domainNames = new Namespace('domains', TRACKER_MEMBERS, 'Events');
  const typeNames = new Namespace('types', FIXED_TYPES, 'Event');
  const notes: NamingNote[] = [];
  const methodOf = new Map<string, string>();
  const domains: { domain: Domain; key: string; interfaceName: string; events: TaxonomyEvent[]; methods: Namespace; prefix: string }[] = [];

  for (const d of [...model.domains].sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const key = domainNames.claim(d.name, camel(d.name), 'domain');
    const interfaceName = typeNames.claim(`domain ${d.name}`, `${pascal(key)}Events`, 'DomainEvents');
    const events = [...(eventsOf.get(d.name) ?? [])].sort((a, b) => (a.name < b.name ? -1 : 1));
    const methods = new Namespace(`methods of ${key}`, [], 'Event');
    for (const e of events) {
      // The name as written in the domain (a namespace is the domain's own), without the domain prefix.
      const own = e.namespace ? e.name.slice(e.namespace.length + 1) : e.name;
      const local = own.startsWith(`${d.name}.`) && own.length > d.name.length + 1 ? own.slice(d.name.length + 1) : own;
      // Two namespaces' add_to_cart in one domain: the second takes its namespaced name.
      methodOf.set(e.name, `${key}.${methods.claim(e.name, camel(local), 'event', e.namespace ? camel(e.name) : undefined)}`);
    }
    domains.push({ domain: d, key, interfaceName, events, methods, prefix: pascal(d.name) });
  }

  const globals = new Map<string, Property[]>();
  const olderViews: { of: EventView; older: EventView[]; viewOf: (e: TaxonomyEvent, claimed: OlderNames) => EventView; methods: Namespace; prefix: string }[] = [];
  const views: DomainView[] = domains.map(({ domain, key, interfaceName, events, methods, prefix }) => {
    const viewOf = (e: TaxonomyEvent, claimed?: OlderNames): EventView => {
      const method = claimed?.method ?? methodOf.get(e.name)!.slice(key.length + 1);
      const base = pascal(e.name) || 'Event';
      // On a collision, the domain-prefixed name (unless the name already starts with the domain).
      const prefixed = base.startsWith(prefix) ? undefined : prefix + base;
      const propsType = claimed?.propsType ?? typeNames.claim(e.name, `${base}Properties`, 'EventProperties', prefixed && `${prefixed}Properties`);
      const hasPerson = e.personProperties.set.length + e.personProperties.setOnce.length > 0;
      const personType = claimed ? claimed.personType : hasPerson ? typeNames.claim(`${e.name} person`, `${base}Person`, 'EventPerson', prefixed && `${prefixed}Person`) : undefined;
      // Plain loops: this runs for every event, and mostly before the JIT has warmed up.
      const globalKeys: string[] = [];
      const clockKeys: string[] = [];
      const fixed: Record<string, string | number | boolean> = {};
      for (const p of e.properties) {
        if (p.origin !== 'event') {
          globalKeys.push(p.name);
          const list = globals.get(p.name);
          if (list) list.push(p);
          else globals.set(p.name, [p]);
          if (p.type === 'string' && p.format === 'date-time') clockKeys.push(p.name);
        }
        if (p.const !== undefined) fixed[p.name] = p.const;
      }
      const autoKeys: string[] = [];
      for (const k of [...clockKeys, ...Object.keys(fixed)]) if (!autoKeys.includes(k)) autoKeys.push(k);
      const kinds: string[] = [];
      for (const d of e.destinations) { const k = kindOf.get(d); if (k && !kinds.includes(k)) kinds.push(k); }
      kinds.sort();
      let labels: Record<string, string[]> | undefined;
      if (kinds.includes('metrics')) {
        labels = {};
        for (const p of e.properties) { const v = labelValues(p); if (v) labels[p.name] = v; }
      }
      let optionalArg = true;
      for (const p of e.properties) if (p.required && !autoKeys.includes(p.name)) { optionalArg = false; break; }
      const replacement = e.deprecated?.replacement;
      const note = claimed ? claimed.note : methods.notes.find((n) => n.source === e.name);
      return {
        event: e, method, specName: `spec_${method}`, propsType, personType,
        globalKeys, autoKeys, clockKeys, fixed, ...privacyPaths(e.properties, isContent, isRedacted, sensitive), kinds, labels, metrics: metricSpecs.get(e.name), optionalArg,
        replacementPath: replacement && byName.has(replacement) ? `tracker.${methodOf.get(replacement)}` : undefined,
        note, older: [], ...(claimed ? { olderOf: claimed.olderOf } : {}),
      };
    };
    return {
      domain, key, interfaceName,
      events: events.map((e) => {
        const ev = viewOf(e);
        if (ev.event.versions.length > 1) olderViews.push({ of: ev, older: ev.older as EventView[], viewOf, methods, prefix });
        return ev;
      }),
    };
  });
  // Older versions are named after every event is: a version never takes an event's name.
  for (const { of, older, viewOf, methods, prefix } of olderViews) older.push(...olderVersionViews(of, viewOf, methods, typeNames, prefix));
  notes.push(...domainNames.notes, ...domains.flatMap((d) => d.methods.notes), ...typeNames.notes);
  const sortedGlobals = new Map([...globals.entries()].sort(([a], [b]) => (a < b ? -1 : 1)));
  return { model, domains: views, globals: sortedGlobals, notes };
}
