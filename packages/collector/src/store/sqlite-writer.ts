import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import Database from 'better-sqlite3';
import type { WriteResult } from './types.js';

/**
 * The write side of the SQLite store, on plain values (no functions, no generated package):
 * it runs the same in the collector's thread or in a worker thread, where a commit (and
 * its fsync) no longer stops the HTTP side from parsing and validating the next requests.
 */
export interface WriterSetup {
  readonly path: string;
  readonly synchronous: 'full' | 'normal';
  readonly busyTimeoutMs: number;
  /** The raw table's DDL (from the sql package), then the collector's own tables. */
  readonly ddl: readonly string[];
  readonly insertEvent: string;
  readonly insertEnvelope: string;
  readonly insertQuarantine: string;
}

/** One request's rows as values in statement order; `ids` are the events' ids (envelope rows follow new events only). */
export interface RawBatch {
  readonly events: readonly unknown[][];
  readonly ids: readonly string[];
  readonly envelopes: readonly unknown[][];
  readonly quarantine: readonly unknown[][];
}

export interface Writer {
  readonly db: Database.Database;
  write(batches: readonly RawBatch[]): WriteResult[];
  probe(): void;
  close(): void;
}

/** Opens the file (WAL), creates the tables, prepares the inserts. Throws better-sqlite3's errors as they are. */
export function openWriter(s: WriterSetup): Writer {
  mkdirSync(dirname(resolve(s.path)), { recursive: true });
  const db = new Database(s.path, { timeout: s.busyTimeoutMs });
  try {
    db.pragma('journal_mode = WAL');
    db.pragma(`synchronous = ${s.synchronous === 'normal' ? 'NORMAL' : 'FULL'}`);
    // Measured (bench/collector.bench.mjs): a 64 MB page cache and a checkpoint every ~40 MB of
    // WAL instead of ~4 MB make a 500-row insert about twice as fast; the WAL file grows to match.
    db.pragma('cache_size = -65536');
    db.pragma('wal_autocheckpoint = 10000');
    for (const sql of s.ddl) db.exec(sql);
  } catch (e) {
    db.close();
    throw e;
  }
  const ev = db.prepare(s.insertEvent), en = db.prepare(s.insertEnvelope), qu = db.prepare(s.insertQuarantine);
  const one = (b: RawBatch): WriteResult => {
    const r: WriteResult = { stored: 0, duplicates: 0, quarantined: 0 };
    const fresh = b.envelopes.length ? new Set<string>() : undefined;
    b.events.forEach((values, i) => {
      if (ev.run(values).changes) { r.stored++; fresh?.add(b.ids[i]!); } else r.duplicates++;
    });
    for (const x of b.envelopes) if (fresh!.has(x[0] as string)) en.run(x);
    for (const x of b.quarantine) r.quarantined += qu.run(x).changes;
    return r;
  };
  const tx = db.transaction((batches: readonly RawBatch[]) => batches.map(one));
  return {
    db,
    write: (batches) => tx.immediate(batches),
    probe() {
      // Takes the write lock without writing: refused on a read-only file or a locked database.
      try {
        db.exec('BEGIN IMMEDIATE');
      } finally {
        if (db.inTransaction) db.exec('ROLLBACK');
      }
    },
    close: () => { if (db.open) db.close(); },
  };
}
