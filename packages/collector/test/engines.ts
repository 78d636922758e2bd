import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { pgReader, PostgresStore, SqliteStore, sqliteReader, type Contract, type SqlReader, type Store } from '@taxonomy/collector';
import { repo, tmp } from './helpers.js';

/** The real PostgreSQL server scripts/setup-postgres.sh started (or TAXONOMY_PG_URL), if any. */
export function postgresUrl(): string | undefined {
  if (process.env.TAXONOMY_PG_URL) return process.env.TAXONOMY_PG_URL;
  const f = join(repo, '.taxonomy-cache/postgres-url');
  return existsSync(f) ? readFileSync(f, 'utf8').trim() || undefined : undefined;
}

/** A URL whose connections use their own schema (the test database is shared with other suites). */
export async function isolatedSchema(url: string): Promise<{ url: string; drop(): Promise<void> }> {
  const schema = `collector_${process.pid}_${Date.now()}_${Math.floor(Math.random() * 1e6)}`;
  const c = new pg.Client(url);
  await c.connect();
  await c.query(`CREATE SCHEMA ${schema}`);
  await c.end();
  const u = new URL(url);
  u.searchParams.set('options', `-c search_path=${schema}`);
  return {
    url: u.toString(),
    async drop() {
      const d = new pg.Client(url);
      await d.connect();
      await d.query(`DROP SCHEMA ${schema} CASCADE`);
      await d.end();
    },
  };
}

export interface Engine {
  readonly name: 'sqlite' | 'sqlite-thread' | 'pglite' | 'postgres';
  readonly store: Store;
  close(): Promise<void>;
}

export type EngineName = Engine['name'];
export const PG_URL = postgresUrl();
/** Appended to the titles of tests that need the real server, so a skip says why. */
export const PG_SKIP = PG_URL ? '' : ' (skipped: no PostgreSQL server; scripts/setup-postgres.sh starts one and writes .taxonomy-cache/postgres-url)';
export const ENGINES: readonly EngineName[] = ['sqlite', 'sqlite-thread', 'pglite', 'postgres'];

/** A fresh, initialised store on the named engine. */
export async function engine(name: EngineName, contract: Contract): Promise<Engine> {
  if (name === 'sqlite' || name === 'sqlite-thread') {
    // sqlite: writes in the calling thread (the default); sqlite-thread: in a writer thread.
    const store = new SqliteStore(contract.sql, { path: join(tmp(), 'events.sqlite'), thread: name === 'sqlite-thread' });
    await store.init();
    return { name, store, close: () => store.close() };
  }
  if (name === 'pglite') {
    const db = new PGlite();
    const store = new PostgresStore(contract.sql, db, 'PGlite (memory)');
    await store.init();
    return { name, store, close: async () => { await store.close(); await db.close(); } };
  }
  if (!PG_URL) throw new Error('no PostgreSQL server (run scripts/setup-postgres.sh)');
  const iso = await isolatedSchema(PG_URL);
  const pool = new pg.Pool({ connectionString: iso.url, max: 2 });
  const store = new PostgresStore(contract.sql, pool, 'PostgreSQL (test)');
  await store.init();
  return { name, store, close: async () => { await store.close(); await pool.end(); await iso.drop(); } };
}

/** A store and an SQL reader on it, for tests that read the views the store created. */
export interface ReadableStore { store: Store; reader: SqlReader; close(): Promise<void> }

/**
 * SQLite, PGlite and the real PostgreSQL server as `describe.each` rows: [name, skip note, open].
 * `contract()` is read when a store opens (after the suite's beforeAll generated it).
 */
export function readableStores(contract: () => Contract): [string, string, () => Promise<ReadableStore>][] {
  return [
    ['sqlite', '', async () => {
      const store = new SqliteStore(contract().sql, { path: join(tmp(), 'events.sqlite') });
      await store.init();
      return { store, reader: sqliteReader(() => store.db, 'test'), close: () => store.close() };
    }],
    ['pglite', '', async () => {
      const db = new PGlite();
      const store = new PostgresStore(contract().sql, db, 'PGlite (memory)');
      await store.init();
      return { store, reader: pgReader(db, 'test'), close: async () => { await store.close(); await db.close(); } };
    }],
    ['postgres', PG_SKIP, async () => {
      const iso = await isolatedSchema(PG_URL!);
      const pool = new pg.Pool({ connectionString: iso.url, max: 2 });
      const store = new PostgresStore(contract().sql, pool, 'PostgreSQL (test)');
      await store.init();
      return { store, reader: pgReader(pool, 'test'), close: async () => { await store.close(); await pool.end(); await iso.drop(); } };
    }],
  ];
}
