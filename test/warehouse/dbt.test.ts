// The dbt project: its files, its tests, Jinja-safety of taxonomy text, and its models run
// for real on PostgreSQL (PGlite) after rendering the only Jinja it contains (source, ref
// and the escaped brace), giving the same metric values as the TypeScript functions.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PGlite } from '@electric-sql/pglite';
import { parse } from 'yaml';
import { loadTaxonomy, type GeneratedFile, type TaxonomyModel } from '@taxonomy/core';
import { dbtGenerator, jinjaSafe } from '@taxonomy/gen-dbt';
import { sqlGenerator } from '@taxonomy/gen-sql';
import { diff, normalize } from './compare.js';
import { generatePackages } from './engines.js';
import { AS_OF, BASE, EVENTS, writeTaxonomy } from './fixture.js';

const repo = join(import.meta.dirname, '../..');
const seed = loadTaxonomy(join(repo, 'taxonomy'), { cwd: repo }).model as TaxonomyModel;
const files = dbtGenerator.generate(seed, {}) as GeneratedFile[];
const file = (p: string) => files.find((f) => f.path === p)!.contents;

/** Renders exactly the Jinja the generator writes, and fails on anything else. */
function renderJinja(sql: string): string {
  const out = sql
    .replace(/\{\{ source\('analytics', '(events|metric_as_of)'\) \}\}/g, '"$1"')
    .replace(/\{\{ ref\('([a-z0-9_]+)'\) \}\}/g, '"$1"')
    .replace(/\{\{ "\{" \}\}/g, '{');
  if (/\{\{|\{%|\{#/.test(sql.replace(/\{\{ (source|ref)\([^)]*\) \}\}|\{\{ "\{" \}\}/g, ''))) throw new Error('unexpected Jinja');
  return out;
}

describe('dbt project for the seed taxonomy', () => {
  it('has sources.yml, one staging model per event, one model per metric, schema.yml files and a project file', () => {
    expect(files.filter((f) => f.path.startsWith('models/staging/stg_')).length).toBe(seed.events.length);
    expect(files.filter((f) => f.path.startsWith('models/metrics/metric_')).length).toBe(seed.metrics.length);
    for (const p of ['models/sources.yml', 'models/staging/schema.yml', 'models/metrics/schema.yml', 'dbt_project.yml', 'README.md']) expect(files.map((f) => f.path)).toContain(p);
    const sources = parse(file('models/sources.yml'));
    expect(sources.sources[0].tables.map((t: { name: string }) => t.name)).toEqual(['events', 'metric_as_of']);
  });

  it('schema.yml tests: not_null on required properties (nested ones only under required parents), accepted_values on enums', () => {
    const models = parse(file('models/staging/schema.yml')).models as { name: string; columns: { name: string; tests?: unknown[] }[] }[];
    const draft = models.find((m) => m.name === 'stg_workbench__draft_created')!;
    const col = (m: typeof draft, c: string) => m.columns.find((x) => x.name === c)!;
    expect(col(draft, 'source').tests).toEqual(['not_null', { accepted_values: { values: ['chat', 'template', 'blank'] } }]);
    expect(col(draft, 'draftId').tests).toBeUndefined();
    const conv = models.find((m) => m.name === 'stg_new_conversation')!;
    expect(col(conv, 'metadata__message_length').tests).toEqual(['not_null']);
    // user_info is optional, so its keys are never tested for not_null
    expect(col(conv, 'metadata__user_metadata__is_admin').tests).toBeUndefined();
  });
});

describe('Jinja cannot be reached from taxonomy text', () => {
  const hostile = { ...BASE, 'domains/app.yaml': BASE['domains/app.yaml'].replace('plan: { type: string, enum: [free, pro] }\n      n:', `plan: { type: string, enum: [free, pro, "{{ run_query('drop table x') }}", "{% do x %}"] }\n      n:`).replace('description: Started.', "description: \"{# hidden #} {{ var('x') }}\"") };
  const model = loadTaxonomy(writeTaxonomy(hostile)).model as TaxonomyModel;
  const out = dbtGenerator.generate(model, {}) as GeneratedFile[];

  it('escapes every brace of taxonomy text in SQL and YAML', () => {
    expect(jinjaSafe("{{ x }}")).toBe('{{ "{" }}{{ "{" }} x }}');
    const strings = (v: unknown): string[] => (typeof v === 'string' ? [v] : Array.isArray(v) ? v.flatMap(strings) : v && typeof v === 'object' ? Object.values(v).flatMap(strings) : []);
    for (const f of out) {
      // YAML is read before dbt renders it: check the values, not their YAML quoting.
      const text = f.path.endsWith('.yml') ? strings(parse(f.contents)).join('\n') : f.contents;
      const rest = text.replace(/\{\{ (source|ref)\('[a-z_0-9]+'(, '[a-z_]+')?\) \}\}|\{\{ "\{" \}\}/g, '');
      expect(rest, f.path).not.toMatch(/\{\{|\{%|\{#/);
    }
    const yml = parse(out.find((f) => f.path === 'models/staging/schema.yml')!.contents);
    const plan = yml.models.find((m: { name: string }) => m.name === 'stg_app__session_started').columns.find((c: { name: string }) => c.name === 'plan');
    expect(plan.tests[0].accepted_values.values).toContain(`{{ "{" }}{{ "{" }} run_query('drop table x') }}`);
  });
});

describe('the metric models run on PostgreSQL and equal the TypeScript functions', () => {
  it('on the semantics fixture', async () => {
    const model = loadTaxonomy(writeTaxonomy(BASE)).model as TaxonomyModel;
    const { sql, metrics } = await generatePackages(model);
    const dbt = dbtGenerator.generate(model, {}) as GeneratedFile[];
    const db = await PGlite.create({ parsers: { 1082: (v: string) => v, 20: (v: string) => Number(v) } });
    await db.exec(sql.SCHEMA_SQL.postgres!);
    for (const e of EVENTS) await db.query(sql.INSERT_SQL.postgres!, sql.rowValues(sql.toEventRow(e, { receivedAt: 0 }), 'postgres'));
    await db.query('INSERT INTO metric_as_of VALUES ($1)', [new Date(AS_OF).toISOString()]);
    // staging models first, then metric models: what dbt's ref() graph would do
    for (const f of dbt.filter((x) => x.path.endsWith('.sql')).sort((a, b) => (a.path.includes('staging') === b.path.includes('staging') ? 0 : a.path.includes('staging') ? -1 : 1))) {
      const name = f.path.split('/').pop()!.replace('.sql', '');
      await db.exec(`CREATE VIEW "${name}" AS ${renderJinja(f.contents)}`);
    }
    const failures: string[] = [];
    for (const v of sql.METRIC_VIEWS) {
      const got = normalize((await db.query<Record<string, unknown>>(`SELECT * FROM "metric_${v.metric}"`)).rows, v.columns);
      const d = diff(normalize(metrics.METRICS[v.metric]!(EVENTS, { asOf: AS_OF }), v.columns), got);
      if (d.length) failures.push(`${v.metric}: ${d.join('; ')}`);
    }
    expect(failures).toEqual([]);
    await db.close();
  });

  it('the sql and dbt outputs read the same columns for every event', async () => {
    const viewsFile = (await sqlGenerator.generate(seed, { dialects: ['postgres'] })).find((f) => f.path === 'postgres/views.sql')!.contents;
    const stg = file('models/staging/stg_new_conversation.sql');
    const selectList = stg.slice(stg.indexOf('select\n') + 7, stg.indexOf('\nfrom'));
    expect(viewsFile).toContain(selectList);
  });
});
