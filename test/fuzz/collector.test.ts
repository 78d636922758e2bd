// Issue 17 item 3, the collector: random request bodies (nesting, sizes, encodings, bad UTF-8,
// random JSON, random headers) never crash it; every answer is a JSON error whose status is the
// response's, or an ack; the valid events of a batch are stored whatever sits beside them.
// CI runs FUZZ_RUNS cases per property (default 100); `npm run fuzz -- --runs N` runs more.
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCollector, SqliteStore, type Collector } from '@taxonomy/collector';
import { cleanup, draftCreated, rawPost, seedContract, tmp, type RawResponse } from '../../packages/collector/test/helpers.js';

const RUNS = Number(process.env.FUZZ_RUNS ?? 100);
const SEED = Number(process.env.FUZZ_SEED ?? 17);
const MAX_BODY = 200_000;
const TIMEOUT = Math.max(120_000, RUNS * 3_000);

let store: SqliteStore;
let collector: Collector;
let url: string;
const logged: string[] = [];

beforeAll(async () => {
  const contract = await seedContract();
  store = new SqliteStore(contract.sql, { path: join(tmp('fuzz-collector-'), 'events.sqlite') });
  collector = await createCollector({ contract, store, maxBodyBytes: MAX_BODY, log: (m) => { logged.push(m); } });
  url = await collector.listen(0);
});
afterAll(async () => {
  await collector?.close();
  cleanup();
});

const isStored = (id: string) => store.db.prepare('SELECT 1 FROM events WHERE event_id = ?').get(id) !== undefined;

/** Every answer is JSON: an ack (200) or an error whose status is the response's; never a 500. */
function expectJsonAnswer(r: RawResponse, what: string): { ok: boolean; [k: string]: unknown } {
  let body: { ok: boolean; error?: { status: number; code: string; message: string; hint: string }; [k: string]: unknown };
  try {
    body = JSON.parse(r.body);
  } catch {
    throw new Error(`${what}: status ${r.status}, the answer is not JSON: ${r.body.slice(0, 200)}`);
  }
  expect(r.status, `${what}: ${r.body.slice(0, 300)}`).not.toBe(500);
  if (r.status === 200) {
    expect(body, what).toMatchObject({ ok: true, received: expect.any(Number), accepted: expect.any(Number), stored: expect.any(Number), quarantined: expect.any(Number) });
  } else {
    expect(body, what).toMatchObject({ ok: false, error: { status: r.status, code: expect.any(String), message: expect.any(String), hint: expect.any(String) } });
  }
  return body;
}

const nested = (depth: number, leaf: string) => '{"a":'.repeat(depth) + leaf + '}'.repeat(depth);
const nestedArray = (depth: number) => '['.repeat(depth) + '0' + ']'.repeat(depth);

/** Bytes that are not UTF-8: overlong forms, lone continuation bytes, surrogates encoded, truncated sequences. */
const badUtf8 = fc.constantFrom([0xc0, 0xaf], [0x80], [0xed, 0xa0, 0x80], [0xf4, 0x90, 0x80, 0x80], [0xe2, 0x82], [0xff], [0xfe, 0xff]).map((b) => Buffer.from(b));

/** An element of a batch that is not a valid event (the poison). */
const poison: fc.Arbitrary<string> = fc.oneof(
  fc.jsonValue({ maxDepth: 4 }).map((v) => JSON.stringify(v)),
  fc.integer({ min: 100, max: 6000 }).map((d) => JSON.stringify(draftCreated()).replace(/^\{/, `{"context":${nested(d, '1')},`)),
  fc.integer({ min: 100, max: 6000 }).map((d) => JSON.stringify(draftCreated()).replace('"properties":{', `"properties":{"deep":${nestedArray(d)},`)),
  fc.tuple(fc.constantFrom('id', 'event', 'timestamp', 'properties', 'context'), fc.jsonValue({ maxDepth: 3 })).map(([k, v]) => JSON.stringify({ ...draftCreated(), [k]: v })),
  fc.constantFrom('"\\ud800"', '"\\udfff-lone"').map((s) => JSON.stringify(draftCreated()).replace(/"id":"[^"]*"/, `"id":${s}`)),
  fc.integer({ min: 1_000, max: 40_000 }).map((n) => JSON.stringify(draftCreated({ context: { zeros: new Array(n).fill(0) } }))),
  fc.string({ unit: 'binary', maxLength: 40 }).map((s) => JSON.stringify(draftCreated({ properties: { source: s } }))),
);

/** A well-formed batch: valid events (kept apart to check that they are stored) and poison. */
const mixedBatch = fc.array(fc.oneof({ weight: 2, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: poison }), { minLength: 1, maxLength: 12 });

/** A request that may be anything: body bytes, content type, encoding, route. */
const anyRequest = fc.record({
  body: fc.oneof(
    fc.uint8Array({ maxLength: 300 }).map((b) => Buffer.from(b)),
    fc.jsonValue({ maxDepth: 5 }).map((v) => Buffer.from(JSON.stringify(v) ?? 'null')),
    fc.tuple(fc.jsonValue({ maxDepth: 3 }), fc.nat({ max: 200 })).map(([v, cut]) => Buffer.from(JSON.stringify({ batch: [v, draftCreated()] }).slice(0, cut))),
    fc.tuple(badUtf8, fc.nat({ max: 100 })).map(([bad, at]) => { const t = Buffer.from(JSON.stringify({ batch: [draftCreated()] })); const i = Math.min(at, t.length); return Buffer.concat([t.subarray(0, i), bad, t.subarray(i)]); }),
    fc.constantFrom('utf16le', 'latin1').map((enc) => Buffer.from(JSON.stringify({ batch: [draftCreated({ properties: { source: 'chat é' } })] }), enc as BufferEncoding)),
    fc.constant(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(JSON.stringify({ batch: [draftCreated()] }))])),
    fc.integer({ min: 1_000, max: 12_000 }).map((d) => Buffer.from(`{"batch":${nestedArray(d)}}`)),
    fc.integer({ min: MAX_BODY - 10, max: MAX_BODY * 2 }).map((n) => Buffer.from(`{"batch":[${JSON.stringify(draftCreated({ context: { pad: 'x'.repeat(n) } }))}]}`)),
    fc.constantFrom('', ' ', '\n', 'null', '[]', '{}', '{"batch":{}}', '{"batch":[]}', '{"batch":null}', '{"__proto__":{"batch":[]}}').map((s) => Buffer.from(s)),
  ),
  contentType: fc.constantFrom('application/json', 'application/json; charset=utf-8', 'application/json; charset=utf-16', 'text/plain', 'application/x-www-form-urlencoded', ''),
  encoding: fc.constantFrom(undefined, undefined, undefined, 'identity', 'gzip', 'br', 'deflate, gzip', 'x-unknown'),
  path: fc.constantFrom('/v1/batch', '/v1/batch', '/v1/track', '/v1/batch?x=1', '/v1/nope'),
});

describe('issue 17: the collector on random request bodies', () => {
  it(`${RUNS} random requests (seed ${SEED}): a JSON ack or a JSON error with the response's status, never a 500 or a dead server`, async () => {
    await fc.assert(fc.asyncProperty(anyRequest, async ({ body, contentType, encoding, path }) => {
      const headers: Record<string, string> = {};
      if (contentType) headers['content-type'] = contentType;
      if (encoding) headers['content-encoding'] = encoding;
      const r = await rawPost(url, body, headers, path);
      expectJsonAnswer(r, `${path} ${contentType} ${encoding ?? ''} ${body.subarray(0, 120).toString('latin1')}`);
    }), { numRuns: RUNS, seed: SEED, endOnFailure: true });
    const health = await fetch(`${url}/healthz`);
    expect(health.status).toBe(200);
    expect(logged.filter((m) => /internal error/.test(m))).toEqual([]);
  }, TIMEOUT);

  it(`${RUNS} random batches (seed ${SEED}): the valid events beside poison ones are stored, each poison one quarantined or refused alone`, async () => {
    await fc.assert(fc.asyncProperty(mixedBatch, async (slots) => {
      const valid = slots.map((s) => (s === null ? draftCreated() : undefined));
      const body = `{"batch":[${slots.map((s, i) => s ?? JSON.stringify(valid[i])).join(',')}]}`;
      const r = await rawPost(url, body);
      const answer = expectJsonAnswer(r, body.slice(0, 300));
      if (Buffer.byteLength(body) > MAX_BODY) {
        expect(r.status, 'a body over the limit is refused whole').toBe(413);
        return;
      }
      expect(r.status, JSON.stringify(answer).slice(0, 500)).toBe(200);
      expect(answer.received).toBe(slots.length);
      for (const e of valid) if (e) expect(isStored(e.id), `valid event ${e.id} beside ${slots.filter(Boolean).length} poison ones`).toBe(true);
      expect((answer.stored as number) + (answer.quarantined as number) + ((answer.duplicates as number) ?? 0)).toBe(slots.length);
    }), { numRuns: RUNS, seed: SEED, endOnFailure: true });
    expect(logged.filter((m) => /internal error/.test(m))).toEqual([]);
  }, TIMEOUT);
});
