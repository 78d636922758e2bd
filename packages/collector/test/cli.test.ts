import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '@taxonomy/cli';
import { createCollector, ingest, loadContract, SqliteStore, type Contract } from '@taxonomy/collector';
import { cleanup, draftCreated, generate, post, repo, seedContract, tmp, writeTaxonomy } from './helpers.js';

/** Runs `taxonomy <args>` in-process; returns the exit code and what it printed. */
async function taxonomy(args: string[], cwd = repo) {
  let out = '', err = '';
  const code = await main(args, { out: (t) => { out += t; }, err: (t) => { err += t; }, color: false, cwd });
  return { code, out, err };
}

let contract: Contract;
beforeAll(async () => { contract = await seedContract(); });
afterAll(() => cleanup());

const DAY = 86_400_000;

/** A database the collector wrote: events that occurred `daysAgo` each, and one quarantined event. */
async function seeded(daysAgo: readonly number[]): Promise<string> {
  const path = join(tmp(), 'events.sqlite');
  const store = new SqliteStore(contract.sql, { path });
  await store.init();
  const now = Date.now();
  const events = daysAgo.map((d, i) => draftCreated({ id: `cli-${i}`, timestamp: new Date(now - d * DAY).toISOString() }));
  await store.write([ingest([...events, { event: 'nope', id: 'cli-q', properties: {} }], contract, now - 200 * DAY, null).batch]);
  await store.close();
  return path;
}

describe('usage mistakes are exit 2 with a message, never a stack', () => {
  it.each([
    [['serve', '--db', 'a.sqlite', '--postgres', 'postgres://x'], /give --db \(SQLite\) or --postgres, not both/],
    [['serve', '--synchronous', 'sometimes'], /--synchronous must be full or normal; got 'sometimes'/],
    [['serve', '--port', '70000'], /--port must be at most 65535/],
    [['serve', '--port', 'http'], /--port must be an integer/],
    [['serve', '--write-keys', '/nonexistent/keys.json'], /cannot read the write keys/],
    [['serve', '--validators', '/nonexistent/validators', '--sql', '/nonexistent/sql'], /validators package: \/nonexistent\/validators does not exist; run `taxonomy generate` first/],
    [['export-events', '--format', 'xml'], /--format must be csv or ndjson; got 'xml'/],
    [['export-events', '--since', 'last week'], /--since: 'last week' is neither a duration \(30d, 12h, 90m, 2w\) nor an ISO date/],
    [['export-events', '--db', 'missing.sqlite'], /no database at missing\.sqlite; pass --db <file>/],
    [['retention', '--days', '0'], /--days must be a whole number of days ≥ 1/],
    [['replay-quarantine', '--db', 'missing.sqlite'], /no database at missing\.sqlite/],
    [['serve', '--nope'], /Unknown option '--nope'/],
  ])('taxonomy %j', async (args, message) => {
    const r = await taxonomy(args);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(message);
    expect(r.err).not.toMatch(/\n\s+at /);
  });

  it.each(['serve', 'retention', 'export-events', 'replay-quarantine'])('taxonomy %s --help', async (name) => {
    const r = await taxonomy([name, '--help']);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(new RegExp(`^Usage: taxonomy ${name} `));
  });
});

describe('taxonomy retention', () => {
  it('takes the period from the taxonomy (180 days), counts by default, deletes with --apply', async () => {
    const db = await seeded([1, 100, 179, 181, 365]);
    const dry = await taxonomy(['retention', '--db', db]);
    expect(dry.code).toBe(0);
    expect(dry.out).toMatch(/^dry run: would delete 2 events and 1 quarantined event older than 180 days \(before .*\) from SQLite .*; run with --apply to delete\n$/);
    const applied = await taxonomy(['retention', '--db', db, '--apply', '--json']);
    expect(JSON.parse(applied.out)).toMatchObject({ days: 180, applied: true, events: 2, quarantine: 1 });
    const again = await taxonomy(['retention', '--db', db, '--days', '50', '--json']);
    expect(JSON.parse(again.out)).toMatchObject({ days: 50, applied: false, events: 2 });
  });
});

describe('taxonomy export-events', () => {
  it('CSV to standard output; NDJSON of the last 30 days; only some events; to a file', async () => {
    const db = await seeded([1, 10, 45]);
    const csv = await taxonomy(['export-events', '--db', db]);
    expect(csv.code).toBe(0);
    expect(csv.out.split('\r\n').filter(Boolean)).toHaveLength(4);
    expect(csv.out).toMatch(/^event_id,event_name,/);
    const nd = await taxonomy(['export-events', '--db', db, '--format', 'ndjson', '--since', '30d']);
    expect(nd.out.trim().split('\n').map((l) => JSON.parse(l).event_id)).toEqual(['cli-1', 'cli-0']);
    const none = await taxonomy(['export-events', '--db', db, '--format', 'ndjson', '--event', 'workbench.draft_accepted']);
    expect(none.out).toBe('');
    const file = join(tmp(), 'out.csv');
    const toFile = await taxonomy(['export-events', '--db', db, '--out', file, '--since', '2000-01-01']);
    expect(toFile.err).toMatch(/^wrote 3 events to /);
    expect(readFileSync(file, 'utf8')).toBe(csv.out);
  });
});

describe('taxonomy replay-quarantine: fix the taxonomy, regenerate, replay', () => {
  const base = {
    'taxonomy.yaml': 'name: shop\nversion: 1.0.0\nretention:\n  days: 30\n',
    'privacy.yaml': 'classes:\n  internal:\n    description: Internal.\n    sensitivity: 1\n',
    'categories.yaml': 'categories:\n  orders:\n    description: Orders.\n',
  };
  const domain = (extra: string) => `domain: shop
naming: dot.snake
property_naming: snake
events:
  shop.order_placed:
    description: An order was placed.
    trigger: The customer confirms the order.
    category: orders
    properties:
      order_id: { type: string, required: true, privacy: internal }
      total: { type: number, minimum: 0, privacy: internal }
${extra}`;

  it('events refused for a property the taxonomy lacked are stored once it has it', async () => {
    const root = tmp('collector-shop-');
    writeTaxonomy(root, { ...base, 'domains/shop.yaml': domain('') });
    await generate(root, 'validators,sql');
    const v1 = await loadContract({ validators: join(root, 'packages/validators'), sql: join(root, 'packages/sql') });
    const db = join(root, 'events.sqlite');
    const store = new SqliteStore(v1.sql, { path: db });
    const c = await createCollector({ contract: v1, store, log: () => undefined });
    const url = await c.listen(0);
    const order = (id: string, extra = {}) => ({ event: 'shop.order_placed', id, timestamp: '2026-03-01T12:00:00.000Z', properties: { order_id: id, total: 10, ...extra } });
    const r = await post(url, { batch: [order('o-1'), order('o-2', { coupon: 'SPRING' }), order('o-3', { coupon: 'SPRING' }), order('o-4', { total: -1 })] }, { }, '/v1/batch');
    expect(r.body).toMatchObject({ stored: 1, quarantined: 3 });
    await c.close();

    // The fix: the taxonomy learns `coupon`, and the packages are regenerated.
    writeTaxonomy(root, { 'domains/shop.yaml': domain('      coupon: { type: string, privacy: internal }\n') });
    await generate(root, 'validators,sql');

    const dry = await taxonomy(['replay-quarantine', 'taxonomy', '--db', db, '--dry-run'], root);
    expect(dry.out).toBe('dry run: 3 quarantined events re-validated: 2 would move to the events table, 1 still invalid\n');
    const done = await taxonomy(['replay-quarantine', 'taxonomy', '--db', db, '--json'], root);
    expect(done.code).toBe(0);
    expect(JSON.parse(done.out)).toEqual({ examined: 3, moved: 2, stillInvalid: 1, dryRun: false });
    const exported = await taxonomy(['export-events', 'taxonomy', '--db', db, '--format', 'ndjson'], root);
    expect(exported.out.trim().split('\n').map((l) => [JSON.parse(l).event_id, JSON.parse(l).properties.coupon ?? null])).toEqual([['o-1', null], ['o-2', 'SPRING'], ['o-3', 'SPRING']]);
    const again = await taxonomy(['replay-quarantine', 'taxonomy', '--db', db, '--json'], root);
    expect(JSON.parse(again.out)).toMatchObject({ examined: 1, moved: 0, stillInvalid: 1 });
    // The taxonomy's own retention period (30 days) is the one used.
    expect(JSON.parse((await taxonomy(['retention', 'taxonomy', '--db', db, '--json'], root)).out).days).toBe(30);
    writeFileSync(join(root, 'taxonomy/taxonomy.yaml'), 'name: shop\nversion: 1.0.0\n');
    expect((await taxonomy(['retention', 'taxonomy', '--db', db], root)).err).toMatch(/the taxonomy sets no retention period .* or pass --days/);
  });
});
