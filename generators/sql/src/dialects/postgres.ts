import { type Dialect } from '../dialect.js';
import { quoteDouble } from '../names.js';

/**
 * PostgreSQL: the literal uses E'' with doubled backslashes when it holds one, so it
 * means the same with standard_conforming_strings on or off.
 */
function literal(v: string): string {
  const body = v.replace(/'/g, "''");
  return v.includes('\\') ? `E'${body.replace(/\\/g, '\\\\')}'` : `'${body}'`;
}

const CAST: Record<string, string> = { string: 'TEXT', integer: 'BIGINT', number: 'DOUBLE PRECISION', boolean: 'BOOLEAN', json: 'JSONB' };

export const postgres: Dialect = {
  name: 'postgres',
  title: 'PostgreSQL',
  types: { text: 'TEXT', int: 'INTEGER', ts: 'TIMESTAMPTZ(3)', json: 'JSONB' },
  ident: quoteDouble,
  relation: quoteDouble,
  literal,
  bool: (v) => (v ? 'TRUE' : 'FALSE'),
  extract(json, segments, kind) {
    const head = segments.slice(0, -1).map((s) => ` -> ${literal(s)}`).join('');
    const last = literal(segments[segments.length - 1]!);
    // A JSON null is SQL NULL for scalars (->>) but a jsonb 'null' for objects: normalise it.
    if (kind === 'json') return `NULLIF(${json}${head} -> ${last}, 'null'::jsonb)`;
    const text = `(${json}${head} ->> ${last})`;
    return kind === 'string' ? text : `CAST(${text} AS ${CAST[kind]})`;
  },
  // jsonb_array_elements raises on a non-array: the CASE gives it NULL (no rows) instead.
  unnest: (a, alias) => ({ join: `CROSS JOIN LATERAL jsonb_array_elements(CASE WHEN jsonb_typeof(${a}) = 'array' THEN ${a} END) AS ${quoteDouble(alias)}("value")`, item: `${quoteDouble(alias)}."value"` }),
  nullOf: (kind) => `CAST(NULL AS ${CAST[kind]})`,
  float: (e) => `CAST(${e} AS DOUBLE PRECISION)`,
  intDiv: (a, b) => `((${a}) / (${b}))`,
  mod: (a, b) => `((${a}) % (${b}))`,
  asOf: (rel) => `COALESCE((SELECT MAX(${quoteDouble('as_of')}) FROM ${rel}), CURRENT_TIMESTAMP)`,
  minusMs: (ts, ms) => `(${ts} - INTERVAL '${ms} milliseconds')`,
  plusMs: (ts, ms) => `(${ts} + INTERVAL '${ms} milliseconds')`,
  msBetween: (a, b) => `CAST(EXTRACT(EPOCH FROM (${b} - ${a})) * 1000 AS DOUBLE PRECISION)`,
  // date_trunc on timestamptz follows the session time zone: truncate the UTC wall clock.
  bucket: (grain, ts) => `CAST(date_trunc('${grain}', ${ts} AT TIME ZONE 'UTC') AS DATE)`,
  byteOrder: (e) => `${e} COLLATE "C"`,
};
