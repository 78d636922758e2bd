import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { formatDiagnostic, loadTaxonomy, type GeneratedFile, type Generator, type TaxonomyModel } from '@taxonomy/core';
import { EXIT, UsageError, type Io } from '../io.js';
import type { Command } from '../command.js';
import { parse } from '../args.js';
import { loadGenerators, generatorPackages, generatorRegistry } from '../generators.js';
import { checkStamp, computeSourceHash, packagesCodeHash, writeStamp } from '../stamp.js';
import { ParseCacheStore } from '../parse-cache-store.js';
import { estimateGenerateMs, RELAUNCH_MIN_MS, taxonomyBytes } from '../relaunch.js';
import { modelHash as hashModel, resolveOptions, runGenerator } from '../generator-options.js';
import { runInLanes, startLanes, stopLanes, type LaneResult } from '../lanes.js';
import { WorkerTaskPool } from '../task-pool.js';
import { planThreads, readTimings, writeTimings } from '../threads.js';
import { trace, wallMs } from '../debug.js';
import { keepReleasedVersions } from '../release-version.js';

export const GENERATE_HELP = `Usage: taxonomy generate [dir] [--check] [--only name,...] [--force] [--jobs N] [--no-cache] [--list]

Checks the taxonomy (default dir: taxonomy/), then runs every generator and
writes its files into its output folder (relative to the taxonomy folder's
parent). Stale files a generator made before are removed. A generator whose
inputs (model, options, generator code) did not change is skipped.

Options:
  --check        write nothing; exit 1 with a summary when the committed
                 output differs from what would be generated (drift)
  --only a,b     run only these generators
  --force        regenerate even when the inputs did not change
  --jobs N       threads to use; 1 runs everything on the main thread, the
                 second takes the generators' costliest steps (compiling
                 validators, json-schema-to-typescript) while the main
                 thread runs the others, and from the third on, whole
                 generators also run in further threads (default: the
                 cores, at most 4, when the last run says the work is
                 long, 1.5 s or more, on more than 2 cores; else 1)
  --no-cache     do not use .taxonomy-cache/: parsed/ keeps parsed YAML
                 files and memo/ the generators' costly steps, each keyed
                 by a hash of all its inputs (--check only reads them)
  --list         list the generators and their output folders

Environment:
  TAXONOMY_NO_RELAUNCH=1     keep long work in this process (by default a long
                             generate on up to 4 cores runs in a child process
                             started with --v8-pool-size=0, ~15% faster there)
  TAXONOMY_DEBUG=relaunch    say when that child is started
  TAXONOMY_DEBUG=pool        trace when each generator and each task of the
                             thread pool ran, and on which thread
  CI=1                       no status line (on a terminal, stderr otherwise
                             shows what is loading and which generators run)

Exit codes: 0 ok, 1 taxonomy errors or drift, 2 usage or I/O error.`;

export interface GenerateOptions {
  readonly dir: string;
  readonly check: boolean;
  readonly only?: readonly string[];
  readonly force: boolean;
  readonly list: boolean;
  /** Use (and update) .taxonomy-cache/: the parse cache and the generators' memo (default true). */
  readonly cache?: boolean;
  /** Threads: the main one, then the task pool, then lanes (default: planThreads in threads.ts). */
  readonly jobs?: number;
}

/** What the CLI records beside each generator's output: what it owns and from which inputs. */
interface Manifest {
  generator: string;
  inputHash: string;
  files: Record<string, string>;
}

/** The manifest file of a generator in its output folder (several generators may share a folder). */
export const manifestName = (generator: string) => `.taxonomy-generated.${generator}.json`;
const sha = (s: string | Buffer) => createHash('sha256').update(s).digest('hex');

export { resolveOptions } from '../generator-options.js';

function readManifest(outDir: string, generator: string): Manifest | undefined {
  try { return JSON.parse(readFileSync(join(outDir, manifestName(generator)), 'utf8')) as Manifest; } catch { return undefined; }
}

/** The bytes of a file, or undefined when there is none: one call where exists + read made two. */
function readIfExists(p: string): Buffer | undefined {
  try {
    return readFileSync(p);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw e;
  }
}

function safeJoin(outDir: string, rel: string): string {
  const p = resolve(outDir, rel);
  if (p !== outDir && !p.startsWith(outDir + sep)) throw new Error(`generator wrote outside its folder: ${rel}`);
  return p;
}

export async function runGenerate(opts: GenerateOptions, io: Io): Promise<number> {
  const taxDir = resolve(io.cwd, opts.dir);
  const rootDir = dirname(taxDir);
  if (opts.list) {
    for (const g of await loadGenerators()) io.out(`${g.name.padEnd(14)} ${(g.defaultOut).padEnd(22)} ${g.description}\n`);
    return EXIT.ok;
  }
  const registry = generatorRegistry();
  const unknown = (opts.only ?? []).filter((n) => !(n in registry));
  if (unknown.length) throw new UsageError(`unknown generator '${unknown[0]}'; run 'taxonomy generate --list'`);

  const t0 = performance.now();
  // No-op fast path: same taxonomy bytes, generator code and settings as the last
  // successful full run, and every generated file still as it was written. Nothing
  // is parsed and no generator is imported.
  // Generators build on each other's exported helpers (validators on json-schema), so a
  // change to any generator's code invalidates every generator's output and the no-op stamp.
  const allCode = packagesCodeHash(generatorPackages());
  const sourceHash = !opts.check && !opts.force && !opts.only ? computeSourceHash(taxDir, allCode) : undefined;
  if (sourceHash) {
    const files = checkStamp(rootDir, sourceHash);
    if (files !== undefined) {
      io.out(`✓ up to date: ${files} generated files match the taxonomy (inputs unchanged) in ${Math.round(performance.now() - t0)} ms\n`);
      return EXIT.ok;
    }
  }
  // Imported only now: the no-op path above imports no generator, and --only imports its own.
  const selected = Object.keys(registry).filter((n) => !opts.only || opts.only.includes(n));
  const timings = readTimings(rootDir);
  // Long work from here on: the binary hands it to a child sized for this machine (relaunch.ts).
  const long = estimateGenerateMs(taxonomyBytes(taxDir), selected, timings) >= RELAUNCH_MIN_MS;
  if (io.relaunch && long) return io.relaunch();
  const { pool: poolSize, lanes: laneCount } = planThreads(opts.jobs, long, selected.length);
  const pool = poolSize ? new WorkerTaskPool(poolSize) : undefined;
  const lanes = laneCount ? startLanes(laneCount, { taxDir, cwd: io.cwd, rootDir, names: selected, memo: opts.cache !== false, check: opts.check }) : [];
  try {
    return await generateWith(lanes, pool, selected, opts, io, { taxDir, rootDir, sourceHash, allCode, timings, t0 });
  } finally {
    io.progress?.();
    await Promise.all([stopLanes(lanes), pool?.close()]);
  }
}

/** What runGenerate worked out before the taxonomy is loaded. */
interface RunState {
  readonly taxDir: string;
  readonly rootDir: string;
  /** The no-op stamp's key, when this run may write one (not --check, --force or --only). */
  readonly sourceHash: string | undefined;
  /** packagesCodeHash of every generator package. */
  readonly allCode: string;
  /** Last run's time per generator (a scheduling hint), updated and written back here. */
  readonly timings: Record<string, number>;
  readonly t0: number;
}

async function generateWith(lanes: ReturnType<typeof startLanes>, pool: WorkerTaskPool | undefined, selected: readonly string[], opts: GenerateOptions, io: Io, run: RunState): Promise<number> {
  const { taxDir, rootDir, sourceHash, allCode, timings, t0 } = run;
  const GENERATORS = await loadGenerators(selected);
  pool?.warm([...new Set(GENERATORS.flatMap((g) => g.tasks ?? []).map((t) => t.module))]);
  const parseCache = opts.cache !== false ? ParseCacheStore.forRoot(rootDir, opts.check) : undefined;
  const loadStart = wallMs();
  io.progress?.(`loading ${relative(io.cwd, taxDir) || '.'}…`);
  const loaded = loadTaxonomy(taxDir, { cwd: io.cwd, parseCache });
  io.progress?.();
  trace('pool', () => `loaded the taxonomy: ${loadStart}..${wallMs()} ms (process started at ${Math.round(performance.timeOrigin)})`);
  parseCache?.prune();
  if (loaded.ioError) { for (const d of loaded.diagnostics) io.err(formatDiagnostic(d) + '\n'); return EXIT.usage; }
  if (loaded.failed || !loaded.model) {
    for (const d of loaded.diagnostics) if (d.severity === 'error') io.err(formatDiagnostic(d) + '\n');
    io.err(`✗ the taxonomy has errors; nothing generated (run 'taxonomy check' for details)\n`);
    return EXIT.findings;
  }
  const model = loaded.model;
  const modelHash = hashModel(model);
  const drift: string[] = [];
  const outputs: { dir: string; manifest: string }[] = [];
  let written = 0, removed = 0, skipped = 0, total = 0;

  // First what each generator needs: skipped (inputs unchanged), or run.
  interface Plan { g: Generator<object>; outDir: string; options: object; inputHash: string; manifest?: Manifest }
  const plans: Plan[] = [];
  const toRun: Plan[] = [];
  for (const g of GENERATORS) {
    const cfg = model.generators[g.name];
    if (cfg?.enabled === false) { io.out(`- ${g.name}: disabled in taxonomy.yaml\n`); continue; }
    const outDir = resolve(rootDir, cfg?.out ?? g.defaultOut);
    const options = resolveOptions(g, model);
    const inputHash = sha([modelHash, g.name, g.version, JSON.stringify(options), allCode].join('\0'));
    const plan: Plan = { g, outDir, options, inputHash, manifest: readManifest(outDir, g.name) };
    plans.push(plan);
    outputs.push({ dir: relative(rootDir, outDir), manifest: manifestName(g.name) });
    // No-op fast path: same inputs, and every file we made is still as we made it.
    const m = plan.manifest;
    const upToDate = !opts.check && !opts.force && m?.inputHash === inputHash &&
      Object.entries(m.files).every(([f, h]) => { const disk = readIfExists(join(outDir, f)); return disk !== undefined && sha(disk) === h; });
    if (!upToDate) toRun.push(plan);
  }

  // Then run what must run, in lanes, costliest first. Each result is compared or written as
  // soon as it arrives (the other lane may still be computing); the log is printed, and a
  // failure thrown, in registry order at the end, so the output never depends on the lanes.
  const order = toRun.map((p) => p.g.name).sort((a, b) => (timings[b] ?? 0) - (timings[a] ?? 0));
  const byName = new Map(toRun.map((p) => [p.g.name, p]));
  // A line to print (with the generator's time, known once all have run), or a failure.
  const logs = new Map<string, { line?: (ms: number) => string; error?: unknown }>();

  const finish = (plan: Plan, r: LaneResult): ((ms: number) => string) | undefined => {
    const { g, outDir, inputHash, manifest } = plan;
    if (r.error !== undefined) throw r.error;
    // A generated package's version is its committed package.json's (release-version.ts).
    const files = keepReleasedVersions(outDir, r.files!);
    const next: Manifest = { generator: g.name, inputHash, files: {} };
    const seen = new Set<string>();
    // Encoded once: hashed for the manifest, compared byte for byte with the disk, written.
    const bytes = files.map((f) => {
      if (seen.has(f.path)) throw new Error(`generator ${g.name} produced ${f.path} twice`);
      seen.add(f.path);
      const b = Buffer.from(f.contents, 'utf8');
      next.files[f.path] = sha(b);
      return b;
    });
    // Files of the last run that this one no longer makes (and that are still there).
    const stale = Object.keys(manifest?.files ?? {}).filter((f) => !seen.has(f) && existsSync(join(outDir, f))).sort();
    total += files.length;

    if (opts.check) {
      files.forEach((f, i) => {
        const p = safeJoin(outDir, f.path);
        const rel = relative(io.cwd, p);
        const disk = readIfExists(p);
        if (!disk) drift.push(`+ ${rel} (missing: not generated or not committed)`);
        else if (!disk.equals(bytes[i]!)) drift.push(`~ ${rel} (differs from what the taxonomy generates)`);
      });
      for (const f of stale) drift.push(`- ${relative(io.cwd, join(outDir, f))} (stale: the taxonomy no longer generates it)`);
      return undefined;
    }

    let changed = 0;
    files.forEach((f, i) => {
      const p = safeJoin(outDir, f.path);
      if (readIfExists(p)?.equals(bytes[i]!)) return;
      mkdirSync(dirname(p), { recursive: true });
      writeFileSync(p, bytes[i]!);
      changed++;
    });
    for (const f of stale) { rmSync(safeJoin(outDir, f)); removed++; }
    mkdirSync(outDir, { recursive: true });
    writeFileSync(join(outDir, manifestName(g.name)), JSON.stringify(next, null, 2) + '\n');
    written += changed;
    return (ms) => `✓ ${g.name}: ${files.length} files in ${relative(io.cwd, outDir) || '.'} (${changed} written, ${stale.length} removed) ${Math.round(ms)} ms${r.lane === 'worker' ? ' (worker)' : ''}\n`;
  };

  // On a terminal, which generators are running and how many are done (the log itself is
  // printed at the end, in registry order).
  const running = new Set<string>();
  let done = 0;
  const status = () => {
    if (order.length) io.progress?.(`${opts.check ? 'checking' : 'generating'}: ${done}/${order.length} generators done${running.size ? `, running ${[...running].join(', ')}` : ''}…`);
  };
  status();
  const results = await runInLanes(lanes, modelHash, order, async (name) => {
    const p = byName.get(name)!;
    running.add(name);
    status();
    return runGenerator(p.g, model, p.options, { rootDir, memo: opts.cache !== false, check: opts.check, pool });
  }, (name, r) => {
    running.delete(name);
    done++;
    status();
    try {
      logs.set(name, { line: finish(byName.get(name)!, r) });
    } catch (error) {
      logs.set(name, { error });
    }
  }, pool && { idle: () => pool.helpOut() });
  io.progress?.();
  trace('pool', () => `every generator done at ${wallMs()} ms${pool ? `; the main thread took back ${pool.taken} task${pool.taken === 1 ? '' : 's'} from the pool` : ''}`);
  for (const [name, r] of results) timings[name] = Math.round(r.ms);
  if (!opts.check) writeTimings(rootDir, timings);

  for (const { g, outDir, manifest } of plans) {
    const log = logs.get(g.name);
    if (!log) {
      skipped++;
      total += Object.keys(manifest!.files).length;
      io.out(`· ${g.name}: up to date (${Object.keys(manifest!.files).length} files in ${relative(io.cwd, outDir) || '.'})\n`);
      continue;
    }
    if (log.error !== undefined) throw log.error;
    if (log.line) io.out(log.line(results.get(g.name)!.ms));
  }

  const ms = Math.round(performance.now() - t0);
  const m = `${model.events.length} events, ${model.domains.length} domains, ${model.metrics.length} metrics`;
  if (opts.check) {
    if (drift.length) {
      io.err(drift.sort().map((d) => `  ${d}`).join('\n') + '\n');
      io.err(`✗ generated output is out of date: ${drift.length} file${drift.length === 1 ? '' : 's'} differ. Run 'npm run generate' (taxonomy generate) and commit the result.\n`);
      return EXIT.findings;
    }
    io.out(`✓ generated output matches the taxonomy (${total} files; ${m}) in ${ms} ms\n`);
    return EXIT.ok;
  }
  if (sourceHash) writeStamp(rootDir, sourceHash, outputs);
  const warnings = loaded.diagnostics.filter((d) => d.severity === 'warning').length;
  io.out(`✓ generated ${total} files (${written} written, ${removed} removed, ${skipped} generator${skipped === 1 ? '' : 's'} up to date) from ${m}${warnings ? `, ${warnings} warning${warnings === 1 ? '' : 's'} (taxonomy check)` : ''} in ${ms} ms\n`);
  return EXIT.ok;
}

export const generateCommand: Command = {
  name: 'generate',
  help: GENERATE_HELP,
  async run(args, io) {
    const { values, positionals } = parse(args, { check: { type: 'boolean' }, only: { type: 'string' }, force: { type: 'boolean' }, jobs: { type: 'string' }, 'no-cache': { type: 'boolean' }, list: { type: 'boolean' } });
    if (values.help) { io.out(GENERATE_HELP + '\n'); return EXIT.ok; }
    if (positionals.length > 1) throw new UsageError(`generate takes one folder; got ${positionals.length}`);
    const jobs = values.jobs === undefined ? undefined : Number(values.jobs);
    if (jobs !== undefined && (!Number.isInteger(jobs) || jobs < 1 || jobs > 64)) throw new UsageError(`--jobs takes a whole number from 1 to 64; got '${String(values.jobs)}'`);
    const only = typeof values.only === 'string' ? values.only.split(',').map((s) => s.trim()).filter(Boolean) : undefined;
    return runGenerate({ dir: positionals[0] ?? 'taxonomy', check: !!values.check, only, force: !!values.force, list: !!values.list, cache: !values['no-cache'], jobs }, io);
  },
};
