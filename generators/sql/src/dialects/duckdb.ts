import { jsonPath, standardLiteral, type Dialect } from '../dialect.js';
import { quoteDouble } from '../names.js';

const CAST: Record<string, string> = { string: 'VARCHAR', integer: 'BIGINT', number: 'DOUBLE', boolean: 'BOOLEAN', json: 'JSON' };

/** DuckDB: instants are TIMESTAMP holding UTC (no time-zone extension needed). */
export const duckdb: Dialect = {
  name: 'duckdb',
  title: 'DuckDB',
  types: { text: 'VARCHAR', int: 'INTEGER', ts: 'TIMESTAMP', json: 'JSON' },
  ident: quoteDouble,
  relation: quoteDouble,
  literal: standardLiteral,
  bool: (v) => (v ? 'TRUE' : 'FALSE'),
  extract(json, segments, kind) {
    const path = standardLiteral(jsonPath(segments));
    if (kind === 'json') return `NULLIF(json_extract(${json}, ${path}), 'null'::JSON)`;
    const text = `json_extract_string(${json}, ${path})`;
    return kind === 'string' ? text : `CAST(${text} AS ${CAST[kind]})`;
  },
  unnest: (a, alias) => ({ join: `CROSS JOIN unnest(CASE WHEN json_type(${a}) = 'ARRAY' THEN CAST(${a} AS JSON[]) END) AS ${quoteDouble(alias)}("value")`, item: `${quoteDouble(alias)}."value"` }),
  nullOf: (kind) => `CAST(NULL AS ${CAST[kind]})`,
  float: (e) => `CAST(${e} AS DOUBLE)`,
  intDiv: (a, b) => `((${a}) // (${b}))`,
  mod: (a, b) => `((${a}) % (${b}))`,
  // get_current_timestamp() is a TIMESTAMPTZ; going through epoch microseconds keeps it UTC
  // whatever the session's TimeZone is.
  asOf: (rel) => `COALESCE((SELECT MAX(${quoteDouble('as_of')}) FROM ${rel}), make_timestamp(epoch_us(get_current_timestamp())))`,
  minusMs: (ts, ms) => `(${ts} - to_milliseconds(${ms}))`,
  plusMs: (ts, ms) => `(${ts} + to_milliseconds(${ms}))`,
  msBetween: (a, b) => `CAST(epoch_ms(${b}) - epoch_ms(${a}) AS DOUBLE)`,
  bucket: (grain, ts) => `CAST(date_trunc('${grain}', ${ts}) AS DATE)`,
  byteOrder: (e) => e,
};
