import { spawn } from 'node:child_process';
import { request } from 'node:http';
import { connect, type Socket } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTracker, httpSink } from '@taxonomy/runtime';
import { createCollector, SqliteStore, type Collector, type Contract, type WriteBatch, type WriteResult } from '@taxonomy/collector';
import { cleanup, draftCreated, post, repo, seedContract, tmp } from './helpers.js';

/** The real SQLite store, whose writes wait at a gate the test opens: a slow disk, on demand. */
class GatedStore extends SqliteStore {
  private waiting: (() => void)[] = [];
  closed = true;
  open(): void {
    this.closed = false;
    for (const r of this.waiting.splice(0)) r();
  }
  shut(): void { this.closed = true; }
  override async write(batches: readonly WriteBatch[]): Promise<WriteResult[]> {
    if (this.closed) await new Promise<void>((r) => this.waiting.push(r));
    return super.write(batches);
  }
}

let contract: Contract;
beforeAll(async () => { contract = await seedContract(); });
afterAll(() => cleanup());

// Recent events: `taxonomy serve` on the seed taxonomy runs its 180-day retention after writes
// (retention.probability), which would rightly delete events of a fixed date long past.
const RECENT = new Date(Date.now() - 86_400_000).toISOString();
const events = (prefix: string, n: number) => ({ batch: Array.from({ length: n }, (_, i) => draftCreated({ id: `${prefix}-${i}`, timestamp: RECENT })) });
const count = (s: SqliteStore) => (s.db.prepare('SELECT count(*) AS n FROM events').get() as { n: number }).n;
const tick = () => new Promise((r) => setTimeout(r, 50));
/** Waits until a condition holds (the machine may be slow: no fixed sleeps for ordering). */
async function until(ok: () => boolean, ms = 10_000) {
  const t0 = Date.now();
  while (!ok()) {
    if (Date.now() - t0 > ms) throw new Error('condition not reached in time');
    await new Promise((r) => setTimeout(r, 5));
  }
}
const metric = async (url: string, re: RegExp) => Number(re.exec(await (await fetch(`${url}/metrics`)).text())?.[1]);

async function gated(over: Partial<Parameters<typeof createCollector>[0]> = {}) {
  const store = new GatedStore(contract.sql, { path: join(tmp(), 'events.sqlite') });
  const c = await createCollector({ contract, store, log: () => undefined, ...over });
  return { store, c, url: await c.listen(0) };
}

describe('bounded queue: overload is refused (503 + Retry-After), never accepted and lost', () => {
  it('a request that does not fit the queue gets 503 queue_full; once written, the retry is stored', async () => {
    const { store, c, url } = await gated({ queueCapacity: 100, maxBatchEvents: 100 });
    try {
      const a = post(url, events('a', 60));
      await until(() => c.queue.size === 60);
      const b = await post(url, events('b', 60));
      expect(b.status).toBe(503);
      expect(b.retryAfter).toBe('1');
      expect(b.body.error).toMatchObject({ code: 'queue_full', message: expect.stringContaining('60 events are waiting') });
      expect(await metric(url, /^collector_queue_depth (\d+)$/m)).toBe(60);
      expect(await metric(url, /^collector_events_dropped_total\{reason="queue_full"\} (\d+)$/m)).toBe(60);
      store.open();
      expect((await a).body.stored).toBe(60);
      expect((await post(url, events('b', 60))).body.stored).toBe(60);
      expect(count(store)).toBe(120);
    } finally {
      store.open();
      await c.close();
    }
  });

  it('more requests in flight than allowed get 429 with Retry-After before their body is read', async () => {
    const { store, c, url } = await gated({ maxInflightRequests: 2 });
    try {
      const held = [post(url, events('h1', 1)), post(url, events('h2', 1))];
      await until(() => c.queue.size === 2);
      const r = await post(url, events('h3', 1));
      expect(r.status).toBe(429);
      expect(r.retryAfter).toBe('1');
      expect(r.body.error.code).toBe('too_many_requests');
      store.open();
      expect((await Promise.all(held)).map((x) => x.status)).toEqual([200, 200]);
    } finally {
      store.open();
      await c.close();
    }
  });

  it('requests that wait together are written in one transaction (group commit)', async () => {
    const { store, c, url } = await gated();
    try {
      const first = post(url, events('g0', 5));
      await until(() => c.queue.size === 5);
      const rest = [1, 2, 3, 4].map((i) => post(url, events(`g${i}`, 5)));
      await until(() => c.queue.size === 25);
      store.open();
      await Promise.all([first, ...rest]);
      // One transaction for the first request, one for the four that queued behind it.
      expect(await metric(url, /^collector_write_duration_seconds_count (\d+)$/m)).toBe(2);
      expect(count(store)).toBe(25);
    } finally {
      await c.close();
    }
  });

  it('a tracker (httpSink) behind a tiny queue gets every event through, by honouring the 503s', async () => {
    const { store, c, url } = await gated({ queueCapacity: 10, maxBatchEvents: 10 });
    store.open();
    try {
      // Slow writes: the gate closes after each transaction and reopens 20 ms later.
      const write = store.write.bind(store);
      store.write = async (b) => { const r = await write(b); store.shut(); setTimeout(() => store.open(), 20); return r; };
      const trackers = [0, 1, 2].map(() => createTracker({ sink: httpSink({ url: `${url}/v1/batch`, batchSize: 10, flushIntervalMs: 5, retries: 50, retryBaseMs: 10, retryMaxMs: 50, maxRetryAfterMs: 50 }), environment: 'production' }));
      trackers.forEach((t, k) => { for (let i = 0; i < 100; i++) t.track('workbench.draft_created', { sessionId: `tiny-${k}`, timestamp: '2026-01-15T10:00:00.000Z', source: 'blank' }); });
      const stats = await Promise.all(trackers.map((t) => t.shutdown(30_000)));
      for (const s of stats) expect(s).toMatchObject({ delivered: 100, droppedTotal: 0 });
      expect(count(store)).toBe(300);
      expect(await metric(url, /^collector_events_dropped_total\{reason="queue_full"\} (\d+)$/m)).toBeGreaterThan(0);
    } finally {
      store.open();
      await c.close();
    }
  });
});

describe('the 413 contract with httpSink', () => {
  it('a batch over maxBatchEvents gets 413, and httpSink halves it until it fits: every event arrives', async () => {
    const { store, c, url } = await gated({ maxBatchEvents: 5 });
    store.open();
    try {
      const t = createTracker({ sink: httpSink({ url: `${url}/v1/batch`, batchSize: 40, flushIntervalMs: 5 }), environment: 'production' });
      for (let i = 0; i < 40; i++) t.track('workbench.draft_created', { sessionId: 'halves', timestamp: '2026-01-15T10:00:00.000Z', source: 'chat' });
      expect(await t.shutdown(20_000)).toMatchObject({ delivered: 40, droppedTotal: 0 });
      expect(count(store)).toBe(40);
      expect(await metric(url, /^collector_requests_total\{route="batch",status="413"\} (\d+)$/m)).toBeGreaterThan(0);
    } finally {
      await c.close();
    }
  });
});

describe('graceful drain', () => {
  it('close() answers the requests in flight, refuses new ones, writes the queue, then closes the store', async () => {
    const { store, c, url } = await gated();
    const inflight = [post(url, events('d1', 10)), post(url, events('d2', 10))];
    await until(() => c.queue.size === 20);
    const closing = c.close();
    await tick();
    const late = await post(url, events('late', 1)).catch((e: Error) => ({ status: 0, error: e.message }));
    expect([0, 503]).toContain(late.status); // refused: shutting_down, or the port is already closed
    store.open();
    expect((await Promise.all(inflight)).map((r) => r.body.stored)).toEqual([10, 10]);
    await closing;
    expect(store.db.open).toBe(false);
    const reopened = new SqliteStore(contract.sql, { path: store.db.name });
    await reopened.init();
    expect(await reopened.count('events')).toBe(20);
    await reopened.close();
  });

  it('`taxonomy serve` drains on SIGTERM: every acknowledged event is stored, and it exits 0', async () => {
    const db = join(tmp(), 'serve.sqlite');
    const child = spawn(process.execPath, [join(repo, 'packages/cli/dist/bin.js'), 'serve', '--port', '0', '--db', db], { cwd: repo, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '', err = '';
    child.stdout.on('data', (d) => { out += d; });
    child.stderr.on('data', (d) => { err += d; });
    const exited = new Promise<number | null>((r) => child.once('exit', r));
    const url = await new Promise<string>((resolve, reject) => {
      // Until the banner's last line: a pipe may deliver its first line alone (this test once
      // checked the storage line before it had arrived).
      const t = setInterval(() => { const m = /listening on (http:\/\/\S+)[\s\S]*write keys:.*\n/.exec(out); if (m) { clearInterval(t); resolve(m[1]!); } }, 50);
      void exited.then((code) => { clearInterval(t); reject(new Error(`serve exited ${code}: ${err}`)); });
    });
    expect(out).toMatch(/storage: +SQLite .*serve\.sqlite \(WAL, synchronous=full\)/);
    const acked: string[] = [];
    const load = Array.from({ length: 40 }, (_, i) => post(url, events(`sig${i}`, 25)).then((r) => { if (r.status === 200) acked.push(...events(`sig${i}`, 25).batch.map((e) => e.id)); }, () => undefined));
    await new Promise((r) => setTimeout(r, 30));
    child.kill('SIGTERM');
    await Promise.all(load);
    expect(await exited).toBe(0);
    expect(err).toMatch(/SIGTERM: draining[\s\S]*drained, stopped/);
    const s = new SqliteStore(contract.sql, { path: db });
    await s.init();
    const stored = new Set((s.db.prepare('SELECT event_id FROM events').all() as { event_id: string }[]).map((r) => r.event_id));
    await s.close();
    expect(acked.length).toBeGreaterThan(0);
    for (const id of acked) expect(stored.has(id)).toBe(true);
  });
});

describe('issue 17: 256 slow-body connections', () => {
  /** Opens a connection from `from` that sends its headers and half its body, then stalls. */
  function slowBody(url: string, from: string): Promise<Socket> {
    const u = new URL(url);
    return new Promise((resolve, reject) => {
      const s = connect({ host: u.hostname, port: Number(u.port), localAddress: from }, () => {
        s.write(`POST /v1/batch HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{"batch":[`);
        resolve(s);
      });
      s.on('error', reject);
    });
  }

  it('256 slow-body connections from one address (127.0.0.2) cannot take every slot: 127.0.0.3 is still served', async () => {
    const store = new SqliteStore(contract.sql, { path: join(tmp(), 'events.sqlite') });
    const c = await createCollector({ contract, store, log: () => undefined, requestTimeoutMs: 60_000 });
    const url = await c.listen(0, '127.0.0.1');
    const sockets: Socket[] = [];
    try {
      for (let i = 0; i < 256; i++) sockets.push(await slowBody(url, '127.0.0.2'));
      // Every slot the address may hold is taken (the others got 429 and were closed).
      const answer = await fromAddress(url, '127.0.0.3', JSON.stringify(events('other', 3)));
      expect(answer.status).toBe(200);
      expect(JSON.parse(answer.body).stored).toBe(3);
      // The slow address itself is told why, with Retry-After.
      const own = await fromAddress(url, '127.0.0.2', JSON.stringify(events('slow', 1)));
      expect(own.status).toBe(429);
      expect(JSON.parse(own.body).error.code).toBe('too_many_requests_from_client');
      expect(own.headers['retry-after']).toBe('1');
    } finally {
      for (const s of sockets) s.destroy();
      await c.close();
    }
  });
});

/** A POST from a given local address (loopback). */
function fromAddress(url: string, from: string, body: string): Promise<{ status: number; body: string; headers: Record<string, unknown> }> {
  const u = new URL(url);
  return new Promise((resolve, reject) => {
    const req = request({ host: u.hostname, port: u.port, path: '/v1/batch', method: 'POST', localAddress: from, headers: { 'content-type': 'application/json', connection: 'close' } }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (d: string) => { text += d; });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text, headers: res.headers }));
    });
    req.on('error', reject);
    req.setTimeout(10_000, () => req.destroy(new Error('no answer in 10 s')));
    req.end(body);
  });
}
