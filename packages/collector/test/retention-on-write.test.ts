// Seed 004: "Automatic cleanup runs probabilistically (1% chance per analytics log)" and "Data
// older than 180 days is automatically removed during cleanup". taxonomy.yaml says so with
// retention { days: 180, probability: 0.01 }; the collector then runs retention after a write
// with chance 1 − (1 − 0.01)^n for a write of n events. The random draw is injected.
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { loadTaxonomy } from '@taxonomy/core';
import { createCollector, SqliteStore, type Collector, type Contract } from '@taxonomy/collector';
import { cleanup, draftCreated, post, repo, seedContract, tmp, writeTaxonomy } from './helpers.js';

const DAY = 86_400_000;
const NOW = Date.UTC(2026, 2, 4, 12);
let contract: Contract;
beforeAll(async () => { contract = await seedContract(); });

let open: { collector: Collector; store: SqliteStore }[] = [];
afterEach(async () => { for (const o of open) await o.collector.close(); open = []; cleanup(); });

/** A collector whose cleanup draws `draw`; already holds one event 200 days old. */
async function start(draw: number) {
  const store = new SqliteStore(contract.sql, { path: join(tmp(), 'events.sqlite') });
  const collector = await createCollector({ contract, store, log: () => undefined, now: () => NOW, retention: { days: 180, probability: 0.01, random: () => draw, now: () => NOW } });
  open.push({ collector, store });
  const url = await collector.listen(0, '127.0.0.1');
  return { url, store, count: () => (store.db.prepare('SELECT COUNT(*) AS n FROM events').get() as { n: number }).n, collector };
}
const old = () => draftCreated({ id: 'old', timestamp: new Date(NOW - 200 * DAY).toISOString() });
const fresh = (id: string) => draftCreated({ id, timestamp: new Date(NOW - DAY).toISOString() });

describe('seed 004: cleanup runs probabilistically (1% chance per analytics log)', () => {
  it('the seed taxonomy sets it: 180 days, 1% per event', () => {
    const m = loadTaxonomy(join(repo, 'taxonomy'), { cwd: repo }).model!;
    expect([m.retentionDays, m.retentionProbability]).toEqual([180, 0.01]);
  });

  it('a write cleans up when the draw (0.005) is under its chance, and deletes only what is past 180 days', async () => {
    const c = await start(0.005);
    expect((await post(c.url, { batch: [old(), fresh('f1')] })).status).toBe(200);
    // Two events: chance 1 − 0.99² = 0.0199 > 0.005, so the cleanup ran after that very write.
    expect(c.count()).toBe(1);
    expect(c.store.db.prepare('SELECT event_id FROM events').all()).toEqual([{ event_id: 'f1' }]);
    expect(await c.collector.metrics.registry.metrics()).toMatch(/collector_retention_runs_total 1/);
  });

  it('no cleanup when the draw is over the chance (0.5 for a write of two events: 0.0199)', async () => {
    const c = await start(0.5);
    await post(c.url, { batch: [old(), fresh('f1')] });
    expect(c.count()).toBe(2);
    expect(await c.collector.metrics.registry.metrics()).toMatch(/collector_retention_runs_total 0/);
  });

  it('the chance grows with the events written: 100 events give 1 − 0.99^100 ≈ 0.634, so a draw of 0.6 cleans up and 0.65 does not', async () => {
    for (const [draw, left] of [[0.6, 99], [0.65, 100]] as const) {
      const c = await start(draw);
      await post(c.url, { batch: [old(), ...Array.from({ length: 99 }, (_, i) => fresh(`f${i}`))] });
      expect(c.count()).toBe(left);
    }
  });

  it('a probability outside [0, 1] is an error with its location', () => {
    const root = tmp();
    writeTaxonomy(root, { 'taxonomy.yaml': 'name: t\nversion: 1.0.0\nretention:\n  days: 30\n  probability: 1.5\n' });
    const r = loadTaxonomy(join(root, 'taxonomy'), { cwd: root });
    const d = r.diagnostics.find((x) => x.severity === 'error' && /probability/.test(x.message + (x.location?.pointer ?? '')));
    expect(d, JSON.stringify(r.diagnostics)).toBeDefined();
    expect(d!.location?.file).toMatch(/taxonomy\.yaml$/);
    expect(d!.location?.line).toBe(5);
  });
});
