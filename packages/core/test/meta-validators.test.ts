// The meta-schema validators precompiled at build time (dist/meta-validators.cjs, made by
// scripts/gen-meta-validators.mjs) must judge every file exactly as ajv compiling the
// meta-schema at run time does: same verdict, same errors.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { ValidateFunction } from 'ajv';
import { compileMetaValidators, type FileKind } from '../src/schema.js';
import { parseYamlText } from '../src/source.js';

const here = fileURLToPath(new URL('.', import.meta.url));
const precompiled = createRequire(import.meta.url)('../dist/meta-validators.cjs') as Record<FileKind, ValidateFunction>;
const compiled = compileMetaValidators();

function yamlFiles(dir: string, out: string[] = []): string[] {
  for (const n of readdirSync(dir)) {
    const p = join(dir, n);
    if (statSync(p).isDirectory()) yamlFiles(p, out);
    else if (n.endsWith('.yaml')) out.push(p);
  }
  return out;
}

const kindOf = (p: string): FileKind | undefined => {
  const n = p.split('/').pop()!;
  if (p.includes('/domains/')) return 'domain';
  return ({ 'taxonomy.yaml': 'root', 'properties.yaml': 'properties', 'privacy.yaml': 'privacy', 'categories.yaml': 'categories', 'destinations.yaml': 'destinations', 'metrics.yaml': 'metrics' } as Record<string, FileKind>)[n];
};

describe('precompiled meta-schema validators', () => {
  const files = [...yamlFiles(join(here, '../../../taxonomy')), ...yamlFiles(join(here, 'fixtures'))];

  it('give the same verdict and errors as the run-time compile on every taxonomy file and fixture', () => {
    let invalid = 0;
    for (const f of files) {
      const kind = kindOf(f);
      const data = parseYamlText(readFileSync(f, 'utf8'), f).file?.data;
      if (!kind || data === undefined) continue;
      for (const k of [kind, ...(['root', 'domain'] as FileKind[]).filter((x) => x !== kind)]) {
        const a = precompiled[k]!(data);
        const b = compiled.get(k)!(data);
        expect(a, `${f} as ${k}`).toBe(b);
        expect(precompiled[k]!.errors ?? null, `${f} as ${k}`).toEqual(compiled.get(k)!.errors ?? null);
        if (!a) invalid++;
      }
    }
    // Files validated against the wrong kind and the fixtures' broken files make sure errors are compared too.
    expect(invalid).toBeGreaterThan(20);
  });
});
