// Generates a generator's output for a model into a fresh temp folder (the real files,
// not the committed copies, so the tests judge the code as it is now).
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { Generator, TaxonomyModel } from '@taxonomy/core';

export async function generateInto(generator: Generator<any>, model: TaxonomyModel, options: object = {}): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), `gen-${generator.name}-`));
  for (const f of await generator.generate(model, options)) {
    mkdirSync(dirname(join(dir, f.path)), { recursive: true });
    writeFileSync(join(dir, f.path), f.contents);
  }
  return dir;
}
