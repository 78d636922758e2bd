// `taxonomy govern` cost on the seed taxonomy, next to the cost of loading it (the
// baseline every command pays): the change classifier, all rules, and the ts-morph scan
// of a synthetic app (200 files, 20 tracker calls each).
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadTaxonomy, loadTaxonomyFromFiles } from '@taxonomy/core';
import { diffTaxonomies, govern, scanApp, trackerPath } from '@taxonomy/governance';
import { median, report, save, timeMs } from './lib.mjs';
import { makeTaxonomy } from './make-taxonomy.mjs';

const cli = fileURLToPath(new URL('../packages/cli/dist/bin.js', import.meta.url));
const gitEnv = { ...process.env, GIT_AUTHOR_NAME: 'b', GIT_AUTHOR_EMAIL: 'b@example.com', GIT_COMMITTER_NAME: 'b', GIT_COMMITTER_EMAIL: 'b@example.com', GIT_CONFIG_NOSYSTEM: '1' };

/**
 * Issue 19's figure: `taxonomy govern` on a 2,000-event taxonomy with a 50-event change
 * (one optional property added to each, with its changeset), against `taxonomy check` of
 * the same tree, both as the CLI in a child process, interleaved, medians of the runs.
 */
function governVersusCheck(events = 2000, changed = 50, runs = 5) {
  const root = mkdtempSync(join(tmpdir(), 'govern-bench-repo-'));
  makeTaxonomy(root, events);
  execFileSync('git', ['init', '-q', '-b', 'main'], { cwd: root, env: gitEnv });
  writeFileSync(join(root, '.gitignore'), '.taxonomy-cache/\n');
  execFileSync('git', ['add', '-A'], { cwd: root, env: gitEnv });
  execFileSync('git', ['commit', '-q', '-m', 'base'], { cwd: root, env: gitEnv });
  let left = changed;
  for (const f of readdirSync(join(root, 'taxonomy/domains')).sort()) {
    const p = join(root, 'taxonomy/domains', f);
    // A compliant change: the description says what changed (doc/shape-change).
    const text = readFileSync(p, 'utf8').replace(/(    description: Synthetic event \d+)\.(\n[\s\S]*?      is_retry: [^\n]*\n)/g, (m, d, rest) =>
      (left-- > 0 ? `${d}, with its channel.${rest}      channel: { type: string, enum: [web, app], privacy: internal, description: Where. }\n` : m));
    writeFileSync(p, text);
  }
  if (left > 0) throw new Error(`the synthetic taxonomy has fewer than ${changed} events to change`);
  mkdirSync(join(root, '.changeset'));
  writeFileSync(join(root, '.changeset/bench.md'), '---\n"@synthetic/schemas": minor\n"@synthetic/tracker": minor\n---\n\nAdded channel.\n');
  const once = (args) => {
    const t = performance.now();
    const r = spawnSync(process.execPath, [cli, ...args], { cwd: root, encoding: 'utf8', timeout: 300_000, maxBuffer: 64 * 1024 * 1024 });
    if (r.status !== 0) throw new Error(`taxonomy ${args.join(' ')} exited ${r.status}: ${(r.stdout + r.stderr).trim().split('\n').slice(-3).join(' | ')}`);
    return performance.now() - t;
  };
  const check = [], govern = [];
  once(['check', '--no-cache']); once(['govern', '--base', 'HEAD', '--no-drift']); // warm the disk cache
  for (let i = 0; i < runs; i++) { check.push(once(['check', '--no-cache'])); govern.push(once(['govern', '--base', 'HEAD', '--no-drift'])); }
  return { check: median(check), govern: median(govern) };
}

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
  const big = governVersusCheck();
  const cliRows = [
    { name: 'taxonomy check --no-cache, 2,000 events (baseline)', value: big.check, unit: 'ms', higherIsBetter: false },
    { name: 'taxonomy govern --base HEAD --no-drift, 50 events changed (target <= 2.5x)', value: big.govern, unit: 'ms', higherIsBetter: false },
  ];
  report('govern vs check on a 2,000-event taxonomy, CLI in a child process, interleaved, median of 5', cliRows, cliRows[0].name);
  save('govern', { rows: [...rows.map((r) => ({ ...r, ratio: r.value / rows[0].value })), ...cliRows.map((r) => ({ ...r, ratio: r.value / cliRows[0].value }))] });
}
