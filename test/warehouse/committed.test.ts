// The committed warehouse output (packages/sql, packages/metrics, dbt/) is exactly what the
// generators make from taxonomy/ today, and making it twice gives the same bytes.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadTaxonomy, type Generator, type TaxonomyModel } from '@taxonomy/core';
import { sqlGenerator } from '@taxonomy/gen-sql';
import { metricsGenerator } from '@taxonomy/gen-metrics';
import { dbtGenerator } from '@taxonomy/gen-dbt';

const repo = join(import.meta.dirname, '../..');
const model = loadTaxonomy(join(repo, 'taxonomy'), { cwd: repo }).model as TaxonomyModel;

function onDisk(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => { for (const n of readdirSync(d)) { const p = join(d, n); if (statSync(p).isDirectory()) walk(p); else if (!n.startsWith('.taxonomy-generated')) out.push(relative(dir, p)); } };
  if (existsSync(dir)) walk(dir);
  return out.sort();
}

describe.each([[sqlGenerator, 'packages/sql'], [metricsGenerator, 'packages/metrics'], [dbtGenerator, 'dbt']] as [Generator<object>, string][])('%s output', (g, out) => {
  it(`is deterministic and matches the committed ${out}/ (run \`taxonomy generate --only ${g.name}\` after changing taxonomy/)`, async () => {
    const a = await g.generate(model, {});
    const b = await g.generate(model, {});
    expect(b).toEqual(a);
    const dir = join(repo, out);
    expect(onDisk(dir)).toEqual(a.map((f) => f.path).sort());
    const differ = a.filter((f) => readFileSync(join(dir, f.path), 'utf8') !== f.contents).map((f) => f.path);
    expect(differ).toEqual([]);
  });
});
