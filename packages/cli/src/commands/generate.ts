import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { formatDiagnostic, loadTaxonomy, type GeneratedFile, type Generator, type TaxonomyModel } from '@taxonomy/core';
import type Ajv2020Type from 'ajv/dist/2020.js';
import { EXIT, UsageError, type Io } from '../io.js';
import type { Command } from '../command.js';
import { parse } from '../args.js';
import { loadGenerators, generatorPackages } from '../generators.js';
import { checkStamp, computeSourceHash, writeStamp } from '../stamp.js';

export const GENERATE_HELP = `Usage: taxonomy generate [dir] [--check] [--only name,...] [--force] [--list]

Checks the taxonomy (default dir: taxonomy/), then runs every generator and
writes its files into its output folder (relative to the taxonomy folder's
parent). Stale files a generator made before are removed. A generator whose
inputs (model, options, generator code) did not change is skipped.

Options:
  --check        write nothing; exit 1 with a summary when the committed
                 output differs from what would be generated (drift)
  --only a,b     run only these generators
  --force        regenerate even when the inputs did not change
  --list         list the generators and their output folders

Exit codes: 0 ok, 1 taxonomy errors or drift, 2 usage or I/O error.`;

export interface GenerateOptions {
  readonly dir: string;
  readonly check: boolean;
  readonly only?: readonly string[];
  readonly force: boolean;
  readonly list: boolean;
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

const Ajv2020 = createRequire(import.meta.url)('ajv/dist/2020.js') as { default: typeof Ajv2020Type.default };

/** Hash of the files of a generator's module folder, so a code change invalidates the cache. */
function codeHash(g: Generator<object>): string {
  if (!g.module) return '';
  const dir = dirname(fileURLToPath(g.module));
  const h = createHash('sha256');
  const walk = (d: string) => {
    for (const n of readdirSync(d).sort()) {
      const p = join(d, n);
      if (statSync(p).isDirectory()) walk(p);
      else if (/\.(js|hbs|json)$/.test(n)) h.update(n).update(readFileSync(p));
    }
  };
  walk(dir);
  return h.digest('hex');
}

/** Validates and defaults a generator's options once, here, where the context is built. */
export function resolveOptions(g: Generator<object>, model: TaxonomyModel): object {
  const ajv = new Ajv2020.default({ useDefaults: true, allErrors: true, strict: false });
  const validate = ajv.compile(g.optionsSchema);
  const options = structuredClone(model.generators[g.name]?.options ?? {}) as Record<string, unknown>;
  if (!validate(options)) {
    const msg = (validate.errors ?? []).map((e) => `${e.instancePath || '(options)'} ${e.message}`).join('; ');
    throw new UsageError(`taxonomy.yaml generators.${g.name}.options: ${msg}`);
  }
  return options;
}

function readManifest(outDir: string, generator: string): Manifest | undefined {
  try { return JSON.parse(readFileSync(join(outDir, manifestName(generator)), 'utf8')) as Manifest; } catch { return undefined; }
}

/** Files that are ours and on disk, relative to the output folder. */
function diskFiles(outDir: string, manifest: Manifest | undefined): Set<string> {
  return new Set(Object.keys(manifest?.files ?? {}).filter((f) => existsSync(join(outDir, f))));
}

function safeJoin(outDir: string, rel: string): string {
  const p = resolve(outDir, rel);
  if (p !== outDir && !p.startsWith(outDir + sep)) throw new Error(`generator wrote outside its folder: ${rel}`);
  return p;
}

export async function runGenerate(opts: GenerateOptions, io: Io): Promise<number> {
  const taxDir = resolve(io.cwd, opts.dir);
  const rootDir = dirname(taxDir);
  // The fast path below imports no generator (some load ts-morph or esbuild).
  const GENERATORS: Generator<object>[] = opts.list || opts.only ? [...(await loadGenerators())] : [];
  if (opts.list) {
    for (const g of GENERATORS) io.out(`${g.name.padEnd(14)} ${(g.defaultOut).padEnd(22)} ${g.description}\n`);
    return EXIT.ok;
  }
  const unknown = (opts.only ?? []).filter((n) => !GENERATORS.some((g) => g.name === n));
  if (unknown.length) throw new UsageError(`unknown generator '${unknown[0]}'; run 'taxonomy generate --list'`);

  const t0 = performance.now();
  // No-op fast path: same taxonomy bytes, generator code and settings as the last
  // successful full run, and every generated file still as it was written. Nothing
  // is parsed and no generator is imported.
  const sourceHash = !opts.check && !opts.force && !opts.only ? computeSourceHash(taxDir, generatorPackages()) : undefined;
  if (sourceHash) {
    const files = checkStamp(rootDir, sourceHash);
    if (files !== undefined) {
      io.out(`✓ up to date: ${files} generated files match the taxonomy (inputs unchanged) in ${Math.round(performance.now() - t0)} ms\n`);
      return EXIT.ok;
    }
  }
  if (GENERATORS.length === 0) GENERATORS.push(...(await loadGenerators()));
  const loaded = loadTaxonomy(taxDir, { cwd: io.cwd });
  if (loaded.ioError) { for (const d of loaded.diagnostics) io.err(formatDiagnostic(d) + '\n'); return EXIT.usage; }
  if (loaded.failed || !loaded.model) {
    for (const d of loaded.diagnostics) if (d.severity === 'error') io.err(formatDiagnostic(d) + '\n');
    io.err(`✗ the taxonomy has errors; nothing generated (run 'taxonomy check' for details)\n`);
    return EXIT.findings;
  }
  const model = loaded.model;
  const modelHash = sha(JSON.stringify(model.events) + JSON.stringify(model.metrics) + JSON.stringify({ ...model, events: 0, metrics: 0 }));
  // Generators build on each other's exported helpers (validators on json-schema), so a
  // change to any generator's code invalidates every generator's cache entry.
  const allCode = sha(GENERATORS.map(codeHash).join('\0'));
  const drift: string[] = [];
  const outputs: { dir: string; manifest: string }[] = [];
  let written = 0, removed = 0, skipped = 0, total = 0;

  for (const g of GENERATORS) {
    const cfg = model.generators[g.name];
    if (opts.only && !opts.only.includes(g.name)) continue;
    if (cfg?.enabled === false) { io.out(`- ${g.name}: disabled in taxonomy.yaml\n`); continue; }
    const outDir = resolve(rootDir, cfg?.out ?? g.defaultOut);
    const options = resolveOptions(g, model);
    const inputHash = sha([modelHash, g.name, g.version, JSON.stringify(options), allCode].join('\0'));
    const manifest = readManifest(outDir, g.name);
    outputs.push({ dir: relative(rootDir, outDir), manifest: manifestName(g.name) });
    const started = performance.now();

    // No-op fast path: same inputs, and every file we made is still as we made it.
    if (!opts.check && !opts.force && manifest?.inputHash === inputHash &&
        Object.entries(manifest.files).every(([f, h]) => existsSync(join(outDir, f)) && sha(readFileSync(join(outDir, f))) === h)) {
      skipped++;
      total += Object.keys(manifest.files).length;
      io.out(`· ${g.name}: up to date (${Object.keys(manifest.files).length} files in ${relative(io.cwd, outDir) || '.'})\n`);
      continue;
    }

    const files: readonly GeneratedFile[] = await g.generate(model, options);
    const next: Manifest = { generator: g.name, inputHash, files: {} };
    const seen = new Set<string>();
    for (const f of files) {
      if (seen.has(f.path)) throw new Error(`generator ${g.name} produced ${f.path} twice`);
      seen.add(f.path);
      next.files[f.path] = sha(f.contents);
    }
    const owned = diskFiles(outDir, manifest);
    const stale = [...owned].filter((f) => !seen.has(f)).sort();

    if (opts.check) {
      for (const f of files) {
        const p = safeJoin(outDir, f.path);
        const rel = relative(io.cwd, p);
        if (!existsSync(p)) drift.push(`+ ${rel} (missing: not generated or not committed)`);
        else if (readFileSync(p, 'utf8') !== f.contents) drift.push(`~ ${rel} (differs from what the taxonomy generates)`);
      }
      for (const f of stale) drift.push(`- ${relative(io.cwd, join(outDir, f))} (stale: the taxonomy no longer generates it)`);
      total += files.length;
      continue;
    }

    let changed = 0;
    for (const f of files) {
      const p = safeJoin(outDir, f.path);
      if (existsSync(p) && readFileSync(p, 'utf8') === f.contents) continue;
      mkdirSync(dirname(p), { recursive: true });
      writeFileSync(p, f.contents);
      changed++;
    }
    for (const f of stale) { rmSync(safeJoin(outDir, f)); removed++; }
    mkdirSync(outDir, { recursive: true });
    writeFileSync(join(outDir, manifestName(g.name)), JSON.stringify(next, null, 2) + '\n');
    written += changed;
    total += files.length;
    io.out(`✓ ${g.name}: ${files.length} files in ${relative(io.cwd, outDir) || '.'} (${changed} written, ${stale.length} removed) ${Math.round(performance.now() - started)} ms\n`);
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
    const { values, positionals } = parse(args, { check: { type: 'boolean' }, only: { type: 'string' }, force: { type: 'boolean' }, list: { type: 'boolean' } });
    if (values.help) { io.out(GENERATE_HELP + '\n'); return EXIT.ok; }
    if (positionals.length > 1) throw new UsageError(`generate takes one folder; got ${positionals.length}`);
    const only = typeof values.only === 'string' ? values.only.split(',').map((s) => s.trim()).filter(Boolean) : undefined;
    return runGenerate({ dir: positionals[0] ?? 'taxonomy', check: !!values.check, only, force: !!values.force, list: !!values.list }, io);
  },
};
