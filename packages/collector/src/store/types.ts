import type { Dialect, EventRow } from '../contract.js';

/** What the collector keeps of an event beside its raw-table row: who sent it and the envelope's free-form parts. */
export interface EnvelopeRow {
  event_id: string;
  /** The write key's source name, or null without write keys. */
  source: string | null;
  /** JSON text, or null when the event had none. */
  person: string | null;
  context: string | null;
  dimensions: string | null;
}

/** An event the validators refused (or the database would not take), kept whole with the reasons. */
export interface QuarantineRow {
  /** The event id when it has a usable one, else `sha256:` of the payload: a retried batch is not quarantined twice. */
  quarantine_key: string;
  event_id: string | null;
  event_name: string | null;
  received_at: number;
  source: string | null;
  /** The event exactly as received, as JSON text. */
  payload: string;
  /** The validator's errors (path, rule, expected, actual, message), as JSON text. */
  errors: string;
}

/** What one request asks the store to write; written all or nothing. */
export interface WriteBatch {
  readonly events: readonly EventRow[];
  /** Only for events that had a source, person, context or dimensions. */
  readonly envelopes: readonly EnvelopeRow[];
  readonly quarantine: readonly QuarantineRow[];
  /** The events as received, parallel to `events`: quarantined whole if the database refuses a row. */
  readonly originals?: readonly unknown[];
}

export interface WriteResult {
  /** Rows new to the events table. */
  stored: number;
  /** Events whose id was already stored (a retried batch). */
  duplicates: number;
  /** Rows new to the quarantine table. */
  quarantined: number;
  /** Valid events the database refused (a value it cannot hold): quarantined instead, with the reason. */
  refused?: number;
}

/** A stored event as the export and the tests read it back (instants in ms, JSON parsed). */
export interface StoredEvent {
  event_id: string;
  event_name: string;
  event_version: number;
  occurred_at: number;
  received_at: number;
  org_id: string | null;
  workspace_id: string | null;
  user_id: string | null;
  session_id: string | null;
  properties: Record<string, unknown>;
  source: string | null;
  person: unknown;
  context: unknown;
  dimensions: unknown;
}

export interface StoredQuarantine {
  quarantine_key: string;
  event_id: string | null;
  event_name: string | null;
  received_at: number;
  source: string | null;
  payload: string;
  errors: string;
}

export interface ExportQuery {
  /** Only events that occurred at or after this instant (ms). */
  readonly sinceMs?: number;
  /** Only events that occurred before this instant (ms). */
  readonly untilMs?: number;
  /** Only these event names. */
  readonly events?: readonly string[];
}

/** How many rows retention found (dry run) or deleted (apply). */
export interface RetentionResult {
  events: number;
  quarantine: number;
}

/** A quarantined event that now validates: its rows go in, its quarantine row goes out, together. */
export interface ReplayMove {
  readonly key: string;
  readonly batch: WriteBatch;
}

/** Storage behind the collector. Writes are serialised by the caller (one at a time). */
export interface Store {
  readonly dialect: Dialect;
  /** Where the data is, for logs ("SQLite events.sqlite (WAL)"); never a password. */
  readonly where: string;
  /** Creates the tables (idempotent). */
  init(): Promise<void>;
  /** Throws a StoreError when the store cannot take a write now (read-only file, server down); cheap. */
  probe(): Promise<void>;
  /** Writes each batch in one transaction for all of them; per batch what happened. Throws a StoreError. */
  write(batches: readonly WriteBatch[]): Promise<WriteResult[]>;
  count(table: 'events' | 'quarantine' | 'envelopes'): Promise<number>;
  /** Events and quarantined rows older than the cutoff (ms): counted, or deleted when apply. */
  retention(cutoffMs: number, apply: boolean): Promise<RetentionResult>;
  /** Stored events in (occurred_at, event_id) order, read in pages. */
  exportEvents(query: ExportQuery): AsyncIterable<StoredEvent>;
  /** A page of quarantined rows after a key, in key order. */
  quarantinePage(afterKey: string | null, limit: number): Promise<StoredQuarantine[]>;
  /** Moves now-valid events out of quarantine and records the current errors of the others, in one transaction. */
  replay(moves: readonly ReplayMove[], stillInvalid: readonly { key: string; errors: string }[]): Promise<void>;
  close(): Promise<void>;
}

/**
 * A storage failure. `unavailable` (disk full, read-only, connection lost): the data is fine,
 * the store is not; the sender should retry later. Otherwise the database refused this data
 * (a value it cannot hold): retrying will not help, so it is quarantined instead.
 */
export class StoreError extends Error {
  constructor(message: string, readonly unavailable: boolean, readonly code?: string) {
    super(message);
  }
}
