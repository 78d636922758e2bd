// `npm run bench -- generate`: wall time and peak memory of `taxonomy generate`, in a child
// process, for the seed taxonomy and synthetic 500- and 2,000-event taxonomies (10 properties
// each, bench/make-taxonomy.mjs): each generator alone, cold (`--only <name> --force
// --no-cache`, every generator the CLI lists, so new ones are included); every artifact cold
// (the default); typescript alone and `check` with the parse cache
// warm; every artifact with the memo cold but the parse cache warm (a change to every event),
// then with both warm; after editing one event; and a no-op regenerate.
// Baseline, same run: `taxonomy check --no-cache` of the same taxonomy (parsing and loading,
// which every cold generate pays).
// Targets (2 cores): typescript alone for 2,000 events ≤ 1 s, everything ≤ 3 s, no-op ≤ 300 ms.
// Every run writes into a temp copy, never into the repository's packages.
// Also: json-schema-to-typescript's prettier pass against the types generator's own indent.
//
// BENCH_BASELINE=<folder of another built checkout> runs only the comparison with it instead:
// a cold generate of every artifact (`--force --no-cache`) on the seed and on 2,000 events, by
// this build, by the baseline's, and by this build under `node --v8-pool-size=0`, taken in turn
// in each round (order reversed every other round), and reports the median of each round's
// own ratio to the baseline (BENCH_PAIRS rounds, default 11). See bench/README.md.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadTaxonomy } from '@taxonomy/core';
import { typesGenerator } from '@taxonomy/gen-types';
import { makeTempTaxonomy } from './make-taxonomy.mjs';
import { median, report, save, timeMs } from './lib.mjs';

const repo = fileURLToPath(new URL('..', import.meta.url));
const cli = join(repo, 'packages/cli/dist/bin.js');
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const SIZES = (process.env.BENCH_SIZES ?? '500,2000').split(',').map(Number);

// Reports the child's peak RSS on exit (kB); works wherever node runs, unlike /usr/bin/time.
const probe = join(mkdtempSync(join(tmpdir(), 'bench-probe-')), 'maxrss.mjs');
writeFileSync(probe, "process.on('exit', () => process.stderr.write(`\\nMAXRSS ${process.resourceUsage().maxRSS}\\n`));\n");

/** One child run (of the CLI, or of node with `raw` arguments): wall ms, peak RSS MB, exit code, stderr tail. */
function once(args, cwd, raw = false, env = {}) {
  const t = performance.now();
  const r = spawnSync(process.execPath, ['--import', probe, ...(raw ? [] : [cli]), ...args], { cwd, encoding: 'utf8', timeout: 300_000, maxBuffer: 64 * 1024 * 1024, env: { ...process.env, ...env } });
  const ms = performance.now() - t;
  // A baseline build may run a long generate in a child process, which the probe reports on
  // too: the peak is the larger of the two.
  const rss = Math.max(0, ...[...(r.stderr ?? '').matchAll(/MAXRSS (\d+)/g)].map((m) => Number(m[1]))) / 1024;
  return { ms, rss, status: r.status, stdout: r.stdout ?? '', tail: (r.stderr ?? '').replace(/\nMAXRSS \d+\n/g, '').trim().split('\n').slice(-3).join(' | ') };
}

/**
 * A node -e script that edits one description (a different text each run, so each
 * run sees a change) and then runs `taxonomy generate` in the same process: the wall time is
 * what a developer waits after saving one change.
 */
function editOneEvent(root) {
  return `
    const fs = require('node:fs'); const path = require('node:path');
    const dir = path.join(${JSON.stringify(root)}, 'taxonomy', 'domains');
    const f = path.join(dir, fs.readdirSync(dir).sort()[0]);
    const text = fs.readFileSync(f, 'utf8');
    // The first one-line plain description gets a word, not ' #N': after a space, '#' starts
    // a YAML comment, and the edit changed nothing (a block scalar's header takes no text).
    const edited = text.replace(/^( +description: )([^>|"'\\s#&*!%@\`{[].*?)(?: edit-\\d+)?$/m, (_, k, d) => k + d + ' edit-' + process.hrtime.bigint());
    if (edited === text) throw new Error('no plain description to edit in ' + f);
    fs.writeFileSync(f, edited);
    process.argv = [process.argv[0], process.argv[1], 'generate', 'taxonomy'];
    import(process.argv[1]);`;
}

/**
 * A node -e script that empties the generators' memo (keeping the parse cache) and then runs
 * `taxonomy generate --force` in the same process: what a change to every event costs, for
 * example editing a global property (every event's validator and types are computed again,
 * while the YAML files that did not change are read from the parse cache).
 */
function memoCold(root) {
  return `
    require('node:fs').rmSync(require('node:path').join(${JSON.stringify(root)}, '.taxonomy-cache', 'memo'), { recursive: true, force: true });
    process.argv = [process.argv[0], process.argv[1], 'generate', 'taxonomy', '--force'];
    import(process.argv[1]);`;
}

/**
 * Median wall and peak RSS over RUNS runs; a failure is reported, not measured, and so is a
 * run whose output does not match `expect` (a row must measure the work it names).
 */
function measure(args, cwd, runs = RUNS, raw = false, env = {}, expect = undefined) {
  const xs = [];
  for (let i = 0; i < runs; i++) {
    const r = once(args, cwd, raw, env);
    if (r.status !== 0) return { failed: `exit ${r.status}: ${r.tail}` };
    if (expect && !expect.test(r.stdout)) return { failed: `output does not match ${expect}: ${r.stdout.trim().split('\n').pop()}` };
    xs.push(r);
  }
  return { ms: median(xs.map((x) => x.ms)), rss: Math.max(...xs.map((x) => x.rss)) };
}

/** Like measure, for several [args, env, raw] taken in turn each round; one result per entry. */
function measureInterleaved(specs, cwd, runs = RUNS) {
  const xs = specs.map(() => []);
  for (let i = 0; i < runs; i++) {
    for (const [k, [args, env, raw = false]] of specs.entries()) {
      const r = once(args, cwd, raw, env);
      if (r.status !== 0) return specs.map(() => ({ failed: `exit ${r.status}: ${r.tail}` }));
      xs[k].push(r);
    }
  }
  return xs.map((x) => ({ ms: median(x.map((y) => y.ms)), rss: Math.max(...x.map((y) => y.rss)) }));
}

function generatorNames() {
  const r = spawnSync(process.execPath, [cli, 'generate', '--list'], { cwd: repo, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`taxonomy generate --list failed: ${r.stderr}`);
  return r.stdout.split('\n').map((l) => l.split(/\s+/)[0]).filter(Boolean);
}

const row = (name, m) => (m.failed
  ? { name, value: Number.NaN, unit: `ms  FAILED: ${m.failed.slice(0, 120)}`, higherIsBetter: false }
  : { name, value: m.ms, unit: `ms  peak ${String(Math.round(m.rss)).padStart(4)} MB`, higherIsBetter: false });

export default async function run() {
  if (process.env.BENCH_BASELINE) return compareWithBaseline(process.env.BENCH_BASELINE);
  const generators = generatorNames();
  const seedRoot = mkdtempSync(join(tmpdir(), 'bench-seed-'));
  cpSync(join(repo, 'taxonomy'), join(seedRoot, 'taxonomy'), { recursive: true });
  const taxonomies = [['seed (136 events)', seedRoot], ...SIZES.map((n) => [`synthetic ${n} events`, makeTempTaxonomy(n)])];
  const results = {};
  for (const [label, root] of taxonomies) {
    // The baseline parses every file, as before the parse cache existed, so runs stay comparable.
    const check = measure(['check', 'taxonomy', '--no-cache'], root);
    const rows = [row('taxonomy check --no-cache (baseline: parse, load, check)', check)];
    once(['check', 'taxonomy'], root); // fills the parse cache
    const checkWarm = measure(['check', 'taxonomy'], root);
    rows.push(row('taxonomy check, parse cache warm', checkWarm));
    const per = {};
    // Cold: --no-cache, so no run profits from the memo an earlier one left.
    for (const g of generators) {
      per[g] = measure(['generate', 'taxonomy', '--only', g, '--force', '--no-cache'], root);
      rows.push(row(`generate --only ${g} --force --no-cache`, per[g]));
    }
    // Every artifact cold, and with the memo cold but the parse cache warm (a change to every
    // event, such as editing a global property): interleaved, so a machine whose speed drifts
    // favours neither.
    once(['generate', 'taxonomy', '--force'], root); // fills the parse cache
    const [all, memoColdParseWarm] = measureInterleaved([
      [['generate', 'taxonomy', '--force', '--no-cache'], {}],
      [['-e', memoCold(root), '--', cli], {}, true],
    ], root);
    rows.push(row('every artifact, cold', all));
    rows.push(row('every artifact, memo cold, parse cache warm', memoColdParseWarm));
    // TypeScript alone, parse cache cold and warm, interleaved (the memo plays no part in it).
    const [tsCold, tsWarm] = measureInterleaved([
      [['generate', 'taxonomy', '--only', 'typescript', '--force', '--no-cache'], {}],
      [['generate', 'taxonomy', '--only', 'typescript', '--force'], {}],
    ], root);
    rows.push(row('generate --only typescript --force --no-cache (again, interleaved)', tsCold));
    rows.push(row('generate --only typescript --force, parse cache warm', tsWarm));
    once(['generate', 'taxonomy', '--force'], root); // fills the memo
    const warm = measure(['generate', 'taxonomy', '--force'], root);
    rows.push(row('every artifact, memo and parse cache warm (--force)', warm));
    // A review-sized change: one event's description edited, then a plain generate.
    // The event's schema file must be written again: the edit reached the model.
    const edit = measure(['-e', editOneEvent(root), '--', cli], root, RUNS, true, {}, /json-schema: .*\([1-9]\d* written/);
    rows.push(row('one event edited, then generate (memo warm)', edit));
    once(['generate', 'taxonomy'], root); // prime the manifests and the stamp
    const noop = measure(['generate', 'taxonomy'], root, Math.max(RUNS, 5), false, {}, /up to date/);
    rows.push(row('generate, nothing changed (no-op)', noop));
    report(`taxonomy generate, ${label}: median of ${RUNS} runs (no-op: ${Math.max(RUNS, 5)}), child process`, rows, rows[0].name);
    results[label] = { check, checkWarm, generators: per, tsCold, tsWarm, all, memoColdParseWarm, warm, edit, noop };
  }

  // Where a no-op's time goes: node itself, then the CLI with every generator module imported.
  const bare = measure(['-e', '0'], repo, 5, true);
  const node = measure(['--version'], repo, 5);
  const list = measure(['generate', '--list'], repo, 5);
  const seedNoop = results['seed (136 events)'].noop;
  report('no-op regenerate of the seed, broken down (median of 5)', [
    row('node alone (node -e 0)', bare),
    row('node + CLI start (taxonomy --version)', node),
    row('+ import every generator (generate --list)', list),
    row('no-op generate (hash inputs, compare manifests)', seedNoop),
  ], 'node alone (node -e 0)');

  const big = results[`synthetic ${Math.max(...SIZES)} events`];
  if (big) {
    const fmt = (m) => (m?.failed ? 'failed' : m ? `${Math.round(m.ms)} ms` : 'n/a');
    console.log(`\n  targets (${Math.max(...SIZES)} events): typescript alone ≤ 1,000 ms: ${fmt(big.generators.typescript)} cold (${fmt(big.tsCold)} interleaved), ${fmt(big.tsWarm)} parse cache warm; every artifact ≤ 3,000 ms: ${fmt(big.all)} cold, ${fmt(big.memoColdParseWarm)} memo cold and parse cache warm, ${fmt(big.warm)} both warm, ${fmt(big.edit)} after editing one event; no-op ≤ 300 ms: ${fmt(big.noop)} (seed: ${fmt(seedNoop)})`);
  }

  // json-schema-to-typescript: prettier against format: false + the generator's indent, seed, in process.
  const model = loadTaxonomy(join(repo, 'taxonomy'), { cwd: repo }).model;
  const types = [
    { name: 'types: json-schema-to-typescript + prettier (baseline)', value: await timeMs(() => typesGenerator.generate(model, { formatter: 'prettier' }), { runs: 3, warmup: 1 }), unit: 'ms', higherIsBetter: false },
    { name: 'types: format: false + own indent (default)', value: await timeMs(() => typesGenerator.generate(model, {}), { runs: 3, warmup: 1 }), unit: 'ms', higherIsBetter: false },
  ];
  report('types generator on the seed, in process (median of 3)', types, types[0].name);

  for (const [, root] of taxonomies) rmSync(root, { recursive: true, force: true });
  rmSync(dirname(probe), { recursive: true, force: true });
  const plain = (m) => (m.failed ? { failed: m.failed } : { ms: Math.round(m.ms), peakMB: Math.round(m.rss) });
  save('generate', {
    runs: RUNS,
    taxonomies: Object.fromEntries(Object.entries(results).map(([k, v]) => [k, {
      check: plain(v.check), checkWarm: plain(v.checkWarm), typescriptInterleaved: plain(v.tsCold), typescriptParseWarm: plain(v.tsWarm), all: plain(v.all),
      memoColdParseWarm: plain(v.memoColdParseWarm), warm: plain(v.warm), edit: plain(v.edit), noop: plain(v.noop),
      generators: Object.fromEntries(Object.entries(v.generators).map(([g, m]) => [g, plain(m)])),
    }])),
    noopBreakdown: { node: plain(bare), nodeAndCli: plain(node), importGenerators: plain(list), noop: plain(seedNoop) },
    typesFormatting: Object.fromEntries(types.map((r) => [r.name, Math.round(r.value)])),
  });
}

/**
 * This build against another built checkout (BENCH_BASELINE), paired: each round runs a cold
 * generate of every artifact with the baseline's CLI, this build's, and this build's under
 * `--v8-pool-size=0` (V8's pool sized to the cores), each in its own copy of the taxonomy, in
 * turn (reversed every other round); a round's ratios divide by that round's baseline, so a
 * spell in which the shared machine runs slow weighs on both sides of a ratio alike.
 */
function compareWithBaseline(baselineDir) {
  const baseCli = join(baselineDir, 'packages/cli/dist/bin.js');
  const pairs = Number(process.env.BENCH_PAIRS ?? 11);
  const args = ['generate', 'taxonomy', '--force', '--no-cache'];
  const sizes = [['seed (136 events)', null], ...SIZES.filter((n) => n >= 2000).map((n) => [`synthetic ${n} events`, n])];
  const saved = { baseline: baselineDir, pairs, taxonomies: {} };
  for (const [label, n] of sizes) {
    const copy = () => {
      if (n) return makeTempTaxonomy(n);
      const root = mkdtempSync(join(tmpdir(), 'bench-seed-'));
      cpSync(join(repo, 'taxonomy'), join(root, 'taxonomy'), { recursive: true });
      return root;
    };
    const candidates = [
      { name: 'baseline build', cmd: [baseCli, ...args], root: copy() },
      { name: 'this build', cmd: [cli, ...args], root: copy() },
      { name: 'this build, node --v8-pool-size=0', cmd: ['--v8-pool-size=0', cli, ...args], root: copy() },
    ];
    for (const c of candidates) {
      const r = once(c.cmd, c.root, true); // writes every file once, so rounds compare the same work
      if (r.status !== 0) throw new Error(`${c.name}: exit ${r.status}: ${r.tail}`);
    }
    const ms = candidates.map(() => []);
    for (let i = 0; i < pairs; i++) {
      const order = candidates.map((_, k) => k);
      if (i % 2) order.reverse();
      for (const k of order) {
        const r = once(candidates[k].cmd, candidates[k].root, true);
        if (r.status !== 0) throw new Error(`${candidates[k].name}: exit ${r.status}: ${r.tail}`);
        ms[k].push(r.ms);
      }
    }
    const ratios = ms.map((xs) => xs.map((x, i) => x / ms[0][i]));
    console.log(`\ntaxonomy generate --force --no-cache, ${label}: ${pairs} interleaved rounds, child process`);
    candidates.forEach((c, k) => {
      const rs = [...ratios[k]].sort((a, b) => a - b);
      const ratio = k === 0 ? '(baseline)' : `median of the ${pairs} paired ratios ${median(ratios[k]).toFixed(3)} (range ${rs[0].toFixed(2)}–${rs.at(-1).toFixed(2)})`;
      console.log(`  ${c.name.padEnd(36)} median ${String(Math.round(median(ms[k]))).padStart(6)} ms  ${ratio}`);
    });
    saved.taxonomies[label] = Object.fromEntries(candidates.map((c, k) => [c.name, { medianMs: Math.round(median(ms[k])), pairedRatioMedian: Number(median(ratios[k]).toFixed(3)), ms: ms[k].map(Math.round) }]));
    for (const c of candidates) rmSync(c.root, { recursive: true, force: true });
  }
  rmSync(dirname(probe), { recursive: true, force: true });
  save('generate-vs-baseline', saved);
}
