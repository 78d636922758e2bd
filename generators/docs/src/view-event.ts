import { schemaVer, type Metric, type Property, type TaxonomyEvent } from '@taxonomy/core';
import type { Catalog } from './catalog.js';
import type { Usage, UsageOf } from './example.js';
import { definitionText, extensionText, flatten, typeText, valuesText, type Rich } from './describe.js';
import { rich } from './markdown-escape.js';
import { taxonomyRelative } from './paths.js';
import { revisionViews, versionViews, type RevisionView, type VersionView } from './view-versions.js';

/**
 * View models: sorted, display-ready data the templates only print. Every piece of
 * taxonomy text is `Rich` (segments the renderer escapes: Markdown or HTML); the only
 * plain strings are hrefs this package made and fixed labels.
 */
export type Href = string & { readonly __href: unique symbol };

export interface Link {
  readonly label: Rich;
  /** Absent where the page has nothing to link to (in-place sections). */
  readonly href?: Href;
}

/** Where a page links to, relative to the page: the Markdown catalog and the site differ. */
export interface Linker {
  event(name: string): Href | undefined;
  metric(name: string): Href | undefined;
  domain(name: string): Href | undefined;
  category(name: string): Href | undefined;
  privacyClass(name: string): Href | undefined;
}

export const code = (s: string | number): Rich => [{ code: true, text: String(s) }];
export const text = (s: string): Rich => (s ? [{ code: false, text: s }] : []);

export interface PropertyRow {
  readonly name: Rich;
  readonly depth: number;
  readonly type: Rich;
  readonly required: string;
  readonly values: Rich;
  readonly privacy: Link | null;
  readonly description: Rich;
  /** A stability badge: 'experimental' or 'deprecated' (stable, the default, has none). */
  readonly badge: 'experimental' | 'deprecated' | null;
  /** The row's id, set on the rows a deprecated sibling is renamed to (what its link points at). */
  readonly anchor: string | null;
  /** A deprecated property: the property replacing it (a link to its row) and the rest in words. */
  readonly deprecation: { readonly renamedTo: Link | null; readonly details: Rich } | null;
}

export interface Fact {
  readonly label: string;
  readonly value: Rich;
  readonly links?: readonly Link[];
}

export interface EventView {
  readonly name: string;
  readonly title: Rich;
  readonly description: Rich;
  readonly trigger: Rich;
  readonly status: string;
  readonly facts: readonly Fact[];
  readonly properties: readonly PropertyRow[];
  readonly personSet: readonly PropertyRow[];
  readonly personSetOnce: readonly PropertyRow[];
  readonly hasPerson: boolean;
  readonly deprecation: { readonly replacement: Link | null; readonly facts: readonly Fact[]; readonly reason: Rich } | null;
  readonly changelog: readonly { readonly version: number; readonly date: string; readonly change: Rich }[];
  /** Older versions still live (`versions:`), newest first; empty when the event has one. */
  readonly olderVersions: readonly VersionView[];
  /** Earlier revisions of the newest version (`revisions:`), newest first. */
  readonly revisions: readonly RevisionView[];
  /** The newest version and its SchemaVer (what its earlier revisions are named against). */
  readonly newest: { readonly version: number; readonly schemaVer: string };
  readonly metrics: readonly { readonly link: Link; readonly definition: Rich }[];
  readonly notes: readonly { readonly key: Rich; readonly value: Rich }[];
  readonly privacyClasses: readonly Link[];
  /** The call in TypeScript, Python and Go and the example payload (event pages of the catalog and the site). */
  readonly usage: Usage | null;
}

const ORIGIN: Record<Property['origin'], string> = { global: 'from the taxonomy’s global properties', domain: 'from the domain’s global properties', event: '' };

function propertyNote(p: Property): string {
  const notes = [ORIGIN[p.origin]];
  if (p.contentGated) notes.push('content-gated: sent only when the tracker includes content');
  if (p.waiver) notes.push(`privacy waiver by ${p.waiver.approver} until ${p.waiver.expires}: ${p.waiver.reason}`);
  return notes.filter(Boolean).join('; ');
}

export function propertyRows(props: readonly Property[], cat: Catalog, links: Linker, prefix = ''): PropertyRow[] {
  if (prefix) return buildRows(props, cat, links, prefix);
  // The model shares one object between uses with the same content (globals, shared refs), so
  // their rows are built once per catalog and linker, not once per event.
  let byLinker = rowsOfProperty.get(cat);
  if (!byLinker) rowsOfProperty.set(cat, (byLinker = new WeakMap()));
  let byProperty = byLinker.get(links);
  if (!byProperty) byLinker.set(links, (byProperty = new Map()));
  const out: PropertyRow[] = [];
  const targets = new Set(props.map((p) => p.deprecated?.renamedTo).filter((n): n is string => n !== undefined));
  for (const p of props) {
    // A rename's two ends depend on their siblings: never shared between events.
    if (targets.has(p.name) || p.deprecated?.renamedTo !== undefined) { out.push(...buildRows([p], cat, links, '', targets)); continue; }
    let rows = byProperty.get(p);
    if (!rows) byProperty.set(p, (rows = buildRows([p], cat, links, '')));
    out.push(...rows);
  }
  return out;
}

const rowsOfProperty = new WeakMap<Catalog, WeakMap<Linker, Map<Property, readonly PropertyRow[]>>>();

/** The id of a property's row; only [A-Za-z0-9_-] (property names are identifiers, paths add `.`, `[]`, `*`). */
export const propertyAnchor = (path: string) => `property-${path.replace(/[^A-Za-z0-9_-]/g, '-')}`;

function deprecationOf(p: Property, parent: string): PropertyRow['deprecation'] {
  const d = p.deprecated;
  if (!d) return null;
  const words = [d.since ? `Since ${d.since}.` : '', d.reason ?? '', d.removal ? `Removal: ${d.removal}.` : ''].filter(Boolean).join(' ');
  const target = d.renamedTo !== undefined ? parent + d.renamedTo : undefined;
  return { renamedTo: target ? { label: code(target), href: `#${propertyAnchor(target)}` as Href } : null, details: text(words) };
}

function buildRows(props: readonly Property[], cat: Catalog, links: Linker, prefix: string, topTargets: ReadonlySet<string> = new Set()): PropertyRow[] {
  const flat = flatten(props, prefix);
  const parentOf = (path: string, name: string) => path.slice(0, path.length - name.length);
  // Rows a rename points at: siblings at any depth (`renamed_to` names a key beside it).
  const targets = new Set([...topTargets].map((n) => prefix + n));
  for (const { path, property: p } of flat) if (p.deprecated?.renamedTo !== undefined) targets.add(parentOf(path, p.name) + p.deprecated.renamedTo);
  return flat.map(({ path, property: p, depth }) => {
    const note = propertyNote(p);
    const description = rich(p.description);
    if (note) description.push({ code: false, text: `${description.length ? ' — ' : ''}${note}` });
    return {
      name: code(path),
      depth,
      type: text(typeText(p)),
      required: p.required ? 'yes' : 'no',
      values: valuesText(p),
      privacy: p.privacy ? { label: code(p.privacy), href: cat.privacyClass(p.privacy) ? links.privacyClass(p.privacy) : undefined } : null,
      description,
      badge: p.stability === 'experimental' || p.stability === 'deprecated' ? p.stability : null,
      anchor: targets.has(path) ? propertyAnchor(path) : null,
      deprecation: deprecationOf(p, parentOf(path, p.name)),
    };
  });
}

export function metricLink(m: Metric, links: Linker): Link {
  return { label: code(m.name), href: links.metric(m.name) };
}

export function eventLink(name: string, links: Linker, cat: Catalog): Link {
  return { label: code(name), href: cat.event(name) ? links.event(name) : undefined };
}

function list(values: readonly string[]): Rich {
  const out: Rich = [];
  values.forEach((v, i) => { if (i) out.push({ code: false, text: ', ' }); out.push(...code(v)); });
  return out;
}

/** The Version fact: the number, the SchemaVer when earlier revisions stay accepted, and the older majors still live. */
function versionFact(e: TaxonomyEvent): string {
  const self = e.versions?.[e.versions.length - 1];
  const parts: string[] = [];
  if (self?.revisions?.length) parts.push(`SchemaVer ${schemaVer(self)}; earlier revisions accepted: ${self.revisions.map(schemaVer).join(', ')}`);
  if (e.versions?.length > 1) parts.push(`also live: ${e.versions.slice(0, -1).map((v) => v.version).join(', ')}`);
  return parts.length ? `${e.version} (${parts.join('; ')})` : String(e.version);
}

export function eventView(cat: Catalog, e: TaxonomyEvent, links: Linker, usage: Usage | null = null, usageOf?: UsageOf): EventView {
  const facts: Fact[] = [
    { label: 'Domain', value: [], links: [{ label: code(e.domain), href: links.domain(e.domain) }] },
    { label: 'Category', value: e.category ? [] : text('none (not on any dashboard)'), links: e.category ? [{ label: code(e.category), href: cat.category(e.category) ? links.category(e.category) : undefined }] : [] },
    { label: 'Owner', value: e.owner ? code(e.owner) : text('not set') },
    { label: 'Status', value: text(e.status) },
    { label: 'Version', value: text(versionFact(e)) },
    { label: 'Destinations', value: e.destinations.length ? list(e.destinations) : text('none') },
  ];
  if (e.emittedBy) facts.push({ label: 'Emitted by', value: text(e.emittedBy) });
  if (e.priority) facts.push({ label: 'Priority', value: code(e.priority) });
  if (e.outcome) facts.push({ label: 'Outcome', value: code(e.outcome) });
  if (e.critical) facts.push({ label: 'Critical', value: text('yes: never sampled out') });
  if (e.tags.length) facts.push({ label: 'Tags', value: list(e.tags) });
  // Lifecycle (Glean's lesson): after this date trackers drop the event and the collector quarantines it.
  if (e.expires) facts.push({ label: 'Expires', value: text(`${e.expires} (then disabled: trackers stop sending it)`) });
  if (e.contacts?.length) facts.push({ label: 'Contacts', value: list(e.contacts) });
  facts.push({ label: 'Defined in', value: code(taxonomyRelative(cat.model, e.location.file)) });

  const d = e.deprecated;
  const deprecation = e.status === 'deprecated' || d ? {
    replacement: d?.replacement ? eventLink(d.replacement, links, cat) : null,
    facts: [
      ...(d?.since ? [{ label: 'Since', value: text(d.since) }] : []),
      ...(d?.removal ? [{ label: 'Removal', value: text(d.removal) }] : []),
    ],
    reason: rich(d?.reason),
  } : null;

  return {
    name: e.name,
    title: code(e.name),
    description: rich(e.description),
    // Seed 002 writes one sentence for both; say it once.
    trigger: e.trigger && e.trigger !== e.description ? rich(e.trigger) : [],
    status: e.status,
    facts,
    properties: propertyRows(e.properties, cat, links),
    personSet: propertyRows(e.personProperties.set, cat, links),
    personSetOnce: propertyRows(e.personProperties.setOnce, cat, links),
    hasPerson: e.personProperties.set.length + e.personProperties.setOnce.length > 0,
    deprecation,
    changelog: [...e.changelog].sort((a, b) => b.version - a.version).map((c) => ({ version: c.version, date: c.date ?? '', change: rich(c.change) })),
    olderVersions: versionViews(cat, e, links, usage ? usageOf : undefined),
    revisions: e.versions?.length ? revisionViews(e.versions[e.versions.length - 1]!) : [],
    newest: { version: e.version, schemaVer: e.versions?.length ? schemaVer(e.versions[e.versions.length - 1]!) : `${e.version}-0-0` },
    metrics: cat.metricsOf(e.name).map((m) => ({ link: metricLink(m, links), definition: definitionText(m) })),
    notes: Object.keys(e.extensions).sort().map((k) => ({ key: code(k), value: extensionText(e.extensions[k]) })),
    privacyClasses: cat.privacyOf(e.name).map((p) => ({ label: code(p), href: cat.privacyClass(p) ? links.privacyClass(p) : undefined })),
    usage,
  };
}

/** A row of an events table, laid out like seed 002's: required / optional properties and when to emit. */
export interface EventRow {
  readonly event: Link;
  readonly status: string;
  readonly required: Rich;
  readonly optional: Rich;
  readonly trigger: Rich;
  readonly category: Link | null;
}

// Domain and category pages list the same events with the same links: each row is built once
// per catalog and linker, and dropped with the catalog.
const rows = new WeakMap<Catalog, WeakMap<Linker, Map<TaxonomyEvent, EventRow>>>();

export function eventRow(cat: Catalog, e: TaxonomyEvent, links: Linker): EventRow {
  let byLinker = rows.get(cat);
  if (!byLinker) rows.set(cat, (byLinker = new WeakMap()));
  let byEvent = byLinker.get(links);
  if (!byEvent) byLinker.set(links, (byEvent = new Map()));
  let row = byEvent.get(e);
  if (!row) byEvent.set(e, (row = buildEventRow(cat, e, links)));
  return row;
}

function buildEventRow(cat: Catalog, e: TaxonomyEvent, links: Linker): EventRow {
  return {
    event: eventLink(e.name, links, cat),
    status: e.status,
    required: list(e.properties.filter((p) => p.required).map((p) => p.name)),
    optional: list(e.properties.filter((p) => !p.required).map((p) => p.name)),
    trigger: rich(e.trigger ?? e.description),
    category: e.category ? { label: code(e.category), href: cat.category(e.category) ? links.category(e.category) : undefined } : null,
  };
}
