import { suggestion, type Diagnostic } from '../diagnostics.js';
import type { Category, Destination, Domain, Metric, PrivacyClass, Property, SharedProperty, TaxonomyEvent, TaxonomyModel } from '../model.js';
import { eventKey } from '../model.js';
import type { RawCategoriesFile, RawDestinationsFile, RawDomainFile, RawMetricsFile, RawPrivacyFile, RawPropertiesFile, RawRootFile } from '../raw-types.js';
import type { FileKind } from '../schema.js';
import { locate, type SourceFile } from '../source.js';
import { Cursor, extensionsOf, type ResolveContext, type SharedEntry } from './context.js';
import { resolveEvent, type DomainScope } from './event.js';
import { checkEventIdentity, checkPayloadIdentity } from './identity.js';
import { MetricResolver } from './metric.js';
import { resolvePropertyMap, resolveShared } from './property.js';
import { declaredMetrics, resolvePrometheus, type DeclaredMetric } from './prometheus.js';

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

interface Tables {
  readonly privacy: Map<string, Entry<RawPrivacyFile['classes'][string]>>;
  readonly categories: Map<string, Entry<RawCategoriesFile['categories'][string]>>;
  readonly destinations: Map<string, Entry<RawDestinationsFile['destinations'][string]>>;
}
type Entry<T> = { file: SourceFile; path: (string | number)[]; value: T };

/** What the domains are resolved against: the context, the known ids and the taxonomy's globals. */
interface Scope {
  readonly ctx: ResolveContext;
  readonly root: RawRootFile;
  readonly destinationIds: ReadonlySet<string>;
  readonly categoryIds: ReadonlySet<string>;
  readonly globalProperties: readonly Property[];
}

/** The named entries of every file kind, each name defined once (duplicates reported). */
function collectTables(files: TypedFile[], diagnostics: Diagnostic[]): Tables & { shared: Map<string, Entry<RawPropertiesFile['properties'][string]>> } {
  return {
    privacy: collect(diagnostics, 'privacy class', 'duplicate/privacy-class', entriesOf<RawPrivacyFile, RawPrivacyFile['classes'][string]>(files, 'privacy', 'classes', (f) => f.classes)),
    categories: collect(diagnostics, 'category', 'duplicate/category', entriesOf<RawCategoriesFile, RawCategoriesFile['categories'][string]>(files, 'categories', 'categories', (f) => f.categories)),
    destinations: collect(diagnostics, 'destination', 'duplicate/destination', entriesOf<RawDestinationsFile, RawDestinationsFile['destinations'][string]>(files, 'destinations', 'destinations', (f) => f.destinations)),
    shared: collect(diagnostics, 'shared property', 'duplicate/property', entriesOf<RawPropertiesFile, RawPropertiesFile['properties'][string]>(files, 'properties', 'properties', (f) => f.properties)),
  };
}

/** A domain's own shared properties (warning when one shadows a taxonomy-wide one). */
function domainSharedOf(raw: RawDomainFile, file: SourceFile, cur: Cursor, globalShared: ReadonlyMap<string, SharedEntry>): Map<string, SharedEntry> {
  const domainShared = new Map<string, SharedEntry>();
  for (const [name, def] of Object.entries(raw.properties ?? {})) {
    const g = globalShared.get(name);
    if (g) {
      const l = locate(g.file, g.path, { key: true });
      cur.at('properties', name).warn('property/shadows-shared', `domain property '${name}' shadows the shared property at ${l.file}:${l.line}:${l.column}`, `refs in this domain now mean the domain's '${name}'; rename it or use ref: ${name} to reuse the shared one`, { key: true });
    }
    domainShared.set(name, { name, raw: def, file, path: ['properties', name], domain: raw.domain });
  }
  return domainShared;
}

/** One domain file: its shared properties, globals and events. Events go to `eventSeen`/`events`. */
function resolveDomain(tf: TypedFile, s: Scope, properties: SharedProperty[], eventSeen: Map<string, TaxonomyEvent>, events: TaxonomyEvent[]): Domain {
  const raw = tf.file.data as RawDomainFile;
  const cur = new Cursor(s.ctx, tf.file, []);
  const domainShared = domainSharedOf(raw, tf.file, cur, s.ctx.globalShared);
  const dcur = new Cursor(s.ctx, tf.file, [], domainShared);
  for (const entry of domainShared.values()) {
    const p = resolveShared(entry, s.ctx, domainShared);
    if (p) properties.push(p);
  }
  for (const [i, d] of (raw.destinations ?? []).entries()) {
    if (!s.destinationIds.has(d)) dcur.at('destinations', i).error('ref/unknown-destination', `unknown destination '${d}'${suggestion(d, s.destinationIds)}`, 'use an id from taxonomy/destinations.yaml');
  }
  const domainGlobals: Property[] = resolvePropertyMap(raw.global_properties ?? {}, dcur.at('global_properties'), s.globalProperties, 'domain');
  const domain: Domain = {
    name: raw.domain, description: raw.description, owner: raw.owner, contacts: [...(raw.contacts ?? [])], source: raw.source,
    ...(raw.namespace ? { namespace: raw.namespace } : {}),
    naming: raw.naming, propertyNaming: raw.property_naming, reservedPrefix: raw.reserved_prefix,
    destinations: raw.destinations ?? s.root.default_destinations ?? [],
    events: Object.keys(raw.events).map((k) => identityOf(raw.namespace, k).name).sort(), file: tf.file.path, extensions: extensionsOf(raw), location: dcur.at('domain').location(),
  };
  const scope: DomainScope = { domain, globals: domainGlobals, categories: s.categoryIds, destinations: s.destinationIds };
  const own: TaxonomyEvent[] = [];
  for (const [key, rawEvent] of Object.entries(raw.events)) {
    const ecur = dcur.at('events', key);
    // The identity (also the wire name): namespace/name when the key or the domain has a namespace.
    const { name, namespace, local } = identityOf(raw.namespace, key);
    const prev = eventSeen.get(name);
    if (prev) {
      ecur.error('duplicate/event', `event '${name}' is already defined at ${prev.location.file}:${prev.location.line}:${prev.location.column}`, namespace ? `event names are global within a namespace: rename one, or bump version: on the existing event instead` : 'event names are global across domains: rename one, give one domain a namespace:, or bump version: on the existing event instead', { key: true });
      continue;
    }
    const resolved = resolveEvent(local, rawEvent, scope, ecur);
    const ev: TaxonomyEvent = namespace ? { ...resolved, name, namespace, ...qualifiedReplacement(resolved, namespace) } : resolved;
    checkPayloadIdentity(`event '${name}'`, ev.properties, s.ctx.diagnostics);
    eventSeen.set(name, ev);
    events.push(ev);
    own.push(ev);
  }
  checkEventIdentity(own, s.ctx.diagnostics);
  return domain;
}

/** An event's identity from its domain's namespace and its key: a key written namespace/name brings its own. */
function identityOf(domainNamespace: string | undefined, key: string): { name: string; namespace?: string; local: string } {
  const slash = key.indexOf('/');
  if (slash > 0) return { name: key, namespace: key.slice(0, slash), local: key.slice(slash + 1) };
  return domainNamespace ? { name: qualify(domainNamespace, key), namespace: domainNamespace, local: key } : { name: key, local: key };
}
const qualify = (namespace: string, name: string) => `${namespace}/${name}`;

/** In a namespaced domain, a replacement written without a namespace names an event of the same namespace. */
function qualifiedReplacement(ev: TaxonomyEvent, namespace: string): Partial<TaxonomyEvent> {
  const rep = ev.deprecated?.replacement;
  return rep && !rep.includes('/') ? { deprecated: { ...ev.deprecated, replacement: qualify(namespace, rep) } } : {};
}

/** Replacements of deprecated events must exist and be live. */
function checkReplacements(files: TypedFile[], ctx: ResolveContext, events: readonly TaxonomyEvent[], eventSeen: ReadonlyMap<string, TaxonomyEvent>): void {
  for (const ev of events) {
    const rep = ev.deprecated?.replacement;
    if (!rep) continue;
    const target = eventSeen.get(rep);
    const file = files.find((f) => f.file.path === ev.location.file)!.file;
    const cur = new Cursor(ctx, file, ['events', eventKey(ev, file.data), 'deprecated', 'replacement']);
    if (!target) cur.error('ref/unknown-event', `replacement '${rep}' of deprecated event '${ev.name}' does not exist${suggestion(rep, eventSeen.keys())}`, 'name an existing event as the replacement');
    else if (target.status === 'deprecated') cur.warn('event/replacement-deprecated', `replacement '${rep}' is itself deprecated`, `point '${ev.name}' at the live successor`);
  }
}

/** The model's settings and tables that come straight from taxonomy.yaml and the table files. */
function assemble(root: RawRootFile, privacyFile: RawPrivacyFile | undefined, t: Tables, parts: Pick<TaxonomyModel, 'globalProperties' | 'domains' | 'events' | 'properties' | 'metrics' | 'prometheus' | 'files'>): TaxonomyModel {
  return {
    name: root.name, version: root.version, description: root.description, vendor: root.vendor, retentionDays: root.retention?.days, retentionProbability: root.retention?.probability,
    packages: { ...(root.packages ?? {}) }, rules: { ...(root.rules ?? {}) },
    governance: root.governance && {
      deprecationDays: root.governance.deprecation_days, maxLabelValues: root.governance.max_label_values, waiverWarningDays: root.governance.waiver_warning_days,
      plugins: root.governance.plugins, pluginTimeoutMs: root.governance.plugin_timeout_ms, expiringDays: root.governance.expiring_days,
      app: root.governance.app && { include: root.governance.app.include, exclude: root.governance.app.exclude, tracker: root.governance.app.tracker, rawCalls: root.governance.app.raw_calls, domains: root.governance.app.domains },
    },
    generators: structuredClone(root.generators ?? {}),
    defaultDestinations: root.default_destinations ?? [],
    globalProperties: parts.globalProperties,
    principles: privacyFile?.principles ?? [],
    sensitiveKeys: privacyFile?.sensitive_keys ?? [],
    domains: parts.domains,
    events: parts.events,
    properties: parts.properties,
    privacyClasses: [...t.privacy].map(([name, e]): PrivacyClass => ({
      name, description: e.value.description, sensitivity: e.value.sensitivity, allowedInEvents: e.value.allowed_in_events ?? true,
      contentGated: e.value.content_gated ?? false, redact: e.value.redact ?? false, examples: e.value.examples ?? [],
      doNotLog: e.value.do_not_log ?? [], safeToLog: e.value.safe_to_log ?? [], location: locate(e.file, e.path, { key: true }),
    })).sort((a, b) => a.sensitivity - b.sensitivity || byName(a, b)),
    categories: [...t.categories].map(([name, e]): Category => ({ name, description: e.value.description, dashboard: e.value.dashboard, owner: e.value.owner, location: locate(e.file, e.path, { key: true }) })).sort(byName),
    destinations: [...t.destinations].map(([name, e]): Destination => ({ name, description: e.value.description, kind: e.value.kind, vendor: e.value.vendor, accepts: e.value.accepts, location: locate(e.file, e.path, { key: true }) })).sort(byName),
    metrics: parts.metrics,
    prometheus: parts.prometheus,
    files: parts.files,
  };
}

/** Turns validated files into the resolved model. Findings go to `diagnostics`. */
export function resolveTaxonomy(files: TypedFile[], diagnostics: Diagnostic[]): TaxonomyModel | undefined {
  const rootFile = files.find((f) => f.kind === 'root');
  if (!rootFile) return undefined;
  const root = rootFile.file.data as RawRootFile;
  const tables = collectTables(files, diagnostics);
  const privacyFile = files.find((f) => f.kind === 'privacy')?.file.data as RawPrivacyFile | undefined;

  const globalShared = new Map<string, SharedEntry>([...tables.shared].map(([name, e]) => [name, { name, raw: e.value, file: e.file, path: e.path }]));
  const ctx: ResolveContext = { diagnostics, globalShared, privacyClasses: new Set(tables.privacy.keys()) };
  const destinationIds = new Set(tables.destinations.keys());
  for (const [i, d] of (root.default_destinations ?? []).entries()) {
    if (!destinationIds.has(d)) new Cursor(ctx, rootFile.file, ['default_destinations', i]).error('ref/unknown-destination', `unknown destination '${d}'${suggestion(d, destinationIds)}`, 'use an id from taxonomy/destinations.yaml');
  }
  const properties: SharedProperty[] = [];
  for (const entry of globalShared.values()) {
    const p = resolveShared(entry, ctx, new Map());
    if (p) properties.push(p);
  }
  const globalProperties = resolvePropertyMap(root.global_properties ?? {}, new Cursor(ctx, rootFile.file, []).at('global_properties'), undefined, 'global');

  const scope: Scope = { ctx, root, destinationIds, categoryIds: new Set(tables.categories.keys()), globalProperties };
  const domains: Domain[] = [];
  const domainSeen = new Map<string, Domain>();
  const eventSeen = new Map<string, TaxonomyEvent>();
  const events: TaxonomyEvent[] = [];
  const promDeclared: DeclaredMetric[] = [];
  for (const tf of files.filter((f) => f.kind === 'domain')) {
    const raw = tf.file.data as RawDomainFile;
    const first = domainSeen.get(raw.domain)?.location;
    if (first) {
      new Cursor(ctx, tf.file, ['domain']).error('duplicate/domain', `domain '${raw.domain}' is already defined at ${first.file}:${first.line}:${first.column}`, 'give each domain file its own domain: id');
      continue;
    }
    const domain = resolveDomain(tf, scope, properties, eventSeen, events);
    domainSeen.set(raw.domain, domain);
    promDeclared.push(...declaredMetrics(raw, tf.file));
    domains.push(domain);
  }
  checkReplacements(files, ctx, events, eventSeen);
  const prometheus = resolvePrometheus(ctx, promDeclared, events, (path) => files.find((f) => f.file.path === path)!.file);

  const metricsRaw = collect(diagnostics, 'metric', 'duplicate/metric', entriesOf<RawMetricsFile, RawMetricsFile['metrics'][string]>(files, 'metrics', 'metrics', (f) => f.metrics));
  const mr = new MetricResolver(eventSeen);
  const metrics: Metric[] = [];
  for (const [name, e] of metricsRaw) {
    const m = mr.resolve(name, e.value, new Cursor(ctx, e.file, e.path));
    if (m) metrics.push(m);
  }

  return assemble(root, privacyFile, tables, {
    globalProperties,
    domains: domains.sort(byName),
    events: events.sort(byName),
    properties: properties.sort((a, b) => byName(a, b) || (a.domain ?? '').localeCompare(b.domain ?? '')),
    metrics: metrics.sort(byName),
    prometheus,
    files: files.map((f) => f.file.path).sort(),
  });
}
