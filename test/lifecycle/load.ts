// The lifecycle fixture taxonomy (test/lifecycle/taxonomy), loaded once per test file.
import { join } from 'node:path';
import { loadTaxonomy, type TaxonomyModel } from '@taxonomy/core';

export const lifecycleDir = join(import.meta.dirname, 'taxonomy');

export function loadLifecycle(): TaxonomyModel {
  const r = loadTaxonomy(lifecycleDir, { cwd: import.meta.dirname });
  if (r.failed || !r.model) throw new Error(`lifecycle fixture does not load: ${r.diagnostics.map((d) => d.message).join('; ')}`);
  return r.model;
}
