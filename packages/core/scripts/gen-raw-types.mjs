// Generates src/raw-types.ts (the TypeScript shape of every taxonomy file kind)
// from the meta-schema with json-schema-to-typescript. `--check` fails on drift.
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { compile } from 'json-schema-to-typescript';

const here = (p) => fileURLToPath(new URL(p, import.meta.url));
const meta = JSON.parse(readFileSync(here('../schema/taxonomy.schema.json'), 'utf8'));
const roots = { rootFile: 'RawRootFile', domainFile: 'RawDomainFile', propertiesFile: 'RawPropertiesFile', privacyFile: 'RawPrivacyFile',
  categoriesFile: 'RawCategoriesFile', destinationsFile: 'RawDestinationsFile', metricsFile: 'RawMetricsFile' };
// One synthetic schema whose properties reference each file kind, so shared $defs are emitted once.
const schema = {
  title: 'RawTaxonomyFiles', type: 'object', additionalProperties: false,
  properties: Object.fromEntries(Object.keys(roots).map((k) => [k, { $ref: `#/$defs/${k}` }])),
  $defs: Object.fromEntries(Object.entries(meta.$defs).map(([k, v]) => [k, { ...v, title: roots[k] ?? 'Raw' + k[0].toUpperCase() + k.slice(1) }])),
};
const ts = await compile(schema, 'RawTaxonomyFiles', {
  bannerComment: '/* Generated from schema/taxonomy.schema.json by scripts/gen-raw-types.mjs. Do not edit. */',
  additionalProperties: false, unreachableDefinitions: true, format: true, style: { singleQuote: true, printWidth: 120 },
});
const out = here('../src/raw-types.ts');
if (process.argv.includes('--check')) {
  const cur = existsSync(out) ? readFileSync(out, 'utf8') : '';
  if (cur !== ts) { console.error('src/raw-types.ts is out of date: run `node packages/core/scripts/gen-raw-types.mjs`'); process.exit(1); }
  console.log('raw-types.ts up to date');
} else { writeFileSync(out, ts); console.log('wrote', out); }
