// `taxonomy govern` cost on the seed taxonomy, next to the cost of loading it (the
// baseline every command pays): the change classifier, all rules, and the ts-morph scan
// of a synthetic app (200 files, 20 tracker calls each).
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadTaxonomy, loadTaxonomyFromFiles } from '@taxonomy/core';
import { diffTaxonomies, govern, scanApp, trackerPath } from '@taxonomy/governance';
import { report, save, timeMs } from './lib.mjs';

const repo = fileURLToPath(new URL('..', import.meta.url));
const taxDir = join(repo, 'taxonomy');

function files(dir, out = []) {
  for (const n of readdirSync(dir).sort()) {
    const p = join(dir, n);
    if (statSync(p).isDirectory()) files(p, out); else if (n.endsWith('.yaml')) out.push({ path: relative(taxDir, p), contents: readFileSync(p, 'utf8') });
  }
  return out;
}

export default async function () {
  const head = loadTaxonomy(taxDir, { cwd: repo });
  // A base that differs: one enum narrowed, one event's description reworded, one property dropped.
  const baseFiles = files(taxDir).map((f) => f.path === 'domains/workbench.yaml'
    ? { ...f, contents: f.contents.replace('description: A new draft was created.', 'description: A draft was created.') }
    : f);
  const base = loadTaxonomyFromFiles(baseFiles, 'taxonomy');

  const app = mkdtempSync(join(tmpdir(), 'govern-bench-'));
  mkdirSync(join(app, 'src'));
  const paths = head.model.events.map((e) => trackerPath(e));
  for (let f = 0; f < 200; f++) {
    const lines = [];
    for (let c = 0; c < 20; c++) { const p = paths[(f * 20 + c) % paths.length]; lines.push(`export function f${c}(x: number) { if (x > ${c}) tracker.${p.domainKey}.${p.method}({ n: x }); }`); }
    writeFileSync(join(app, 'src', `m${f}.ts`), lines.join('\n') + '\n');
  }

  const facts = { today: '2026-01-15', diagnostics: head.diagnostics };
  const rows = [
    { name: 'load the seed taxonomy (baseline)', value: await timeMs(() => loadTaxonomy(taxDir, { cwd: repo })), unit: 'ms', higherIsBetter: false },
    { name: 'classify changes (base → head)', value: await timeMs(() => diffTaxonomies(base.model, head.model)), unit: 'ms', higherIsBetter: false },
    { name: 'all rules, no app scan, no drift', value: await timeMs(() => govern(base.model, head.model, facts)), unit: 'ms', higherIsBetter: false },
    { name: 'ts-morph scan: 200 files, 4000 calls', value: await timeMs(() => scanApp({ root: app, include: ['src/**/*.ts'] }), { runs: 5, warmup: 1 }), unit: 'ms', higherIsBetter: false },
  ];
  report(`govern on the seed (${head.model.events.length} events, ${head.model.metrics.length} metrics), median of runs`, rows, rows[0].name);
  save('govern', { rows: rows.map((r) => ({ ...r, ratio: r.value / rows[0].value })) });
}
