// BigQuery, Snowflake and ClickHouse do not run here: their output is parsed. node-sql-parser
// has BigQuery and Snowflake grammars; it has none for ClickHouse, whose SELECTs use
// MySQL-family syntax (back-quotes, backslash escapes), so the MySQL grammar reads them.
// Statements those grammars cannot read at all (DROP VIEW, JSON/VARIANT column types,
// PARTITION/CLUSTER/ENGINE clauses, ClickHouse's ALTER ... DELETE) are checked by structure.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import pkg from 'node-sql-parser';
import { loadTaxonomy, type TaxonomyModel } from '@taxonomy/core';
import { sqlOutputs } from '@taxonomy/gen-sql';

const { Parser } = pkg;
const repo = join(import.meta.dirname, '../../..');
const model = loadTaxonomy(join(repo, 'taxonomy'), { cwd: repo }).model as TaxonomyModel;
const { outputs, compiled } = sqlOutputs(model);

/** Statements of a generated file: they end with `;` at the end of a line, comments dropped. */
function statements(sql: string): string[] {
  return sql.split(/;\n/).map((s) => s.split('\n').filter((l) => !l.startsWith('--')).join('\n').trim()).filter(Boolean);
}

describe.each([['bigquery', 'BigQuery'], ['snowflake', 'Snowflake'], ['clickhouse', 'MySQL']] as const)('%s output', (dialect, database) => {
  const out = outputs.get(dialect)!;
  const creates = statements(out.views).filter((s) => s.startsWith('CREATE VIEW'));

  it('has one view per event and per metric', () => {
    expect(creates.length).toBe(compiled.events.length + compiled.plans.length);
  });

  it(`every CREATE VIEW parses with node-sql-parser (database: ${database})`, () => {
    const p = new Parser();
    const failures: string[] = [];
    // ClickHouse's ARRAY JOIN (over:) is not MySQL: checked by structure, the rest parsed without it.
    const ARRAY_JOIN = /\n {4}ARRAY JOIN JSONExtractArrayRaw\(ifNull\(`e`\.`[A-Za-z0-9_]+`, '\[\]'\)\) AS `i`(?=\n)/g;
    for (const s0 of creates) {
      const s = dialect === 'clickhouse' ? s0.replace(ARRAY_JOIN, '') : s0;
      if (dialect === 'clickhouse' && s0.includes('ARRAY JOIN')) expect(s, 'every ARRAY JOIN has the expected shape').not.toContain('ARRAY JOIN');
      try { p.astify(s, { database }); } catch (e) { failures.push(`${s.split('\n')[0]}: ${(e as Error).message.slice(0, 160)}`); }
    }
    expect(failures).toEqual([]);
  });

  it('drops every view before creating it again, metric views first', () => {
    const drops = statements(out.views).filter((s) => s.startsWith('DROP VIEW IF EXISTS'));
    expect(drops.length).toBe(creates.length);
    const firstEventDrop = drops.findIndex((s) => s.includes('ev_'));
    expect(drops.slice(firstEventDrop).every((s) => s.includes('ev_'))).toBe(true);
  });
});

describe('warehouse DDL and retention, by structure', () => {
  it('BigQuery: dataset-qualified, partitioned by day, clustered by event name, partitions expire with retention', () => {
    const s = outputs.get('bigquery')!.schema;
    expect(s).toContain('CREATE TABLE IF NOT EXISTS `analytics`.`events`');
    expect(s).toContain('`properties` JSON NOT NULL');
    expect(s).toMatch(/PARTITION BY DATE\(`occurred_at`\)\nCLUSTER BY `event_name`\nOPTIONS \(partition_expiration_days = 180\);/);
    expect(outputs.get('bigquery')!.retentionStatement).toBe('DELETE FROM `analytics`.`events` WHERE `occurred_at` < TIMESTAMP_SUB(CURRENT_TIMESTAMP(), INTERVAL 180 DAY);');
  });

  it('Snowflake: VARIANT properties, a primary key, clustered by event name and day', () => {
    const s = outputs.get('snowflake')!.schema;
    expect(s).toContain('"properties" VARIANT NOT NULL');
    expect(s).toContain('PRIMARY KEY ("event_id")');
    expect(s).toContain('CLUSTER BY ("event_name", TO_DATE("occurred_at"))');
    expect(outputs.get('snowflake')!.retentionStatement).toContain('DATEADD(day, -180,');
  });

  it('ClickHouse: ReplacingMergeTree on (event_name, occurred_at, event_id) with a retention TTL', () => {
    const s = outputs.get('clickhouse')!.schema;
    expect(s).toContain('`event_name` LowCardinality(String)');
    expect(s).toContain("`occurred_at` DateTime64(3, 'UTC')");
    expect(s).toMatch(/ENGINE = ReplacingMergeTree\nPARTITION BY toYYYYMM\(`occurred_at`\)\nORDER BY \(`event_name`, `occurred_at`, `event_id`\)\nTTL toDateTime\(`occurred_at`\) \+ INTERVAL 180 DAY;/);
  });

  it('the retention period comes from taxonomy.yaml', () => {
    const without = sqlOutputs({ ...model, retentionDays: undefined }).outputs;
    for (const [, o] of without) {
      expect(o.retentionStatement).toBeUndefined();
      expect(o.retention).toContain('sets no retention period');
    }
    const ninety = sqlOutputs({ ...model, retentionDays: 90 }).outputs;
    expect(ninety.get('postgres')!.retentionStatement).toContain("INTERVAL '90 days'");
    expect(ninety.get('clickhouse')!.schema).toContain('INTERVAL 90 DAY');
  });
});
