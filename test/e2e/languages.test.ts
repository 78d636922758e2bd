// End to end in Python and Go: the example app written with the GENERATED Python tracker
// (keyword-argument methods) and the GENERATED Go module (a struct per event) sends its
// sessions to `taxonomy serve` on loopback; every event is acknowledged and stored (none
// quarantined), every stored row validates against the generated validators, and every
// metric view over the rows equals the TypeScript metric function over the same events.
import { execFile, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compareMetrics, serve, workspace, type Envelope, type Row, type Workspace } from './loop.js';

const repo = join(import.meta.dirname, '../..');
const DAY = 86_400_000;
const START = Date.parse('2026-02-02T09:00:00.000Z');
const SESSIONS = 120, STEP = 8 * 3_600_000;
const AS_OF = START + SESSIONS * STEP + DAY;

let ws: Workspace;
let goApp = '';
beforeAll(async () => {
  ws = await workspace();
  goApp = join(ws.root, 'go-app');
  const b = spawnSync('go', ['build', '-o', goApp, '.'], { cwd: join(import.meta.dirname, 'go-app'), encoding: 'utf8', timeout: 120_000, env: { ...process.env, GOFLAGS: '-mod=mod', GOPROXY: 'off', GOSUMDB: 'off', CGO_ENABLED: '0' } });
  if (b.status !== 0) throw new Error(`go build of the example app failed (bash scripts/setup-go.sh installs Go):\n${b.stderr}`);
}, 240_000);
afterAll(() => ws?.remove());

const APPS: Record<string, (url: string) => [string, string[], Record<string, string>]> = {
  python: (url) => ['python3', [join(import.meta.dirname, 'example_app.py'), url, String(SESSIONS), String(START), String(STEP), '7'], { PYTHONPATH: join(repo, 'packages/tracker-python') }],
  go: (url) => [goApp, [url, String(SESSIONS), String(START), String(STEP), '7'], {}],
};

describe.each(Object.keys(APPS))('end to end: the %s example app → taxonomy serve → SQLite → metric views = metric functions', (lang) => {
  it('stores every event, every row validates, every metric view equals the TypeScript function', async () => {
    const db = join(ws.root, `${lang}.sqlite`);
    const s = await serve(ws.root, ['--port', '0', '--db', db]);
    try {
      const [cmd, args, env] = APPS[lang]!(`${s.url}/v1/batch`);
      const out = await new Promise<string>((ok, fail) => execFile(cmd, args, { env: { ...process.env, ...env }, timeout: 180_000 }, (err, stdout, stderr) => (err ? fail(new Error(`${err.message}\n${stderr}`)) : ok(stdout))));
      const stats = JSON.parse(out.trim().split('\n').pop()!) as { enqueued: number; delivered: number; pending: number; dropped: Record<string, number> };
      expect(stats.enqueued).toBeGreaterThan(800);
      expect(stats.delivered).toBe(stats.enqueued);
      expect(Object.values(stats.dropped).reduce((a, b) => a + b, 0)).toBe(0);

      const v = new Database(db);
      try {
        const rows = v.prepare('SELECT event_id, event_name, event_version, occurred_at, properties FROM events ORDER BY occurred_at, event_id').all() as { event_id: string; event_name: string; event_version: number; occurred_at: number; properties: string }[];
        expect(rows).toHaveLength(stats.enqueued);
        expect((v.prepare('SELECT count(*) AS n FROM events_quarantine').get() as { n: number }).n).toBe(0);
        const events: Envelope[] = rows.map((r) => ({ event: r.event_name, version: r.event_version, id: r.event_id, timestamp: new Date(r.occurred_at).toISOString(), properties: JSON.parse(r.properties) as Record<string, unknown> }) as Envelope);
        const { validateEvent } = await import('@acme-analytics/validators');
        const invalid = events.map((e) => [e.event, validateEvent(e.event, e)] as const).filter(([, r]) => !r.ok);
        expect(invalid).toEqual([]);
        v.exec(ws.sql.viewsSql('sqlite'));
        v.exec(`DELETE FROM ${ws.sql.AS_OF_TABLE}; INSERT INTO ${ws.sql.AS_OF_TABLE} VALUES (${AS_OF});`);
        const { diffs, withRows } = await compareMetrics(ws, async (view) => v.prepare(`SELECT * FROM "${view}"`).all() as Row[], events, AS_OF);
        expect(diffs).toEqual([]);
        expect(withRows).toEqual(expect.arrayContaining(['template_suggestion_rate', 'time_to_create_workflow', 'workbench_adoption']));
      } finally {
        v.close();
      }
    } finally {
      s.child.kill('SIGTERM');
      await s.exited;
    }
  }, 300_000);
});
