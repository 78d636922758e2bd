// `npm run bench -- interop`: importing a Segment tracking plan of 2,000 events
// (bench/make-segment-plan.mjs), next to baselines from the same run: JSON.parse of the
// plan, and the core loader on the imported domain (what `taxonomy check` costs for it;
// the import runs that check itself). Medians of repeated runs. Needs a build.
import { loadTaxonomyFromFiles } from '@taxonomy/core';
import { importSegmentPlan, readJson, exportSegmentPlan } from '@taxonomy/interop';
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
  save('interop', results);
}
