import type { Dialect } from './dialect.js';
import { render } from './templates.js';

/** Names of the raw table and the as-of table, validated by the options schema. */
export interface StoreNames {
  readonly eventsTable: string;
  readonly asOfTable: string;
}

/** Envelope columns of the raw table, in order: the contract with the collector. */
export const RAW_COLUMNS = [
  { name: 'event_id', type: 'text', nullable: false },
  { name: 'event_name', type: 'text', nullable: false },
  { name: 'event_version', type: 'int', nullable: false },
  { name: 'occurred_at', type: 'ts', nullable: false },
  { name: 'received_at', type: 'ts', nullable: false },
  { name: 'org_id', type: 'text', nullable: true },
  { name: 'workspace_id', type: 'text', nullable: true },
  { name: 'user_id', type: 'text', nullable: true },
  { name: 'session_id', type: 'text', nullable: true },
  { name: 'properties', type: 'json', nullable: false },
] as const;

function columnDefs(d: Dialect): string[] {
  return RAW_COLUMNS.map((c) => {
    const type = d.types[c.type];
    if (d.name === 'clickhouse') {
      const t = c.name === 'event_name' ? `LowCardinality(${type})` : c.nullable ? `Nullable(${type})` : type;
      return `${d.ident(c.name)} ${t}`;
    }
    const pk = c.name === 'event_id' && (d.name === 'sqlite' || d.name === 'postgres' || d.name === 'duckdb') ? ' PRIMARY KEY' : '';
    return `${d.ident(c.name)} ${type}${c.nullable ? '' : ' NOT NULL'}${pk}`;
  });
}

export function schemaSql(d: Dialect, names: StoreNames, header: string, retentionDays: number | undefined): string {
  const t = names.eventsTable;
  return render(`schema.${d.name}.sql`, {
    header,
    table: d.relation(t),
    columns: columnDefs(d),
    eventId: d.ident('event_id'),
    eventName: d.ident('event_name'),
    occurredAt: d.ident('occurred_at'),
    nameTimeIndex: d.ident(`${t}_name_time`),
    timeIndex: d.ident(`${t}_time`),
    noUpdate: d.ident(`${t}_append_only`),
    asOfTable: d.relation(names.asOfTable),
    asOfColumn: `${d.ident('as_of')} ${d.types.ts}`,
    options: retentionDays ? `\nOPTIONS (partition_expiration_days = ${retentionDays})` : '',
    ttl: retentionDays ? `\nTTL toDateTime(${d.ident('occurred_at')}) + INTERVAL ${retentionDays} DAY` : '',
  });
}

/** The statement that deletes events older than the retention period (by occurred_at). */
export function retentionStatement(d: Dialect, table: string, days: number): string {
  const rel = d.relation(table), ts = d.ident('occurred_at');
  switch (d.name) {
    case 'sqlite': return `DELETE FROM ${rel} WHERE ${ts} < CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER) - ${days} * 86400000;`;
    case 'postgres': return `DELETE FROM ${rel} WHERE ${ts} < CURRENT_TIMESTAMP - INTERVAL '${days} days';`;
    case 'duckdb': return `DELETE FROM ${rel} WHERE ${ts} < make_timestamp(epoch_us(get_current_timestamp())) - INTERVAL ${days} DAY;`;
    case 'bigquery': return `DELETE FROM ${rel} WHERE ${ts} < TIMESTAMP_SUB(CURRENT_TIMESTAMP(), INTERVAL ${days} DAY);`;
    case 'snowflake': return `DELETE FROM ${rel} WHERE ${ts} < DATEADD(day, -${days}, CAST(SYSDATE() AS TIMESTAMP_NTZ(3)));`;
    case 'clickhouse': return `ALTER TABLE ${rel} DELETE WHERE ${ts} < now64(3, 'UTC') - INTERVAL ${days} DAY;`;
  }
}

export function retentionSql(d: Dialect, table: string, header: string, days: number | undefined): { sql: string; statement?: string } {
  if (!days) return { sql: render('retention.sql', { header, explain: 'taxonomy.yaml sets no retention period: nothing is deleted.', statement: '' }) };
  const statement = retentionStatement(d, table, days);
  const extra = d.name === 'clickhouse' ? ' (the table TTL does the same at merge time)' : d.name === 'bigquery' ? ' (partitions also expire on their own)' : '';
  return { sql: render('retention.sql', { header, explain: `Retention: events that occurred more than ${days} days ago are deleted${extra}. Run it daily.`, statement }), statement };
}

/** The insert the collector runs for one row; a retried event (same event_id) is not stored twice. */
export function insertStatement(d: Dialect, table: string): string | undefined {
  const cols = RAW_COLUMNS.map((c) => d.ident(c.name)).join(', ');
  const ph = RAW_COLUMNS.map((_, i) => (d.name === 'postgres' ? `$${i + 1}` : '?')).join(', ');
  const json = d.name === 'postgres' ? ph.replace(`$${RAW_COLUMNS.length}`, `$${RAW_COLUMNS.length}::jsonb`) : ph;
  switch (d.name) {
    case 'sqlite': case 'duckdb': return `INSERT INTO ${d.relation(table)} (${cols}) VALUES (${json}) ON CONFLICT DO NOTHING`;
    case 'postgres': return `INSERT INTO ${d.relation(table)} (${cols}) VALUES (${json}) ON CONFLICT (${d.ident('event_id')}) DO NOTHING`;
    default: return undefined;
  }
}
