import type { Generator } from '@taxonomy/core';
import { renderCatalog } from './markdown.js';
import { optionsSchema, type DocsOptions } from './options.js';

export { renderCatalog, markdownLinker } from './markdown.js';
export { buildSite } from './site.js';
export { updateSections, SECTION_KINDS, type SectionError, type SectionResult } from './sections.js';
export { md, mdRich, rich, segments, code as mdCode, type Md, type Segment } from './markdown-escape.js';
export { pageNames, taxonomyRelative } from './paths.js';
export { templateSources } from './render.js';
export { optionsSchema, type DocsOptions } from './options.js';

/**
 * The docs generator: the Markdown catalog under docs/catalog. The HTML site is
 * built by `taxonomy docs --site` from `buildSite` (same view models, other templates).
 */
export const docsGenerator: Generator<DocsOptions> = {
  name: 'docs',
  description: 'Markdown catalog: an index, a page per domain, category and event, metrics and privacy pages.',
  version: '1',
  // The package root, not dist/: the templates are part of the generator's code.
  defaultOut: 'docs/catalog',
  optionsSchema,
  generate(model, options) {
    return renderCatalog(model, options);
  },
};

export default docsGenerator;
