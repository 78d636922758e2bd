import { exactIntegers } from '../big-integers.js';
import type { EventRow, SqlModule } from '../contract.js';
import { collectorDdl, q, tableNames, type TableNames } from './tables.js';
import {
  StoreError, type ExportQuery, type ReplayMove, type RetentionResult, type Store, type StoredEvent,
  type StoredQuarantine, type WriteBatch, type WriteResult,
} from './types.js';

/**
 * The least the PostgreSQL store needs: `query(text, values)`. Both a `pg.Pool` and a PGlite
 * instance satisfy it, so the same store code runs against a real server and in-process.
 * Every write is ONE statement (data-modifying CTEs), hence atomic without holding a
 * connection for a transaction, which a pool's `query` cannot promise.
 */
export interface PgQueryable {
  query(text: string, values?: unknown[]): Promise<{ rows: unknown[] }>;
  /** Runs a script of several statements (PGlite); without it, `query(script)` is used, as pg does. */
  exec?(text: string): Promise<unknown>;
}

type Row = Record<string, unknown>;

/** PostgreSQL error classes 22 (data exception) and 23 (integrity): this data, not the server. */
const isDataError = (code: unknown) => typeof code === 'string' && /^2[23][0-9A-Z]{3}$/.test(code);

export function pgError(e: unknown, where: string): StoreError {
  const code = (e as { code?: unknown })?.code;
  const message = (e as Error)?.message ?? String(e);
  const data = isDataError(code);
  const hint = data ? 'the database cannot hold this value' : 'check that the server is up, reachable and has disk space; the sender will retry';
  return new StoreError(`cannot write to ${where}: ${typeof code === 'string' ? `${code}: ` : ''}${message}; ${hint}`, !data, typeof code === 'string' ? code : undefined);
}

const ms = (v: unknown): number => (v instanceof Date ? v.getTime() : typeof v === 'number' ? v : Date.parse(String(v)));
const iso = (n: number) => new Date(n).toISOString();
// JSON columns are read as text (::text): integers beyond 2^53 come back as bigints with the digits
// PostgreSQL holds (jsonb keeps them exactly; pg's own jsonb parser would round them).
const parse = (t: unknown): unknown => (t === null || t === undefined ? null : typeof t === 'string' ? exactIntegers(t, JSON.parse(t)) : t);

/** PostgreSQL (a server through pg, or PGlite): batched writes as one multi-row statement. */
export class PostgresStore implements Store {
  readonly dialect = 'postgres' as const;
  readonly tables: TableNames;
  private columns: string[] = [];
  private jsonColumns = new Set<string>();
  private writeSql = '';

  /** `where` names the database for messages; pass it without a password. */
  constructor(private readonly sql: SqlModule, private readonly db: PgQueryable, readonly where = 'PostgreSQL') {
    this.tables = tableNames(sql.EVENTS_TABLE);
  }

  private script(text: string): Promise<unknown> {
    return this.db.exec ? this.db.exec(text) : this.db.query(text);
  }

  async init(): Promise<void> {
    const schema = this.sql.SCHEMA_SQL.postgres;
    if (!schema) throw new StoreError('the sql package has no PostgreSQL DDL; enable the postgres dialect in the sql generator and regenerate', false);
    try {
      await this.script(schema);
      await this.script(collectorDdl('postgres', this.tables));
      const cols = await this.db.query(
        `SELECT column_name, data_type FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = $1`, [this.tables.events]);
      for (const r of cols.rows as Row[]) if (r.data_type === 'jsonb' || r.data_type === 'json') this.jsonColumns.add(String(r.column_name));
    } catch (e) {
      throw pgError(e, this.where);
    }
    this.columns = this.sql.COLUMNS.map((c) => c.name);
    for (const c of this.columns) tableNames(c); // each column name must be a plain identifier too
    const t = this.tables, cols = this.columns.map(q).join(', ');
    const qcols = 'quarantine_key, event_id, event_name, received_at, source, payload, errors';
    this.writeSql = `WITH ev AS (
  INSERT INTO ${q(t.events)} (${cols}) SELECT ${cols} FROM jsonb_populate_recordset(NULL::${q(t.events)}, $1::jsonb)
  ON CONFLICT (${q('event_id')}) DO NOTHING RETURNING ${q('event_id')} AS id
), en AS (
  INSERT INTO ${q(t.envelopes)} (event_id, source, person, context, dimensions)
  SELECT x.event_id, x.source, x.person, x.context, x.dimensions FROM jsonb_populate_recordset(NULL::${q(t.envelopes)}, $2::jsonb) x
  WHERE x.event_id IN (SELECT id FROM ev) ON CONFLICT DO NOTHING
), qu AS (
  INSERT INTO ${q(t.quarantine)} (${qcols}) SELECT ${qcols} FROM jsonb_populate_recordset(NULL::${q(t.quarantine)}, $3::jsonb)
  ON CONFLICT DO NOTHING RETURNING quarantine_key AS id
), dq AS (
  DELETE FROM ${q(t.quarantine)} WHERE quarantine_key IN (SELECT jsonb_array_elements_text($4::jsonb))
), uq AS (
  UPDATE ${q(t.quarantine)} SET errors = u.errors FROM jsonb_to_recordset($5::jsonb) AS u(key text, errors text) WHERE quarantine_key = u.key
)
SELECT 'e' AS k, id FROM ev UNION ALL SELECT 'q' AS k, id FROM qu`;
  }

  /** One row as JSON for jsonb_populate_recordset; JSON columns are spliced in as JSON, not as strings. */
  private rowJson(row: EventRow): string {
    const values = this.sql.rowValues(row, 'postgres');
    const parts: string[] = [];
    this.columns.forEach((c, i) => {
      const v = values[i];
      parts.push(`${JSON.stringify(c)}:${this.jsonColumns.has(c) && typeof v === 'string' ? v : JSON.stringify(v ?? null)}`);
    });
    return `{${parts.join(',')}}`;
  }

  private async run(batches: readonly WriteBatch[], deletes: readonly string[] = [], updates: readonly { key: string; errors: string }[] = []): Promise<{ events: Set<string>; quarantine: Set<string> }> {
    const ev: string[] = [], en: unknown[] = [], qu: unknown[] = [];
    for (const b of batches) {
      for (const r of b.events) ev.push(this.rowJson(r));
      en.push(...b.envelopes);
      for (const x of b.quarantine) qu.push({ ...x, received_at: iso(x.received_at) });
    }
    let res: { rows: unknown[] };
    try {
      res = await this.db.query(this.writeSql, [`[${ev.join(',')}]`, JSON.stringify(en), JSON.stringify(qu), JSON.stringify(deletes), JSON.stringify(updates)]);
    } catch (e) {
      throw pgError(e, this.where);
    }
    const events = new Set<string>(), quarantine = new Set<string>();
    for (const r of res.rows as Row[]) (r.k === 'e' ? events : quarantine).add(String(r.id));
    return { events, quarantine };
  }

  async write(batches: readonly WriteBatch[]): Promise<WriteResult[]> {
    const { events, quarantine } = await this.run(batches);
    // The statement says which ids are new; the first batch carrying an id is credited with it.
    return batches.map((b) => {
      const r: WriteResult = { stored: 0, duplicates: 0, quarantined: 0 };
      for (const e of b.events) if (events.delete(e.event_id)) r.stored++; else r.duplicates++;
      for (const x of b.quarantine) if (quarantine.delete(x.quarantine_key)) r.quarantined++;
      return r;
    });
  }

  async probe(): Promise<void> {
    try {
      await this.db.query('SELECT 1');
    } catch (e) {
      throw pgError(e, this.where);
    }
  }

  async count(table: 'events' | 'quarantine' | 'envelopes'): Promise<number> {
    const r = await this.db.query(`SELECT count(*) AS n FROM ${q(this.tables[table])}`);
    return Number((r.rows[0] as Row).n);
  }

  async retention(cutoffMs: number, apply: boolean): Promise<RetentionResult> {
    const t = this.tables, cutoff = iso(cutoffMs);
    const sql = apply
      ? `WITH de AS (DELETE FROM ${q(t.envelopes)} WHERE event_id IN (SELECT event_id FROM ${q(t.events)} WHERE occurred_at < $1::timestamptz)),
  dv AS (DELETE FROM ${q(t.events)} WHERE occurred_at < $1::timestamptz RETURNING 1),
  dq AS (DELETE FROM ${q(t.quarantine)} WHERE received_at < $1::timestamptz RETURNING 1)
SELECT (SELECT count(*) FROM dv) AS events, (SELECT count(*) FROM dq) AS quarantine`
      : `SELECT (SELECT count(*) FROM ${q(t.events)} WHERE occurred_at < $1::timestamptz) AS events, (SELECT count(*) FROM ${q(t.quarantine)} WHERE received_at < $1::timestamptz) AS quarantine`;
    try {
      const r = (await this.db.query(sql, [cutoff])).rows[0] as Row;
      return { events: Number(r.events), quarantine: Number(r.quarantine) };
    } catch (e) {
      throw pgError(e, this.where);
    }
  }

  async *exportEvents(query: ExportQuery, pageSize = 1000): AsyncIterable<StoredEvent> {
    const t = this.tables;
    let after: [string, string] | undefined;
    for (;;) {
      const params: unknown[] = [query.sinceMs === undefined ? '-infinity' : iso(query.sinceMs), query.untilMs === undefined ? 'infinity' : iso(query.untilMs), query.events?.length ? JSON.stringify(query.events) : null, pageSize];
      let keyset = '';
      if (after) { params.push(after[0], after[1]); keyset = ' AND (e.occurred_at, e.event_id COLLATE "C") > ($5::timestamptz, $6::text COLLATE "C")'; }
      const r = await this.db.query(`SELECT e.event_id, e.event_name, e.event_version, e.occurred_at, e.received_at, e.org_id, e.workspace_id, e.user_id, e.session_id,
  e.properties::text AS properties, x.source, x.person::text AS person, x.context::text AS context, x.dimensions::text AS dimensions FROM ${q(t.events)} e LEFT JOIN ${q(t.envelopes)} x ON x.event_id = e.event_id
WHERE e.occurred_at >= $1::timestamptz AND e.occurred_at < $2::timestamptz AND ($3::jsonb IS NULL OR e.event_name IN (SELECT jsonb_array_elements_text($3::jsonb)))${keyset}
ORDER BY e.occurred_at, e.event_id COLLATE "C" LIMIT $4`, params);
      for (const row of r.rows as Row[]) {
        yield {
          event_id: String(row.event_id), event_name: String(row.event_name), event_version: Number(row.event_version),
          occurred_at: ms(row.occurred_at), received_at: ms(row.received_at),
          org_id: row.org_id as string | null, workspace_id: row.workspace_id as string | null, user_id: row.user_id as string | null, session_id: row.session_id as string | null,
          properties: parse(row.properties) as Record<string, unknown>,
          source: (row.source as string | null) ?? null, person: parse(row.person), context: parse(row.context), dimensions: parse(row.dimensions),
        };
      }
      if (r.rows.length < pageSize) return;
      const last = r.rows[r.rows.length - 1] as Row;
      after = [iso(ms(last.occurred_at)), String(last.event_id)];
    }
  }

  async quarantinePage(afterKey: string | null, limit: number): Promise<StoredQuarantine[]> {
    const r = await this.db.query(`SELECT * FROM ${q(this.tables.quarantine)} WHERE quarantine_key COLLATE "C" > $1 ORDER BY quarantine_key COLLATE "C" LIMIT $2`, [afterKey ?? '', limit]);
    return (r.rows as Row[]).map((x) => ({
      quarantine_key: String(x.quarantine_key), event_id: x.event_id as string | null, event_name: x.event_name as string | null,
      received_at: ms(x.received_at), source: x.source as string | null, payload: String(x.payload), errors: String(x.errors),
    }));
  }

  async replay(moves: readonly ReplayMove[], stillInvalid: readonly { key: string; errors: string }[]): Promise<void> {
    await this.run(moves.map((m) => m.batch), moves.map((m) => m.key), stillInvalid);
  }

  async close(): Promise<void> {
    // The connection belongs to whoever created it (a pool, a PGlite instance): they close it.
  }
}
