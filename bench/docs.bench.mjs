// Docs generator speed: the Markdown catalog, the HTML site and in-place sections,
// each next to the json-schema generator on the same model (the baseline of the same run).
// Usage: npm run bench -- docs
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadTaxonomy } from '@taxonomy/core';
import { jsonSchemaGenerator } from '@taxonomy/gen-json-schema';
import { buildSite, renderCatalog, updateSections } from '@taxonomy/gen-docs';
import { makeTempTaxonomy } from './make-taxonomy.mjs';
import { report, save, timeMs } from './lib.mjs';

const repo = new URL('..', import.meta.url).pathname;

async function measure(label, model) {
  const files = (f) => f.length;
  const rows = [
    { name: 'json-schema generator (baseline)', value: await timeMs(() => jsonSchemaGenerator.generate(model, {})), unit: 'ms', higherIsBetter: false },
    { name: `docs: Markdown catalog (${files(renderCatalog(model, {}))} files)`, value: await timeMs(() => renderCatalog(model, {})), unit: 'ms', higherIsBetter: false },
    { name: `docs: HTML site (${files(buildSite(model, {}))} files)`, value: await timeMs(() => buildSite(model, {})), unit: 'ms', higherIsBetter: false },
  ];
  report(`${label}: ${model.events.length} events, ${model.metrics.length} metrics (median of 7 runs)`, rows, rows[0].name);
  return rows;
}

export default async function () {
  const seed = loadTaxonomy(join(repo, 'taxonomy'), { cwd: repo }).model;
  const results = { seed: await measure('seed taxonomy', seed) };

  const guide = readFileSync(join(repo, 'generators/docs/test/fixtures/sections/guide.md'), 'utf8');
  const sections = [
    { name: 'json-schema generator (baseline)', value: results.seed[0].value, unit: 'ms', higherIsBetter: false },
    { name: 'docs --update: 3 sections of the fixture guide', value: await timeMs(() => updateSections(guide, 'guide.md', seed)), unit: 'ms', higherIsBetter: false },
  ];
  report('in-place sections on the seed taxonomy', sections, sections[0].name);
  results.sections = sections;

  const big = loadTaxonomy(join(makeTempTaxonomy(1000), 'taxonomy'), { cwd: repo }).model;
  results.synthetic1000 = await measure('synthetic taxonomy', big);
  save('docs', results);
}
