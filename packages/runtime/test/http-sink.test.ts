import { afterEach, describe, expect, it, vi } from 'vitest';
import { backoffMs, createTracker, httpSink, retryAfterMs, type Envelope } from '@taxonomy/runtime';
import { balanced, quietLogger, sleep, SPEC, startServer } from './helpers.js';

type Server = Awaited<ReturnType<typeof startServer>>;
let server: Server | undefined;
afterEach(async () => { await server?.close(); server = undefined; });

describe('httpSink against a real local server', () => {
  it('POSTs {batch:[…]} as JSON with the configured headers; 20 events a request by default, the rest after 5 s or on flush', async () => {
    server = await startServer();
    const sink = httpSink({ url: server.url, headers: { authorization: 'Bearer test' } });
    expect(sink).toMatchObject({ batchSize: 20, flushIntervalMs: 5000 });
    const t = createTracker({ sink, logger: quietLogger() });
    for (let i = 0; i < 45; i++) t.track(SPEC.signup, { i });
    // The two full batches leave at once; under load they may take a while to arrive. The five
    // left wait for the 5 s interval (or flush), so nothing else can come in the meantime.
    const srv = server;
    await vi.waitFor(() => expect(srv.received.length).toBeGreaterThanOrEqual(2), { timeout: 4000, interval: 20 });
    expect(server.received.map((r) => (JSON.parse(r.body) as { batch: unknown[] }).batch.length)).toEqual([20, 20]);
    const r = server.received[0]!;
    expect(r.method).toBe('POST');
    expect(r.headers['content-type']).toBe('application/json');
    expect(r.headers.authorization).toBe('Bearer test');
    const st = await t.flush(2000);
    expect(server.events().map((e) => e.properties.i)).toEqual([...Array(45).keys()]);
    expect(st).toMatchObject({ enqueued: 45, delivered: 45, pending: 0 });
  });

  it('sends a partial batch when the interval elapses', async () => {
    server = await startServer();
    const t = createTracker({ sink: httpSink({ url: server.url, flushIntervalMs: 100 }), logger: quietLogger() });
    for (let i = 0; i < 3; i++) t.track(SPEC.signup, { i });
    await sleep(30);
    expect(server.received).toHaveLength(0);
    await sleep(250);
    expect(server.events()).toHaveLength(3);
  });

  it('keeps every request body at or under 500 KB', async () => {
    server = await startServer();
    const t = createTracker({ sink: httpSink({ url: server.url, batchSize: 100 }), logger: quietLogger() });
    for (let i = 0; i < 100; i++) t.track(SPEC.signup, { i, pad: 'p'.repeat(12_000) });
    await t.flush(5000);
    expect(server.events()).toHaveLength(100);
    expect(server.received.length).toBeGreaterThanOrEqual(3);
    for (const r of server.received) expect(Buffer.byteLength(r.body)).toBeLessThanOrEqual(500_000);
  });

  it('retries a 503 honouring Retry-After, with the same ids (the collector can deduplicate)', async () => {
    server = await startServer((_r, n, res) => { if (n === 1) { res.writeHead(503, { 'retry-after': '1' }); res.end(); } });
    const t = createTracker({ sink: httpSink({ url: server.url, retryBaseMs: 10 }), logger: quietLogger() });
    t.track(SPEC.signup, { a: 1 });
    const st = await t.flush(5000);
    expect(server.received).toHaveLength(2);
    const [first, second] = server.received as [typeof server.received[0], typeof server.received[0]];
    expect(second.at - first.at).toBeGreaterThanOrEqual(900);
    const ids = (r: { body: string }) => (JSON.parse(r.body) as { batch: Envelope[] }).batch.map((e) => e.id);
    expect(ids(second)).toEqual(ids(first));
    expect(st.delivered).toBe(1);
  });

  it.each([[500], [502], [429], [408]])('retries HTTP %i with exponential backoff until it succeeds', async (status) => {
    server = await startServer((_r, n, res) => { if (n <= 2) { res.writeHead(status); res.end(); } });
    const t = createTracker({ sink: httpSink({ url: server.url, retryBaseMs: 40, random: () => 0.999 }), logger: quietLogger() });
    t.track(SPEC.signup, {});
    const st = await t.flush(5000);
    const at = server.received.map((r) => r.at);
    expect(at).toHaveLength(3);
    expect(at[1]! - at[0]!).toBeGreaterThanOrEqual(35); // ~40 ms
    expect(at[2]! - at[1]!).toBeGreaterThanOrEqual(75); // ~80 ms: doubled
    expect(st.delivered).toBe(1);
  });

  it('retries network errors (the server drops the connection)', async () => {
    server = await startServer((_r, n, res) => { if (n === 1) res.socket?.destroy(); });
    const t = createTracker({ sink: httpSink({ url: server.url, retryBaseMs: 10 }), logger: quietLogger() });
    t.track(SPEC.signup, { x: 1 });
    const st = await t.flush(5000);
    expect(server.events()).toHaveLength(1);
    expect(st.delivered).toBe(1);
  });

  it.each([[400], [401], [403], [404], [422]])('does not retry HTTP %i: the batch is dropped and counted as rejected', async (status) => {
    server = await startServer((_r, _n, res) => { res.writeHead(status); res.end(); });
    const log = quietLogger();
    const t = createTracker({ sink: httpSink({ url: server.url, retryBaseMs: 5 }), logger: log });
    for (let i = 0; i < 3; i++) t.track(SPEC.signup, {});
    const st = await t.flush(2000);
    expect(server.received).toHaveLength(1);
    expect(st.dropped.rejected).toBe(3);
    expect(log.lines.some((l) => l.includes(`HTTP ${status}`))).toBe(true);
    expect(balanced(st)).toBe(true);
  });

  it('halves the batch on 413 until it fits, and drops (counted) a single event that never fits', async () => {
    server = await startServer((r, _n, res) => { if (Buffer.byteLength(r.body) > 10_000) { res.writeHead(413); res.end(); } });
    const t = createTracker({ sink: httpSink({ url: server.url }), logger: quietLogger() });
    for (let i = 0; i < 20; i++) t.track(SPEC.signup, { i, pad: 'q'.repeat(1000) });
    t.track(SPEC.signup, { huge: 'z'.repeat(20_000) });
    const st = await t.flush(5000);
    expect(server.events().map((e) => e.properties.i).sort((a, b) => Number(a) - Number(b))).toEqual([...Array(20).keys()]);
    expect(server.received.filter((r) => r.status === 413).length).toBeGreaterThan(0);
    expect(st.dropped.tooLarge).toBe(1);
    expect(st.delivered).toBe(20);
    expect(balanced(st)).toBe(true);
  });

  it('aborts a request the server never answers, retries, then counts the events as failed', async () => {
    server = await startServer(() => 'hang');
    const t = createTracker({ sink: httpSink({ url: server.url, requestTimeoutMs: 100, retries: 1, retryBaseMs: 10 }), logger: quietLogger() });
    t.track(SPEC.signup, {});
    const st = await t.flush(5000);
    expect(server.received).toHaveLength(2);
    expect(st.dropped.failed).toBe(1);
  });

  it('shutdown stops retrying and counts what was still pending', async () => {
    server = await startServer((_r, _n, res) => { res.writeHead(503); res.end(); });
    const t = createTracker({ sink: httpSink({ url: server.url, retryBaseMs: 10_000 }), logger: quietLogger() });
    t.track(SPEC.signup, {});
    const t0 = performance.now();
    const st = await t.shutdown(200);
    expect(performance.now() - t0).toBeLessThan(2000);
    expect(st.pending).toBe(0);
    expect(st.dropped.shutdown).toBe(1);
    expect(balanced(st)).toBe(true);
  });

  it('without a url it is left out, and a tracker with nothing else is a no-op that says so once', async () => {
    const log = quietLogger();
    const t = createTracker({ sink: httpSink({ url: '' }), logger: log });
    t.track(SPEC.signup, {});
    expect(t.active).toBe(false);
    expect(log.lines.filter((l) => l.includes('no-op'))).toHaveLength(1);
    expect(log.lines.some((l) => l.includes('httpSink has no url'))).toBe(true);
  });
});

describe('page hide: sendBeacon in ≤ 64 KB chunks, fetch keepalive as fallback', () => {
  const g = globalThis as Record<string, unknown>;
  function fakePage() {
    const target = new EventTarget();
    g.addEventListener = target.addEventListener.bind(target);
    g.removeEventListener = target.removeEventListener.bind(target);
    g.document = { visibilityState: 'visible' };
    return {
      hide: () => { (g.document as { visibilityState: string }).visibilityState = 'hidden'; target.dispatchEvent(new Event('visibilitychange')); target.dispatchEvent(new Event('pagehide')); },
      restore: () => { delete g.addEventListener; delete g.removeEventListener; delete g.document; },
    };
  }

  it('beacons what is waiting, each chunk at most 64 KB, with every event once', async () => {
    const page = fakePage();
    try {
      const beacons: { url: string; type: string; body: Promise<string> }[] = [];
      const t = createTracker({
        sink: httpSink({ url: 'http://127.0.0.1:9/never', batchSize: 1000, sendBeacon: (url, data) => { beacons.push({ url, type: (data as Blob).type, body: (data as Blob).text() }); return true; } }),
        logger: quietLogger(),
      });
      for (let i = 0; i < 300; i++) t.track(SPEC.signup, { i, pad: 'b'.repeat(1000) });
      await sleep(0);
      page.hide();
      const bodies = await Promise.all(beacons.map((b) => b.body));
      expect(beacons.length).toBeGreaterThanOrEqual(5);
      expect(beacons.every((b) => b.url === 'http://127.0.0.1:9/never' && b.type === 'application/json')).toBe(true);
      for (const b of bodies) expect(Buffer.byteLength(b)).toBeLessThanOrEqual(65_536);
      const got = bodies.flatMap((b) => (JSON.parse(b) as { batch: Envelope[] }).batch.map((e) => e.properties.i));
      expect(got.sort((a, b) => Number(a) - Number(b))).toEqual([...Array(300).keys()]);
      expect(t.stats()).toMatchObject({ delivered: 300, pending: 0 });
    } finally {
      page.restore();
    }
  });

  it('falls back to fetch keepalive when sendBeacon refuses, and the events reach the server', async () => {
    server = await startServer();
    const page = fakePage();
    try {
      const t = createTracker({ sink: httpSink({ url: server.url, sendBeacon: () => false }), logger: quietLogger() });
      for (let i = 0; i < 5; i++) t.track(SPEC.signup, { i });
      await sleep(0);
      page.hide();
      // The server has the events before the keepalive response reaches the tracker (which
      // counts them delivered then): wait for both, bounded.
      const srv = server;
      await vi.waitFor(() => { expect(srv.events()).toHaveLength(5); expect(t.stats().delivered).toBe(5); }, { timeout: 4000, interval: 20 });
      expect(server.events().map((e) => e.properties.i)).toEqual([0, 1, 2, 3, 4]);
    } finally {
      page.restore();
    }
  });
  it('sends critical events first, and counts what neither the beacon nor keepalive took as unload', async () => {
    const page = fakePage();
    try {
      const beaconed: Envelope[] = [];
      let quota = 1;
      const t = createTracker({
        sink: httpSink({
          url: 'http://127.0.0.1:9/never', batchSize: 1000, maxBeaconBytes: 4000,
          sendBeacon: (_u, d) => { if (quota-- <= 0) return false; void (d as Blob).text().then((b) => beaconed.push(...(JSON.parse(b) as { batch: Envelope[] }).batch)); return true; },
          fetch: () => Promise.reject(new TypeError('keepalive quota exceeded')),
        }),
        logger: quietLogger(),
      });
      for (let i = 0; i < 30; i++) t.track(SPEC.signup, { i, pad: 'c'.repeat(300) });
      t.track(SPEC.csat, { score: 5 });
      await sleep(0);
      page.hide();
      await sleep(20);
      const st = t.stats();
      expect(beaconed[0]!.event).toBe('csat_submitted');
      expect(st.delivered).toBe(beaconed.length);
      expect(st.dropped.unload).toBe(31 - beaconed.length);
      expect(st.pending).toBe(0);
      expect(balanced(st)).toBe(true);
    } finally {
      page.restore();
    }
  });
});

describe('backoff and Retry-After', () => {
  it.each([
    [0, 0, 250], [0, 0.999, 500], [1, 0, 500], [3, 0.5, 3000], [10, 0, 15_000], [10, 0.999, 30_000],
  ])('attempt %i with random %d waits ~%i ms (base 500, max 30 000)', (attempt, r, expected) => {
    expect(Math.abs(backoffMs(attempt, 500, 30_000, () => r) - expected)).toBeLessThanOrEqual(expected * 0.001 + 1);
  });

  it.each([
    ['3', 3000], [' 0 ', 0], ['Wed, 21 Oct 2015 07:28:05 GMT', 5000], ['garbage', undefined], [null, undefined],
  ] as const)('Retry-After %s → %s ms', (value, expected) => {
    expect(retryAfterMs(value, Date.parse('Wed, 21 Oct 2015 07:28:00 GMT'))).toBe(expected);
  });
});
