// Integers beyond 2^53 (issue 18.3: "Large integers survive exactly"), end to end: the generated
// TypeScript tracker sends int64's extremes as bigints over httpSink to a real collector
// (SQLite), which validates them and stores the digits that were sent; the stored row's raw
// JSON is read back as text. Any client sending such digits (Python, Go) is stored exactly too.
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCollector, exportEvents, loadContract, quarantineRow, replayQuarantine, SqliteStore, sqliteReader, type Collector, type Contract, type SqlReader } from '@taxonomy/collector';
import { cleanup, generate, rawPost, repo, tmp, writeTaxonomy } from './helpers.js';
import { exactIntegers } from '../src/big-integers.js';
import { engine, PG_SKIP, PG_URL, type Engine } from './engines.js';

let root: string;
let tsDir: string;
let collector: Collector;
let store: SqliteStore;
let reader: SqlReader;
let base: string;
let contract: Contract;

beforeAll(async () => {
  root = tmp('collector-big-integers-');
  writeTaxonomy(root, {
    'taxonomy.yaml': 'name: ledger\nversion: 1.0.0\ndefault_destinations: [warehouse]\n',
    'privacy.yaml': 'classes:\n  internal: { description: Ours., sensitivity: 1, allowed_in_events: true }\nsensitive_keys: [token]\n',
    'destinations.yaml': 'destinations:\n  warehouse: { kind: warehouse, description: Our store. }\n',
    'domains/ledger.yaml': `domain: ledger
events:
  entry_posted:
    description: A ledger entry was posted.
    properties:
      id: { type: integer, minimum: -9223372036854775808, maximum: 9223372036854775807, required: true }
      small: { type: integer, minimum: 0, exclusiveMaximum: 9007199254740993 }
      count: { type: integer }
      note: { type: string }
`,
  });
  await generate(root, 'validators,sql,typescript');
  contract = await loadContract({ validators: join(root, 'packages/validators'), sql: join(root, 'packages/sql') });
  store = new SqliteStore(contract.sql, { path: join(root, 'events.sqlite') });
  await store.init();
  reader = sqliteReader(() => store.db, 'test');
  collector = await createCollector({ contract, store, log: () => undefined });
  base = await collector.listen(0, '127.0.0.1');
  // The generated tracker inside the repository, so that it resolves @taxonomy/runtime.
  tsDir = mkdtempSync(join(repo, 'packages/collector/.tmp-big-integers-'));
  cpSync(join(root, 'packages/tracker'), tsDir, { recursive: true });
  writeFileSync(join(tsDir, 'package.json'), '{"type":"module"}');
}, 120_000);
afterAll(async () => {
  await collector?.close();
  await store?.close();
  if (tsDir) rmSync(tsDir, { recursive: true, force: true });
  cleanup();
});

/** The raw JSON text of the stored properties of each event with these ids. */
const storedText = async (ids: readonly string[]) => {
  const rows = await reader.all(`SELECT "event_id", "properties" FROM "events"`);
  const byId = new Map(rows.map((r) => [String(r.event_id), String(r.properties)]));
  return ids.map((id) => byId.get(id));
};
const quarantined = async () => (await reader.all(`SELECT "payload" FROM "events_quarantine"`)).map((r) => String(r.payload));

describe('integers beyond 2^53 reach the store exactly', () => {
  it('TypeScript tracker → httpSink → collector: int64 extremes as bigints; the stored raw JSON holds their exact digits', async () => {
    const { createTracker } = await import(pathToFileURL(join(tsDir, 'index.js')).href);
    const { httpSink } = await import('@taxonomy/runtime');
    const ids: string[] = [];
    const sink = httpSink({ url: `${base}/v1/batch` });
    const tracker = createTracker({ sink: { ...sink, send: (events: { id: string }[], ctx: unknown) => { ids.push(...events.map((e) => e.id)); return sink.send(events as never, ctx as never); } } });
    tracker.ledger.entryPosted({ id: 9223372036854775807n, small: 9007199254740991n });
    tracker.ledger.entryPosted({ id: -9223372036854775808n });
    tracker.ledger.entryPosted({ id: 42 });
    // Refused by the tracker, exactly: int64's maximum + 1 (which the validators, comparing doubles, would accept).
    tracker.ledger.entryPosted({ id: 9223372036854775808n });
    const stats = await tracker.shutdown(10_000);
    expect(stats, JSON.stringify(stats)).toMatchObject({ delivered: 3, dropped: { invalid: 1 } });
    expect(await storedText(ids)).toEqual(['{"id":9223372036854775807,"small":9007199254740991}', '{"id":-9223372036854775808}', '{"id":42}']);
  });

  it('digits any client sends (Python ints, Go int64) are stored as sent, in /v1/track and /v1/batch alike; other numbers and strings are untouched', async () => {
    const hostile = '\u0000\u00000\u0000 "9223372036854775807" \u2028 12345678901234567890';
    const body = `{"batch":[{"event":"entry_posted","id":"raw-1","timestamp":"2026-01-15T10:00:00.000Z","properties":{"id":-9223372036854775807}},`
      + `{"event":"entry_posted","id":"raw-2","timestamp":"2026-01-15T10:00:00.000Z","properties":{"id":1234567890123456,"small":9007199254740991,"note":${JSON.stringify(hostile)}}}]}`;
    const res = await rawPost(`${base}/v1/batch`, body);
    expect(res.status, res.body).toBe(200);
    const one = await rawPost(`${base}/v1/track`, '{"event":"entry_posted","id":"raw-3","timestamp":"2026-01-15T10:00:00.000Z","properties":{"id":9223372036854775806}}', { 'content-type': 'application/json' }, '/v1/track');
    expect(one.status, one.body).toBe(200);
    expect(JSON.parse(res.body), res.body).toMatchObject({ accepted: 2 });
    const [a, b, c] = await storedText(['raw-1', 'raw-2', 'raw-3']);
    expect(a).toBe('{"id":-9223372036854775807}');
    expect(c).toBe('{"id":9223372036854775806}');
    expect(b).toBe(`{"id":1234567890123456,"small":9007199254740991,"note":${JSON.stringify(hostile)}}`);
  });

  it('an event refused by the validators keeps its exact digits in quarantine', async () => {
    const res = await rawPost(`${base}/v1/batch`, '{"batch":[{"event":"entry_posted","id":"q-1","properties":{"id":99999999999999999999999}}]}');
    expect(res.status, res.body).toBe(200);
    expect(JSON.parse(res.body)).toMatchObject({ accepted: 0, rejected: [{ index: 0, errors: [{ rule: 'maximum', actual: '99999999999999999999999' }] }] });
    expect(await quarantined()).toContain('{"event":"entry_posted","id":"q-1","properties":{"id":99999999999999999999999}}');
  });
});

describe('what reads the store back keeps the digits', () => {
  it('export-events (NDJSON and CSV) writes the stored integers exactly', async () => {
    for (const format of ['ndjson', 'csv'] as const) {
      let text = '';
      await exportEvents(store, format, { events: ['entry_posted'] }, (chunk) => { text += chunk; });
      expect(text, format).toContain('9223372036854775807');
      expect(text, format).toContain('-9223372036854775808');
      expect(text, format).not.toContain('9223372036854776000');
    }
  });

  it('replay-quarantine re-reads a quarantined payload exactly: the event it moves holds the digits that were sent', async () => {
    const element = { event: 'entry_posted', id: 'replayed-1', timestamp: '2026-01-15T10:00:00.000Z', properties: { id: 9223372036854775801n } };
    await store.write([{ events: [], envelopes: [], quarantine: [quarantineRow(element, [], Date.now(), null)], originals: [] }]);
    const report = await replayQuarantine(store, contract);
    expect(report).toMatchObject({ moved: 1 });
    expect(await storedText(['replayed-1'])).toEqual(['{"id":9223372036854775801}']);
  });
});

describe.each([['pglite', ''], ['postgres', PG_SKIP]] as const)('over %s%s: jsonb holds the digits, and export reads them back exactly', (name) => {
  const skip = name === 'postgres' && !PG_URL;
  let e: Engine;
  let c: Collector;
  beforeAll(async () => {
    if (skip) return;
    e = await engine(name, contract);
    c = await createCollector({ contract, store: e.store, log: () => undefined });
  });
  afterAll(async () => { await c?.close(); await e?.close(); });

  it.skipIf(skip)('stores int64 extremes sent as digits, and export-events writes them exactly', async () => {
    const url = await c.listen(0, '127.0.0.1');
    const res = await rawPost(`${url}/v1/batch`, '{"batch":[{"event":"entry_posted","id":"pg-1","timestamp":"2026-01-15T10:00:00.000Z","properties":{"id":9223372036854775807,"count":-9223372036854775808}}]}');
    expect(res.status, res.body).toBe(200);
    expect(JSON.parse(res.body)).toMatchObject({ stored: 1 });
    let text = '';
    await exportEvents(e.store, 'ndjson', {}, (chunk) => { text += chunk; });
    expect(text).toContain('"properties":{"id":9223372036854775807,"count":-9223372036854775808}');
  });
});

describe('exactIntegers (the collector\'s parse)', () => {
  const read = (text: string) => exactIntegers(text, JSON.parse(text));
  it.each([
    ['int64 extremes', '[9223372036854775807,-9223372036854775808]', [9223372036854775807n, -9223372036854775808n]],
    ['safe integers, fractions and exponents stay numbers', '[9007199254740991,12345678901234567.5,1e300,-0,90071992547409910e-1]', [9007199254740991, 12345678901234567.5, 1e300, -0, 9007199254740991]],
    ['digits inside strings and keys are text', '{"12345678901234567890":"12345678901234567890"}', { '12345678901234567890': '12345678901234567890' }],
    ['a string reading like a placeholder stays that string', '["\\u00000\\u0000","\\u0000\\u00001\\u0000",18446744073709551615]', ['\u00000\u0000', '\u0000\u00001\u0000', 18446744073709551615n]],
    ['escaped quotes and backslashes before digits', '{"a":"\\\\\\"12345678901234567890","b":12345678901234567890}', { a: '\\"12345678901234567890', b: 12345678901234567890n }],
    ['a __proto__ key stays data', '{"__proto__":{"v":12345678901234567890}}', JSON.parse('{"__proto__":{"v":0}}')],
  ])('%s', (_t, text, want) => {
    const got = read(text);
    if (_t.startsWith('a __proto__')) {
      expect(Object.keys(got as object)).toEqual(['__proto__']);
      expect(Object.getOwnPropertyDescriptor(got, '__proto__')!.value).toEqual({ v: 12345678901234567890n });
      expect(({} as { v?: unknown }).v).toBeUndefined();
    } else expect(got).toEqual(want);
  });

  it.each([
    ['no run of 16 digits', '{"a":123456789012345}'],
    ['16 digits only inside strings (ids, hex)', '{"id":"0123456789012345678-1a","t":"x1234567890123456789y"}'],
  ])('%s: the parsed value itself, untouched', (_t, text) => {
    const parsed = JSON.parse(text);
    expect(exactIntegers(text, parsed)).toBe(parsed);
  });

  it('an integer token in any position: first in an array, after whitespace, before a closing brace', () => {
    expect(exactIntegers('[ 12345678901234567890 ]', 0)).toEqual([12345678901234567890n]);
    expect(exactIntegers('{"a" :\n-12345678901234567890\n}', 0)).toEqual({ a: -12345678901234567890n });
  });
});
