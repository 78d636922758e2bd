import { mkdirSync, statfsSync, statSync, truncateSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import Database from 'better-sqlite3';
import type { WriteResult } from './types.js';
import type { PackedBatch } from './wire.js';

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
  /** The raw table's columns, in the order of insertEvent's placeholders (the sql package's COLUMNS). */
  readonly columns: readonly string[];
  readonly insertEvent: string;
  readonly insertEnvelope: string;
  readonly insertQuarantine: string;
}

export interface Writer {
  readonly db: Database.Database;
  write(batches: readonly PackedBatch[]): WriteResult[];
  probe(): void;
  close(): void;
}

/**
 * Most rows in one multi-row INSERT. One statement for many rows saves better-sqlite3's cost
 * per call (measured: 14% less CPU an inserted row in requests of 500 events, 23% in groups
 * of 20-event requests; 128 or 256 rows a statement: no better). SQLite allows 32,766
 * parameters a statement, which bounds wider tables.
 */
const ROWS_PER_STATEMENT = 64;
const MAX_PARAMETERS = 32_766;

/** insertEvent with `rows` value lists, or undefined when its shape is not the expected `VALUES (?, …)`. */
function multiRow(insert: string, columns: number, rows: number): string | undefined {
  const m = /\bVALUES\s*(\((?:\s*\?\s*,)*\s*\?\s*\))/i.exec(insert);
  if (!m || m[1]!.split('?').length - 1 !== columns) return undefined;
  return insert.slice(0, m.index) + 'VALUES ' + Array(rows).fill(m[1]).join(', ') + insert.slice(m.index + m[0].length);
}

/**
 * A commit appends at least a few pages to the WAL (a group of requests, hundreds): below
 * this much free space the disk counts as full, before a write finds out.
 */
export const MIN_FREE_BYTES = 1 << 20;

/** Why a commit could not grow the database now (its size limit, or the disk), or undefined. */
function fullness(db: Database.Database, path: string): string | undefined {
  const pages = db.pragma('page_count', { simple: true }) as number;
  const max = db.pragma('max_page_count', { simple: true }) as number;
  if (pages >= max) return `database or disk is full (the database is at its size limit of ${max} pages)`;
  let free: number;
  try {
    const fs = statfsSync(dirname(resolve(path)));
    free = fs.bavail * fs.bsize;
  } catch {
    return undefined; // no statfs here: the next write will tell
  }
  return free < MIN_FREE_BYTES ? `database or disk is full (${free.toLocaleString('en-US')} bytes free on the disk of ${path})` : undefined;
}

/**
 * SQLite maps the `-shm` file (the WAL index) into memory: if something truncates it under a
 * running collector, the next access past its new end kills the process with SIGBUS, which
 * no JavaScript can catch or log. Checked before each transaction: a file shorter than it
 * was is given its size back (SQLite then rebuilds the index from the WAL), and the write is
 * refused with a message the queue logs. A truncation between this check and the write
 * itself is not caught: see packages/collector/README.md.
 */
function shmGuard(path: string): () => void {
  const shm = `${path}-shm`;
  let size = 0, ino = -1;
  return () => {
    let st;
    try { st = statSync(shm); } catch { size = 0; ino = -1; return; } // gone: SQLite keeps its own mapping
    if (st.ino !== ino) { ino = st.ino; size = st.size; return; } // a new file: not the one mapped
    if (st.size >= size) { size = st.size; return; }
    truncateSync(shm, size);
    throw Object.assign(new Error(`the WAL index ${shm} was truncated under the collector (${st.size} of ${size} bytes); its size is restored and SQLite rebuilds it: retry`), { code: 'SQLITE_IOERR_SHMSIZE' });
  };
}

/** Opens the file (WAL) and creates the tables; closes it again when that fails. */
function openDatabase(s: WriterSetup): Database.Database {
  mkdirSync(dirname(resolve(s.path)), { recursive: true });
  const db = new Database(s.path, { timeout: s.busyTimeoutMs });
  try {
    db.pragma('journal_mode = WAL');
    db.pragma(`synchronous = ${s.synchronous === 'normal' ? 'NORMAL' : 'FULL'}`);
    // A larger page cache and fewer checkpoints make a 500-row insert about twice as fast
    // (bench/collector.bench.mjs); the WAL file grows to match.
    db.pragma('cache_size = -65536');
    db.pragma('wal_autocheckpoint = 10000');
    for (const sql of s.ddl) db.exec(sql);
  } catch (e) {
    db.close();
    throw e;
  }
  return db;
}

/** Writes one packed batch with the prepared inserts (multi-row where no envelope needs to know which rows were new). */
function batchWriter(db: Database.Database, s: WriterSetup): (b: PackedBatch) => WriteResult {
  const width = s.columns.length;
  const propsAt = s.columns.indexOf('properties'), idAt = s.columns.indexOf('event_id');
  if (propsAt < 0 || idAt < 0) throw new Error('the raw table has no properties or event_id column');
  // Where each column's value is in a packed row (the scalars skip `properties`).
  const from = s.columns.map((_, c) => (c < propsAt ? c : c - 1));
  const scalarId = from[idAt]!;
  const ev = db.prepare(s.insertEvent), en = db.prepare(s.insertEnvelope), qu = db.prepare(s.insertQuarantine);
  // Statements for 2..perStatement rows, prepared when first needed (a request of 20 events
  // is one statement; 500 are seven of 64 and one of 52).
  const many = new Map<number, Database.Statement>();
  const manyFor = (rows: number) => {
    let st = many.get(rows);
    if (!st) { const text = multiRow(s.insertEvent, width, rows); if (text) many.set(rows, (st = db.prepare(text))); }
    return st;
  };
  const perStatement = Math.min(ROWS_PER_STATEMENT, Math.floor(MAX_PARAMETERS / width));
  const multiOk = perStatement > 1 && multiRow(s.insertEvent, width, 2) !== undefined;
  const args: unknown[][] = [];
  const row: unknown[] = new Array(width);

  /** Row i of b into `into` at `at`. */
  const fill = (b: PackedBatch, i: number, into: unknown[], at: number) => {
    const base = i * (width - 1);
    for (let c = 0; c < width; c++) into[at + c] = c === propsAt ? b.props[i] : b.scalars[base + from[c]!];
  };

  return (b: PackedBatch): WriteResult => {
    const n = b.props.length;
    const r: WriteResult = { stored: 0, duplicates: 0, quarantined: 0 };
    let i = 0;
    if (multiOk && !b.envelopes.length) {
      // Without envelopes it does not matter which rows were new, only how many.
      while (n - i > 1) {
        const k = Math.min(perStatement, n - i);
        const values = (args[k] ??= new Array(k * width));
        for (let j = 0; j < k; j++) fill(b, i + j, values, j * width);
        r.stored += manyFor(k)!.run(values).changes;
        i += k;
      }
    }
    // An envelope row is written only with its event's first copy (a retry does not add one).
    const fresh = b.envelopes.length ? new Set<unknown>() : undefined;
    for (; i < n; i++) {
      fill(b, i, row, 0);
      if (ev.run(row).changes) { r.stored++; fresh?.add(b.scalars[i * (width - 1) + scalarId]); }
    }
    r.duplicates = n - r.stored;
    for (const x of b.envelopes) if (fresh!.has(x[0])) en.run(x);
    for (const x of b.quarantine) r.quarantined += qu.run(x).changes;
    return r;
  };
}

/** Takes the write lock without writing (refused on a read-only file or a locked database), then asks whether a commit could grow the files. */
function probe(db: Database.Database, path: string): void {
  try {
    db.exec('BEGIN IMMEDIATE');
  } finally {
    if (db.inTransaction) db.exec('ROLLBACK');
  }
  const full = fullness(db, path);
  if (full) throw Object.assign(new Error(full), { code: 'SQLITE_FULL' });
}

/** Opens the file (WAL), creates the tables, prepares the inserts. Throws better-sqlite3's errors as they are. */
export function openWriter(s: WriterSetup): Writer {
  const db = openDatabase(s);
  let one: (b: PackedBatch) => WriteResult;
  try {
    one = batchWriter(db, s);
  } catch (e) {
    db.close();
    throw e;
  }
  const tx = db.transaction((batches: readonly PackedBatch[]) => batches.map(one));
  const guard = shmGuard(resolve(s.path));
  return {
    db,
    write: (batches) => { guard(); const r = tx.immediate(batches); guard(); return r; },
    probe() { guard(); probe(db, s.path); },
    close: () => { if (db.open) db.close(); },
  };
}
