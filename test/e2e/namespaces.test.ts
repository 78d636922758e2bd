// Namespaces end to end (issue 18 item 2): two vendors' add_to_cart in one taxonomy
// (io.snowplow.ecomm and com.acme-shop), each with its own payload. Generated from a
// `taxonomy init` repository; the GENERATED TypeScript, Python and Go trackers send both to
// `taxonomy serve`: each is stored under its identity (namespace/name, the wire name), the
// validators hold each to its own schema (Snowplow's payload under Acme's identity is refused),
// and each has its own SQL view, schema file, tracker method and docs page.
import { execFile, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bin, recording, recordingFetch, repo, serve } from './loop.js';

const SNOWPLOW = `domain: snowplow
namespace: io.snowplow.ecomm
owner: web
events:
  add_to_cart:
    description: An item was added to the cart (Snowplow's ecommerce schema).
    trigger: The cart accepts the item.
    category: activation
    properties:
      sku: { type: string, required: true, description: The item's SKU., privacy: internal }
      quantity: { type: integer, minimum: 1, required: true, description: Units added., privacy: internal }
`;
const ACME = `domain: acme
namespace: com.acme-shop
owner: web
events:
  add_to_cart:
    description: An item was added to the cart (Acme's own event).
    trigger: The add button is clicked.
    category: activation
    properties:
      productId: { type: string, required: true, description: The product., privacy: internal }
`;

const PY_APP = `
import sys
from nsco_tracker import HttpSink, Tracker
t = Tracker(HttpSink(sys.argv[1], batch_size=10, flush_interval=0.005), drain_at_exit=False)
t.snowplow.add_to_cart(sku="py-sku", quantity=2)
t.acme.add_to_cart(productId="py-product")
st = t.shutdown(30)
print(st.delivered, st.enqueued)
`;

const GO_APP = `package main

import (
	"context"
	"fmt"
	"os"
	"time"

	tracker "nsco/tracker"
)

func main() {
	c := tracker.NewClient(tracker.Options{Sinks: []tracker.Sink{&tracker.HTTPSink{URL: os.Args[1]}}, BatchSize: 10, FlushInterval: 5 * time.Millisecond})
	c.Track(tracker.IoSnowplowEcommAddToCart{Sku: "go-sku", Quantity: 3})
	c.Track(tracker.ComAcmeShopAddToCart{ProductId: "go-product"})
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	s := c.Close(ctx)
	fmt.Println(s.Delivered, s.Enqueued)
}
`;

let root = '';
const cli = (args: string[]) => spawnSync(process.execPath, [bin, ...args], { cwd: root, encoding: 'utf8', timeout: 120_000 });

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'taxonomy-namespaces-'));
  const init = cli(['init', '.', '--yes', '--name', 'nsco', '--vendor', 'com.nsco']);
  if (init.status !== 0) throw new Error(`taxonomy init failed (${init.status}):\n${init.stdout}\n${init.stderr}`);
  symlinkSync(join(repo, 'node_modules'), join(root, 'node_modules'), 'dir');
  writeFileSync(join(root, 'taxonomy/domains/snowplow.yaml'), SNOWPLOW);
  writeFileSync(join(root, 'taxonomy/domains/acme.yaml'), ACME);
}, 120_000);
afterAll(() => { if (root) rmSync(root, { recursive: true, force: true }); });

const SP = 'io.snowplow.ecomm/add_to_cart';
const AC = 'com.acme-shop/add_to_cart';

describe("namespaces: two vendors' add_to_cart coexist, end to end", () => {
  it('checks clean and generates an artifact per identity', () => {
    const check = cli(['check']);
    expect(check.status, check.stdout + check.stderr).toBe(0);
    const gen = cli(['generate']);
    expect(gen.status, gen.stdout + gen.stderr).toBe(0);
    for (const f of ['packages/schemas/schemas/io.snowplow.ecomm/add_to_cart.v1.json', 'packages/schemas/schemas/com.acme-shop/add_to_cart.v1.json',
      'dbt/models/staging/stg_io__snowplow__ecomm__add_to_cart.sql', 'dbt/models/staging/stg_com__acme_shop__add_to_cart.sql',
      'docs/catalog/events/io.snowplow.ecomm-add_to_cart.md', 'docs/catalog/events/com.acme-shop-add_to_cart.md']) {
      expect(existsSync(join(root, f)), f).toBe(true);
    }
    const types = readFileSync(join(root, 'packages/tracker/types.d.ts'), 'utf8');
    expect(types).toContain('addToCart(properties: Input<IoSnowplowEcommAddToCartProperties');
    expect(types).toContain('addToCart(properties: Input<ComAcmeShopAddToCartProperties');
    expect(JSON.parse(readFileSync(join(root, 'packages/schemas/schemas/io.snowplow.ecomm/add_to_cart.v1.json'), 'utf8')).$id).toBe('urn:nsco:event:io.snowplow.ecomm%2Fadd_to_cart:v1');
    expect(cli(['generate', '--check']).status).toBe(0);
  }, 180_000);

  it('TypeScript, Python and Go send each under its identity; the collector keeps them apart; validators hold each to its schema', async () => {
    const db = join(root, 'events.sqlite');
    const s = await serve(root, ['--port', '0', '--db', db]);
    try {
      const url = `${s.url}/v1/batch`;
      const { createTracker } = await import(pathToFileURL(join(root, 'packages/tracker/index.js')).href);
      const { httpSink } = await import('@taxonomy/runtime');
      const rec = recording();
      const tracker = createTracker({ sink: httpSink({ url, batchSize: 10, flushIntervalMs: 5, fetch: recordingFetch(rec) }) });
      tracker.snowplow.addToCart({ sku: 'ts-sku', quantity: 1 });
      tracker.acme.addToCart({ productId: 'ts-product' });
      expect((await tracker.shutdown(30_000)).delivered).toBe(2);
      expect(rec.acked.map((e) => e.event).sort()).toEqual([AC, SP]);

      const py = spawnSync('python3', ['-c', PY_APP, url], { encoding: 'utf8', timeout: 60_000, env: { ...process.env, PYTHONPATH: join(root, 'packages/tracker-python') } });
      expect(py.status, py.stderr).toBe(0);
      expect(py.stdout.trim()).toBe('2 2');

      const goDir = join(root, 'go-app');
      mkdirSync(goDir);
      writeFileSync(join(goDir, 'go.mod'), 'module goapp\n\ngo 1.19\n\nrequire nsco/tracker v0.0.0\n\nreplace nsco/tracker => ../packages/tracker-go\n');
      writeFileSync(join(goDir, 'main.go'), GO_APP);
      const build = spawnSync('go', ['build', '-o', join(goDir, 'app'), '.'], { cwd: goDir, encoding: 'utf8', timeout: 180_000, env: { ...process.env, GOFLAGS: '-mod=mod', GOPROXY: 'off', GOSUMDB: 'off', CGO_ENABLED: '0' } });
      expect(build.status, `go build failed (bash scripts/setup-go.sh installs Go):\n${build.stderr}`).toBe(0);
      const goOut = await new Promise<string>((ok, fail) => execFile(join(goDir, 'app'), [url], { timeout: 60_000 }, (err, out, errOut) => (err ? fail(new Error(`${err.message}\n${errOut}`)) : ok(out))));
      expect(goOut.trim()).toBe('2 2');

      // One vendor's payload under the other's identity: quarantined, not stored.
      const res = await fetch(`${s.url}/v1/track`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ event: AC, version: 1, id: '00000000-0000-4000-8000-000000000003', timestamp: new Date().toISOString(), properties: { sku: 'x', quantity: 1 } }) });
      expect(res.status).toBeLessThan(500);

      const v = new Database(db, { readonly: true });
      try {
        const names = (v.prepare('SELECT event_name FROM events').all() as { event_name: string }[]).map((r) => r.event_name).sort();
        expect(names).toEqual([AC, AC, AC, SP, SP, SP]);
        expect((v.prepare('SELECT event_name FROM events_quarantine').all() as { event_name: string }[]).map((q) => q.event_name)).toEqual([AC]);
        expect(v.prepare('SELECT sku, quantity FROM ev_io__snowplow__ecomm__add_to_cart ORDER BY sku').all()).toEqual([{ sku: 'go-sku', quantity: 3 }, { sku: 'py-sku', quantity: 2 }, { sku: 'ts-sku', quantity: 1 }]);
        expect(v.prepare('SELECT productId FROM ev_com__acme_shop__add_to_cart ORDER BY productId').all()).toEqual([{ productId: 'go-product' }, { productId: 'py-product' }, { productId: 'ts-product' }]);
      } finally {
        v.close();
      }
      const { validateEvent } = await import(pathToFileURL(join(root, 'packages/validators/index.js')).href);
      const env = (event: string, properties: object) => ({ event, version: 1, id: '00000000-0000-4000-8000-000000000004', timestamp: new Date().toISOString(), properties });
      expect(validateEvent(SP, env(SP, { sku: 'a', quantity: 1 })).ok).toBe(true);
      expect(validateEvent(AC, env(AC, { productId: 'a' })).ok).toBe(true);
      expect(validateEvent(AC, env(AC, { sku: 'a', quantity: 1 })).ok).toBe(false);
      expect(validateEvent('add_to_cart', env('add_to_cart', { productId: 'a' })).ok).toBe(false);
    } finally {
      s.child.kill('SIGTERM');
      await s.exited;
    }
  }, 300_000);
});
