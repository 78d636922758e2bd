// Taxonomy text reaching SQL: string literals must mean exactly the text in every dialect,
// identifiers are validated then quoted, comments stay one line.
import { describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { PGlite } from '@electric-sql/pglite';
import { DuckDBInstance } from '@duckdb/node-api';
import pkg from 'node-sql-parser';
import { columnName, commentText, DIALECT_NAMES, dialectFor, eventSqlName, functionName } from '@taxonomy/gen-sql';

const { Parser } = pkg;
const NASTY = [
  "plain", "it's", "''", "\\", "a\\'b", "'; DROP TABLE events; --", '"quoted"', "line\nbreak\r\n", "tab\there", "$$ dollar $fn$",
  "{{ jinja }}", "percent %s", "unicode é ✓ 𝄞", "\u2028sep", "--comment", "/* block */", "back`tick", "\u0001ctrl",
];
const d = (n: (typeof DIALECT_NAMES)[number]) => dialectFor(n, { bigqueryDataset: 'analytics' });

describe('string literals', () => {
  it('SQLite reads back every text exactly', () => {
    const db = new Database(':memory:');
    for (const s of NASTY) expect(db.prepare(`SELECT ${d('sqlite').literal(s)} AS v, 1 AS w`).get()).toEqual({ v: s, w: 1 });
  });

  it('PostgreSQL reads back every text exactly, with standard_conforming_strings on and off', async () => {
    const db = await PGlite.create();
    for (const scs of ['on', 'off']) {
      await db.exec(`SET standard_conforming_strings = ${scs}`);
      for (const s of NASTY) expect((await db.query(`SELECT ${d('postgres').literal(s)} AS v, 1 AS w`)).rows, `${scs}: ${s}`).toEqual([{ v: s, w: 1 }]);
    }
    await db.close();
  });

  it('DuckDB reads back every text exactly', async () => {
    const c = await (await DuckDBInstance.create(':memory:')).connect();
    for (const s of NASTY) expect((await c.runAndReadAll(`SELECT ${d('duckdb').literal(s)} AS v, 1 AS w`)).getRowObjectsJS()).toEqual([{ v: s, w: 1 }]);
  });

  // No engine of these runs here: the parser proves a literal stays one string expression
  // (nothing after it is read as SQL), and a decoder of the dialect's documented escapes
  // proves the text is kept.
  const decode = (lit: string, doubled: boolean) => lit.slice(1, -1).replace(/''|\\(x[0-9a-f]{2}|.)/gs, (m, e: string | undefined) => {
    if (m === "''") { if (!doubled) throw new Error('doubled quote in a backslash dialect'); return "'"; }
    return e!.startsWith('x') ? String.fromCharCode(parseInt(e!.slice(1), 16)) : ({ n: '\n', r: '\r', t: '\t' } as Record<string, string>)[e!] ?? e!;
  });
  it.each([['bigquery', 'BigQuery', false], ['snowflake', 'Snowflake', true], ['clickhouse', 'MySQL', false]] as const)('%s: a literal parses as one string and decodes to the text', (name, database, doubled) => {
    const p = new Parser();
    for (const s of NASTY) {
      const lit = d(name).literal(s);
      expect(decode(lit, doubled), s).toBe(s);
      const ast = p.astify(`SELECT ${lit} AS v, 1 AS w`, { database }) as unknown as { columns: { expr: { type: string } }[] } | { columns: { expr: { type: string } }[] }[];
      const cols = (Array.isArray(ast) ? ast[0]! : ast).columns;
      expect(cols.map((c) => c.expr.type), s).toEqual([expect.stringMatching(/string/), 'number']);
    }
  });
});

describe('names', () => {
  it.each([
    ['workbench.draft_created', 'workbench__draft_created'],
    ['workspace.created', 'workspace__created'],
    ['workspace_created', 'workspace_created'],
    ['$pageview', '_pageview'],
    ['NEW_CONVERSATION', 'new_conversation'],
  ])('event %s → SQL name %s', (event, name) => expect(eventSqlName(event)).toBe(name));

  it.each([
    ['sessionId', 'sessionId'], ['metadata.user_info.timezone', 'metadata__user_info__timezone'], ['$current_url', '_current_url'], ['select', 'select'],
  ])('property %s → column %s', (path, column) => expect(columnName(path)).toBe(column));

  it('function names are computeX', () => expect(functionName('deflection_rate')).toBe('computeDeflectionRate'));

  it.each(DIALECT_NAMES)('%s quotes a keyword and refuses a name that is not plain ASCII', (name) => {
    const q = d(name).ident('select');
    expect(q).toMatch(/^["`]select["`]$/);
    for (const bad of ['a"b', "a'b", 'a`b', 'a b', 'a;b', '', 'x'.repeat(64)]) expect(() => d(name).ident(bad), bad).toThrow(/unsafe SQL identifier/);
  });

  it('comment text is one line whatever the description holds', () => {
    expect(commentText('one\ntwo\r\nDROP TABLE events; --\u2028x')).toBe('one two DROP TABLE events; -- x');
    expect(commentText('a'.repeat(300)).length).toBe(240);
  });
});
