// What the CLI owns on disk for each generator: its output folder, and in it a manifest of
// the files it wrote (with their hashes) and of the inputs they came from. Writing, the
// up-to-date test and removing what a generator no longer makes (or what an old output
// folder held) all go through here; `generate --check` compares through drift.ts.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import type { GeneratedFile, Generator, TaxonomyModel } from '@taxonomy/core';
import { resolveOptions } from './generator-options.js';

/** What the CLI records beside each generator's output: what it owns and from which inputs. */
export interface Manifest {
  generator: string;
  inputHash: string;
  files: Record<string, string>;
}

/** One generator's work in a run: where its output goes, its options and the hash of every input. */
export interface Plan {
  readonly g: Generator<object>;
  readonly outDir: string;
  readonly options: object;
  readonly inputHash: string;
  readonly manifest?: Manifest;
}

/** The manifest file of a generator in its output folder (several generators may share a folder). */
export const manifestName = (generator: string) => `.taxonomy-generated.${generator}.json`;
export const sha = (s: string | Buffer) => createHash('sha256').update(s).digest('hex');

/**
 * The manifest in `outDir`, or undefined. It is a file anyone can edit: entries naming a path
 * outside the folder are dropped, so that removing stale or moved files never leaves it.
 */
export function readManifest(outDir: string, generator: string): Manifest | undefined {
  let m: Manifest;
  try {
    m = JSON.parse(readFileSync(join(outDir, manifestName(generator)), 'utf8')) as Manifest;
  } catch {
    return undefined;
  }
  if (!m || typeof m !== 'object' || typeof m.files !== 'object' || m.files === null) return undefined;
  const files: Record<string, string> = {};
  for (const [f, h] of Object.entries(m.files)) {
    const p = resolve(outDir, f);
    if (typeof h === 'string' && p.startsWith(outDir + sep)) files[f] = h;
  }
  return { generator: String(m.generator), inputHash: String(m.inputHash), files };
}

/** The bytes of a file, or undefined when there is none: one call where exists + read made two. */
export function readIfExists(p: string): Buffer | undefined {
  try {
    return readFileSync(p);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw e;
  }
}

/** `rel` inside `outDir`; a path that would leave it (from a generator or a manifest) is refused. */
export function safeJoin(outDir: string, rel: string): string {
  const p = resolve(outDir, rel);
  if (p === outDir || !p.startsWith(outDir + sep)) throw new Error(`a generated file outside its folder: ${rel}`);
  return p;
}

/** A generator's output folder: taxonomy.yaml's `generators.<name>.out`, else its default. */
export function outDirOf(g: Generator<object>, model: Pick<TaxonomyModel, 'generators'>, rootDir: string): string {
  return resolve(rootDir, model.generators[g.name]?.out ?? g.defaultOut);
}

/** One generator's plan, or undefined when taxonomy.yaml disables it. Throws on bad options. */
export function planOne(g: Generator<object>, model: TaxonomyModel, rootDir: string, hashOf: (g: Generator<object>, options: object) => string): Plan | undefined {
  if (model.generators[g.name]?.enabled === false) return undefined;
  const outDir = outDirOf(g, model, rootDir);
  const options = resolveOptions(g, model);
  return { g, outDir, options, inputHash: hashOf(g, options), manifest: readManifest(outDir, g.name) };
}

/** Same inputs as the manifest records, and every file it lists still as it was written. */
export function upToDate(plan: Plan): boolean {
  const m = plan.manifest;
  return m?.inputHash === plan.inputHash &&
    Object.entries(m.files).every(([f, h]) => { const disk = readIfExists(join(plan.outDir, f)); return disk !== undefined && sha(disk) === h; });
}

/** The files as bytes (once: hashed, compared, written), and the new manifest; a path made twice is a bug. */
export function encode(plan: Plan, files: readonly GeneratedFile[]): { bytes: Buffer[]; manifest: Manifest } {
  const manifest: Manifest = { generator: plan.g.name, inputHash: plan.inputHash, files: {} };
  const bytes = files.map((f) => {
    if (f.path in manifest.files) throw new Error(`generator ${plan.g.name} produced ${f.path} twice`);
    const b = Buffer.from(f.contents, 'utf8');
    manifest.files[f.path] = sha(b);
    return b;
  });
  return { bytes, manifest };
}

/** Files the last run's manifest owns that this run no longer makes (and that are still there). */
export function staleFiles(plan: Plan, made: ReadonlySet<string> | Record<string, unknown>): string[] {
  const has = (f: string) => (made instanceof Set ? made.has(f) : Object.hasOwn(made, f));
  return Object.keys(plan.manifest?.files ?? {}).filter((f) => !has(f) && existsSync(join(plan.outDir, f))).sort();
}

/** Writes what changed, removes what is stale, then the manifest. Returns the counts. */
export function writeOutput(plan: Plan, files: readonly GeneratedFile[]): { changed: number; removed: number } {
  const { bytes, manifest } = encode(plan, files);
  let changed = 0;
  files.forEach((f, i) => {
    const p = safeJoin(plan.outDir, f.path);
    if (readIfExists(p)?.equals(bytes[i]!)) return;
    mkdirSync(dirname(p), { recursive: true });
    writeFileSync(p, bytes[i]!);
    changed++;
  });
  const stale = staleFiles(plan, manifest.files);
  for (const f of stale) rmSync(safeJoin(plan.outDir, f));
  mkdirSync(plan.outDir, { recursive: true });
  writeFileSync(join(plan.outDir, manifestName(plan.g.name)), JSON.stringify(manifest, null, 2) + '\n');
  return { changed, removed: stale.length };
}

/**
 * After `out:` moved: removes from `oldDir` the files its manifest of this generator owns
 * (those still as the manifest recorded them; a file edited by hand since is kept and
 * returned in `kept`), then the manifest, then the sub-folders this left empty. Nothing else.
 */
export function removeOldOutput(oldDir: string, generator: string): { removed: string[]; kept: string[] } {
  const m = readManifest(oldDir, generator);
  if (!m) return { removed: [], kept: [] };
  const removed: string[] = [], kept: string[] = [];
  const dirs = new Set<string>();
  for (const [f, hash] of Object.entries(m.files).sort()) {
    const p = safeJoin(oldDir, f);
    const disk = readIfExists(p);
    if (disk === undefined) continue;
    if (sha(disk) !== hash) { kept.push(f); continue; }
    rmSync(p);
    removed.push(f);
    for (let d = dirname(p); d.startsWith(oldDir + sep); d = dirname(d)) dirs.add(d);
  }
  if (!kept.length) rmSync(join(oldDir, manifestName(generator)), { force: true });
  // Deepest first, and only if empty: a folder holding anything else stays.
  for (const d of [...dirs, oldDir].sort((a, b) => b.length - a.length)) {
    try { if (readdirSync(d).length === 0) rmdirSync(d); } catch { /* gone or not empty */ }
  }
  return { removed, kept };
}

/** Paths relative to `from`, for messages. */
export const rel = (from: string, p: string) => relative(from, p) || '.';
