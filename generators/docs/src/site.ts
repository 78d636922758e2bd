import type { GeneratedFile, TaxonomyModel } from '@taxonomy/core';
import { buildCatalog, type Catalog } from './catalog.js';
import type { DocsOptions } from './options.js';
import { rich } from './markdown-escape.js';
import { slug } from './paths.js';
import { renderHtml, siteAssets } from './render.js';
import { searchEntry, searchIndexScript, plain } from './search-index.js';
import { usages } from './example.js';
import { eventView, type Href, type Link, type Linker } from './view-event.js';
import { indexView, metricsView, privacyView, type MetricView } from './view-pages.js';

/** Links between the site's pages; domains and categories are filters of the index. */
export function siteLinker(cat: Catalog, up: '' | '../'): Linker {
  const h = (s: string) => `${up}${s}` as Href;
  return {
    event: (n) => h(`events/${cat.names.event(n)}.html`),
    metric: (n) => h(`metrics/${cat.names.metric(n)}.html`),
    domain: (n) => h(`index.html#domain=${encodeURIComponent(n)}`),
    category: (n) => h(`index.html#category=${encodeURIComponent(n)}`),
    privacyClass: (n) => h(`privacy.html#${slug(n)}`),
  };
}

interface PageMeta {
  readonly title: string;
  readonly site: string;
  readonly root: '' | '../';
  readonly taxonomy: string;
  readonly version: string;
  readonly scripts: boolean;
}

interface FilterView {
  readonly id: string;
  readonly label: string;
  readonly options: readonly { readonly value: string; readonly count: number }[];
}

function counted(values: readonly string[], order?: readonly string[]): FilterView['options'] {
  const counts = new Map<string, number>();
  for (const v of values) if (v) counts.set(v, (counts.get(v) ?? 0) + 1);
  const keys = order ? order.filter((k) => counts.has(k)) : [...counts.keys()].sort();
  return keys.map((value) => ({ value, count: counts.get(value)! }));
}

/**
 * The static site: index.html (search and filters over every event), a page per
 * event and metric, metrics.html, privacy.html, search-index.js and the assets.
 * A pure function of the model: the `taxonomy docs --site` command writes the files.
 */
export function buildSite(model: TaxonomyModel, options: DocsOptions = {}): GeneratedFile[] {
  const cat = buildCatalog(model);
  const root = siteLinker(cat, '');
  const sub = siteLinker(cat, '../');
  const index = indexView(cat, root, options.title ?? '');
  const site = plain(index.title);
  const meta = (title: string, up: '' | '../', scripts = false): PageMeta => ({ title, site, root: up, taxonomy: model.name, version: model.version, scripts });
  const files: GeneratedFile[] = [];

  const entries = model.events.map((e) => searchEntry(cat, e, root.event(e.name)!));
  const privacyOrder = [...model.privacyClasses].sort((a, b) => a.sensitivity - b.sensitivity).map((p) => p.name);
  const filters: FilterView[] = [
    { id: 'domain', label: 'Domain', options: counted(entries.map((e) => e.domain)) },
    { id: 'category', label: 'Category', options: counted(entries.map((e) => e.category)) },
    { id: 'privacy', label: 'Privacy class', options: counted(entries.flatMap((e) => e.privacy), privacyOrder) },
    { id: 'owner', label: 'Owner', options: counted(entries.map((e) => e.owner)) },
    { id: 'status', label: 'Status', options: counted(entries.map((e) => e.status), ['active', 'planned', 'deprecated']) },
  ];
  const rows = model.events.map((e, i) => ({ ...entries[i]!, description: rich(e.description ?? e.trigger) }));
  files.push({ path: 'index.html', contents: renderHtml('index', { page: meta('Events', '', true), index, filters, events: rows }) });
  files.push({ path: 'search-index.js', contents: searchIndexScript(entries) });

  const usage = usages(model);
  for (const e of model.events) {
    const domain: Link = { label: [{ code: true, text: e.domain }], href: sub.domain(e.domain) };
    files.push({ path: `events/${cat.names.event(e.name)}.html`, contents: renderHtml('event', { page: meta(e.name, '../'), event: eventView(cat, e, sub, usage(e), usage), domain }) });
  }

  files.push({ path: 'metrics.html', contents: renderHtml('metrics', { page: meta('Metrics', ''), metrics: metricsView(cat, root) }) });
  const metricPages: readonly MetricView[] = metricsView(cat, sub).metrics;
  for (const m of metricPages) {
    files.push({ path: `metrics/${cat.names.metric(m.name)}.html`, contents: renderHtml('metric', { page: meta(m.name, '../'), metric: m }) });
  }
  files.push({ path: 'privacy.html', contents: renderHtml('privacy', { page: meta('Privacy', ''), privacy: privacyView(cat, root) }) });

  for (const [name, contents] of siteAssets()) files.push({ path: `assets/${name}`, contents });
  return files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}
