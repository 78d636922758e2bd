// Names as teams write them, end to end (issue 18, "a Segment plan with Title Case names
// generates a tracker that sends those exact names"): a Segment plan whose events are
// 'Order Completed', 'Product Viewed' and 'Checkout Step 2 Viewed' is imported with
// `taxonomy import segment` into a taxonomy made by `taxonomy init`, everything is generated,
// and the GENERATED TypeScript, Python and Go trackers send those events to `taxonomy serve`:
// the wire carries exactly 'Order Completed', the collector stores it (nothing quarantined),
// the generated validators accept it, and its SQL view holds one row per language. A name
// that differs only in spelling (order_completed) is an unknown event: quarantined.
import { execFile, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bin, recording, recordingFetch, repo, serve } from './loop.js';

const rule = (key: string, props: Record<string, unknown>, required: string[] = []) => ({
  key, type: 'TRACK', version: 1,
  jsonSchema: { $schema: 'http://json-schema.org/draft-07/schema#', type: 'object', properties: { context: {}, traits: {}, properties: { type: 'object', properties: props, required } } },
});
const PLAN = {
  rules: [
    rule('Order Completed', { order_id: { type: 'string' }, total: { type: 'number', minimum: 0 } }, ['order_id', 'total']),
    rule('Product Viewed', { product_id: { type: 'string' } }, ['product_id']),
    rule('Checkout Step 2 Viewed', {}),
  ],
};

const PY_APP = `
import sys
from shopco_tracker import HttpSink, Tracker
t = Tracker(HttpSink(sys.argv[1], batch_size=10, flush_interval=0.005), drain_at_exit=False)
t.shop.order_completed(order_id="py-1", total=20.5)
t.shop.product_viewed(product_id="p-py")
t.shop.checkout_step_2_viewed()
st = t.shutdown(30)
print(st.delivered, st.enqueued)
`;

const GO_APP = `package main

import (
	"context"
	"fmt"
	"os"
	"time"

	tracker "shopco/tracker"
)

func main() {
	c := tracker.NewClient(tracker.Options{Sinks: []tracker.Sink{&tracker.HTTPSink{URL: os.Args[1]}}, BatchSize: 10, FlushInterval: 5 * time.Millisecond})
	c.Track(tracker.OrderCompleted{OrderId: "go-1", Total: 30.25})
	c.Track(tracker.ProductViewed{ProductId: "p-go"})
	c.Track(tracker.CheckoutStep2Viewed{})
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	s := c.Close(ctx)
	fmt.Println(s.Delivered, s.Enqueued)
}
`;

let root = '';
const cli = (args: string[]) => spawnSync(process.execPath, [bin, ...args], { cwd: root, encoding: 'utf8', timeout: 120_000 });

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'taxonomy-title-case-'));
  const init = cli(['init', '.', '--yes', '--name', 'shopco', '--vendor', 'com.shopco']);
  if (init.status !== 0) throw new Error(`taxonomy init failed (${init.status}):\n${init.stdout}\n${init.stderr}`);
  symlinkSync(join(repo, 'node_modules'), join(root, 'node_modules'), 'dir');
  writeFileSync(join(root, 'plan.json'), JSON.stringify(PLAN, null, 2));
}, 120_000);
afterAll(() => { if (root) rmSync(root, { recursive: true, force: true }); });

describe('a Segment plan with Title Case names → a tracker that sends those exact names', () => {
  it('imports the names as written (naming: title, no x-segment-key) and generates every artifact', () => {
    const imp = cli(['import', 'segment', 'plan.json', '--out', 'taxonomy/domains/shop.yaml', '--domain', 'shop']);
    expect(imp.status, imp.stdout + imp.stderr).toBe(0);
    const yaml = readFileSync(join(root, 'taxonomy/domains/shop.yaml'), 'utf8');
    expect(yaml).toMatch(/^naming: title$/m);
    expect(yaml).toMatch(/^ {2}Order Completed:$/m);
    expect(yaml).not.toContain('x-segment-key');
    const gen = cli(['generate']);
    expect(gen.status, gen.stdout + gen.stderr).toBe(0);
    // Identifiers and file names are derived from the words; the wire name stays a string.
    for (const f of ['packages/schemas/schemas/Order-Completed.v1.json', 'dbt/models/staging/stg_order_completed.sql', 'docs/catalog/events/order-completed.md', 'docs/catalog/events/checkout-step-2-viewed.md']) {
      expect(existsSync(join(root, f)), f).toBe(true);
    }
    expect(readFileSync(join(root, 'packages/tracker/types.d.ts'), 'utf8')).toContain('orderCompleted(properties: Input<OrderCompletedProperties');
    expect(readFileSync(join(root, 'packages/tracker-python/shopco_tracker/_specs.py'), 'utf8')).toContain('EventSpec(event="Order Completed"');
    expect(readFileSync(join(root, 'packages/tracker-go/events.go'), 'utf8')).toContain('EventSpec{Event: "Order Completed"');
    expect(cli(['generate', '--check']).status).toBe(0);
  }, 180_000);

  it('the TypeScript, Python and Go trackers send exactly "Order Completed"; the collector stores it and the validators accept it', async () => {
    const db = join(root, 'events.sqlite');
    const s = await serve(root, ['--port', '0', '--db', db]);
    try {
      const url = `${s.url}/v1/batch`;
      // TypeScript: the generated tracker, through a fetch that records what was acknowledged.
      const { createTracker } = await import(pathToFileURL(join(root, 'packages/tracker/index.js')).href);
      const { httpSink } = await import('@taxonomy/runtime');
      const rec = recording();
      const tracker = createTracker({ sink: httpSink({ url, batchSize: 10, flushIntervalMs: 5, fetch: recordingFetch(rec) }) });
      tracker.shop.orderCompleted({ order_id: 'ts-1', total: 10 });
      tracker.shop.productViewed({ product_id: 'p-ts' });
      tracker.shop.checkoutStep2Viewed();
      const stats = await tracker.shutdown(30_000);
      expect(stats.delivered).toBe(3);
      expect(rec.acked.map((e) => e.event).sort()).toEqual(['Checkout Step 2 Viewed', 'Order Completed', 'Product Viewed']);

      // Python: the generated package on PYTHONPATH.
      const py = spawnSync('python3', ['-c', PY_APP, url], { encoding: 'utf8', timeout: 60_000, env: { ...process.env, PYTHONPATH: join(root, 'packages/tracker-python') } });
      expect(py.status, py.stderr).toBe(0);
      expect(py.stdout.trim()).toBe('3 3');

      // Go: a module that requires the generated one (standard library only, no proxy).
      const goDir = join(root, 'go-app');
      mkdirSync(goDir);
      writeFileSync(join(goDir, 'go.mod'), 'module goapp\n\ngo 1.19\n\nrequire shopco/tracker v0.0.0\n\nreplace shopco/tracker => ../packages/tracker-go\n');
      writeFileSync(join(goDir, 'main.go'), GO_APP);
      const goEnv = { ...process.env, GOFLAGS: '-mod=mod', GOPROXY: 'off', GOSUMDB: 'off', CGO_ENABLED: '0' };
      const build = spawnSync('go', ['build', '-o', join(goDir, 'app'), '.'], { cwd: goDir, encoding: 'utf8', timeout: 180_000, env: goEnv });
      expect(build.status, `go build failed (bash scripts/setup-go.sh installs Go):\n${build.stderr}`).toBe(0);
      const goOut = await new Promise<string>((ok, fail) => execFile(join(goDir, 'app'), [url], { timeout: 60_000 }, (err, out, errOut) => (err ? fail(new Error(`${err.message}\n${errOut}`)) : ok(out))));
      expect(goOut.trim()).toBe('3 3');

      // A spelling that folds to the same words is another name: an unknown event, quarantined.
      const res = await fetch(`${s.url}/v1/track`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ event: 'order_completed', version: 1, id: '00000000-0000-4000-8000-000000000001', timestamp: new Date().toISOString(), properties: { order_id: 'x', total: 1 } }) });
      expect(res.status).toBeLessThan(500);

      const v = new Database(db, { readonly: true });
      try {
        const rows = v.prepare('SELECT event_name, properties FROM events ORDER BY event_name, properties').all() as { event_name: string; properties: string }[];
        const orders = rows.filter((r) => r.event_name === 'Order Completed').map((r) => JSON.parse(r.properties).order_id).sort();
        expect(orders).toEqual(['go-1', 'py-1', 'ts-1']);
        expect(rows.map((r) => r.event_name).sort()).toEqual([...Array(3).fill('Checkout Step 2 Viewed'), ...Array(3).fill('Order Completed'), ...Array(3).fill('Product Viewed')]);
        const quarantined = v.prepare('SELECT event_name FROM events_quarantine').all() as { event_name: string }[];
        expect(quarantined.map((q) => q.event_name)).toEqual(['order_completed']);
        // The view derived from the name: one row per language.
        const view = v.prepare('SELECT order_id, total FROM ev_order_completed ORDER BY order_id').all();
        expect(view).toEqual([{ order_id: 'go-1', total: 30.25 }, { order_id: 'py-1', total: 20.5 }, { order_id: 'ts-1', total: 10 }]);
      } finally {
        v.close();
      }
      const { validateEvent } = await import(pathToFileURL(join(root, 'packages/validators/index.js')).href);
      const env = { event: 'Order Completed', version: 1, id: '00000000-0000-4000-8000-000000000002', timestamp: new Date().toISOString(), properties: { order_id: 'v', total: 2 } };
      expect(validateEvent('Order Completed', env).ok).toBe(true);
      expect(validateEvent('order_completed', { ...env, event: 'order_completed' }).ok).toBe(false);
    } finally {
      s.child.kill('SIGTERM');
      await s.exited;
    }
  }, 300_000);
});
