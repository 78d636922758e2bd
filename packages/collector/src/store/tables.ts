import type { Dialect } from '../contract.js';
import { StoreError } from './types.js';

/** Names of the tables the collector writes: the generated raw table and two of its own beside it. */
export interface TableNames {
  readonly events: string;
  readonly quarantine: string;
  readonly envelopes: string;
}

const SAFE = /^[A-Za-z_][A-Za-z0-9_]{0,40}$/;

/** A double-quoted identifier; only names that are plain identifiers are accepted at all. */
export const q = (name: string) => `"${name}"`;

/** The collector's tables are named after the raw table (events → events_quarantine, events_envelope). */
export function tableNames(eventsTable: string): TableNames {
  if (!SAFE.test(eventsTable)) {
    throw new StoreError(`the sql package's EVENTS_TABLE ${JSON.stringify(eventsTable)} is not a plain identifier (letters, digits, _; at most 41 characters); fix the sql generator's eventsTable option`, false);
  }
  return { events: eventsTable, quarantine: `${eventsTable}_quarantine`, envelopes: `${eventsTable}_envelope` };
}

/**
 * DDL of the collector's own tables. Payloads and JSON parts are TEXT in both dialects: a
 * quarantined payload is kept byte for byte, and PostgreSQL's jsonb refuses some valid JSON
 * (the \u0000 escape), which is exactly what quarantine must be able to hold.
 */
export function collectorDdl(d: Dialect, t: TableNames): string {
  const ts = d === 'sqlite' ? 'INTEGER' : 'TIMESTAMPTZ(3)';
  return `
CREATE TABLE IF NOT EXISTS ${q(t.quarantine)} (
  quarantine_key TEXT NOT NULL PRIMARY KEY,
  event_id TEXT,
  event_name TEXT,
  received_at ${ts} NOT NULL,
  source TEXT,
  payload TEXT NOT NULL,
  errors TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS ${q(`${t.quarantine}_received`)} ON ${q(t.quarantine)} (received_at);
CREATE TABLE IF NOT EXISTS ${q(t.envelopes)} (
  event_id TEXT NOT NULL PRIMARY KEY,
  source TEXT,
  person TEXT,
  context TEXT,
  dimensions TEXT
);
`;
}
