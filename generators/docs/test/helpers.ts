import { join } from 'node:path';
import { loadTaxonomy, type TaxonomyModel } from '@taxonomy/core';

export const repo = join(import.meta.dirname, '../../..');
export const fixtures = join(import.meta.dirname, 'fixtures');

const cache = new Map<string, TaxonomyModel>();

/** Loads a taxonomy folder (the seed one by default); fails the test with the findings when it has errors. */
export function model(dir = join(repo, 'taxonomy'), cwd = repo): TaxonomyModel {
  const key = `${dir}\0${cwd}`;
  if (!cache.has(key)) {
    const r = loadTaxonomy(dir, { cwd });
    if (!r.model || r.failed) throw new Error(`taxonomy ${dir} has errors:\n${r.diagnostics.map((d) => d.message).join('\n')}`);
    cache.set(key, r.model);
  }
  return cache.get(key)!;
}

export const hostile = () => model(join(fixtures, 'hostile/taxonomy'));

/** The reviewed golden text (the one helper, test/golden.ts: a missing golden fails). */
export { golden } from '../../../test/golden.js';
