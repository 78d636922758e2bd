// Seed 004's team can move over: the generated `analytics` compatibility view has the shape of
// the seed's table, and every one of the seed's "Example Queries", read from the seed document,
// runs verbatim on it in SQLite (they use SQLite's datetime('now', ...) and json_extract). The
// answers are the hand-worked values of slackbot.test.ts, on the same rows, relative to now.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedsDir, seedsOrSkip } from '../seeds-dir.js';
import { close } from '../warehouse/compare.js';
import { generatePackages, postgresEngine, postgresUrl, sqliteEngine, type Engine, type Row, type SqlPackage } from '../warehouse/engines.js';
import { model } from './harness.js';
import { B1, slackbotEvents } from './slackbot-events.js';

const SEED = '004_8d666b970ff41082.txt';
const repo = join(import.meta.dirname, '../..');

/** The seed's example queries: each `-- title` and the statement after it, up to its `;`. */
export function exampleQueries(text: string): { title: string; sql: string }[] {
  const from = text.indexOf('### Example Queries');
  const block = /```sql\n([\s\S]*?)```/.exec(text.slice(from))![1]!;
  return block.split(/;\s*\n/).map((s) => s.trim()).filter(Boolean).map((s) => {
    const [first, ...rest] = s.split('\n');
    return { title: first!.replace(/^--\s*/, ''), sql: rest.join('\n') };
  });
}

/** The seed's CSV export columns: "all fields (id, bot_id, …)". */
export function seedColumns(text: string): string[] {
  return /Raw analytics data with all fields \(([^)]*)\)/.exec(text)![1]!.split(',').map((s) => s.trim());
}

const b = (v: boolean) => (v ? 1 : 0);
// Per query title, the rows by hand (see slackbot.test.ts for the arithmetic; b1 is your_bot_id).
const EXPECTED: Record<string, Row[]> = {
  'Get total tokens used in the last 7 days': [{ 'SUM(tokens_used)': 2850 }],
  'Get unique users in the last 30 days': [{ 'COUNT(DISTINCT user_id)': 5 }],
  // new_conversation c1, c4; new_reply c2, c3, c7; token_usage t1, t2, t3, t5; and one each of the rest.
  'Get event counts by type': Object.entries({ connection_setup_succeeded: 3, first_successful_query: 1, new_conversation: 2, new_reply: 3, organization_created: 1, thumbs_down: 1, thumbs_up: 2, token_usage: 4, user_joined_channel: 1 })
    .map(([t, n]) => ({ event_type: t, 'COUNT(*)': n })),
  'Get analytics across all bots': [{ bot_id: 'b2', events: 4, total_tokens: 350 }, { bot_id: B1, events: 18, total_tokens: 3750 }],
  // GROUP BY user_id, real_name: U1's messages say 'Someone' (c1, c2: 100 + 300) and its thumbs-up 'One' (no tokens).
  'Get user activity with enriched information (requires JSON extraction)': [
    { user_id: 'U1', real_name: 'One', interactions: 1, total_tokens: null }, { user_id: 'U1', real_name: 'Someone', interactions: 2, total_tokens: 400 },
    { user_id: 'U2', real_name: 'Someone', interactions: 1, total_tokens: 200 }, { user_id: 'U3', real_name: 'Someone', interactions: 1, total_tokens: null },
    { user_id: 'U6', real_name: 'Six', interactions: 1, total_tokens: null },
  ],
  'Get user engagement by timezone': [
    { timezone: 'America/New_York', unique_users: 2, total_interactions: 2, avg_tokens_per_interaction: 200 },
    { timezone: 'Europe/Paris', unique_users: 1, total_interactions: 2, avg_tokens_per_interaction: 200 },
  ],
  'Token usage analysis': [{ avg_input_tokens: 700, avg_output_tokens: 350, avg_total_tokens: 1050 }],
  'Bot type activity analysis': [
    { bot_type: 'BotTypeGovernance', organization_name: 'Acme', total_messages: 1, unique_users: 1, avg_message_length: 50 },
    { bot_type: 'BotTypeQA', organization_name: 'Acme', total_messages: 3, unique_users: 2, avg_message_length: 400 / 3 },
  ],
  'Conversation context analysis': [
    { is_bot_initiated: b(false), is_cron_job: b(false), message_count: 3, avg_message_length: 200 / 3, unique_users: 2 },
    { is_bot_initiated: b(true), is_cron_job: b(true), message_count: 1, avg_message_length: 250, unique_users: 1 },
  ],
  'Message length analysis': [
    { message_length_category: 'Long', message_count: 1, avg_tokens_used: 200, avg_char_length: 250 },
    { message_length_category: 'Medium', message_count: 2, avg_tokens_used: 300, avg_char_length: 85 },
    { message_length_category: 'Short', message_count: 2, avg_tokens_used: 90, avg_char_length: 35 },
  ],
  'User admin/owner activity patterns': [
    { is_admin: 0, is_owner: 0, unique_users: 1, total_interactions: 1, avg_tokens: 200, avg_message_length: 250 },
    { is_admin: 0, is_owner: 1, unique_users: 1, total_interactions: 1, avg_tokens: null, avg_message_length: 50 },
    { is_admin: 1, is_owner: 0, unique_users: 1, total_interactions: 2, avg_tokens: 200, avg_message_length: 75 },
  ],
};

/** Rows in a stable order with numbers compared within float tolerance. */
function same(expected: Row[], actual: Row[]): boolean {
  // Sorted on the exact values (text, integers, NULL); averages may differ in the last bit.
  const key = (r: Row) => JSON.stringify(Object.keys(r).sort().filter((k) => typeof r[k] !== 'number' || Number.isInteger(r[k])).map((k) => r[k] ?? null));
  const sort = (rows: Row[]) => [...rows].sort((x, y) => (key(x) < key(y) ? -1 : key(x) > key(y) ? 1 : 0));
  const [e, a] = [sort(expected), sort(actual)];
  return e.length === a.length && e.every((r, i) => Object.keys(r).length === Object.keys(a[i]!).length && Object.keys(r).every((k) => close(r[k] ?? null, a[i]![k] ?? null)));
}

let sql: SqlPackage;
beforeAll(async () => { ({ sql } = await generatePackages(model)); });

describe.runIf(seedsOrSkip('seed 004 compatibility view'))('seed 004: the analytics compatibility view', () => {
  // Read in beforeAll, not here: a describe body runs while tests are collected, skipped or not.
  let text = '';
  let queries: { title: string; sql: string }[] = [];
  let db: Engine;
  const now = Date.now();
  beforeAll(async () => {
    text = readFileSync(join(seedsDir, SEED), 'utf8');
    queries = exampleQueries(text);
    db = await sqliteEngine(sql);
    await db.exec(sql.SCHEMA_SQL.sqlite!);
    await db.exec(sql.viewsSql('sqlite'));
    await db.insert(slackbotEvents(now).map((e) => sql.rowValues(sql.toEventRow(e, { receivedAt: now }), 'sqlite')));
  });
  afterAll(async () => { await db?.close(); });

  it('reads every example query of the seed, and each has a hand-worked answer', () => {
    expect(queries.map((q) => q.title).sort()).toEqual(Object.keys(EXPECTED).sort());
  });

  it("has the seed's columns, in the seed's order (SQLite)", async () => {
    const cols = (await db.query("SELECT name FROM pragma_table_info('analytics')")).map((r) => r.name);
    expect(cols).toEqual(seedColumns(text));
    expect(cols).toEqual(['id', 'bot_id', 'event_type', 'channel_id', 'user_id', 'thread_ts', 'message_ts', 'metadata', 'tokens_used', 'created_at']);
  });

  it("stores created_at as the seed's CURRENT_TIMESTAMP text, so datetime('now', '-N days') compares right", async () => {
    const rows = await db.query("SELECT created_at FROM analytics WHERE created_at >= datetime('now', '-2 days') ORDER BY id");
    expect(rows.length).toBeGreaterThan(0);
    for (const r of rows) expect(r.created_at).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/);
  });

  it.each(Object.keys(EXPECTED))('the seed query "%s" runs verbatim and gives the hand-worked rows', async (title) => {
    const q = queries.find((x) => x.title === title)!;
    const got = await db.query(q.sql);
    const expected = EXPECTED[title]!;
    if (!same(expected, got)) expect(got).toEqual(expected);
  });
});

const url = postgresUrl(repo);
describe.skipIf(!url)(`seed 004: the analytics compatibility view in PostgreSQL${url ? '' : ' (skipped: no PostgreSQL server, scripts/setup-postgres.sh)'}`, () => {
  let db: Engine;
  const now = Date.now();
  beforeAll(async () => {
    db = await postgresEngine(sql, url!);
    await db.exec(sql.SCHEMA_SQL.postgres!);
    await db.exec(sql.viewsSql('postgres'));
    await db.insert(slackbotEvents(now).map((e) => sql.rowValues(sql.toEventRow(e, { receivedAt: now }), 'postgres')));
  });
  afterAll(async () => { await db?.close(); });

  it("has the seed's columns and rows: the seed's queries translated to PostgreSQL's date and JSON functions", async () => {
    const cols = (await db.query("SELECT column_name FROM information_schema.columns WHERE table_name = 'analytics' AND table_schema = current_schema() ORDER BY ordinal_position")).map((r) => r.column_name);
    expect(cols).toEqual(['id', 'bot_id', 'event_type', 'channel_id', 'user_id', 'thread_ts', 'message_ts', 'metadata', 'tokens_used', 'created_at']);
    // "Get analytics across all bots" with now() - interval: the same 18/3750 and 4/350.
    const rows = await db.query("SELECT bot_id, COUNT(*) AS events, SUM(tokens_used) AS total_tokens FROM analytics WHERE created_at >= (now() AT TIME ZONE 'UTC') - interval '30 days' GROUP BY bot_id ORDER BY bot_id");
    expect(rows.map((r) => [r.bot_id, Number(r.events), Number(r.total_tokens)])).toEqual([['b2', 4, 350], [B1, 18, 3750]]);
    // "Get user engagement by timezone", metadata as JSON text (cast to json to read it).
    const tz = await db.query("SELECT (metadata::json -> 'user_info' ->> 'timezone') AS timezone, COUNT(DISTINCT user_id) AS u FROM analytics WHERE bot_id = 'your_bot_id' AND event_type IN ('new_conversation', 'new_reply') AND created_at >= (now() AT TIME ZONE 'UTC') - interval '30 days' AND metadata::json -> 'user_info' ->> 'timezone' IS NOT NULL GROUP BY 1 ORDER BY 1");
    expect(tz.map((r) => [r.timezone, Number(r.u)])).toEqual([['America/New_York', 2], ['Europe/Paris', 1]]);
  });
});

describe('x-compat-view: a declaration that cannot be a view is a finding with its location, never broken SQL', () => {
  it.each([
    ['a column that is no SQL name', '{ name: analytics, columns: [id, "bot id; DROP TABLE events"] }', /not a SQL name: "bot id; DROP TABLE events"/],
    ['no columns', '{ name: analytics, columns: [] }', /expected an object with name and a non-empty columns list/],
    ['a column twice', '{ name: analytics, columns: [id, id] }', /a column is listed twice/],
  ])('%s', async (_what, decl, message) => {
    const { loadTaxonomy } = await import('@taxonomy/core');
    const { compile } = await import('@taxonomy/gen-sql');
    const { writeTaxonomy, BASE } = await import('../warehouse/fixture.js');
    const dir = writeTaxonomy({ ...BASE, 'domains/app.yaml': BASE['domains/app.yaml'].replace('domain: app\n', `domain: app\nx-compat-view: ${decl}\n`) });
    const m = loadTaxonomy(dir).model!;
    const f = compile(m).findings.find((x) => x.code === 'sql/compat-view');
    expect(f?.message).toMatch(message);
    expect(f?.location?.file).toMatch(/domains\/app\.yaml$/);
    const files = await (await import('@taxonomy/gen-sql')).sqlGenerator.generate(m, {});
    expect(files.find((x) => x.path === 'sqlite/views.sql')!.contents).not.toMatch(/CREATE VIEW "analytics"/);
  });
});
