// Drift: generated files that differ from what the taxonomy generates now. One comparison,
// used by `taxonomy generate --check` (which prints it) and by `taxonomy govern` (which
// reports it as findings, through computeDrift).
import { relative, sep } from 'node:path';
import type { GeneratedFile, TaxonomyModel } from '@taxonomy/core';
import { loadGenerators } from './generators.js';
import { runGenerator } from './generator-options.js';
import { encode, planOne, readIfExists, safeJoin, staleFiles, type Plan } from './output.js';
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

/** How one generator's fresh output (in memory) differs from its folder: missing, different, stale files. */
export function driftOf(plan: Plan, files: readonly GeneratedFile[], rootDir: string): DriftEntry[] {
  const { bytes, manifest } = encode(plan, files);
  const out: DriftEntry[] = [];
  const at = (f: string) => posix(relative(rootDir, safeJoin(plan.outDir, f)));
  files.forEach((f, i) => {
    const disk = readIfExists(safeJoin(plan.outDir, f.path));
    if (!disk) out.push({ file: at(f.path), generator: plan.g.name, status: 'missing' });
    else if (!disk.equals(bytes[i]!)) out.push({ file: at(f.path), generator: plan.g.name, status: 'differs' });
  });
  for (const f of staleFiles(plan, manifest.files)) out.push({ file: at(f), generator: plan.g.name, status: 'stale' });
  return out;
}

export const byFile = (a: DriftEntry, b: DriftEntry) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0);

/**
 * What `taxonomy generate --check` compares, as data: every enabled generator's files in
 * memory against the committed ones. Writes nothing (the memo is read, not saved, unless
 * `memo: false`).
 */
export async function computeDrift(model: TaxonomyModel, rootDir: string, opts: { readonly memo?: boolean } = {}): Promise<DriftResult> {
  const drift: DriftEntry[] = [];
  const errors: { generator: string; message: string }[] = [];
  for (const g of await loadGenerators()) {
    try {
      const plan = planOne(g, model, rootDir, () => '');
      if (!plan) continue;
      // As generate does: a generated package keeps the version its committed package.json has.
      const files = keepReleasedVersions(plan.outDir, await runGenerator(g, model, plan.options, { rootDir, memo: opts.memo ?? false, check: true }));
      drift.push(...driftOf(plan, files, rootDir));
    } catch (e) {
      errors.push({ generator: g.name, message: (e as Error).message });
    }
  }
  return { drift: drift.sort(byFile), errors };
}
