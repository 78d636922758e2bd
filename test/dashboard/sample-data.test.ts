// `taxonomy sample-data`: every event of the taxonomy at least once, every metric with a value
// over 30 days, one refused event per domain, the same bytes for the same seed.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main, startServe } from '@taxonomy/cli';
import { loadTaxonomy } from '@taxonomy/core';

const repo = join(import.meta.dirname, '../..');
const dir = mkdtempSync(join(tmpdir(), 'dash-sample-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function taxonomy(args: string[]) {
  let out = '', err = '';
  const code = await main(args, { out: (t) => { out += t; }, err: (t) => { err += t; }, color: false, cwd: repo });
  return { code, out, err };
}
const model = loadTaxonomy(join(repo, 'taxonomy'), { cwd: repo }).model!;
const lines = (f: string) => readFileSync(f, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { event: string; id: string; properties: Record<string, unknown> });

describe('taxonomy sample-data', () => {
  it('the same seed and as-of give the same bytes; another seed other events', async () => {
    const run = async (seed: string, name: string) => {
      const r = await taxonomy(['sample-data', '--events', '1500', '--seed', seed, '--as-of', '2026-06-01', '--out', join(dir, name)]);
      expect(r.code).toBe(0);
      return readFileSync(join(dir, name), 'utf8');
    };
    const a = await run('7', 'a.ndjson'), b = await run('7', 'b.ndjson'), c = await run('8', 'c.ndjson');
    expect(a).toBe(b);
    expect(c).not.toBe(a);
  });

  it('every event at least once, one refused event per domain, all in the 30 days before as-of', () => {
    const events = lines(join(dir, 'a.ndjson'));
    const names = new Set(events.map((e) => e.event));
    for (const e of model.events) expect(names.has(e.name), e.name).toBe(true);
    const refused = events.filter((e) => e.id.includes('-invalid-'));
    expect(refused.map((e) => e.id.replace(/^.*-invalid-/, '')).sort()).toEqual(model.domains.map((d) => d.name).sort());
    const asOf = Date.parse('2026-06-01');
    for (const e of events) {
      const t = Date.parse((e as unknown as { timestamp: string }).timestamp);
      expect(t).toBeLessThan(asOf);
      expect(t).toBeGreaterThanOrEqual(asOf - 30 * 86_400_000);
    }
  });

  it('through a collector: every valid event stored, one quarantined per domain, every metric non-null over 30 days', async () => {
    const db = join(dir, 'events.sqlite');
    const { collector, url } = await startServe({ port: 0, host: '127.0.0.1', db }, { out: () => undefined, err: () => undefined, color: false, cwd: repo });
    try {
      const r = await taxonomy(['sample-data', '--events', '2000', '--url', url]);
      expect(r.err).toBe('');
      expect(r.code).toBe(0);
      expect(r.out).toMatch(new RegExp(`: \\d+ stored, 0 already there, ${model.domains.length} quarantined \\(${model.domains.length} on purpose, one per domain\\)`));
      const again = await taxonomy(['sample-data', '--events', '2000', '--url', url]);
      expect(again.out).toMatch(/: 0 stored, \d+ already there/);
    } finally { await collector.close(); }
    const m = await taxonomy(['metrics', '--db', db, '--since', '30d', '--format', 'json']);
    expect(m.code).toBe(0);
    const metrics = JSON.parse(m.out).metrics as { metric: string; rows: { value: unknown }[] }[];
    expect(metrics.length).toBe(model.metrics.length);
    const empty = metrics.filter((x) => !x.rows.some((row) => row.value !== null && row.value !== 0));
    expect(empty.map((x) => x.metric)).toEqual([]);
  });

  it.each([
    [['--events', '0'], /--events must be an integer from 1/],
    [['--seed', 'x'], /--seed must be an integer/],
    [['--as-of', 'yesterday'], /--as-of: 'yesterday' is neither a duration/],
    [['--url', 'http://127.0.0.1:9'], /cannot reach the collector at http:\/\/127\.0\.0\.1:9/],
  ])('sample-data %j: exit 2 with a message', async (args, message) => {
    const r = await taxonomy(['sample-data', ...args]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(message);
  });
});
