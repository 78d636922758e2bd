import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCollector, type Collector, type Contract } from '@taxonomy/collector';
import { cleanup, draftCreated, post, seedContract } from './helpers.js';
import { engine, PG_SKIP, PG_URL, type Engine } from './engines.js';

let contract: Contract;
beforeAll(async () => { contract = await seedContract(); });
afterAll(() => cleanup());

describe.each([['pglite', ''], ['postgres', PG_SKIP]] as const)('the collector over %s%s', (name, _why) => {
  const skip = name === 'postgres' && !PG_URL;
  let e: Engine;
  let c: Collector;
  let url: string;
  beforeAll(async () => {
    if (skip) return;
    e = await engine(name, contract);
    c = await createCollector({ contract, store: e.store, log: () => undefined });
    url = await c.listen(0);
  });
  afterAll(async () => { await c?.close(); await e?.close(); });

  it.skipIf(skip)('stores a batch once, however often it is retried (concurrently too)', async () => {
    const batch = { batch: Array.from({ length: 50 }, (_, i) => draftCreated({ id: `pg-${name}-${i}` })) };
    const answers = await Promise.all([post(url, batch), post(url, batch), post(url, batch)]);
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200]);
    expect(answers.reduce((n, a) => n + a.body.stored, 0)).toBe(50);
    expect(answers.reduce((n, a) => n + a.body.duplicates, 0)).toBe(100);
    expect(await e.store.count('events')).toBe(50);
  });

  it.skipIf(skip)('a valid event PostgreSQL cannot hold (NUL) is quarantined with the database\'s reason; the rest of the batch is stored', async () => {
    const batch = { batch: [draftCreated({ id: `nul-ok-1` }), draftCreated({ id: 'nul-bad', properties: { draftId: 'a\u0000b' } }), draftCreated({ id: 'nul-ok-2' })] };
    const r = await post(url, batch);
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ received: 3, accepted: 3, stored: 2, quarantined: 1 });
    const q = (await e.store.quarantinePage(null, 1000)).find((x) => x.event_id === 'nul-bad')!;
    expect(JSON.parse(q.payload)).toEqual(batch.batch[1]);
    expect(JSON.parse(q.errors)[0]).toMatchObject({ rule: 'storage', actual: expect.stringMatching(/^22/), message: expect.stringContaining('the database refused this event') });
    expect(await (await fetch(`${url}/metrics`)).text()).toMatch(/^collector_events_rejected_total\{reason="storage"\} 1$/m);
    // A retry of the same batch changes nothing.
    expect((await post(url, batch)).body).toMatchObject({ stored: 0, duplicates: 2 });
    expect((await e.store.quarantinePage(null, 1000)).filter((x) => x.event_id === 'nul-bad')).toHaveLength(1);
  });
});
