// One runner for every fixture folder NN-slug/{taxonomy/, expected.txt}:
// the loader's formatted findings must equal expected.txt exactly.
// Rewrite after a reviewed change with UPDATE_GOLDEN=1; a missing expected.txt fails.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatDiagnostic, loadTaxonomy } from '@taxonomy/core';
import { expectGolden } from '../../../test/golden.js';

const root = join(import.meta.dirname, 'fixtures');
const fixtures = readdirSync(root).filter((d) => /^\d\d-/.test(d)).sort();

describe('loader fixtures', () => {
  it('has fixtures', () => expect(fixtures.length).toBeGreaterThan(15));
  for (const name of fixtures) {
    it(name, () => {
      const dir = join(root, name);
      const result = loadTaxonomy(join(dir, 'taxonomy'), { cwd: dir });
      const text = result.diagnostics.map(formatDiagnostic).join('\n') + '\n';
      const expectedFile = join(dir, 'expected.txt');
      expectGolden(expectedFile, text);
      // Clean fixtures load a model; every broken one fails with at least one error.
      if (name.endsWith('-clean')) expect(result.failed).toBe(false);
      else expect(result.diagnostics.length).toBeGreaterThan(0);
    });
  }
});
