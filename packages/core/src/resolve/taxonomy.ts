import { suggestion, type Diagnostic } from '../diagnostics.js';
import type { Category, Destination, Domain, Metric, PrivacyClass, Property, SharedProperty, TaxonomyEvent, TaxonomyModel } from '../model.js';
import type { RawCategoriesFile, RawDestinationsFile, RawDomainFile, RawMetricsFile, RawPrivacyFile, RawPropertiesFile, RawRootFile } from '../raw-types.js';
import type { FileKind } from '../schema.js';
import { locate, type SourceFile } from '../source.js';
import { Cursor, extensionsOf, type ResolveContext, type SharedEntry } from './context.js';
import { resolveEvent, type DomainScope } from './event.js';
import { MetricResolver } from './metric.js';
import { resolvePropertyMap, resolveShared } from './property.js';

export interface TypedFile {
  readonly kind: FileKind;
  readonly file: SourceFile;
}

const byName = <T extends { name: string }>(a: T, b: T) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);

/**
 * Collects named entries across files, reporting the second definition of a name
 * with a pointer to the first.
 */
function collect<T>(
  diagnostics: Diagnostic[], what: string, code: string,
  entries: Iterable<{ name: string; file: SourceFile; path: (string | number)[]; value: T }>,
): Map<string, { file: SourceFile; path: (string | number)[]; value: T }> {
  const out = new Map<string, { file: SourceFile; path: (string | number)[]; value: T }>();
  for (const e of entries) {
    const prev = out.get(e.name);
    if (prev) {
      const first = locate(prev.file, prev.path, { key: true });
      diagnostics.push({
        code, severity: 'error', location: locate(e.file, e.path, { key: true }),
        message: `${what} '${e.name}' is already defined at ${first.file}:${first.line}:${first.column}`,
        hint: `names are global across files: rename one of them or merge the two definitions`,
      });
      continue;
    }
    out.set(e.name, { file: e.file, path: e.path, value: e.value });
  }
  return out;
}

function* entriesOf<F, T>(files: TypedFile[], kind: FileKind, key: string, pick: (f: F) => Record<string, T> | undefined) {
  for (const tf of files) {
    if (tf.kind !== kind) continue;
    for (const [name, value] of Object.entries(pick(tf.file.data as F) ?? {})) yield { name, file: tf.file, path: [key, name], value };
  }
}

/** What every domain resolves against: the shared tables and the resolve context. */
interface Shared {
  readonly root: RawRootFile;
  readonly rootFile: TypedFile;
  readonly ctx: ResolveContext;
  readonly globalShared: Map<string, SharedEntry>;
  readonly privacy: Map<string, { file: SourceFile; path: (string | number)[]; value: RawPrivacyFile['classes'][string] }>;
  readonly categories: Map<string, { file: SourceFile; path: (string | number)[]; value: RawCategoriesFile['categories'][string] }>;
  readonly destinations: Map<string, { file: SourceFile; path: (string | number)[]; value: RawDestinationsFile['destinations'][string] }>;
  readonly destinationIds: Set<string>;
  readonly categoryIds: Set<string>;
}

/** The tables named across files (privacy classes, categories, destinations, shared properties), duplicates reported. */
function sharedTables(files: TypedFile[], rootFile: TypedFile, diagnostics: Diagnostic[]): Shared {
  const privacy = collect(diagnostics, 'privacy class', 'duplicate/privacy-class', entriesOf<RawPrivacyFile, RawPrivacyFile['classes'][string]>(files, 'privacy', 'classes', (f) => f.classes));
  const categories = collect(diagnostics, 'category', 'duplicate/category', entriesOf<RawCategoriesFile, RawCategoriesFile['categories'][string]>(files, 'categories', 'categories', (f) => f.categories));
  const destinations = collect(diagnostics, 'destination', 'duplicate/destination', entriesOf<RawDestinationsFile, RawDestinationsFile['destinations'][string]>(files, 'destinations', 'destinations', (f) => f.destinations));
  const sharedRaw = collect(diagnostics, 'shared property', 'duplicate/property', entriesOf<RawPropertiesFile, RawPropertiesFile['properties'][string]>(files, 'properties', 'properties', (f) => f.properties));
  const globalShared = new Map<string, SharedEntry>([...sharedRaw].map(([name, e]) => [name, { name, raw: e.value, file: e.file, path: e.path }]));
  const ctx: ResolveContext = { diagnostics, globalShared, privacyClasses: new Set(privacy.keys()) };
  return {
    root: rootFile.file.data as RawRootFile, rootFile, ctx, globalShared, privacy, categories, destinations,
    destinationIds: new Set(destinations.keys()), categoryIds: new Set(categories.keys()),
  };
}

/** Everything the domains add: domains, events by name (first definition wins), domain properties. */
interface Resolved {
  readonly domains: Domain[];
  readonly events: TaxonomyEvent[];
  readonly eventSeen: Map<string, TaxonomyEvent>;
  readonly properties: SharedProperty[];
}

/** A domain's own shared properties (warning where one shadows a taxonomy-wide one). */
function domainSharedOf(tf: TypedFile, raw: RawDomainFile, sh: Shared, cur: Cursor): Map<string, SharedEntry> {
  const domainShared = new Map<string, SharedEntry>();
  for (const [name, def] of Object.entries(raw.properties ?? {})) {
    const global = sh.globalShared.get(name);
    if (global) {
      const g = locate(global.file, global.path, { key: true });
      cur.at('properties', name).warn('property/shadows-shared', `domain property '${name}' shadows the shared property at ${g.file}:${g.line}:${g.column}`, `refs in this domain now mean the domain's '${name}'; rename it or use ref: ${name} to reuse the shared one`, { key: true });
    }
    domainShared.set(name, { name, raw: def, file: tf.file, path: ['properties', name], domain: raw.domain });
  }
  return domainShared;
}

/** One domain file: its properties, destinations, globals, then its events, into `out`. */
function resolveDomain(tf: TypedFile, sh: Shared, globalProperties: Property[], out: Resolved, domainSeen: Map<string, Domain>): void {
  const { ctx, destinationIds } = sh;
  const raw = tf.file.data as RawDomainFile;
  const cur = new Cursor(ctx, tf.file, []);
  const seen = domainSeen.get(raw.domain);
  if (seen) {
    const first = seen.location;
    cur.at('domain').error('duplicate/domain', `domain '${raw.domain}' is already defined at ${first.file}:${first.line}:${first.column}`, 'give each domain file its own domain: id');
    return;
  }
  const domainShared = domainSharedOf(tf, raw, sh, cur);
  const dcur = new Cursor(ctx, tf.file, [], domainShared);
  for (const entry of domainShared.values()) {
    const p = resolveShared(entry, ctx, domainShared);
    if (p) out.properties.push(p);
  }
  for (const [i, d] of (raw.destinations ?? []).entries()) {
    if (!destinationIds.has(d)) dcur.at('destinations', i).error('ref/unknown-destination', `unknown destination '${d}'${suggestion(d, destinationIds)}`, 'use an id from taxonomy/destinations.yaml');
  }
  const domainGlobals: Property[] = resolvePropertyMap(raw.global_properties ?? {}, dcur.at('global_properties'), globalProperties, 'domain');
  const domain: Domain = {
    name: raw.domain, description: raw.description, owner: raw.owner, source: raw.source,
    naming: raw.naming, propertyNaming: raw.property_naming, reservedPrefix: raw.reserved_prefix,
    destinations: raw.destinations ?? sh.root.default_destinations ?? [],
    events: Object.keys(raw.events).sort(), file: tf.file.path, extensions: extensionsOf(raw), location: dcur.at('domain').location(),
  };
  domainSeen.set(raw.domain, domain);
  out.domains.push(domain);
  const scope: DomainScope = { domain, globals: domainGlobals, categories: sh.categoryIds, destinations: destinationIds };
  for (const [name, rawEvent] of Object.entries(raw.events)) {
    const ecur = dcur.at('events', name);
    const prev = out.eventSeen.get(name);
    if (prev) {
      ecur.error('duplicate/event', `event '${name}' is already defined at ${prev.location.file}:${prev.location.line}:${prev.location.column}`, 'event names are global across domains: rename one, or bump version: on the existing event instead', { key: true });
      continue;
    }
    const ev = resolveEvent(name, rawEvent, scope, ecur);
    out.eventSeen.set(name, ev);
    out.events.push(ev);
  }
}

/** Cross-event checks: replacements must exist and be live. */
function checkReplacements(files: TypedFile[], ctx: ResolveContext, events: readonly TaxonomyEvent[], eventSeen: Map<string, TaxonomyEvent>): void {
  for (const ev of events) {
    const rep = ev.deprecated?.replacement;
    if (!rep) continue;
    const target = eventSeen.get(rep);
    const file = files.find((f) => f.file.path === ev.location.file)!.file;
    const cur = new Cursor(ctx, file, ['events', ev.name, 'deprecated', 'replacement']);
    if (!target) cur.error('ref/unknown-event', `replacement '${rep}' of deprecated event '${ev.name}' does not exist${suggestion(rep, eventSeen.keys())}`, 'name an existing event as the replacement');
    else if (target.status === 'deprecated') cur.warn('event/replacement-deprecated', `replacement '${rep}' is itself deprecated`, `point '${ev.name}' at the live successor`);
  }
}

function resolveMetrics(files: TypedFile[], ctx: ResolveContext, eventSeen: Map<string, TaxonomyEvent>): Metric[] {
  const metricsRaw = collect(ctx.diagnostics, 'metric', 'duplicate/metric', entriesOf<RawMetricsFile, RawMetricsFile['metrics'][string]>(files, 'metrics', 'metrics', (f) => f.metrics));
  const mr = new MetricResolver(eventSeen);
  const metrics: Metric[] = [];
  for (const [name, e] of metricsRaw) {
    const m = mr.resolve(name, e.value, new Cursor(ctx, e.file, e.path));
    if (m) metrics.push(m);
  }
  return metrics;
}

/** The tables as the model's sorted lists. */
function tablesOf(sh: Shared): Pick<TaxonomyModel, 'privacyClasses' | 'categories' | 'destinations'> {
  return {
    privacyClasses: [...sh.privacy].map(([name, e]): PrivacyClass => ({
      name, description: e.value.description, sensitivity: e.value.sensitivity, allowedInEvents: e.value.allowed_in_events ?? true,
      contentGated: e.value.content_gated ?? false, redact: e.value.redact ?? false, examples: e.value.examples ?? [],
      doNotLog: e.value.do_not_log ?? [], safeToLog: e.value.safe_to_log ?? [], location: locate(e.file, e.path, { key: true }),
    })).sort((a, b) => a.sensitivity - b.sensitivity || byName(a, b)),
    categories: [...sh.categories].map(([name, e]): Category => ({ name, description: e.value.description, dashboard: e.value.dashboard, owner: e.value.owner, location: locate(e.file, e.path, { key: true }) })).sort(byName),
    destinations: [...sh.destinations].map(([name, e]): Destination => ({ name, description: e.value.description, kind: e.value.kind, vendor: e.value.vendor, accepts: e.value.accepts, location: locate(e.file, e.path, { key: true }) })).sort(byName),
  };
}

/** The root file's settings as the model has them. */
function rootSettings(root: RawRootFile): Pick<TaxonomyModel, 'name' | 'version' | 'description' | 'vendor' | 'retentionDays' | 'packages' | 'rules' | 'governance' | 'generators' | 'defaultDestinations'> {
  return {
    name: root.name, version: root.version, description: root.description, vendor: root.vendor, retentionDays: root.retention?.days,
    packages: { ...(root.packages ?? {}) }, rules: { ...(root.rules ?? {}) },
    governance: root.governance && {
      deprecationDays: root.governance.deprecation_days, maxLabelValues: root.governance.max_label_values, waiverWarningDays: root.governance.waiver_warning_days,
      app: root.governance.app && { include: root.governance.app.include, exclude: root.governance.app.exclude, tracker: root.governance.app.tracker, rawCalls: root.governance.app.raw_calls, domains: root.governance.app.domains },
    },
    generators: structuredClone(root.generators ?? {}),
    defaultDestinations: root.default_destinations ?? [],
  };
}

/** Turns validated files into the resolved model. Findings go to `diagnostics`. */
export function resolveTaxonomy(files: TypedFile[], diagnostics: Diagnostic[]): TaxonomyModel | undefined {
  const rootFile = files.find((f) => f.kind === 'root');
  if (!rootFile) return undefined;
  const sh = sharedTables(files, rootFile, diagnostics);
  const { root, ctx } = sh;
  const privacyFile = files.find((f) => f.kind === 'privacy')?.file.data as RawPrivacyFile | undefined;

  for (const [i, d] of (root.default_destinations ?? []).entries()) {
    if (!sh.destinationIds.has(d)) new Cursor(ctx, rootFile.file, ['default_destinations', i]).error('ref/unknown-destination', `unknown destination '${d}'${suggestion(d, sh.destinationIds)}`, 'use an id from taxonomy/destinations.yaml');
  }
  const out: Resolved = { domains: [], events: [], eventSeen: new Map(), properties: [] };
  for (const entry of sh.globalShared.values()) {
    const p = resolveShared(entry, ctx, new Map());
    if (p) out.properties.push(p);
  }
  const globalProperties = resolvePropertyMap(root.global_properties ?? {}, new Cursor(ctx, rootFile.file, []).at('global_properties'), undefined, 'global');

  const domainSeen = new Map<string, Domain>();
  for (const tf of files.filter((f) => f.kind === 'domain')) resolveDomain(tf, sh, globalProperties, out, domainSeen);
  checkReplacements(files, ctx, out.events, out.eventSeen);
  const metrics = resolveMetrics(files, ctx, out.eventSeen);

  return {
    ...rootSettings(root),
    globalProperties,
    principles: privacyFile?.principles ?? [],
    sensitiveKeys: privacyFile?.sensitive_keys ?? [],
    domains: out.domains.sort(byName),
    events: out.events.sort(byName),
    properties: out.properties.sort((a, b) => byName(a, b) || (a.domain ?? '').localeCompare(b.domain ?? '')),
    ...tablesOf(sh),
    metrics: metrics.sort(byName),
    files: files.map((f) => f.file.path).sort(),
  };
}
