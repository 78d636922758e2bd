// Issue 18, the tracker's part of several live versions: an app still on an older shape sends
// that version through the generated tracker (TypeScript `orderCompletedV1`, Python
// `order_completed_v1`, Go `OrderCompletedV1`), over HTTP to a real collector (SQLite), which
// accepts it by the version on the wire and stores it with that version; the newest method's
// event lands in the newest version. Each version's view holds its own rows.
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import typescriptGenerator from '@taxonomy/gen-typescript';
import { createCollector, ensureViews, loadContract, SqliteStore, sqliteReader, type Collector, type SqlReader } from '@taxonomy/collector';
import { cleanup, generate, repo, tmp } from './helpers.js';
import { olderVersionsModel, writeOlderVersionsTaxonomy } from '../../../generators/typescript/test/older-versions-model.js';

/** Runs a program without blocking the event loop (the collector answers on it). */
function run(cmd: string, args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const p = spawn(cmd, args, { ...options, timeout: 180_000 });
    let stdout = '', stderr = '';
    p.stdout.on('data', (d) => { stdout += d; });
    p.stderr.on('data', (d) => { stderr += d; });
    p.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

const goEnv = { ...process.env, GOFLAGS: '-mod=mod', GOPROXY: 'off', GOSUMDB: 'off', GOTOOLCHAIN: 'local', CGO_ENABLED: '0' };
let root: string;
let tsDir: string;
let collector: Collector;
let store: SqliteStore;
let reader: SqlReader;
let url: string;

beforeAll(async () => {
  root = tmp('collector-versions-trackers-');
  writeOlderVersionsTaxonomy(root);
  await generate(root, 'validators,sql,python,go');
  const contract = await loadContract({ validators: join(root, 'packages/validators'), sql: join(root, 'packages/sql') });
  store = new SqliteStore(contract.sql, { path: join(root, 'events.sqlite') });
  await store.init();
  reader = sqliteReader(() => store.db, 'test');
  collector = await createCollector({ contract, store, log: () => undefined });
  url = `${await collector.listen(0, '127.0.0.1')}/v1/batch`;
  // The TypeScript tracker inside the repository, so that it resolves @taxonomy/runtime.
  tsDir = mkdtempSync(join(repo, 'packages/collector/.tmp-versions-'));
  for (const f of [...await typescriptGenerator.generate(olderVersionsModel(), {}), { path: 'package.json', contents: '{"type":"module"}' }]) {
    mkdirSync(dirname(join(tsDir, f.path)), { recursive: true });
    writeFileSync(join(tsDir, f.path), f.contents);
  }
}, 120_000);
afterAll(async () => {
  await collector?.close();
  await store?.close();
  if (tsDir) rmSync(tsDir, { recursive: true, force: true });
  cleanup();
});

const stored = async (session: string) => (await reader.all(`SELECT "event_name", "event_version", "properties" FROM "events" ORDER BY "event_version"`))
  .map((r) => ({ name: r.event_name, version: Number(r.event_version), properties: JSON.parse(String(r.properties)) as Record<string, unknown> }))
  .filter((r) => r.properties.sessionId === session);

describe('each tracker sends an older live version to the collector, which stores it with that version', () => {
  it('TypeScript: tracker.shop.orderCompletedV1 and tracker.shop.orderCompleted over httpSink', async () => {
    const { createTracker } = await import(pathToFileURL(join(tsDir, 'index.js')).href);
    const { httpSink } = await import('@taxonomy/runtime');
    const tracker = createTracker({ sink: httpSink({ url }), globals: { sessionId: 'ts' } });
    tracker.shop.orderCompletedV1({ orderId: 7, totalCents: 1250 });
    tracker.shop.orderCompleted({ orderId: 'o-8', total: { amount: 12.5, currency: 'EUR' } });
    const stats = await tracker.shutdown(10_000);
    expect(stats).toMatchObject({ delivered: 2 });
    expect(await stored('ts')).toEqual([
      { name: 'order_completed', version: 1, properties: { sessionId: 'ts', orderId: 7, totalCents: 1250 } },
      { name: 'order_completed', version: 2, properties: { sessionId: 'ts', orderId: 'o-8', total: { amount: 12.5, currency: 'EUR' } } },
    ]);
  });

  it('Python: tracker.shop.order_completed_v1 and order_completed over HttpSink', async () => {
    const script = `import sys
sys.path.insert(0, ${JSON.stringify(join(root, 'packages/tracker-python'))})
from shopfront_tracker import HttpSink, Tracker
t = Tracker(HttpSink(sys.argv[1]), globals={"sessionId": "py"}, drain_at_exit=False)
t.shop.order_completed_v1(orderId=7, totalCents=1250)
t.shop.order_completed(orderId="o-8", total={"amount": 12.5, "currency": "EUR"})
s = t.shutdown(10.0)
print(s.delivered)
`;
    writeFileSync(join(root, 'send.py'), script);
    const r = await run('python3', [join(root, 'send.py'), url]);
    expect(r.stderr).toBe('');
    expect(r.stdout.trim()).toBe('2');
    expect(await stored('py')).toEqual([
      { name: 'order_completed', version: 1, properties: { sessionId: 'py', orderId: 7, totalCents: 1250 } },
      { name: 'order_completed', version: 2, properties: { sessionId: 'py', orderId: 'o-8', total: { amount: 12.5, currency: 'EUR' } } },
    ]);
  });

  it('Go: tracker.OrderCompletedV1 and tracker.OrderCompleted over HTTPSink', async () => {
    const mod = join(root, 'packages/tracker-go');
    mkdirSync(join(mod, 'cmd/send'), { recursive: true });
    writeFileSync(join(mod, 'cmd/send/main.go'), `package main

import (
	"context"
	"fmt"
	"os"

	"shopfront/tracker"
)

func main() {
	c := tracker.NewClient(tracker.Options{Sinks: []tracker.Sink{&tracker.HTTPSink{URL: os.Args[1]}},
		Globals: func() map[string]interface{} { return map[string]interface{}{"sessionId": "go"} }})
	c.Track(tracker.OrderCompletedV1{OrderId: 7, TotalCents: 1250})
	c.Track(tracker.OrderCompleted{OrderId: "o-8", Total: tracker.OrderCompletedTotal{Amount: 12.5, Currency: "EUR"}})
	fmt.Println(c.Close(context.Background()).Delivered)
}
`);
    const out = await run('go', ['run', './cmd/send', url], { cwd: mod, env: goEnv });
    expect(out.code, out.stderr).toBe(0);
    expect(out.stdout.trim()).toBe('2');
    expect(await stored('go')).toEqual([
      { name: 'order_completed', version: 1, properties: { sessionId: 'go', orderId: 7, totalCents: 1250 } },
      { name: 'order_completed', version: 2, properties: { sessionId: 'go', orderId: 'o-8', total: { amount: 12.5, currency: 'EUR' } } },
    ]);
  }, 240_000);

  it('the view of each version holds the rows each tracker sent with it', async () => {
    expect((await ensureViews(reader, (await loadContract({ validators: join(root, 'packages/validators'), sql: join(root, 'packages/sql') })).sql)).status).toBe('created');
    const v1 = await reader.all(`SELECT "sessionId", "orderId", "totalCents" FROM "ev_order_completed__v1" ORDER BY "sessionId"`);
    expect(v1.map((r) => [r.sessionId, Number(r.orderId), Number(r.totalCents)])).toEqual([['go', 7, 1250], ['py', 7, 1250], ['ts', 7, 1250]]);
    const v2 = await reader.all(`SELECT "sessionId", "orderId" FROM "ev_order_completed__v2" ORDER BY "sessionId"`);
    expect(v2.map((r) => [r.sessionId, r.orderId])).toEqual([['go', 'o-8'], ['py', 'o-8'], ['ts', 'o-8']]);
  });
});
