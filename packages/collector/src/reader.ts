import Database from 'better-sqlite3';
import pg from 'pg';
import type { Dialect } from './contract.js';
import { redactUrl, type StoreSpec } from './open.js';
import type { PgQueryable } from './store/postgres.js';
import { StoreError } from './store/types.js';
import { sqliteError } from './store/sqlite.js';
import { pgError } from './store/postgres.js';

export type Row = Record<string, unknown>;

/**
 * Plain SQL against the store, beside the collector's own writes: the metric views, the
 * dashboard's queries, the views' set-up. Parameters are positional (SQLite `?1`, PostgreSQL `$1`).
 */
export interface SqlReader {
  readonly dialect: Dialect;
  readonly where: string;
  all(sql: string, params?: readonly unknown[]): Promise<Row[]>;
  /** Runs a script of statements in one transaction: all of it or nothing. */
  script(text: string): Promise<void>;
  close(): Promise<void>;
}

const message = (e: unknown) => (e as Error)?.message ?? String(e);

/** A reader on a better-sqlite3 connection (the collector's, or one of its own). */
export function sqliteReader(db: () => Database.Database, where: string, owned = false): SqlReader {
  const open = () => {
    const c = db();
    if (!c?.open) throw new StoreError(`${where} is not open (storage down at start)`, true, 'SQLITE_CANTOPEN');
    return c;
  };
  return {
    dialect: 'sqlite', where,
    async all(sql, params = []) {
      let c: Database.Database;
      c = open();
      try {
        return c.prepare(sql).all(...params) as Row[];
      } catch (e) {
        throw new StoreError(`${where}: ${message(e)}`, false, (e as { code?: string }).code);
      }
    },
    async script(text) {
      const c = open();
      // Synchronous from BEGIN to COMMIT: no other statement of this process can run in between.
      try {
        c.exec('BEGIN IMMEDIATE');
        c.exec(text);
        c.exec('COMMIT');
      } catch (e) {
        if (c.inTransaction) c.exec('ROLLBACK');
        // Storage that is down (read-only, full) is said as such: the caller may go on without views.
        const s = sqliteError(e, where);
        throw new StoreError(`${where}: ${message(e)}`, s.unavailable && !/^SQLITE_ERROR/.test(s.code ?? ''), s.code);
      }
    },
    async close() { if (owned) db().close(); },
  };
}

/** bigint (COUNT, integer properties cast to BIGINT) as a number when it is exact, as pg's text otherwise. */
const INT8 = 20;
const PG_TYPES = {
  getTypeParser(oid: number, format?: string) {
    if (oid === INT8) return (v: string) => (Number.isSafeInteger(Number(v)) ? Number(v) : v);
    return (pg.types.getTypeParser as (o: number, f?: string) => unknown)(oid, format);
  },
};

/** A reader on a pg pool or PGlite. A script is one simple query: PostgreSQL runs it as one transaction. */
export function pgReader(pool: PgQueryable, where: string, close: () => Promise<void> = async () => undefined): SqlReader {
  return {
    dialect: 'postgres', where,
    async all(sql, params = []) {
      try {
        // pg takes per-query type parsers (PGlite's query has another signature and gives numbers).
        if (pool.exec) return (await pool.query(sql, [...params])).rows as Row[];
        return (await (pool as unknown as pg.Pool).query({ text: sql, values: [...params], types: PG_TYPES } as pg.QueryConfig)).rows as Row[];
      } catch (e) {
        throw new StoreError(`${where}: ${message(e)}`, false, (e as { code?: string }).code);
      }
    },
    async script(text) {
      try {
        if (pool.exec) await pool.exec(`BEGIN;\n${text};\nCOMMIT;`);
        else await pool.query(text);
      } catch (e) {
        if (pool.exec) await pool.exec('ROLLBACK').catch(() => undefined);
        const p = pgError(e, where);
        // Class 42 (a statement the server refuses) is the script's fault, not the server's.
        throw new StoreError(`${where}: ${message(e)}`, p.unavailable && !/^42/.test(p.code ?? ''), p.code);
      }
    },
    close,
  };
}

/**
 * A read-only reader of a store that must exist already (`taxonomy metrics`, `inspect`): a
 * missing SQLite file is an error, never a new empty file.
 */
export function openReader(spec: StoreSpec & { readonly sqlite: string }): SqlReader {
  if (spec.postgres) {
    const pool = new pg.Pool({ connectionString: spec.postgres, max: 2, connectionTimeoutMillis: 10_000 });
    pool.on('error', () => undefined);
    return pgReader(pool, `PostgreSQL ${redactUrl(spec.postgres)}`, () => pool.end());
  }
  let db: Database.Database;
  try {
    db = new Database(spec.sqlite, { readonly: true, fileMustExist: true });
  } catch (e) {
    throw new StoreError(`cannot open ${spec.sqlite}: ${message(e)}; pass --db <file> (the one \`taxonomy serve\` writes)`, false);
  }
  return sqliteReader(() => db, `SQLite ${spec.sqlite}`, true);
}
