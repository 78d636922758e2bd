import { existsSync, readFileSync } from 'node:fs';
import { relative, resolve, sep } from 'node:path';
import type { GeneratedFile, TaxonomyModel } from '@taxonomy/core';
import { manifestName, resolveOptions } from './commands/generate.js';
import { loadGenerators } from './generators.js';
import { keepReleasedVersions } from './release-version.js';

/** One generated file that differs from what the taxonomy generates now. */
export interface DriftEntry {
  /** Relative to the repository root (the taxonomy folder's parent), forward slashes. */
  readonly file: string;
  readonly generator: string;
  readonly status: 'missing' | 'differs' | 'stale';
}

export interface DriftResult {
  readonly drift: DriftEntry[];
  /** Generators that threw (bad options, a bug): reported, not fatal, so the other gates still run. */
  readonly errors: { generator: string; message: string }[];
}

const posix = (p: string) => p.split(sep).join('/');

/**
 * What `taxonomy generate --check` compares, as data: every generator's files in memory
 * against the committed ones, and the files its manifest owns that it no longer makes.
 * Writes nothing.
 */
export async function computeDrift(model: TaxonomyModel, rootDir: string): Promise<DriftResult> {
  const drift: DriftEntry[] = [];
  const errors: { generator: string; message: string }[] = [];
  for (const g of await loadGenerators()) {
    const cfg = model.generators[g.name];
    if (cfg?.enabled === false) continue;
    const outDir = resolve(rootDir, cfg?.out ?? g.defaultOut);
    let files: readonly GeneratedFile[];
    try {
      files = keepReleasedVersions(outDir, await g.generate(model, resolveOptions(g, model)));
    } catch (e) {
      errors.push({ generator: g.name, message: (e as Error).message });
      continue;
    }
    const rel = (f: string) => posix(relative(rootDir, resolve(outDir, f)));
    const made = new Set<string>();
    for (const f of files) {
      made.add(f.path);
      const p = resolve(outDir, f.path);
      if (!existsSync(p)) drift.push({ file: rel(f.path), generator: g.name, status: 'missing' });
      else if (readFileSync(p, 'utf8') !== f.contents) drift.push({ file: rel(f.path), generator: g.name, status: 'differs' });
    }
    let owned: string[] = [];
    try { owned = Object.keys((JSON.parse(readFileSync(resolve(outDir, manifestName(g.name)), 'utf8')) as { files?: Record<string, string> }).files ?? {}); } catch { /* no manifest: nothing owned yet */ }
    for (const f of owned.sort()) if (!made.has(f) && existsSync(resolve(outDir, f))) drift.push({ file: rel(f), generator: g.name, status: 'stale' });
  }
  drift.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  return { drift, errors };
}
