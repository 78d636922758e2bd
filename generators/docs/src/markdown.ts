import type { GeneratedFile, TaxonomyModel } from '@taxonomy/core';
import { buildCatalog, type Catalog } from './catalog.js';
import type { DocsOptions } from './options.js';
import { slug } from './paths.js';
import { renderMarkdown } from './render.js';
import { usages } from './example.js';
import { eventView, type Href, type Linker } from './view-event.js';
import { categoryView, domainView, indexView, metricsView, privacyView } from './view-pages.js';

/** Links between the catalog's pages; `up` is the way from the page's folder to the catalog root. */
export function markdownLinker(cat: Catalog, up: '' | '../'): Linker {
  const h = (s: string) => `${up}${s}` as Href;
  return {
    event: (n) => h(`events/${cat.names.event(n)}.md`),
    metric: (n) => h(`metrics.md#${slug(n)}`),
    domain: (n) => h(`domains/${slug(n)}.md`),
    category: (n) => h(`categories/${slug(n)}.md`),
    privacyClass: (n) => h(`privacy.md#${slug(n)}`),
  };
}

/**
 * The Markdown catalog: README.md (domains, categories, destinations), a page per
 * domain, category and event, metrics.md and privacy.md. Sorted, no timestamps.
 */
export function renderCatalog(model: TaxonomyModel, options: DocsOptions = {}): GeneratedFile[] {
  const cat = buildCatalog(model);
  const root = markdownLinker(cat, '');
  const sub = markdownLinker(cat, '../');
  const files: GeneratedFile[] = [
    { path: 'README.md', contents: renderMarkdown('index', indexView(cat, root, options.title ?? '')) },
    { path: 'metrics.md', contents: renderMarkdown('metrics', metricsView(cat, root)) },
    { path: 'privacy.md', contents: renderMarkdown('privacy', privacyView(cat, root)) },
  ];
  for (const d of model.domains) files.push({ path: `domains/${slug(d.name)}.md`, contents: renderMarkdown('domain', domainView(cat, d.name, sub)) });
  for (const c of model.categories) files.push({ path: `categories/${slug(c.name)}.md`, contents: renderMarkdown('category', categoryView(cat, c.name, sub)) });
  const usage = usages(model);
  for (const e of model.events) files.push({ path: `events/${cat.names.event(e.name)}.md`, contents: renderMarkdown('event', eventView(cat, e, sub, usage(e), usage)) });
  return files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}
