import pg from 'pg';
import type { SqlModule } from './contract.js';
import { PostgresStore } from './store/postgres.js';
import { SqliteStore } from './store/sqlite.js';
import type { Store } from './store/types.js';
import { pgReader, sqliteReader, type SqlReader } from './reader.js';

/** Where the events are: a SQLite file (the default) or a PostgreSQL connection URL. */
export interface StoreSpec {
  readonly sqlite?: string;
  readonly postgres?: string;
  /** SQLite only: see SqliteStoreOptions.synchronous. */
  readonly synchronous?: 'full' | 'normal';
}

export interface OpenedStore {
  readonly store: Store;
  /** Plain SQL beside the collector's writes (views, dashboard queries); SQLite: after store.init(). */
  readonly reader: SqlReader;
  /** Closes the store and whatever was opened for it (the pg pool). */
  close(): Promise<void>;
}

/** A connection URL without its password, for messages. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return 'PostgreSQL (unparsable URL)';
  }
}

/** Opens (but does not initialise) the store a spec names. */
export function openStore(spec: StoreSpec, sql: SqlModule): OpenedStore {
  if (spec.postgres) {
    const pool = new pg.Pool({ connectionString: spec.postgres, max: 4, connectionTimeoutMillis: 10_000 });
    // An idle client's error (the server restarted) must not crash the collector; the next query reconnects.
    pool.on('error', () => undefined);
    const store = new PostgresStore(sql, pool, `PostgreSQL ${redactUrl(spec.postgres)}`);
    return { store, reader: pgReader(pool, store.where), close: async () => { await store.close(); await pool.end(); } };
  }
  const store = new SqliteStore(sql, { path: spec.sqlite ?? 'events.sqlite', synchronous: spec.synchronous });
  return { store, reader: sqliteReader(() => store.db, store.where), close: () => store.close() };
}
