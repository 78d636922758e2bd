import { generatedPackageName } from '@taxonomy/core';
import type { GeneratedFile, Generator, TaxonomyModel } from '@taxonomy/core';
import { compile } from './compile.js';
import { DIALECT_NAMES, type DialectName } from './dialect.js';
import { dialectFor } from './dialects/index.js';
import { DEFAULT_ENVELOPE, type EnvelopeOptions } from './envelope.js';
import { packageFiles } from './package-files.js';
import { insertStatement } from './schema.js';
import { eventHeading } from './event-view.js';
import { dialectOutput, type DialectOutput, type SqlNames } from './sql-files.js';

export { compile, type Compiled, type CompiledEvent } from './compile.js';
export { eventColumns, kindOf, type EventColumn } from './columns.js';
export { DIALECT_NAMES, backslashLiteral, standardLiteral, type Dialect, type DialectName, type Grain, type ValueKind } from './dialect.js';
export { dialectFor } from './dialects/index.js';
export { DEFAULT_ENVELOPE, envelopeMap, type EnvelopeOptions } from './envelope.js';
export { eventSelectList, eventWhere, selectLister, versionWhere } from './event-view.js';
export type { VersionView } from './version-views.js';
export { formatFinding, toDiagnostic } from './findings.js';
export { metricQuery, statement, type MetricQuery } from './metric-query.js';
export { metricColumns, metricSelect, type Cte, type MetricSelect, type MetricSqlContext } from './metric-sql.js';
export { columnName, commentText, eventSqlName, functionName } from './names.js';
export { Planner, planMetrics, QUANTILES, type Finding, type MetricPlan, type PlanColumn, type PlanFilter, type PlanMeasure, type PlanSource } from './plan.js';
export { RAW_COLUMNS, retentionStatement } from './schema.js';
export { SEMANTICS } from './semantics.js';
export { col, scalar, sourceColumn, sourceCondition } from './sql-expr.js';
export { metricNotes } from './sql-files.js';

export interface SqlOptions {
  /** npm name of the generated package. Default: the taxonomy's `packages.sql`, else `@<name>/sql`. */
  packageName?: string;
  /** Dialects to emit. Default: all six. */
  dialects?: DialectName[];
  /** The raw events table. Default `events`. */
  eventsTable?: string;
  /** The table whose latest row is the metrics' as-of instant. Default `metric_as_of`. */
  asOfTable?: string;
  /** Prefix of event view names. Default `ev_`. */
  eventViewPrefix?: string;
  /** Prefix of metric view names. Default `metric_`. */
  metricViewPrefix?: string;
  /** BigQuery dataset that qualifies tables and views. Default `analytics`. */
  bigqueryDataset?: string;
  /** Which properties fill the envelope columns (README.md of the output lists them). */
  envelope?: EnvelopeOptions;
}

const NAME = { type: 'string', pattern: '^[a-z_][a-z0-9_]*$', maxLength: 40 };
const NAMES = { type: 'array', items: { type: 'string', pattern: '^\\$?[A-Za-z_][A-Za-z0-9_]*$' } };

/** Names and defaults, applied here too so the generator can be called without the CLI. */
export function sqlNames(o: SqlOptions): SqlNames {
  return {
    eventsTable: o.eventsTable ?? 'events',
    asOfTable: o.asOfTable ?? 'metric_as_of',
    eventViewPrefix: o.eventViewPrefix ?? 'ev_',
    metricViewPrefix: o.metricViewPrefix ?? 'metric_',
  };
}

export function packageName(model: TaxonomyModel, o: { packageName?: string }): string {
  return generatedPackageName(model, 'sql', o.packageName);
}

/** Every dialect's three SQL files, by dialect. */
export function sqlOutputs(model: TaxonomyModel, o: SqlOptions = {}): { compiled: ReturnType<typeof compile>; outputs: Map<DialectName, DialectOutput> } {
  const names = sqlNames(o);
  const compiled = compile(model, { event: names.eventViewPrefix, metric: names.metricViewPrefix });
  const outputs = new Map<DialectName, DialectOutput>();
  const headings = compiled.events.map((e) => eventHeading(e.event));
  for (const name of o.dialects ?? DIALECT_NAMES) outputs.set(name, dialectOutput(model, compiled, dialectFor(name, { bigqueryDataset: o.bigqueryDataset ?? 'analytics' }), names, headings));
  return { compiled, outputs };
}

export const sqlGenerator: Generator<SqlOptions> = {
  name: 'sql',
  description: 'SQL for the warehouse: raw events table DDL, a typed view per event and a view per metric (SQLite, PostgreSQL, DuckDB, BigQuery, Snowflake, ClickHouse).',
  version: '1',
  defaultOut: 'packages/sql',
  optionsSchema: {
    type: 'object', additionalProperties: false,
    properties: {
      packageName: { type: 'string', description: 'npm name of the generated package (default: packages.sql of taxonomy.yaml).' },
      dialects: { type: 'array', items: { enum: [...DIALECT_NAMES] }, uniqueItems: true, minItems: 1, default: [...DIALECT_NAMES], description: 'Dialects to emit.' },
      eventsTable: { ...NAME, default: 'events', description: 'The raw events table.' },
      asOfTable: { ...NAME, default: 'metric_as_of', description: 'The table whose latest row is the metrics\' as-of instant.' },
      eventViewPrefix: { ...NAME, default: 'ev_', description: 'Prefix of event view names.' },
      metricViewPrefix: { ...NAME, default: 'metric_', description: 'Prefix of metric view names.' },
      bigqueryDataset: { ...NAME, default: 'analytics', description: 'BigQuery dataset that qualifies tables and views.' },
      envelope: {
        type: 'object', additionalProperties: false, default: DEFAULT_ENVELOPE,
        description: 'Which properties fill the envelope columns, in order of preference.',
        properties: { org_id: NAMES, workspace_id: NAMES, user_id: NAMES, session_id: NAMES, occurred_at: NAMES },
      },
    },
  },
  generate(model, options) {
    const names = sqlNames(options);
    const { compiled, outputs } = sqlOutputs(model, options);
    const files: GeneratedFile[] = [];
    const inserts = new Map<DialectName, string>();
    for (const [d, out] of outputs) {
      files.push({ path: `${d}/schema.sql`, contents: out.schema }, { path: `${d}/views.sql`, contents: out.views }, { path: `${d}/retention.sql`, contents: out.retention });
      const ins = insertStatement(dialectFor(d, { bigqueryDataset: options.bigqueryDataset ?? 'analytics' }), names.eventsTable);
      if (ins) inserts.set(d, ins);
    }
    files.push(...packageFiles({
      model, compiled, packageName: packageName(model, options), names, dataset: options.bigqueryDataset ?? 'analytics',
      envelope: { ...DEFAULT_ENVELOPE, ...(options.envelope ?? {}) }, outputs, inserts,
    }));
    return files.sort((a, b) => (a.path < b.path ? -1 : 1));
  },
};

export default sqlGenerator;
