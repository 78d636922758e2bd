// `npm run bench -- interop`: importing a Segment tracking plan of 2,000 events
// (bench/make-segment-plan.mjs), next to baselines from the same run: JSON.parse of the
// plan, and the core loader on the imported domain (what `taxonomy check` costs for it;
// the import runs that check itself). Then a registry of 2,000 Iglu JSON Schemas
// (bench/make-iglu-registry.mjs: vendors, shared names, older live models, revisions, tuples, contexts): importing it and
// generating every output from it, against loading the resulting taxonomy in the same run.
// Medians of repeated runs. Needs a build.
import { createRequire } from 'node:module';
import { loadTaxonomyFromFiles } from '@taxonomy/core';
import { importJsonSchemas, importSegmentPlan, readJson, exportSegmentPlan } from '@taxonomy/interop';
import { makeIgluRegistry } from './make-iglu-registry.mjs';
import { report, save, timeMs } from './lib.mjs';
import { makeSegmentPlan } from './make-segment-plan.mjs';

const ROOT = { path: 'taxonomy.yaml', contents: 'name: bench\nversion: 1.0.0\n' };

export default async function run() {
  const results = {};
  for (const n of [200, 2000]) {
    const text = JSON.stringify(makeSegmentPlan(n), null, 2);
    const imported = importSegmentPlan(text, { domain: 'bench' });
    if (imported.exitCode !== 0 || imported.draft.events.length !== n) throw new Error(`import of ${n} events is not clean (exit ${imported.exitCode})`);
    const files = [ROOT, { path: 'domains/bench.yaml', contents: imported.yaml }];
    const model = loadTaxonomyFromFiles(files).model;
    const opts = n > 500 ? { runs: 3, warmup: 1 } : { runs: 7, warmup: 2 };
    const rows = [
      { name: `JSON.parse (${(text.length / 1e6).toFixed(1)} MB plan)`, value: await timeMs(() => JSON.parse(text), opts), unit: 'ms', higherIsBetter: false },
      { name: 'readJson (positions, duplicate keys)', value: await timeMs(() => readJson(text), opts), unit: 'ms', higherIsBetter: false },
      { name: 'core loader on the imported domain', value: await timeMs(() => loadTaxonomyFromFiles(files), opts), unit: 'ms', higherIsBetter: false },
      { name: `import segment, ${n} events (with its check)`, value: await timeMs(() => importSegmentPlan(text, { domain: 'bench' }), opts), unit: 'ms', higherIsBetter: false },
      { name: `export segment, ${n} events`, value: await timeMs(() => exportSegmentPlan(model), opts), unit: 'ms', higherIsBetter: false },
    ];
    report(`interop: Segment plan of ${n} events (baseline: core loader on the result)`, rows, 'core loader on the imported domain');
    results[n] = Object.fromEntries(rows.map((r) => [r.name, Math.round(r.value * 10) / 10]));
  }
  results.jsonschema = await igluRows(2000);
  save('interop', results);
}

/** Every registered generator with its default options (as the CLI applies them). */
async function generators() {
  const require = createRequire(import.meta.url);
  const Ajv = require('ajv/dist/2020.js').default;
  const out = [];
  for (const [name, pkg] of Object.entries(require('../packages/cli/generators.json'))) {
    // A package may export its generator under several names: take the one registered, once.
    const g = Object.values(await import(pkg)).find((x) => x && typeof x === 'object' && x.name === name && typeof x.generate === 'function');
    if (!g) throw new Error(`package ${pkg} exports no generator '${name}'`);
    const options = {};
    new Ajv({ useDefaults: true, strict: false }).compile(g.optionsSchema)(options);
    out.push({ g, options });
  }
  return out;
}

async function igluRows(n) {
  const schemas = makeIgluRegistry(n);
  const importIt = () => importJsonSchemas(schemas, { domain: 'bench', sourceName: 'registry' });
  const imported = importIt();
  if (imported.exitCode !== 0) throw new Error(`import of ${n} schemas is not clean (exit ${imported.exitCode})`);
  const files = [ROOT, { path: `domains/${imported.domain}.yaml`, contents: imported.yaml }];
  const model = loadTaxonomyFromFiles(files).model;
  if (!model) throw new Error('the imported taxonomy does not load');
  // A generator that cannot take the imported shapes yet is left out of the timed rows and named.
  const all = await generators();
  const gens = [];
  const failing = [];
  for (const x of all) {
    try { await x.g.generate(model, x.options); gens.push(x); } catch (e) { failing.push(`${x.g.name} (${String(e.message).split('\n')[0]})`); }
  }
  if (failing.length) console.log(`generators that fail on this registry, left out of the timed rows: ${failing.join('; ')}`);
  let written = 0;
  const generateAll = async (m) => { written = 0; for (const { g, options } of gens) written += (await g.generate(m, options)).length; };
  const opts = { runs: 3, warmup: 1 };
  const rows = [
    { name: 'core loader on the imported taxonomy', value: await timeMs(() => loadTaxonomyFromFiles(files), opts), unit: 'ms', higherIsBetter: false },
    { name: `import jsonschema, ${n} schemas (with its check)`, value: await timeMs(importIt, opts), unit: 'ms', higherIsBetter: false },
    { name: `every generator (${gens.length}) on the result`, value: await timeMs(() => generateAll(model), opts), unit: 'ms', higherIsBetter: false },
    { name: 'import + load + every generator', value: await timeMs(async () => { const r = importIt(); await generateAll(loadTaxonomyFromFiles([ROOT, { path: `domains/${r.domain}.yaml`, contents: r.yaml }]).model); }, opts), unit: 'ms', higherIsBetter: false },
  ];
  const versions = model.events.filter((e) => e.versions.length > 1).length;
  const revisions = model.events.filter((e) => e.versions.some((v) => v.revisions.length)).length;
  const data = model.events.filter((e) => e.extensions['x-iglu-payload']).length;
  report(`interop: Iglu registry of ${n} JSON Schemas → ${model.events.length} events (${versions} with an older live version, ${revisions} with earlier revisions, ${data} with a data payload, ${model.events.filter((e) => e.namespace).length} namespaced), ${written} files generated (baseline: core loader on the result)`, rows, 'core loader on the imported taxonomy');
  return { ...Object.fromEntries(rows.map((r) => [r.name, Math.round(r.value * 10) / 10])), failing };
}
