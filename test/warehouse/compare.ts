// Rows from different engines in one shape: dates as 'YYYY-MM-DD', booleans as 1/0,
// big integers and numeric strings as numbers; then compared with a small float tolerance.
import type { Row } from './engines.js';

function norm(k: string, v: unknown): unknown {
  if (v === undefined || v === null) return null;
  if (typeof v === 'bigint') return Number(v);
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (k === 'bucket' && typeof v === 'string') return v.slice(0, 10);
  if (k === 'value' && typeof v === 'string') return Number(v);
  if (typeof v === 'object' && v !== null && 'toString' in v && k === 'bucket') return String(v).slice(0, 10);
  return v;
}

export function normalize(rows: readonly Row[], columns: readonly string[]): Row[] {
  const out = rows.map((r) => Object.fromEntries(columns.map((c) => [c, norm(c, r[c])])));
  const key = (r: Row) => JSON.stringify(columns.filter((c) => c !== 'value').map((c) => r[c]));
  return out.sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}

export function close(a: unknown, b: unknown): boolean {
  if (a === null || b === null) return a === b;
  if (typeof a === 'number' && typeof b === 'number') return Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));
  return a === b;
}

/** Differences between two normalized row lists, as readable lines (empty when equal). */
export function diff(expected: readonly Row[], actual: readonly Row[], max = 8): string[] {
  const out: string[] = [];
  if (expected.length !== actual.length) out.push(`${expected.length} rows expected, ${actual.length} found`);
  const n = Math.max(expected.length, actual.length);
  for (let i = 0; i < n && out.length < max; i++) {
    const e = expected[i], a = actual[i];
    if (!e || !a || Object.keys(e).some((k) => !close(e[k], a[k]))) out.push(`row ${i}: expected ${JSON.stringify(e)} got ${JSON.stringify(a)}`);
  }
  return out;
}
