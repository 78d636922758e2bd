import { readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { formatDiagnostic, loadTaxonomy, parseYamlText, type GeneratedFile, type Generator, type TaxonomyModel } from '@taxonomy/core';
import { EXIT, UsageError, type Io } from '../io.js';
import type { Command } from '../command.js';
import { parse } from '../args.js';
import { loadGenerators, generatorPackages, generatorRegistry } from '../generators.js';
import { checkStamp, computeSourceHash, packagesCodeHash, writeStamp } from '../stamp.js';
import { ParseCacheStore } from '../parse-cache-store.js';
import { modelHash as hashModel, runGenerator } from '../generator-options.js';
import { outDirOf, planOne, removeOldOutput, sha, upToDate, writeOutput, manifestName, type Plan } from '../output.js';
import { byFile, driftOf, type DriftEntry } from '../drift.js';
import { readLastOuts, writeLastOuts } from '../last-outs.js';
import { keepReleasedVersions } from '../release-version.js';

export const GENERATE_HELP = `Usage: taxonomy generate [dir] [--check] [--only name,...] [--force] [--no-cache] [--list]

Checks the taxonomy (default dir: taxonomy/), then runs every generator and
writes its files into its output folder (relative to the taxonomy folder's
parent; taxonomy.yaml's generators.<name>.out moves it, .enabled: false turns a
generator off). Stale files a generator made before are removed, and so are
the files it made in a folder it no longer writes to. A generator whose inputs
(model, options, generator code, the versions of the libraries it uses) did not
change is skipped. Nothing is written when a generator fails.

Options:
  --check        write nothing; exit 1 with a summary when the committed
                 output differs from what would be generated (drift)
  --only a,b     run only these generators
  --force        regenerate even when the inputs did not change
  --no-cache     do not use .taxonomy-cache/: parsed/ keeps parsed YAML
                 files and memo/ the generators' costly steps, each keyed
                 by a hash of all its inputs (--check only reads them)
  --list         list the generators, their output folders (as taxonomy.yaml
                 sets them) and whether they are enabled

Environment:
  CI=1           no status line (on a terminal, stderr otherwise shows what
                 is loading and which generator runs)

Exit codes: 0 ok, 1 taxonomy errors or drift, 2 usage or I/O error.`;

export interface GenerateOptions {
  readonly dir: string;
  readonly check: boolean;
  readonly only?: readonly string[];
  readonly force: boolean;
  readonly list: boolean;
  /** Use (and update) .taxonomy-cache/: the parse cache and the generators' memo (default true). */
  readonly cache?: boolean;
}

export { manifestName } from '../output.js';
export { resolveOptions } from '../generator-options.js';

/** What runGenerate worked out before the taxonomy is loaded. */
interface RunState {
  readonly taxDir: string;
  readonly rootDir: string;
  /** The no-op stamp's key, when this run may write one (not --check, --force or --only). */
  readonly sourceHash: string | undefined;
  /** packagesCodeHash of every generator package (their code and their libraries' versions). */
  readonly allCode: string;
  readonly t0: number;
}

/** One generator's fresh output and the time it took. */
interface Result { readonly plan: Plan; readonly files: readonly GeneratedFile[]; readonly ms: number }

export async function runGenerate(opts: GenerateOptions, io: Io): Promise<number> {
  const taxDir = resolve(io.cwd, opts.dir);
  const rootDir = dirname(taxDir);
  if (opts.list) return listGenerators(taxDir, rootDir, io);
  const registry = generatorRegistry();
  const unknown = (opts.only ?? []).filter((n) => !(n in registry));
  if (unknown.length) throw new UsageError(`unknown generator '${unknown[0]}'; run 'taxonomy generate --list'`);

  const t0 = performance.now();
  // No-op fast path: same taxonomy bytes, generator code, library versions and settings as the
  // last successful full run, and every generated file still as it was written. Nothing is
  // parsed and no generator is imported. Generators build on each other's exported helpers
  // (validators on json-schema), so a change to any generator's code invalidates them all.
  const allCode = packagesCodeHash(generatorPackages());
  const sourceHash = !opts.check && !opts.force && !opts.only ? computeSourceHash(taxDir, allCode) : undefined;
  if (sourceHash) {
    const files = checkStamp(rootDir, sourceHash);
    if (files !== undefined) {
      io.out(`✓ up to date: ${files} generated files match the taxonomy (inputs unchanged) in ${Math.round(performance.now() - t0)} ms\n`);
      return EXIT.ok;
    }
  }
  const selected = Object.keys(registry).filter((n) => !opts.only || opts.only.includes(n));
  try {
    return await generateWith(selected, opts, io, { taxDir, rootDir, sourceHash, allCode, t0 });
  } finally {
    io.progress?.();
  }
}

/** `--list`: each generator, its output folder and whether it runs, as taxonomy.yaml says (read alone, not the whole taxonomy). */
async function listGenerators(taxDir: string, rootDir: string, io: Io): Promise<number> {
  const file = join(taxDir, 'taxonomy.yaml');
  let settings: TaxonomyModel['generators'] = {};
  let text: string | undefined;
  try { text = readFileSync(file, 'utf8'); } catch { /* no taxonomy yet: the defaults */ }
  if (text !== undefined) {
    const parsed = parseYamlText(text, relative(io.cwd, file));
    const data = parsed.file?.data as { generators?: unknown } | null | undefined;
    if (!parsed.file || parsed.diagnostics.some((d) => d.severity === 'error')) {
      for (const d of parsed.diagnostics) io.err(formatDiagnostic(d) + '\n');
      return EXIT.findings;
    }
    if (data && typeof data.generators === 'object' && data.generators !== null) settings = data.generators as TaxonomyModel['generators'];
  }
  for (const g of await loadGenerators()) {
    const cfg = Object.hasOwn(settings, g.name) ? settings[g.name] : undefined;
    const out = relative(io.cwd, outDirOf(g, { generators: { [g.name]: cfg ?? {} } }, rootDir)) || '.';
    const state = cfg?.enabled === false ? 'disabled' : 'enabled';
    io.out(`${g.name.padEnd(14)} ${out.padEnd(22)} ${state.padEnd(9)} ${g.description}\n`);
  }
  return EXIT.ok;
}

/** The resolved model, or the exit code when it cannot be built (its errors printed). */
function loadModel(opts: GenerateOptions, io: Io, run: RunState): { model: TaxonomyModel; warnings: number } | number {
  const parseCache = opts.cache !== false ? ParseCacheStore.forRoot(run.rootDir, opts.check) : undefined;
  io.progress?.(`loading ${relative(io.cwd, run.taxDir) || '.'}…`);
  const loaded = loadTaxonomy(run.taxDir, { cwd: io.cwd, parseCache });
  io.progress?.();
  parseCache?.prune();
  if (loaded.ioError) { for (const d of loaded.diagnostics) io.err(formatDiagnostic(d) + '\n'); return EXIT.usage; }
  if (loaded.failed || !loaded.model) {
    for (const d of loaded.diagnostics) if (d.severity === 'error') io.err(formatDiagnostic(d) + '\n');
    io.err(`✗ the taxonomy has errors; nothing generated (run 'taxonomy check' for details)\n`);
    return EXIT.findings;
  }
  return { model: loaded.model, warnings: loaded.diagnostics.filter((d) => d.severity === 'warning').length };
}

async function generateWith(selected: readonly string[], opts: GenerateOptions, io: Io, run: RunState): Promise<number> {
  const generators = await loadGenerators(selected);
  const loaded = loadModel(opts, io, run);
  if (typeof loaded === 'number') return loaded;
  const { model } = loaded;
  const modelHash = hashModel(model);
  const hashOf = (g: Generator<object>, options: object) => sha([modelHash, g.name, g.version, JSON.stringify(options), run.allCode].join('\0'));
  const plans: Plan[] = [];
  for (const g of generators) {
    const plan = planOne(g, model, run.rootDir, hashOf);
    if (plan) plans.push(plan);
    else io.out(`- ${g.name}: disabled in taxonomy.yaml\n`);
  }
  // --check compares everything; otherwise a generator whose inputs and files are as recorded is skipped.
  const toRun = plans.filter((p) => opts.check || opts.force || !upToDate(p));
  const results = await runAll(toRun, model, opts, io, run.rootDir);
  const summary = `${model.events.length} events, ${model.domains.length} domains, ${model.metrics.length} metrics`;
  if (opts.check) return reportDrift(results, io, run, summary);
  return writeAll(plans, results, io, run, `${summary}${loaded.warnings ? `, ${loaded.warnings} warning${loaded.warnings === 1 ? '' : 's'} (taxonomy check)` : ''}`);
}

/**
 * Runs each generator in registry order, with a status line on a terminal. Every output is
 * computed before any is written, so a generator that fails leaves every folder as it was.
 */
async function runAll(toRun: readonly Plan[], model: TaxonomyModel, opts: GenerateOptions, io: Io, rootDir: string): Promise<Result[]> {
  const verb = opts.check ? 'checking' : 'generating';
  const results: Result[] = [];
  for (const plan of toRun) {
    io.progress?.(`${verb}: ${results.length}/${toRun.length} generators done…`);
    io.progress?.(`${verb}: ${results.length}/${toRun.length} generators done, running ${plan.g.name}…`);
    const t = performance.now();
    // A generated package's version is its committed package.json's (release-version.ts).
    const files = keepReleasedVersions(plan.outDir, await runGenerator(plan.g, model, plan.options, { rootDir, memo: opts.cache !== false, check: opts.check }));
    results.push({ plan, files, ms: performance.now() - t });
  }
  if (toRun.length) io.progress?.(`${verb}: ${results.length}/${toRun.length} generators done…`);
  io.progress?.();
  return results;
}

function reportDrift(results: readonly Result[], io: Io, run: RunState, summary: string): number {
  const drift: DriftEntry[] = results.flatMap((r) => driftOf(r.plan, r.files, run.rootDir)).sort(byFile);
  const total = results.reduce((n, r) => n + r.files.length, 0);
  const ms = Math.round(performance.now() - run.t0);
  if (drift.length) {
    const what = { missing: 'missing: not generated or not committed', differs: 'differs from what the taxonomy generates', stale: 'stale: the taxonomy no longer generates it' };
    const sign = { missing: '+', differs: '~', stale: '-' };
    io.err(drift.map((d) => `  ${sign[d.status]} ${relative(io.cwd, join(run.rootDir, d.file))} (${what[d.status]})`).join('\n') + '\n');
    io.err(`✗ generated output is out of date: ${drift.length} file${drift.length === 1 ? '' : 's'} differ. Run 'npm run generate' (taxonomy generate) and commit the result.\n`);
    return EXIT.findings;
  }
  io.out(`✓ generated output matches the taxonomy (${total} files; ${summary}) in ${ms} ms\n`);
  return EXIT.ok;
}

/** Writes each result, removes what an old output folder held, logs in registry order, stamps a full run. */
function writeAll(plans: readonly Plan[], results: readonly Result[], io: Io, run: RunState, summary: string): number {
  const byName = new Map(results.map((r) => [r.plan.g.name, r]));
  const lastOuts = readLastOuts(run.rootDir);
  let total = 0, written = 0, removed = 0, skipped = 0;
  for (const plan of plans) {
    const { g, outDir } = plan;
    removed += moveOut(plan, [lastOuts[g.name], g.defaultOut], io, run.rootDir);
    lastOuts[g.name] = relative(run.rootDir, outDir);
    const r = byName.get(g.name);
    const where = relative(io.cwd, outDir) || '.';
    if (!r) {
      const n = Object.keys(plan.manifest!.files).length;
      skipped++;
      total += n;
      io.out(`· ${g.name}: up to date (${n} files in ${where})\n`);
      continue;
    }
    const w = writeOutput(plan, r.files);
    total += r.files.length;
    written += w.changed;
    removed += w.removed;
    io.out(`✓ ${g.name}: ${r.files.length} files in ${where} (${w.changed} written, ${w.removed} removed) ${Math.round(r.ms)} ms\n`);
  }
  writeLastOuts(run.rootDir, lastOuts);
  if (run.sourceHash) writeStamp(run.rootDir, run.sourceHash, plans.map((p) => ({ dir: relative(run.rootDir, p.outDir), manifest: manifestName(p.g.name) })));
  const ms = Math.round(performance.now() - run.t0);
  io.out(`✓ generated ${total} files (${written} written, ${removed} removed, ${skipped} generator${skipped === 1 ? '' : 's'} up to date) from ${summary} in ${ms} ms\n`);
  return EXIT.ok;
}

/** After `out:` moved: removes what this generator's manifest owns in a folder it wrote to before. Returns the count. */
function moveOut(plan: Plan, before: readonly (string | undefined)[], io: Io, rootDir: string): number {
  let n = 0;
  for (const dir of new Set(before.filter((d): d is string => d !== undefined).map((d) => resolve(rootDir, d)))) {
    if (dir === plan.outDir) continue;
    const { removed, kept } = removeOldOutput(dir, plan.g.name);
    if (removed.length) io.out(`- ${plan.g.name}: removed ${removed.length} files it generated in ${relative(io.cwd, dir) || '.'} (its output moved to ${relative(io.cwd, plan.outDir) || '.'})\n`);
    if (kept.length) io.err(`! ${plan.g.name}: kept ${kept.length} files in ${relative(io.cwd, dir) || '.'} that were edited since they were generated (${kept.slice(0, 3).join(', ')}${kept.length > 3 ? ', …' : ''})\n`);
    n += removed.length;
  }
  return n;
}

export const generateCommand: Command = {
  name: 'generate',
  help: GENERATE_HELP,
  async run(args, io) {
    const { values, positionals } = parse(args, { check: { type: 'boolean' }, only: { type: 'string' }, force: { type: 'boolean' }, 'no-cache': { type: 'boolean' }, list: { type: 'boolean' } });
    if (values.help) { io.out(GENERATE_HELP + '\n'); return EXIT.ok; }
    if (positionals.length > 1) throw new UsageError(`generate takes one folder; got ${positionals.length}`);
    const only = typeof values.only === 'string' ? values.only.split(',').map((s) => s.trim()).filter(Boolean) : undefined;
    return runGenerate({ dir: positionals[0] ?? 'taxonomy', check: !!values.check, only, force: !!values.force, list: !!values.list, cache: !values['no-cache'] }, io);
  },
};
