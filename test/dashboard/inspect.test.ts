// `taxonomy inspect`: the live inspection's report for CI and cron, checked on events posted by hand.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main, startServe } from '@taxonomy/cli';
import { samplePayload } from '../event-payloads/samples.js';

const repo = join(import.meta.dirname, '../..');
const dir = mkdtempSync(join(tmpdir(), 'dash-inspect-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const quiet = { out: () => undefined, err: () => undefined, color: false, cwd: repo };

async function taxonomy(args: string[]) {
  let out = '', err = '';
  const code = await main(args, { out: (t) => { out += t; }, err: (t) => { err += t; }, color: false, cwd: repo });
  return { code, out, err };
}
const schema = (name: string) => JSON.parse(readFileSync(join(repo, `packages/schemas/schemas/${name}.v1.json`), 'utf8'));
const DAY = 86_400_000;
let n = 0;
function ev(name: string, daysAgo: number, props: Record<string, unknown> = {}) {
  const timestamp = new Date(Date.now() - daysAgo * DAY).toISOString();
  return { event: name, id: `i-${n++}`, timestamp, context: { library: { name: 'web', version: '2.1.0' } }, properties: { ...(samplePayload(schema(name)) as { properties: object }).properties, timestamp, ...props } };
}

describe('taxonomy inspect', () => {
  const db = join(dir, 'events.sqlite');

  it('counts what was stored and refused, per event and property, and who sent it; exit 1 for unseen active events', async () => {
    const { collector, url } = await startServe({ port: 0, host: '127.0.0.1', db }, quiet);
    try {
      const r = await fetch(`${url}/v1/batch`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ batch: [
        ev('session_started', 1), ev('session_started', 2), ev('session_started', 20), // 20 days ago: outside --since 7d
        ev('csat_submitted', 1, { score: -1 }), // refused: score below its minimum
        { event: 'not_in_the_plan', id: 'u-1', properties: {} }, { event: 'not_in_the_plan', id: 'u-2', properties: {} },
      ] }) });
      expect(await r.json()).toMatchObject({ stored: 3, quarantined: 3 });
    } finally { await collector.close(); }
    const out = await taxonomy(['inspect', '--db', db, '--format', 'json']);
    expect(out.err).toBe('');
    expect(out.code).toBe(1);
    const report = JSON.parse(out.out);
    const byName = Object.fromEntries(report.events.map((e: { event: string }) => [e.event, e]));
    expect(byName.session_started).toMatchObject({ volume: 2, quarantined: 0, violationRate: 0 });
    expect(byName.csat_submitted).toMatchObject({ volume: 0, quarantined: 1, violationRate: 1, lastSeen: null });
    expect(report.unknown).toEqual([{ event: 'not_in_the_plan', count: 2 }]);
    expect(report.properties).toContainEqual({ event: 'csat_submitted', property: 'score', count: 1 });
    expect(report.libraries).toEqual([{ source: null, library: 'web', version: '2.1.0', count: 2 }]);
    expect(report.stale).toContain('csat_submitted');
    expect(report.stale).not.toContain('session_started');
    expect(report.neverSeen).toContain('csat_submitted');
    const text = await taxonomy(['inspect', '--db', db]);
    expect(text.code).toBe(1);
    expect(text.out).toMatch(/session_started +2 +0 +0\.0% +20\d\d-/);
    expect(text.out).toMatch(/✗ \d+ active event\(s\) not seen for 7 days or more: .*csat_submitted/);
  });

  it('exit 0 once every active event was seen (sample data sends each one)', async () => {
    const f = join(dir, 'full.sqlite');
    const { collector, url } = await startServe({ port: 0, host: '127.0.0.1', db: f }, quiet);
    try {
      expect((await taxonomy(['sample-data', '--events', '1000', '--url', url])).code).toBe(0);
    } finally { await collector.close(); }
    const r = await taxonomy(['inspect', '--db', f, '--unseen-days', '31']);
    expect(r.out).toMatch(/✓ every active event was seen within 31 days/);
    expect(r.code).toBe(0);
  });

  it.each([
    [['--format', 'xml'], /--format must be human or json/],
    [['--unseen-days', '0'], /--unseen-days must be a whole number of days ≥ 1/],
    [['--db', 'missing.sqlite'], /no database at missing\.sqlite/],
  ])('inspect %j: exit 2', async (args, message) => {
    const r = await taxonomy(['inspect', ...args]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(message);
  });
});
