import { exactIntegers } from '../big-integers.js';
import { Worker } from 'node:worker_threads';
import type Database from 'better-sqlite3';
import type { SqlModule } from '../contract.js';
import { openWriter, type Writer, type WriterSetup } from './sqlite-writer.js';
import { packBatches, type PackedBatch } from './wire.js';
import { collectorDdl, q, tableNames, type TableNames } from './tables.js';
import {
  StoreError, type ExportQuery, type ReplayMove, type RetentionResult, type Store, type StoredEvent,
  type StoredQuarantine, type WriteBatch, type WriteResult,
} from './types.js';

export interface SqliteStoreOptions {
  /** The database file; created with its folder when missing. */
  readonly path: string;
  /**
   * `full` (default): a batch is acknowledged only after SQLite has synced it to disk, so
   * neither a crash nor a power cut loses it. `normal`: synced at checkpoints only: survives
   * a process crash (SIGKILL) but not a power cut; faster.
   */
  readonly synchronous?: 'full' | 'normal';
  /** How long a write waits for another process's lock before failing. Default 5000 ms. */
  readonly busyTimeoutMs?: number;
  /**
   * Write in a worker thread: the inserts, the commit and its fsync then run beside the HTTP
   * side instead of stopping it; a group of requests crosses as one string (wire.ts). Default
   * false: on the shared 2-core machine measured (bench/collector.bench.mjs) it was 4–17%
   * faster when the machine was quiet and 10–30% slower under other load (packing, posting
   * and unpacking cost ~1 µs an event); use it where a core is free.
   */
  readonly thread?: boolean;
}

const DATA_ERRORS = /^SQLITE_(CONSTRAINT|TOOBIG|MISMATCH)/;

const HINTS: Readonly<Record<string, string>> = {
  SQLITE_FULL: 'the disk (or the database size limit) is full: free space',
  SQLITE_READONLY: 'the database file is read-only: give the collector write access to the file and its folder',
  SQLITE_IOERR: 'the disk refused a write: check the file system (full, read-only or failing)',
  SQLITE_CANTOPEN: 'the database file cannot be opened: check the path and its permissions',
  SQLITE_BUSY: 'another process holds the database lock: stop it, or give the collector its own file',
};

/** A better-sqlite3 error as a StoreError: what failed, and what to do. */
export function sqliteError(e: unknown, where: string): StoreError {
  const code = typeof (e as { code?: unknown })?.code === 'string' ? (e as { code: string }).code : 'SQLITE_ERROR';
  const message = (e as Error)?.message ?? String(e);
  const hint = Object.entries(HINTS).find(([k]) => code.startsWith(k))?.[1] ?? 'check the database file';
  return new StoreError(`cannot write to ${where}: ${code}: ${message}; ${hint}`, !DATA_ERRORS.test(code), code);
}

// Integers beyond 2^53 come back as the bigints that were stored (their digits).
const parse = (t: string | null): unknown => (t === null || t === undefined ? null : exactIntegers(t, JSON.parse(t)));

/** SQLite in WAL mode: one file, no set-up; a batch of requests is one transaction. */
export class SqliteStore implements Store {
  readonly dialect = 'sqlite' as const;
  readonly where: string;
  readonly tables: TableNames;
  /** The collector thread's connection: reads, retention, replay (and writes without a writer thread). */
  db!: Database.Database;
  private main?: Writer;
  private thread?: Worker;
  private calls = new Map<number, { resolve(v: unknown): void; reject(e: unknown): void }>();
  private nextId = 1;

  /** Where `properties` is among a row's values (it travels apart: see wire.ts). */
  private readonly propsAt: number;

  constructor(private readonly sql: SqlModule, private readonly options: SqliteStoreOptions) {
    this.where = `SQLite ${options.path}`;
    this.tables = tableNames(sql.EVENTS_TABLE);
    this.propsAt = sql.COLUMNS.findIndex((c) => c.name === 'properties');
  }

  private setup(): WriterSetup {
    const schema = this.sql.SCHEMA_SQL.sqlite, insert = this.sql.INSERT_SQL.sqlite;
    if (!schema || !insert) throw new StoreError('the sql package has no SQLite DDL or insert; enable the sqlite dialect in the sql generator and regenerate', false);
    const t = this.tables;
    return {
      path: this.options.path, synchronous: this.options.synchronous ?? 'full', busyTimeoutMs: this.options.busyTimeoutMs ?? 5000,
      ddl: [schema, collectorDdl('sqlite', t)], columns: this.sql.COLUMNS.map((c) => c.name), insertEvent: insert,
      insertEnvelope: `INSERT INTO ${q(t.envelopes)} (event_id, source, person, context, dimensions) VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`,
      insertQuarantine: `INSERT INTO ${q(t.quarantine)} (quarantine_key, event_id, event_name, received_at, source, payload, errors) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`,
    };
  }

  /** Opens the file and creates the tables (and starts the writer thread); may be called again after it failed. */
  async init(): Promise<void> {
    await this.close();
    const setup = this.setup();
    try {
      this.main = openWriter(setup);
    } catch (e) {
      throw sqliteError(e, this.options.path);
    }
    this.db = this.main.db;
    if (!this.options.thread) return;
    const worker = new Worker(new URL('./sqlite-thread.js', import.meta.url), { workerData: setup });
    this.thread = worker;
    worker.on('message', (m: { id: number; result?: unknown; error?: { message: string; code?: string } }) => {
      const call = this.calls.get(m.id);
      if (!call) return;
      this.calls.delete(m.id);
      if (m.error) call.reject(sqliteError(Object.assign(new Error(m.error.message), { code: m.error.code }), this.options.path));
      else call.resolve(m.result);
    });
    // A writer thread that dies takes its calls with it: they fail as "unavailable" (retried), never hang.
    worker.on('error', (e) => this.failAll(e));
    worker.on('exit', () => { if (this.thread === worker) this.thread = undefined; this.failAll(Object.assign(new Error('the SQLite writer thread stopped'), { code: 'SQLITE_IOERR' })); });
    try {
      await new Promise((resolve, reject) => this.calls.set(0, { resolve, reject }));
    } catch (e) {
      await this.close();
      throw e;
    }
  }

  private failAll(e: unknown): void {
    const err = e instanceof StoreError ? e : sqliteError(e, this.options.path);
    for (const c of this.calls.values()) c.reject(err);
    this.calls.clear();
  }

  private call(op: string, extra: object = {}): Promise<unknown> {
    const worker = this.thread;
    if (!worker) return Promise.reject(sqliteError(Object.assign(new Error('the SQLite writer thread is not running'), { code: 'SQLITE_CANTOPEN' }), this.options.path));
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.calls.set(id, { resolve, reject });
      worker.postMessage({ id, op, ...extra });
    });
  }

  /** A batch as the values of its statements (the sql package maps the rows; the writer needs plain data). */
  private packed(b: WriteBatch): PackedBatch {
    const scalars: unknown[] = [], props: string[] = [];
    for (const r of b.events) {
      const values = this.sql.rowValues(r, 'sqlite');
      for (let c = 0; c < values.length; c++) {
        if (c === this.propsAt) props.push(values[c] as string); else scalars.push(values[c]);
      }
    }
    return {
      scalars, props,
      envelopes: b.envelopes.map((x) => [x.event_id, x.source, x.person, x.context, x.dimensions]),
      quarantine: b.quarantine.map((x) => [x.quarantine_key, x.event_id, x.event_name, x.received_at, x.source, x.payload, x.errors]),
    };
  }

  async write(batches: readonly WriteBatch[]): Promise<WriteResult[]> {
    const packed = batches.map((b) => this.packed(b));
    if (this.thread) return this.call('write', { packed: packBatches(packed) }) as Promise<WriteResult[]>;
    if (!this.main) throw sqliteError(Object.assign(new Error('the database is not open'), { code: 'SQLITE_CANTOPEN' }), this.options.path);
    try {
      return this.main.write(packed);
    } catch (e) {
      throw sqliteError(e, this.options.path);
    }
  }

  async probe(): Promise<void> {
    if (this.thread) { await this.call('probe'); return; }
    try {
      this.main!.probe();
    } catch (e) {
      throw sqliteError(e, this.options.path);
    }
  }

  /** Runs a pragma on the connection that writes (for operators and tests: max_page_count, wal_checkpoint). */
  async writerPragma(text: string): Promise<unknown> {
    if (this.thread) return this.call('pragma', { text });
    return this.main!.db.pragma(text, { simple: true });
  }

  async count(table: 'events' | 'quarantine' | 'envelopes'): Promise<number> {
    return (this.db.prepare(`SELECT count(*) AS n FROM ${q(this.tables[table])}`).get() as { n: number }).n;
  }

  async retention(cutoffMs: number, apply: boolean): Promise<RetentionResult> {
    const t = this.tables;
    const count = () => ({
      events: (this.db.prepare(`SELECT count(*) AS n FROM ${q(t.events)} WHERE occurred_at < ?`).get(cutoffMs) as { n: number }).n,
      quarantine: (this.db.prepare(`SELECT count(*) AS n FROM ${q(t.quarantine)} WHERE received_at < ?`).get(cutoffMs) as { n: number }).n,
    });
    if (!apply) return count();
    try {
      return this.db.transaction(() => {
        this.db.prepare(`DELETE FROM ${q(t.envelopes)} WHERE event_id IN (SELECT event_id FROM ${q(t.events)} WHERE occurred_at < ?)`).run(cutoffMs);
        return {
          events: this.db.prepare(`DELETE FROM ${q(t.events)} WHERE occurred_at < ?`).run(cutoffMs).changes,
          quarantine: this.db.prepare(`DELETE FROM ${q(t.quarantine)} WHERE received_at < ?`).run(cutoffMs).changes,
        };
      }).immediate();
    } catch (e) {
      throw sqliteError(e, this.options.path);
    }
  }

  async *exportEvents(query: ExportQuery): AsyncIterable<StoredEvent> {
    const t = this.tables;
    const where = ['e.occurred_at >= ?', 'e.occurred_at < ?'];
    const params: unknown[] = [query.sinceMs ?? Number.MIN_SAFE_INTEGER, query.untilMs ?? Number.MAX_SAFE_INTEGER];
    if (query.events?.length) { where.push(`e.event_name IN (${query.events.map(() => '?').join(', ')})`); params.push(...query.events); }
    const stmt = this.db.prepare(`SELECT e.*, x.source, x.person, x.context, x.dimensions FROM ${q(t.events)} e LEFT JOIN ${q(t.envelopes)} x ON x.event_id = e.event_id WHERE ${where.join(' AND ')} ORDER BY e.occurred_at, e.event_id`);
    for (const r of stmt.iterate(...params) as Iterable<Record<string, unknown>>) {
      yield {
        event_id: r.event_id as string, event_name: r.event_name as string, event_version: Number(r.event_version),
        occurred_at: Number(r.occurred_at), received_at: Number(r.received_at),
        org_id: r.org_id as string | null, workspace_id: r.workspace_id as string | null, user_id: r.user_id as string | null, session_id: r.session_id as string | null,
        properties: parse(r.properties as string) as Record<string, unknown>,
        source: (r.source as string | null) ?? null, person: parse(r.person as string | null), context: parse(r.context as string | null), dimensions: parse(r.dimensions as string | null),
      };
    }
  }

  async quarantinePage(afterKey: string | null, limit: number): Promise<StoredQuarantine[]> {
    return this.db.prepare(`SELECT * FROM ${q(this.tables.quarantine)} WHERE quarantine_key > ? ORDER BY quarantine_key LIMIT ?`).all(afterKey ?? '', limit) as StoredQuarantine[];
  }

  async replay(moves: readonly ReplayMove[], stillInvalid: readonly { key: string; errors: string }[]): Promise<void> {
    const t = this.tables;
    const del = this.db.prepare(`DELETE FROM ${q(t.quarantine)} WHERE quarantine_key = ?`);
    const upd = this.db.prepare(`UPDATE ${q(t.quarantine)} SET errors = ? WHERE quarantine_key = ?`);
    try {
      this.db.transaction(() => {
        this.main!.write(moves.map((m) => this.packed(m.batch)));
        for (const m of moves) del.run(m.key);
        for (const s of stillInvalid) upd.run(s.errors, s.key);
      }).immediate();
    } catch (e) {
      throw sqliteError(e, this.options.path);
    }
  }

  async close(): Promise<void> {
    const worker = this.thread;
    if (worker) {
      await this.call('close').catch(() => undefined);
      this.thread = undefined;
      await worker.terminate();
    }
    this.main?.close();
    this.main = undefined;
  }
}
