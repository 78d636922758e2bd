import type { Dialect, DialectName } from '../dialect.js';
import { bigquery } from './bigquery.js';
import { clickhouse } from './clickhouse.js';
import { duckdb } from './duckdb.js';
import { postgres } from './postgres.js';
import { snowflake } from './snowflake.js';
import { sqlite } from './sqlite.js';

export interface DialectSettings {
  /** BigQuery dataset that qualifies every table and view. */
  readonly bigqueryDataset: string;
}

export function dialectFor(name: DialectName, s: DialectSettings): Dialect {
  switch (name) {
    case 'sqlite': return sqlite;
    case 'postgres': return postgres;
    case 'duckdb': return duckdb;
    case 'bigquery': return bigquery(s.bigqueryDataset);
    case 'snowflake': return snowflake;
    case 'clickhouse': return clickhouse;
  }
}
