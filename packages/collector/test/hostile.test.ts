import { connect, type Socket } from 'node:net';
import { request } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCollector, SqliteStore, type Collector, type Contract } from '@taxonomy/collector';
import { cleanup, draftCreated, post, rawPost, seedContract, tmp } from './helpers.js';

let contract: Contract;
let store: SqliteStore;
let collector: Collector;
let url: string;

beforeAll(async () => {
  contract = await seedContract();
  store = new SqliteStore(contract.sql, { path: join(tmp(), 'events.sqlite') });
  collector = await createCollector({ contract, store, headersTimeoutMs: 1000, requestTimeoutMs: 2000, log: () => undefined });
  url = await collector.listen(0);
});
afterAll(async () => {
  await collector?.close();
  cleanup();
});

const count = (table = 'events') => (store.db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
async function stillUp() {
  const r = await post(url, { batch: [draftCreated()] });
  expect(r.status).toBe(200);
  expect(r.body.stored).toBe(1);
}

describe('malformed bodies: 400 naming the problem, nothing stored, the service stays up', () => {
  it.each([
    ['truncated JSON', '{"batch": [1,', 'malformed_json', /not valid JSON: at line 1 column 14 \(character 13\): expected a value .*, found the end of the body$/],
    ['a stray brace', '{"batch": [\n  }', 'malformed_json', /at line 2 column 3 \(character 14\): expected a value or '\]', found '\}'$/],
    ['a trailing comma', '{"batch": [{"event": "x"},]}', 'malformed_json', /at line 1 column 27 .*expected a value .*found '\]'/],
    ['single quotes', "{'batch': []}", 'malformed_json', /at line 1 column 2 .*expected a property name in double quotes or '\}', found '''/],
    ['an empty body', '', 'empty_body', /empty/],
    ['whitespace only', ' \n ', 'empty_body', /empty/],
    ['invalid UTF-8', Buffer.from([0x7b, 0xff, 0xfe, 0x7d]), 'invalid_utf8', /UTF-8/],
    ['a bare array', '[{"event": "x"}]', 'not_a_batch', /takes \{"batch": \[event, …\]\}; got an array of 1/],
    ['batch is an object', '{"batch": {"event": "x"}}', 'not_a_batch', /"batch": an object/],
    ['no batch key', '{"events": []}', 'not_a_batch', /an object without "batch"/],
    ['null', 'null', 'not_a_batch', /got null/],
  ])('%s', async (_name, body, code, message) => {
    const before = count() + count('events_quarantine');
    const r = await rawPost(url, body);
    expect(r.status).toBe(400);
    const err = JSON.parse(r.body).error;
    expect(err.code).toBe(code);
    expect(err.message).toMatch(message);
    expect(err.hint).toMatch(/send|wrap/);
    expect(count() + count('events_quarantine')).toBe(before);
  });
  it('…and afterwards the service still stores events', stillUp);
});

describe('wrong content type: 415 with what to send', () => {
  it.each([
    ['text/plain', 415], ['application/x-www-form-urlencoded', 415], ['multipart/form-data; boundary=x', 415],
    ['application/json; charset=latin1', 415], [undefined, 415],
    ['application/json; charset=UTF-8', 200], ['application/vnd.acme+json', 200],
  ])('%s → %i', async (type, status) => {
    const headers: Record<string, string> = type ? { 'content-type': type } : {};
    const r = await rawPost(url, JSON.stringify({ batch: [draftCreated()] }), headers);
    expect(r.status).toBe(status);
    if (status === 415) expect(JSON.parse(r.body).error).toMatchObject({ code: 'unsupported_media_type', hint: expect.stringContaining('application/json') });
  });
  it('a compressed body is refused (415), not misread', async () => {
    const r = await rawPost(url, 'x', { 'content-type': 'application/json', 'content-encoding': 'gzip' });
    expect(r.status).toBe(415);
    expect(JSON.parse(r.body).error.code).toBe('unsupported_encoding');
  });
});

/** Streams `total` bytes (in 64 KB chunks) and reports the answer and how much was sent before it came. */
function stream(total: number, headers: Record<string, string | number>): Promise<{ status: number; body: string; sent: number }> {
  return new Promise((resolve, reject) => {
    const u = new URL(url);
    let sent = 0;
    let answered = false;
    const req = request({ host: u.hostname, port: u.port, path: '/v1/batch', method: 'POST', headers: { 'content-type': 'application/json', ...headers } }, (res) => {
      answered = true;
      let body = '';
      res.on('data', (c) => { body += c; });
      res.on('end', () => resolve({ status: res.statusCode!, body, sent }));
    });
    req.on('error', (e) => { if (!answered) reject(e); });
    const chunk = Buffer.alloc(65_536, 0x20);
    const pump = () => {
      while (sent < total && !answered && !req.destroyed) {
        sent += chunk.length;
        if (!req.write(chunk)) { req.once('drain', pump); return; }
      }
      if (sent >= total) req.end();
    };
    pump();
  });
}

describe('oversized requests: 413 before the body is buffered', () => {
  it('a 100 MB body announced by Content-Length is refused at once', async () => {
    const r = await stream(100 * 1024 * 1024, { 'content-length': 100 * 1024 * 1024 });
    expect(r.status).toBe(413);
    expect(JSON.parse(r.body).error.message).toMatch(/104,857,600 bytes \(Content-Length\); the limit is 1,000,000 bytes/);
    expect(r.sent).toBeLessThan(100 * 1024 * 1024);
  });
  it('a 100 MB chunked body (no Content-Length) is cut off past the limit', async () => {
    const r = await stream(100 * 1024 * 1024, {});
    expect(r.status).toBe(413);
    expect(JSON.parse(r.body).error.code).toBe('body_too_large');
    expect(r.sent).toBeLessThan(100 * 1024 * 1024);
  });
  it('a batch of 100,000 events is refused by size (20 MB), and by count when the events are tiny', async () => {
    const big = JSON.stringify({ batch: Array.from({ length: 100_000 }, () => draftCreated()) });
    expect((await rawPost(url, big)).status).toBe(413);
    const tiny = await rawPost(url, JSON.stringify({ batch: Array.from({ length: 100_000 }, () => ({})) }));
    expect(tiny.status).toBe(413);
    expect(JSON.parse(tiny.body).error).toMatchObject({ code: 'too_many_events', message: expect.stringContaining('100,000 events; the limit is 2,000') });
  });
  it('…and afterwards the service still stores events', stillUp);
  it('a collector configured for it stores a batch of 100,000 events, every one', async () => {
    const s = new SqliteStore(contract.sql, { path: join(tmp(), 'big.sqlite'), synchronous: 'normal' });
    const c = await createCollector({ contract, store: s, maxBodyBytes: 64_000_000, maxBatchEvents: 100_000, queueCapacity: 100_000, maxTransactionEvents: 100_000, log: () => undefined });
    try {
      const u = await c.listen(0);
      const batch = Array.from({ length: 100_000 }, (_, i) => draftCreated({ id: `big-${i}` }));
      const r = await rawPost(u, JSON.stringify({ batch }));
      expect(r.status).toBe(200);
      expect(JSON.parse(r.body)).toMatchObject({ received: 100_000, stored: 100_000 });
      expect((s.db.prepare('SELECT count(*) AS n FROM events').get() as { n: number }).n).toBe(100_000);
    } finally {
      await c.close();
    }
  });
  it('refuses a configuration whose batches could never be queued', async () => {
    await expect(createCollector({ contract, store: new SqliteStore(contract.sql, { path: join(tmp(), 'x.sqlite') }), maxBatchEvents: 10, queueCapacity: 5 }))
      .rejects.toThrow(/maxBatchEvents \(10\) must not exceed queueCapacity \(5\)/);
  });
});

describe('unknown events and __proto__: quarantined whole, nothing polluted', () => {
  it('an unknown event is quarantined with a did-you-mean', async () => {
    const r = await post(url, { batch: [{ ...draftCreated({ id: 'unknown-1' }), event: 'workbench.draft_creatd' }] });
    expect(r.status).toBe(200);
    expect(r.body.rejected[0].errors[0]).toMatchObject({ rule: 'event', message: expect.stringContaining("did you mean 'workbench.draft_created'") });
    expect(count('events_quarantine WHERE event_id = \'unknown-1\'')).toBe(1);
  });

  it.each([
    ['on the event', '{"batch":[{"__proto__":{"event":"workbench.draft_created"},"event":"workbench.draft_created","id":"proto-1","properties":{}}]}', 'proto-1'],
    ['in the properties', '{"batch":[{"event":"workbench.draft_created","id":"proto-2","timestamp":"2026-01-15T10:00:00Z","properties":{"sessionId":"s","timestamp":"2026-01-15T10:00:00Z","source":"chat","__proto__":{"isAdmin":true}}}]}', 'proto-2'],
    ['constructor.prototype', '{"batch":[{"event":"workbench.draft_created","id":"proto-3","properties":{"constructor":{"prototype":{"isAdmin":true}}}}]}', 'proto-3'],
  ])('__proto__ %s', async (_where, body, id) => {
    const r = await rawPost(url, body);
    expect(r.status).toBe(200);
    const answer = JSON.parse(r.body);
    expect(answer).toMatchObject({ received: 1, stored: 0, quarantined: 1 });
    expect(({} as Record<string, unknown>).isAdmin).toBeUndefined();
    expect(({} as Record<string, unknown>).event).toBeUndefined();
    const row = store.db.prepare('SELECT payload FROM events_quarantine WHERE event_id = ?').get(id) as { payload: string };
    // Kept whole: the payload still has the hostile key, as data.
    expect(row.payload).toMatch(/"(__proto__|constructor)"/);
  });

  it('a __proto__ key beside "batch" does not stop the batch', async () => {
    const r = await rawPost(url, `{"__proto__":{"batch":[]},"batch":[${JSON.stringify(draftCreated({ id: 'proto-4' }))}]}`);
    expect(JSON.parse(r.body)).toMatchObject({ stored: 1 });
  });
});

/** Opens a socket and writes `text` a few bytes at a time; resolves with what the server said and when it closed. */
function dribble(text: string, everyMs: number): Promise<{ answer: string; ms: number; written: number }> {
  return new Promise((resolve) => {
    const u = new URL(url);
    const t0 = Date.now();
    const s: Socket = connect(Number(u.port), u.hostname);
    let answer = '';
    let i = 0;
    const timer = setInterval(() => { if (i < text.length && !s.destroyed) s.write(text.slice(i, (i += 2))); }, everyMs);
    s.on('data', (d) => { answer += d.toString(); });
    s.on('error', () => undefined);
    s.on('close', () => { clearInterval(timer); resolve({ answer, ms: Date.now() - t0, written: i }); });
  });
}

describe('slow-loris clients are cut off; others are served meanwhile', () => {
  it('headers sent a few bytes every 200 ms: closed after headersTimeout (1 s) with 408', async () => {
    const head = 'POST /v1/batch HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nX-Padding: ' + 'a'.repeat(200) + '\r\n\r\n';
    const slow = Array.from({ length: 20 }, () => dribble(head, 200));
    const t0 = Date.now();
    await stillUp(); // answered while 20 slow clients hold connections…
    const servedMs = Date.now() - t0;
    const closed = await Promise.all(slow);
    expect(servedMs).toBeLessThan(Math.min(...closed.map((r) => r.ms))); // …before any of them was cut off
    for (const r of closed) {
      expect(r.ms).toBeLessThan(8000); // 1 s, checked every second; generous for a loaded machine
      expect(r.written).toBeLessThan(head.length);
      expect(r.answer === '' || r.answer.startsWith('HTTP/1.1 408')).toBe(true);
    }
  });
  it('a body sent a few bytes every 200 ms: closed after requestTimeout (2 s), nothing stored', async () => {
    const body = JSON.stringify({ batch: [draftCreated({ id: 'slow-body' })] });
    const req = `POST /v1/batch HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n`;
    const u = new URL(url);
    const s = connect(Number(u.port), u.hostname);
    s.write(req);
    const r = await new Promise<{ ms: number; answer: string }>((resolve) => {
      const t0 = Date.now();
      let i = 0, answer = '';
      const timer = setInterval(() => { if (i < body.length && !s.destroyed) s.write(body.slice(i, (i += 2))); }, 200);
      s.on('data', (d) => { answer += d.toString(); });
      s.on('error', () => undefined);
      s.on('close', () => { clearInterval(timer); resolve({ ms: Date.now() - t0, answer }); });
    });
    expect(r.ms).toBeLessThan(9000); // 2 s, checked every second; generous for a loaded machine
    expect(r.answer === '' || r.answer.startsWith('HTTP/1.1 408')).toBe(true);
    expect(count("events WHERE event_id = 'slow-body'")).toBe(0);
  });
  it('…and afterwards the service still stores events', stillUp);
});
