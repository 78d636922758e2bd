import { type Dialect } from '../dialect.js';
import { quoteDouble } from '../names.js';

/** Snowflake: backslash is an escape character in '' strings too, so double it as well. */
function literal(v: string): string {
  const body = v.replace(/[\\'\u0000-\u001f\u007f]/g, (c) => {
    if (c === "'") return "''";
    if (c === '\\') return '\\\\';
    if (c === '\n') return '\\n';
    if (c === '\r') return '\\r';
    if (c === '\t') return '\\t';
    return '\\x' + c.charCodeAt(0).toString(16).padStart(2, '0');
  });
  return `'${body}'`;
}

const CAST: Record<string, string> = { string: 'VARCHAR', integer: 'BIGINT', number: 'DOUBLE', boolean: 'BOOLEAN', json: 'VARIANT' };

/** Snowflake: instants are TIMESTAMP_NTZ holding UTC; weeks need WEEK_START = 0 or 1 (Monday). */
export const snowflake: Dialect = {
  name: 'snowflake',
  title: 'Snowflake',
  types: { text: 'VARCHAR', int: 'INTEGER', ts: 'TIMESTAMP_NTZ(3)', json: 'VARIANT' },
  ident: quoteDouble,
  relation: quoteDouble,
  literal,
  bool: (v) => (v ? 'TRUE' : 'FALSE'),
  extract(json, segments, kind) {
    // GET with a string key works for any key; STRIP_NULL_VALUE makes a JSON null SQL NULL.
    const v = `STRIP_NULL_VALUE(${segments.reduce((acc, s) => `GET(${acc}, ${literal(s)})`, json)})`;
    return kind === 'json' ? v : `CAST(${v} AS ${CAST[kind]})`;
  },
  // FLATTEN's output columns are upper-case (VALUE); OUTER => FALSE drops events without items.
  unnest: (a, alias) => ({ join: `CROSS JOIN LATERAL FLATTEN(INPUT => CASE WHEN IS_ARRAY(${a}) THEN ${a} END) AS ${quoteDouble(alias)}`, item: `${quoteDouble(alias)}.VALUE` }),
  nullOf: (kind) => `CAST(NULL AS ${CAST[kind]})`,
  float: (e) => `CAST(${e} AS DOUBLE)`,
  intDiv: (a, b) => `FLOOR((${a}) / (${b}))`,
  mod: (a, b) => `MOD(${a}, ${b})`,
  asOf: (rel) => `COALESCE((SELECT MAX(${quoteDouble('as_of')}) FROM ${rel}), CAST(SYSDATE() AS TIMESTAMP_NTZ(3)))`,
  minusMs: (ts, ms) => `DATEADD(millisecond, ${-ms}, ${ts})`,
  plusMs: (ts, ms) => `DATEADD(millisecond, ${ms}, ${ts})`,
  msBetween: (a, b) => `CAST(DATEDIFF(millisecond, ${a}, ${b}) AS DOUBLE)`,
  bucket: (grain, ts) => `CAST(DATE_TRUNC('${grain}', ${ts}) AS DATE)`,
  byteOrder: (e) => e,
};
