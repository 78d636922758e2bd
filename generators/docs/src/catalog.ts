import type { Category, Domain, Metric, PrivacyClass, TaxonomyEvent, TaxonomyModel } from '@taxonomy/core';
import { allProperties } from './describe.js';
import { pageNames, type PageNames } from './paths.js';

/** One place a privacy class is used: a property (path) of an event. */
export interface PrivacyUse {
  readonly event: string;
  readonly path: string;
}

/**
 * The cross-references every page needs, computed once: which metrics read an event,
 * which events a category or domain holds, where each privacy class is used. All
 * lists are sorted by name so the output never depends on declaration order.
 */
export interface Catalog {
  readonly model: TaxonomyModel;
  readonly names: PageNames;
  readonly event: (name: string) => TaxonomyEvent | undefined;
  readonly domain: (name: string) => Domain | undefined;
  readonly category: (name: string) => Category | undefined;
  readonly privacyClass: (name: string) => PrivacyClass | undefined;
  readonly metricsOf: (event: string) => readonly Metric[];
  readonly eventsOfDomain: (domain: string) => readonly TaxonomyEvent[];
  readonly eventsOfCategory: (category: string) => readonly TaxonomyEvent[];
  /** Events without a category (seed 003's team_invite_*). */
  readonly uncategorized: readonly TaxonomyEvent[];
  /** Domains whose events a metric reads. */
  readonly domainsOfMetric: (metric: string) => readonly string[];
  readonly privacyUses: (cls: string) => readonly PrivacyUse[];
  /** The privacy classes an event's properties (and person properties) carry, sorted by sensitivity. */
  readonly privacyOf: (event: string) => readonly string[];
}

const byName = <T extends { name: string }>(a: T, b: T) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);

function group<T>(items: readonly T[], key: (t: T) => string | undefined): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const it of items) {
    const k = key(it);
    if (k === undefined) continue;
    const list = out.get(k) ?? [];
    list.push(it);
    out.set(k, list);
  }
  return out;
}

export function buildCatalog(model: TaxonomyModel): Catalog {
  const events = new Map(model.events.map((e) => [e.name, e]));
  const sorted = [...model.events].sort(byName);
  const metricsByEvent = new Map<string, Metric[]>();
  for (const m of [...model.metrics].sort(byName)) {
    for (const e of m.events) {
      const list = metricsByEvent.get(e);
      if (list) list.push(m);
      else metricsByEvent.set(e, [m]);
    }
  }
  const byDomain = group(sorted, (e) => e.domain);
  const byCategory = group(sorted, (e) => e.category);
  const sensitivity = new Map(model.privacyClasses.map((p) => [p.name, p.sensitivity]));
  const uses = new Map<string, PrivacyUse[]>();
  const eventClasses = new Map<string, string[]>();
  for (const e of sorted) {
    const classes = new Set<string>();
    for (const f of allProperties(e)) {
      const cls = f.property.privacy;
      if (!cls) continue;
      classes.add(cls);
      const use = { event: e.name, path: f.path };
      const list = uses.get(cls);
      // push, not a copy per use: a common class is used by tens of thousands of properties.
      if (list) list.push(use);
      else uses.set(cls, [use]);
    }
    eventClasses.set(e.name, [...classes].sort((a, b) => (sensitivity.get(a) ?? 0) - (sensitivity.get(b) ?? 0) || (a < b ? -1 : 1)));
  }
  const metricDomains = new Map(model.metrics.map((m) => [m.name, [...new Set(m.events.map((e) => events.get(e)?.domain).filter((d): d is string => !!d))].sort()]));
  const find = <T extends { name: string }>(list: readonly T[]) => { const map = new Map(list.map((x) => [x.name, x])); return (n: string) => map.get(n); };
  return {
    model,
    names: pageNames(model),
    event: (n) => events.get(n),
    domain: find(model.domains),
    category: find(model.categories),
    privacyClass: find(model.privacyClasses),
    metricsOf: (e) => metricsByEvent.get(e) ?? [],
    eventsOfDomain: (d) => byDomain.get(d) ?? [],
    eventsOfCategory: (c) => byCategory.get(c) ?? [],
    uncategorized: sorted.filter((e) => !e.category),
    domainsOfMetric: (m) => metricDomains.get(m) ?? [],
    privacyUses: (c) => uses.get(c) ?? [],
    privacyOf: (e) => eventClasses.get(e) ?? [],
  };
}
