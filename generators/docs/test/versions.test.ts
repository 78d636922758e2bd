// An event with older live versions: its page shows every version, its SchemaVer, its
// properties and what the next version changed, in the Markdown catalog and the HTML site.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadTaxonomy } from '@taxonomy/core';
import docs from '@taxonomy/gen-docs';

const fixture = join(import.meta.dirname, '../../../packages/core/test/fixtures/60-versions-clean');
const model = loadTaxonomy(join(fixture, 'taxonomy'), { cwd: fixture }).model!;

describe('docs: several live versions of one event', () => {
  it('the catalog page shows each older version, newest first, with what the next one changed', async () => {
    const page = (await docs.generate(model, {})).find((f) => f.path.endsWith('order_completed.md'))!.contents;
    expect(page).toContain('| Version | 3 (also live: 1, 2) |');
    const v2 = page.indexOf('## Version 2 (live, frozen)'), v1 = page.indexOf('## Version 1 (live, frozen)');
    expect(v2).toBeGreaterThan(page.indexOf('## Version history'));
    expect(v1).toBeGreaterThan(v2);
    expect(page.slice(v2, v1)).toContain('SchemaVer `2-0-2`');
    expect(page.slice(v2, v1)).toContain('Changed in version 3:\n\n- `items` became required\n- `coupon` added (string, optional)\n');
    expect(page.slice(v1)).toContain('Changed in version 2:\n\n- `orderId`: integer → string\n- `total` added (object, required)\n- `totalCents` removed\n');
    expect(page.slice(v1)).toContain('| `totalCents` | integer | yes | ≥ 0 |');
  });

  it('each older version says how an app still on it sends it: its own method or struct, with its properties', async () => {
    const page = (await docs.generate(model, {})).find((f) => f.path.endsWith('order_completed.md'))!.contents;
    const v2 = page.indexOf('## Version 2 (live, frozen)'), v1 = page.indexOf('## Version 1 (live, frozen)');
    const older = page.slice(v1);
    expect(older).toContain('Sending version 1 (for app releases still on this shape):');
    expect(older).toContain('tracker.shop.orderCompletedV1({\n  orderId: 1,\n  totalCents: 1,');
    expect(older).toContain('tracker.shop.order_completed_v1(\n    orderId=1,\n    totalCents=1,');
    expect(older).toContain('client.Track(tracker.OrderCompletedV1{\n\tOrderId: int64(1),\n\tTotalCents: int64(1),');
    expect(page.slice(v2, v1)).toContain('tracker.shop.orderCompletedV2({');
    // The newest is sent through the plain method, in the page's own section.
    const newest = page.slice(page.indexOf('## How to send it'), page.indexOf('## Metrics that use it'));
    expect(newest).toContain('tracker.shop.orderCompleted({');
    expect(newest).not.toContain('orderCompletedV');
  });

  it('an event with one version has no such section', async () => {
    const page = (await docs.generate(model, {})).find((f) => f.path.endsWith('cart_viewed.md'))!.contents;
    expect(page).not.toContain('(live, frozen)');
    expect(page).toContain('| Version | 1 |');
  });
});

describe('site: several live versions of one event', () => {
  it('the event page has a section per older version with its changes and properties', async () => {
    const { buildSite } = await import('@taxonomy/gen-docs');
    const page = buildSite(model).find((f) => /order_completed\.html$/.test(f.path))!.contents;
    const v1 = page.indexOf('<h2>Version 1 (live, frozen)</h2>');
    expect(page.indexOf('<h2>Version 2 (live, frozen)</h2>')).toBeGreaterThan(0);
    expect(v1).toBeGreaterThan(page.indexOf('<h2>Version 2 (live, frozen)</h2>'));
    expect(page.slice(v1)).toContain('<code>totalCents</code> removed');
    expect(page.slice(v1)).toContain('SchemaVer <code>1-0-0</code>');
    expect(page.slice(v1)).toContain('<pre class="snippet"><code class="language-ts">tracker.shop.orderCompletedV1({');
  });
});
