// Seed 004's CLI export ("analytics.csv: Raw analytics data with all fields (id, bot_id,
// event_type, channel_id, user_id, thread_ts, message_ts, metadata, tokens_used, created_at)"):
// `taxonomy export-events --preset slackbot` writes exactly those columns from what the collector stored.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '@taxonomy/cli';
import { ingest, SqliteStore, type Contract } from '@taxonomy/collector';
import { cleanup, repo, seedContract, tmp } from './helpers.js';

const SEED = join(process.env.SEEDS_DIR ?? join(repo, '../shared/seeds'), '004_8d666b970ff41082.txt');
const COLUMNS = ['id', 'bot_id', 'event_type', 'channel_id', 'user_id', 'thread_ts', 'message_ts', 'metadata', 'tokens_used', 'created_at'];

async function taxonomy(args: string[]) {
  let out = '', err = '';
  const code = await main(args, { out: (t) => { out += t; }, err: (t) => { err += t; }, color: false, cwd: repo });
  return { code, out, err };
}

let contract: Contract;
let db: string;
const T = Date.UTC(2026, 2, 4, 9, 30, 15, 250);
beforeAll(async () => {
  contract = await seedContract();
  db = join(tmp(), 'events.sqlite');
  const store = new SqliteStore(contract.sql, { path: db });
  await store.init();
  const base = { bot_id: 'your_bot_id', channel_id: 'C1', user_id: 'U1', thread_ts: '1700000000.000100', message_ts: '1700000000.000200' };
  const events = [
    { event: 'new_conversation', id: 'x-1', timestamp: new Date(T).toISOString(), properties: { ...base, metadata: { message_length: 42, user_info: { real_name: 'Ann, "the" admin', timezone: 'UTC', email: 'ann@example.com' } } } },
    { event: 'token_usage', id: 'x-2', timestamp: new Date(T + 1000).toISOString(), properties: { ...base, tokens_used: 150, metadata: { input_tokens: 100, output_tokens: 50, cache_creation_input_tokens: 0, cache_read_input_tokens: 0, total_tokens: 150 } } },
    { event: 'workbench.session_started', id: 'x-3', timestamp: new Date(T).toISOString(), properties: { sessionId: 's1', timestamp: new Date(T).toISOString() } },
  ];
  const r = ingest(events, contract, T + 5000, null);
  expect(r.batch.quarantine.map((q) => q.event_id)).toEqual([]); // every event valid: the export reads what was stored
  await store.write([r.batch]);
  await store.close();
});
afterAll(() => cleanup());

describe('seed 004: export-events --preset slackbot writes the seed\'s analytics.csv', () => {
  it('has exactly the seed\'s CSV columns, in its order', async () => {
    if (existsSync(SEED)) {
      const listed = /Raw analytics data with all fields \(([^)]*)\)/.exec(readFileSync(SEED, 'utf8'))![1]!.split(',').map((s) => s.trim());
      expect(listed).toEqual(COLUMNS);
    } else console.warn(`skipped the comparison with the seed document: no ${SEED}`);
    const r = await taxonomy(['export-events', '--db', db, '--preset', 'slackbot']);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out.split('\r\n')[0]).toBe(COLUMNS.join(','));
  });

  it('one row per slackbot event, oldest first: row ids, the stored wire name, metadata as JSON text, created_at as the seed stores it', async () => {
    const r = await taxonomy(['export-events', '--db', db, '--preset', 'slackbot']);
    const lines = r.out.split('\r\n').filter(Boolean);
    expect(lines).toHaveLength(3); // the header, new_conversation, token_usage (not the workbench event)
    const meta = JSON.stringify({ message_length: 42, user_info: { real_name: 'Ann, "the" admin', timezone: 'UTC', email: 'ann@example.com' } });
    expect(lines[1]).toBe(`1,your_bot_id,new_conversation,C1,U1,1700000000.000100,1700000000.000200,"${meta.replace(/"/g, '""')}",,2026-03-04 09:30:15`);
    expect(lines[2]).toMatch(/^2,your_bot_id,token_usage,C1,U1,1700000000\.000100,1700000000\.000200,".*",150,2026-03-04 09:30:16$/);
  });

  it('NDJSON with the same columns; --event narrows within the preset', async () => {
    const r = await taxonomy(['export-events', '--db', db, '--preset', 'slackbot', '--format', 'ndjson', '--event', 'token_usage,workbench.session_started']);
    const rows = r.out.trim().split('\n').map((l) => JSON.parse(l));
    expect(rows).toEqual([{ id: 1, bot_id: 'your_bot_id', event_type: 'token_usage', channel_id: 'C1', user_id: 'U1', thread_ts: '1700000000.000100', message_ts: '1700000000.000200', metadata: expect.any(String), tokens_used: 150, created_at: '2026-03-04 09:30:16' }]);
    const none = await taxonomy(['export-events', '--db', db, '--preset', 'slackbot', '--event', 'workbench.session_started']);
    expect(none.out).toBe(COLUMNS.join(',') + '\r\n');
  });

  it('an unknown preset is a usage error naming the presets there are', async () => {
    const r = await taxonomy(['export-events', '--db', db, '--preset', 'slack']);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/--preset: no export preset 'slack'; the taxonomy declares 'slackbot'/);
    expect(r.err).not.toMatch(/\n\s+at /);
  });
});
