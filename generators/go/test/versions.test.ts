// Older live versions in the generated Go module: the struct OrderCompletedV1 has version 1's
// fields and its Spec() says version 1, so Track sends an envelope of version 1 that the
// generated validators accept (OrderCompleted sends the newest); a v1 struct with the newest's
// fields, or the newest with v1's, does not compile; CheckoutVersion1 when an event owns
// CheckoutV1. Go 1.19 from Debian (scripts/setup-go.sh), standard library only.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { goCalls, goFiles } from '@taxonomy/gen-go';
import validatorsGenerator from '@taxonomy/gen-validators';
import { olderVersionsModel } from '../../typescript/test/older-versions-model.js';

const model = olderVersionsModel();
const env = { ...process.env, GOFLAGS: '-mod=mod', GOPROXY: 'off', GOSUMDB: 'off', GOTOOLCHAIN: 'local', CGO_ENABLED: '0' };
const go = (cwd: string, ...args: string[]) => spawnSync('go', args, { cwd, encoding: 'utf8', env, timeout: 180_000 });
let dir: string;

const USAGE = `package tracker

import (
	"context"
	"encoding/json"
	"os"
	"testing"
)

func TestOlderVersionsSendTheirVersion(t *testing.T) {
	var got []*Envelope
	c := NewClient(Options{Globals: func() map[string]interface{} { return map[string]interface{}{"sessionId": "s1"} },
		Sinks: []Sink{&FuncSink{Kinds: []string{"warehouse"}, Fn: func(e *Envelope) error { got = append(got, e); return nil }}}})
	c.Track(OrderCompletedV1{OrderId: 7, TotalCents: 1250})
	c.Track(OrderCompleted{OrderId: "o-8", Total: OrderCompletedTotal{Amount: 12.5, Currency: "EUR"}})
	c.Track(CheckoutVersion1{Stage: "pay"})
	c.Track(CheckoutV1{Note: Ptr("an event of its own")})
	if s := c.Close(context.Background()); s.Delivered != 4 {
		t.Fatalf("stats %+v", s)
	}
	b, err := json.Marshal(got)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(os.Getenv("ENVELOPES_OUT"), b, 0o644); err != nil {
		t.Fatal(err)
	}
}
`;
const MISUSE = `package main

import "shopfront/tracker"

func main() {
	c := tracker.NewClient(tracker.Options{})
	c.Track(tracker.OrderCompletedV1{OrderId: 7, TotalCents: 1250})
	c.Track(tracker.OrderCompletedV1{OrderId: "o-8", TotalCents: 1}) // expect-error: v1's order id is an integer
	c.Track(tracker.OrderCompletedV1{OrderId: 7, Total: tracker.OrderCompletedTotal{}}) // expect-error: v1 has no Total
	c.Track(tracker.OrderCompleted{OrderId: "o-8", TotalCents: 1}) // expect-error: the newest has no TotalCents
	c.Track(tracker.CheckoutVersion1{Note: tracker.Ptr("x")}) // expect-error: v1 of checkout has Stage, not the event checkout_v1's Note
}
`;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'gen-go-versions-'));
  const files = [
    ...goFiles(model, { modulePath: 'shopfront/tracker' }).map((f) => ({ ...f, path: `mod/${f.path}` })),
    ...(await validatorsGenerator.generate(model, {})).map((f) => ({ ...f, path: `validators/${f.path}` })),
    { path: 'mod/versions_usage_test.go', contents: USAGE },
    { path: 'mod/misuse/main.go', contents: MISUSE },
  ];
  for (const f of files) {
    const p = join(dir, f.path);
    mkdirSync(dirname(p), { recursive: true });
    writeFileSync(p, f.contents);
  }
}, 60_000);
afterAll(() => { if (dir) rmSync(dir, { recursive: true, force: true }); });

describe('go tracker: older live versions', () => {
  it('a struct per older version, named after its event\'s; Specs and EventNames hold the newest; the docs say which version each sends', () => {
    const files = goFiles(model, { modulePath: 'shopfront/tracker' });
    const text = (p: string) => files.find((f) => f.path === p)!.contents;
    const events = text('events.go');
    expect(events).toMatch(/type OrderCompletedV1 struct \{\n\tSessionId \*string\n\tOrderId int64\n\tTotalCents int64\n\}/);
    expect(events).toContain('var specOrderCompletedV1 = &EventSpec{Event: "order_completed", Version: 1,');
    expect(events).toContain('var specCheckoutVersion1 = &EventSpec{Event: "checkout", Version: 1,');
    expect(events).toContain('var specCheckoutV1 = &EventSpec{Event: "checkout_v1", Version: 1,');
    expect(events).toContain('// The newest version; the older live ones: OrderCompletedV1 (version 1).');
    expect(events).toContain('// An older live version, for app releases still on its shape: Track sends version 1 with these fields. OrderCompleted sends the newest (version 2).');
    const index = text('index.go');
    expect(index).toContain('\t"order_completed": specOrderCompleted,\n');
    expect(index).not.toContain('specOrderCompletedV1');
    expect(index).toContain('var EventNames = []string{"checkout", "checkout_v1", "order_completed"}');
    const call = goCalls(model);
    expect(call('order_completed', { orderId: 7, totalCents: 1250 }, 1)).toBe('client.Track(tracker.OrderCompletedV1{\n\tOrderId: int64(7),\n\tTotalCents: int64(1250),\n})');
    expect(call('checkout', { stage: 'pay' }, 1)).toBe('client.Track(tracker.CheckoutVersion1{\n\tStage: "pay",\n})');
    expect(call('order_completed', { orderId: 'o-8' })).toBe('client.Track(tracker.OrderCompleted{\n\tOrderId: "o-8",\n})');
    expect(call('order_completed', {}, 3)).toBeUndefined();
    expect(text('README.md')).toContain('| `OrderCompleted` | `order_completed` | 2 (the newest) |\n| `OrderCompletedV1` | `order_completed` | 1 |');
  });

  it('go vet and go test: Track sends v1 with version 1 and v1\'s fields; the generated validator accepts every envelope and refuses v1\'s as version 2', async () => {
    const mod = join(dir, 'mod');
    const out = join(dir, 'envelopes.json');
    const vet = go(mod, 'vet', '.');
    expect(vet.status, vet.stderr).toBe(0);
    const r = spawnSync('go', ['test', '-count=1', '-run', 'TestOlderVersionsSendTheirVersion', '.'], { cwd: mod, encoding: 'utf8', env: { ...env, ENVELOPES_OUT: out }, timeout: 180_000 });
    expect(r.status, r.stdout + r.stderr).toBe(0);
    const sent = JSON.parse(readFileSync(out, 'utf8')) as Record<string, unknown>[];
    expect(sent.map((e) => [e.event, e.version, e.properties])).toEqual([
      ['order_completed', 1, { sessionId: 's1', orderId: 7, totalCents: 1250 }],
      ['order_completed', 2, { sessionId: 's1', orderId: 'o-8', total: { amount: 12.5, currency: 'EUR' } }],
      ['checkout', 1, { stage: 'pay' }],
      ['checkout_v1', 1, { note: 'an event of its own' }],
    ]);
    const { validateEvent } = await import(pathToFileURL(join(dir, 'validators/index.js')).href);
    for (const e of sent) expect(validateEvent(e.event, e)).toMatchObject({ ok: true });
    expect(validateEvent('order_completed', { ...sent[0], version: 2 })).toMatchObject({ ok: false });
  }, 240_000);

  it('a struct of one version with another version\'s fields does not compile, each on its marked line', () => {
    const r = go(join(dir, 'mod'), 'build', '-o', '/dev/null', './misuse');
    expect(r.status).not.toBe(0);
    const out = r.stdout + r.stderr;
    expect(out).toMatch(/unknown field '?Total'? in struct literal of type tracker\.OrderCompletedV1/);
    expect(out).toMatch(/unknown field '?TotalCents'? in struct literal of type tracker\.OrderCompleted\b/);
    const lines = new Set([...out.matchAll(/main\.go:(\d+):\d+: /g)].map((m) => Number(m[1])));
    const marked = MISUSE.split('\n').flatMap((l, i) => (l.includes('// expect-error') ? [i + 1] : []));
    expect(marked).toHaveLength(4);
    expect([...lines].sort((a, b) => a - b)).toEqual(marked);
  }, 240_000);
});
