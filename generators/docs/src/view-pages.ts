import type { Metric, PrivacyClass } from '@taxonomy/core';
import type { Catalog } from './catalog.js';
import { definitionText, extensionText, inputsText, type Rich } from './describe.js';
import { rich } from './markdown-escape.js';
import { slug, taxonomyRelative } from './paths.js';
import { code, eventLink, eventRow, metricLink, text, type EventRow, type Fact, type Link, type Linker } from './view-event.js';

const links_ = (names: readonly string[], href: (n: string) => string | undefined, ok: (n: string) => boolean = () => true): Link[] =>
  names.map((n) => ({ label: code(n), href: (ok(n) ? href(n) : undefined) as Link['href'] }));

const n = (count: number, one: string, many = `${one}s`) => `${count} ${count === 1 ? one : many}`;

export interface DomainSummary {
  readonly link: Link;
  readonly owner: Rich;
  readonly events: number;
  readonly description: Rich;
}

export interface CategorySummary {
  readonly link: Link;
  readonly domains: readonly Link[];
  readonly dashboard: Rich;
  readonly events: readonly Link[];
}

export interface IndexView {
  readonly title: Rich;
  readonly name: Rich;
  readonly version: string;
  readonly description: Rich;
  readonly counts: string;
  readonly domains: readonly DomainSummary[];
  readonly categories: readonly CategorySummary[];
  readonly uncategorized: readonly Link[];
  readonly destinations: readonly { readonly name: Rich; readonly kind: string; readonly vendor: Rich; readonly accepts: readonly Link[]; readonly description: Rich }[];
}

export function indexView(cat: Catalog, links: Linker, title: string): IndexView {
  const m = cat.model;
  return {
    title: rich(title || `${m.name} event catalog`),
    name: code(m.name),
    version: m.version,
    description: rich(m.description),
    counts: `${n(m.events.length, 'event')} in ${n(m.domains.length, 'domain')}, ${n(m.categories.length, 'category', 'categories')}, ${n(m.metrics.length, 'metric')}`,
    domains: m.domains.map((d) => ({ link: { label: code(d.name), href: links.domain(d.name) }, owner: d.owner ? code(d.owner) : [], events: d.events.length, description: rich(d.description) })),
    categories: m.categories.map((c) => categorySummary(cat, c.name, links)),
    uncategorized: cat.uncategorized.map((e) => eventLink(e.name, links, cat)),
    destinations: m.destinations.map((d) => ({
      name: code(d.name), kind: d.kind, vendor: rich(d.vendor), description: rich(d.description),
      accepts: d.accepts ? links_(d.accepts, (p) => links.privacyClass(p), (p) => !!cat.privacyClass(p)) : [{ label: text('every class allowed in events') }],
    })),
  };
}

function categorySummary(cat: Catalog, name: string, links: Linker): CategorySummary {
  const events = cat.eventsOfCategory(name);
  const c = cat.category(name);
  return {
    link: { label: code(name), href: links.category(name) },
    domains: links_([...new Set(events.map((e) => e.domain))].sort(), (d) => links.domain(d)),
    dashboard: rich(c?.dashboard),
    events: events.map((e) => eventLink(e.name, links, cat)),
  };
}

export interface EventGroup {
  readonly heading: Link | null;
  readonly description: Rich;
  readonly rows: readonly EventRow[];
}

export interface DomainView {
  readonly title: Rich;
  readonly description: Rich;
  readonly facts: readonly Fact[];
  readonly groups: readonly EventGroup[];
  readonly metrics: readonly Link[];
}

export function domainView(cat: Catalog, name: string, links: Linker): DomainView {
  const d = cat.domain(name)!;
  const events = cat.eventsOfDomain(name);
  // Events without a category come last, after the dashboards.
  const categories = [...new Set(events.map((e) => e.category ?? ''))].sort((a, b) => (!a ? 1 : !b ? -1 : a < b ? -1 : a > b ? 1 : 0));
  const facts: Fact[] = [
    { label: 'Owner', value: d.owner ? code(d.owner) : text('not set') },
    ...(d.contacts?.length ? [{ label: 'Contacts', value: d.contacts.flatMap((c, i) => [...(i ? text(', ') : []), ...code(c)]) }] : []),
    { label: 'Events', value: text(String(events.length)) },
    { label: 'Destinations', value: d.destinations.length ? [] : text('taxonomy default'), links: links_(d.destinations, () => undefined) },
  ];
  if (d.naming) facts.push({ label: 'Event naming', value: code(d.naming) });
  if (d.propertyNaming) facts.push({ label: 'Property naming', value: code(d.propertyNaming) });
  if (d.source) facts.push({ label: 'Source', value: rich(d.source) });
  facts.push({ label: 'Defined in', value: code(taxonomyRelative(cat.model, d.file)) });
  return {
    title: code(name),
    description: rich(d.description),
    facts,
    groups: categories.map((c) => ({
      heading: c ? { label: code(c), href: cat.category(c) ? links.category(c) : undefined } : { label: text('Without a category') },
      description: rich(cat.category(c)?.description),
      rows: events.filter((e) => (e.category ?? '') === c).map((e) => eventRow(cat, e, links)),
    })),
    metrics: cat.model.metrics.filter((m) => cat.domainsOfMetric(m.name).includes(name)).map((m) => metricLink(m, links)),
  };
}

export interface CategoryView {
  readonly title: Rich;
  readonly description: Rich;
  readonly facts: readonly Fact[];
  readonly rows: readonly EventRow[];
}

export function categoryView(cat: Catalog, name: string, links: Linker): CategoryView {
  const c = cat.category(name)!;
  const s = categorySummary(cat, name, links);
  const facts: Fact[] = [
    { label: 'Dashboard', value: c.dashboard ? rich(c.dashboard) : text('not set') },
    { label: 'Owner', value: c.owner ? code(c.owner) : text('not set') },
    { label: 'Domains', value: s.domains.length ? [] : text('none'), links: s.domains },
  ];
  return { title: code(name), description: rich(c.description), facts, rows: cat.eventsOfCategory(name).map((e) => eventRow(cat, e, links)) };
}

export interface MetricView {
  readonly name: string;
  readonly link: Link;
  readonly title: Rich;
  readonly description: Rich;
  readonly type: string;
  readonly definition: Rich;
  readonly inputs: Rich;
  readonly target: Rich;
  readonly events: readonly Link[];
  readonly facts: readonly Fact[];
  readonly notes: readonly { readonly key: Rich; readonly value: Rich }[];
}

export function metricView(cat: Catalog, m: Metric, links: Linker): MetricView {
  const facts: Fact[] = [
    { label: 'Type', value: code(m.type) },
    { label: 'Definition', value: definitionText(m) },
    { label: 'Target', value: m.target ? rich(m.target) : text('not set') },
    { label: 'Owner', value: m.owner ? code(m.owner) : text('not set') },
  ];
  if (m.window) facts.push({ label: 'Window', value: text(m.window) });
  if (m.grain) facts.push({ label: 'Grain', value: text(m.grain) });
  if (m.groupBy.length) facts.push({ label: 'Group by', value: [], links: links_(m.groupBy, () => undefined) });
  if (m.source) facts.push({ label: 'Source', value: rich(m.source) });
  facts.push({ label: 'Defined in', value: code(taxonomyRelative(cat.model, m.location.file)) });
  return {
    name: m.name,
    link: metricLink(m, links),
    title: code(m.name),
    description: rich(m.description),
    type: m.type,
    definition: definitionText(m),
    inputs: inputsText(m),
    target: rich(m.target),
    events: m.events.map((e) => eventLink(e, links, cat)),
    facts,
    notes: Object.keys(m.extensions).sort().map((k) => ({ key: code(k), value: extensionText(m.extensions[k]) })),
  };
}

export interface MetricsView {
  readonly groups: readonly { readonly heading: Link; readonly metrics: readonly MetricView[] }[];
  readonly metrics: readonly MetricView[];
}

/** Metrics by the domain of the events they read (seed 000's and 002's mapping tables); a cross-domain metric is in each. */
export function metricsView(cat: Catalog, links: Linker): MetricsView {
  const all = [...cat.model.metrics].sort((a, b) => (a.name < b.name ? -1 : 1)).map((m) => metricView(cat, m, links));
  return {
    metrics: all,
    groups: cat.model.domains
      .map((d) => ({ heading: { label: code(d.name), href: links.domain(d.name) }, metrics: all.filter((v) => cat.domainsOfMetric(v.name).includes(d.name)) }))
      .filter((g) => g.metrics.length > 0),
  };
}

export interface PrivacyClassView {
  readonly name: string;
  /** Id of the class's section on the privacy page. */
  readonly anchor: string;
  readonly link: Link;
  readonly sensitivity: number;
  readonly allowed: 'yes' | 'no';
  readonly title: Rich;
  readonly description: Rich;
  readonly facts: readonly Fact[];
  readonly examples: Rich;
  /** Every use is listed for classes reviewers must see (not allowed, content-gated, redacted); otherwise a count. */
  readonly uses: readonly { readonly event: Link; readonly path: Rich }[];
  readonly useCount: number;
  readonly listed: boolean;
}

export interface PrivacyView {
  readonly principles: readonly Rich[];
  readonly doNotLog: readonly Rich[];
  readonly safeToLog: readonly Rich[];
  readonly sensitiveKeys: Rich;
  readonly classes: readonly PrivacyClassView[];
}

function classView(cat: Catalog, p: PrivacyClass, links: Linker): PrivacyClassView {
  const uses = cat.privacyUses(p.name);
  const listed = !p.allowedInEvents || p.contentGated || p.redact;
  const accepted = cat.model.destinations.filter((d) => !d.accepts ? p.allowedInEvents : d.accepts.includes(p.name)).map((d) => d.name);
  return {
    name: p.name,
    anchor: slug(p.name),
    link: { label: code(p.name), href: links.privacyClass(p.name) },
    sensitivity: p.sensitivity,
    allowed: p.allowedInEvents ? 'yes' : 'no',
    title: code(p.name),
    description: rich(p.description),
    facts: [
      { label: 'Sensitivity', value: text(String(p.sensitivity)) },
      { label: 'Allowed in events', value: text(p.allowedInEvents ? 'yes' : 'no (needs a waiver)') },
      { label: 'Content-gated', value: text(p.contentGated ? 'yes' : 'no') },
      { label: 'Redacted', value: text(p.redact ? 'yes' : 'no') },
      { label: 'Destinations that accept it', value: accepted.length ? [] : text('none'), links: links_(accepted, () => undefined) },
    ],
    examples: p.examples.flatMap((x, i) => [...(i ? text(', ') : []), ...rich(x)]),
    uses: listed ? uses.map((u) => ({ event: eventLink(u.event, links, cat), path: code(u.path) })) : [],
    useCount: uses.length,
    listed,
  };
}

export function privacyView(cat: Catalog, links: Linker): PrivacyView {
  const classes = [...cat.model.privacyClasses].sort((a, b) => a.sensitivity - b.sensitivity || (a.name < b.name ? -1 : 1));
  return {
    principles: cat.model.principles.map((p) => rich(p)),
    doNotLog: classes.flatMap((c) => c.doNotLog.map((x) => rich(x))),
    safeToLog: classes.flatMap((c) => c.safeToLog.map((x) => rich(x))),
    sensitiveKeys: cat.model.sensitiveKeys.flatMap((k, i) => [...(i ? text(', ') : []), ...code(k)]),
    classes: classes.map((c) => classView(cat, c, links)),
  };
}
