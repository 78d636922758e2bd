// One conformance suite, three runtimes. Each case (cases/*.json: options, calls, then the
// requests, envelopes and stats expected) is replayed by the TypeScript runtime, the
// generated Python tracker and the generated Go module against a real `taxonomy serve` on
// loopback (a second one with a 1,500-byte body limit for 413), through a loopback fault
// proxy that injects 503/400 answers with Retry-After and slow answers, and records every
// attempt and every acknowledged envelope. Every acknowledged envelope must be stored (the
// collector validates it against the generated validators: docs/runtime-contract.md).
import { execFile, spawnSync } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serve, type Served } from '../e2e/loop.js';

const repo = join(import.meta.dirname, '../..');
const here = import.meta.dirname;
const casesDir = join(here, 'cases');

interface Attempt { size: number; status: number }
interface Envelope { event: string; id: string; properties: Record<string, unknown>; context?: Record<string, unknown> }
interface Case {
  name: string; description: string; collector?: 'small'; faults?: { status: number; retryAfter?: string }[]; delayMs?: number;
  options: Record<string, unknown>; calls: unknown[];
  expect: {
    stats?: Record<string, unknown>; statsAtLeast?: { enqueued?: number; delivered?: number; dropped?: Record<string, number> };
    attempts?: Attempt[]; wire?: { event: string; properties?: Record<string, unknown>; context?: Record<string, unknown>; absent?: string[] }[]; balance?: boolean;
  };
}
interface Stats { enqueued: number; delivered: number; pending: number; dropped: Record<string, number> }

const cases: Case[] = readdirSync(casesDir).filter((f) => f.endsWith('.json')).sort().map((f) => JSON.parse(readFileSync(join(casesDir, f), 'utf8')) as Case);

/** The fault proxy: forwards POSTs to the current collector unless a fault is queued; records what it saw. */
class FaultProxy {
  target = '';
  faults: { status: number; retryAfter?: string }[] = [];
  delayMs = 0;
  attempts: Attempt[] = [];
  acked: Envelope[] = [];
  server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => void this.handle(Buffer.concat(chunks), req.url ?? '/', res));
  });

  private async handle(body: Buffer, path: string, res: import('node:http').ServerResponse) {
    // What this request records goes to the run that was current when it arrived (a slow
    // answer finishing after its runner exited must not leak into the next case).
    const { attempts, acked, delayMs } = this;
    let batch: Envelope[] = [];
    try { batch = (JSON.parse(body.toString('utf8')) as { batch: Envelope[] }).batch ?? []; } catch { /* the collector will say */ }
    const fault = this.faults.shift();
    if (fault) {
      attempts.push({ size: batch.length, status: fault.status });
      res.writeHead(fault.status, { 'content-type': 'application/json', ...(fault.retryAfter !== undefined ? { 'retry-after': fault.retryAfter } : {}) });
      res.end('{"error":"injected"}');
      return;
    }
    try {
      const r = await fetch(this.target + path, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
      const text = await r.text();
      if (delayMs) await new Promise((ok) => setTimeout(ok, delayMs));
      attempts.push({ size: batch.length, status: r.status });
      if (r.ok) acked.push(...batch);
      res.writeHead(r.status, { 'content-type': 'application/json', ...(r.headers.get('retry-after') ? { 'retry-after': r.headers.get('retry-after')! } : {}) });
      res.end(text);
    } catch (e) {
      attempts.push({ size: batch.length, status: 502 });
      res.writeHead(502);
      res.end(String(e));
    }
  }

  reset(target: string, c: Case) {
    this.target = target;
    this.faults = [...(c.faults ?? [])];
    this.delayMs = c.delayMs ?? 0;
    this.attempts = [];
    this.acked = [];
  }
}

let tmp: string;
let normal: Served;
let small: Served;
let proxy: FaultProxy;
let proxyUrl = '';
let goRunner = '';

beforeAll(async () => {
  tmp = mkdtempSync(join(tmpdir(), 'conformance-'));
  [normal, small] = await Promise.all([
    serve(repo, ['--port', '0', '--db', join(tmp, 'normal.sqlite')]),
    serve(repo, ['--port', '0', '--db', join(tmp, 'small.sqlite'), '--max-body', '1500']),
  ]);
  proxy = new FaultProxy();
  await new Promise<void>((ok) => proxy.server.listen(0, '127.0.0.1', ok));
  proxyUrl = `http://127.0.0.1:${(proxy.server.address() as { port: number }).port}/v1/batch`;
  goRunner = join(tmp, 'go-runner');
  const b = spawnSync('go', ['build', '-o', goRunner, '.'], {
    cwd: join(here, 'go'), encoding: 'utf8', timeout: 120_000,
    env: { ...process.env, GOFLAGS: '-mod=mod', GOPROXY: 'off', GOSUMDB: 'off', CGO_ENABLED: '0' },
  });
  if (b.status !== 0) throw new Error(`go build of the conformance runner failed (bash scripts/setup-go.sh installs Go):\n${b.stderr}`);
}, 180_000);

afterAll(async () => {
  for (const s of [normal, small]) if (s) { s.child.kill('SIGTERM'); await s.exited; }
  proxy?.server.close();
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

const RUNNERS: Record<string, (casePath: string) => [string, string[], Record<string, string>]> = {
  typescript: (p) => [process.execPath, [join(here, 'runner.mjs'), p, proxyUrl], {}],
  python: (p) => ['python3', [join(here, 'runner.py'), p, proxyUrl], { PYTHONPATH: join(repo, 'packages/tracker-python') }],
  go: (p) => [goRunner, [p, proxyUrl], {}],
};

function run(lang: string, casePath: string): Promise<Stats> {
  const [cmd, args, env] = RUNNERS[lang]!(casePath);
  return new Promise((resolve, reject) => {
    execFile(cmd, args, { env: { ...process.env, ...env }, timeout: 60_000, cwd: repo }, (err, stdout, stderr) => {
      if (err) reject(new Error(`${lang} runner failed: ${err.message}\n${stderr}`));
      else resolve(JSON.parse(stdout.trim().split('\n').pop()!) as Stats);
    });
  });
}

function storedIds(c: Case, ids: string[]): number {
  const db = new Database(join(tmp, c.collector === 'small' ? 'small.sqlite' : 'normal.sqlite'), { readonly: true });
  try {
    const q = db.prepare('SELECT count(*) AS n FROM events WHERE event_id = ?');
    return ids.reduce((n, id) => n + (q.get(id) as { n: number }).n, 0);
  } finally { db.close(); }
}

describe.each(Object.keys(RUNNERS))('conformance: %s runtime against taxonomy serve', (lang) => {
  it.each(cases.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    proxy.reset((c.collector === 'small' ? small : normal).url, c);
    const stats = await run(lang, join(casesDir, `${c.name}.json`));
    const e = c.expect;
    const droppedTotal = Object.values(stats.dropped).reduce((a, b) => a + b, 0);
    expect(stats.enqueued, 'books: enqueued = delivered + dropped + pending').toBe(stats.delivered + droppedTotal + stats.pending);
    if (e.stats) expect(stats).toMatchObject(e.stats);
    if (e.stats?.dropped) expect(stats.dropped).toEqual(e.stats.dropped);
    if (e.statsAtLeast) {
      const a = e.statsAtLeast;
      if (a.enqueued !== undefined) expect(stats.enqueued).toBeGreaterThanOrEqual(a.enqueued);
      if (a.delivered !== undefined) expect(stats.delivered).toBeGreaterThanOrEqual(a.delivered);
      const queueBound = (stats.dropped.queueFull ?? 0);
      for (const [k, n] of Object.entries(a.dropped ?? {})) expect(k === 'queueFull' ? queueBound : stats.dropped[k] ?? 0, k).toBeGreaterThanOrEqual(n);
    }
    if (e.attempts) expect(proxy.attempts).toEqual(e.attempts);
    expect(proxy.acked.length, 'every delivered event was acknowledged once').toBe(stats.delivered);
    if (e.wire) {
      expect(proxy.acked.map((x) => x.event)).toEqual(e.wire.map((w) => w.event));
      e.wire.forEach((w, i) => {
        const got = proxy.acked[i]!;
        if (w.properties) expect(got.properties, `envelope ${i}`).toMatchObject(w.properties);
        if (w.context) expect(got.context).toEqual(w.context);
        for (const k of w.absent ?? []) expect(got.properties).not.toHaveProperty(k);
      });
    }
    // The collector validated and stored every acknowledged envelope (none quarantined).
    expect(storedIds(c, proxy.acked.map((x) => x.id))).toBe(proxy.acked.length);
  }, 90_000);
});

/** The sampling hash's test vectors (docs/runtime-contract.md): every runtime computes the same key and hash. */
describe('sampling hash test vectors', () => {
  const vectorsFile = join(here, 'sampling-vectors.json');
  const vectors = JSON.parse(readFileSync(vectorsFile, 'utf8')) as { sessionId: string; event: string; turnIndex: number | null; key: string; hash: number }[];
  const want = vectors.map((v) => ({ key: v.key, hash: v.hash }));

  it('the envelope example of the docs page is one the collector accepts (the generated validators)', async () => {
    const doc = readFileSync(join(repo, 'docs/runtime-contract.md'), 'utf8');
    const example = JSON.parse(/```json\n(.*)\n```/.exec(doc)![1]!) as Envelope;
    const { validateEvent } = await import('@acme-analytics/validators');
    expect(validateEvent(example.event, example)).toMatchObject({ ok: true });
    expect(validateEvent(example.event, { ...example, extra: 1 })).toMatchObject({ ok: false });
  });

  it('are in the docs page, each hash to its last digit', () => {
    const doc = readFileSync(join(repo, 'docs/runtime-contract.md'), 'utf8');
    for (const v of vectors) expect(doc).toContain(String(v.hash));
  });

  it('typescript', async () => {
    const { unitHash, defaultSampleKey } = await import('@taxonomy/runtime');
    const got = vectors.map((v) => { const key = defaultSampleKey(v.event, { sessionId: v.sessionId, ...(v.turnIndex === null ? {} : { turnIndex: v.turnIndex }) }); return { key, hash: unitHash(key) }; });
    expect(got).toEqual(want);
  });

  it('python', () => {
    const code = 'import json,sys\nfrom acme_analytics_tracker import unit_hash, default_sample_key\nvs=json.load(open(sys.argv[1],encoding="utf-8"))\nout=[]\nfor v in vs:\n    p={"sessionId":v["sessionId"]}\n    if v["turnIndex"] is not None: p["turnIndex"]=v["turnIndex"]\n    k=default_sample_key(v["event"],p)\n    out.append({"key":k,"hash":unit_hash(k)})\nprint(json.dumps(out))\n';
    const r = spawnSync('python3', ['-c', code, vectorsFile], { encoding: 'utf8', env: { ...process.env, PYTHONPATH: join(repo, 'packages/tracker-python') } });
    expect(r.stderr).toBe('');
    expect(JSON.parse(r.stdout)).toEqual(want);
  });

  it('go', () => {
    const r = spawnSync(goRunner, ['--vectors', vectorsFile], { encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(JSON.parse(r.stdout)).toEqual(want);
  });
});

/** Seed 003's distinct_id rules (the taxonomy's distinct_id:), from each runtime's generated specs. */
describe('distinct_id vectors (seed 003)', () => {
  const file = join(here, 'distinct-id-vectors.json');
  const vectors = JSON.parse(readFileSync(file, 'utf8')) as { event: string; properties: Record<string, unknown>; distinct_id: string | null }[];
  const want = vectors.map((v) => v.distinct_id);

  it('typescript', async () => {
    const { distinctId } = await import('@taxonomy/runtime');
    const { events } = (await import('@acme-analytics/tracker/events')) as { events: Record<string, import('@taxonomy/runtime').EventSpec> };
    expect(vectors.map((v) => distinctId(events[v.event]!, v.properties) ?? null)).toEqual(want);
  });

  it('python', () => {
    const code = 'import json,sys\nfrom acme_analytics_tracker._runtime import distinct_id\nfrom acme_analytics_tracker._specs import SPECS\nvs=json.load(open(sys.argv[1],encoding="utf-8"))\nprint(json.dumps([distinct_id(SPECS[v["event"]], v["properties"]) for v in vs]))\n';
    const r = spawnSync('python3', ['-c', code, file], { encoding: 'utf8', env: { ...process.env, PYTHONPATH: join(repo, 'packages/tracker-python') } });
    expect(r.stderr).toBe('');
    expect(JSON.parse(r.stdout)).toEqual(want);
  });

  it('go', () => {
    const r = spawnSync(goRunner, ['--distinct-ids', file], { encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(JSON.parse(r.stdout)).toEqual(want);
  });
});
