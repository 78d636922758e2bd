// Seed 003's runtime behaviours, applied by @taxonomy/runtime from the generated specs
// (packages/tracker/domains/*.js, generated from taxonomy/domains/{product,operations,posthog_system}.yaml).
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  analyticsEnvironment, createTracker, distinctId, pageviewCapture, posthogBatchSink, posthogBatchSinkFromEnv, sectionPath,
  type Envelope, type EventSpec, type Logger,
} from '@taxonomy/runtime';
// @ts-expect-error generated JavaScript without declarations beside it
import * as product from '../packages/tracker/domains/product.js';
// @ts-expect-error generated JavaScript without declarations beside it
import * as operations from '../packages/tracker/domains/operations.js';
// @ts-expect-error generated JavaScript without declarations beside it
import * as system from '../packages/tracker/domains/posthogSystem.js';
import { seedsDir, seedsOrSkip } from './seeds-dir.js';

const signup = product.spec_signup as EventSpec;
const issueExecuted = product.spec_issueExecuted as EventSpec;
const agentCreated = product.spec_agentCreated as EventSpec;
const contactSales = product.spec_contactSalesSubmitted as EventSpec;
const runtimeRegistered = operations.spec_runtimeRegistered as EventSpec;
const pageview = system.spec_pageview as EventSpec;

const USER = '5b1f0a52-3c1e-4a4e-9a51-0a4e1c2f9b10';
const WS = '0d9e8f7a-6b5c-4d3e-8f2a-1b0c9d8e7f6a';
const AGENT = 'a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d';

const quiet = (): Logger & { lines: string[] } => { const lines: string[] = []; return { lines, warn: (...a: unknown[]) => { lines.push(a.map(String).join(' ')); } }; };

/** Tracks each call with a function sink and returns the envelopes as sent. */
async function sent(calls: [EventSpec, Record<string, unknown>][], globals?: Record<string, unknown>): Promise<Envelope[]> {
  const got: Envelope[] = [];
  const t = createTracker({ sink: (e) => { got.push(e); }, globals, logger: quiet(), environment: 'production' });
  for (const [spec, props] of calls) t.track(spec, props);
  await t.flush();
  return got;
}

describe('seed 003: environment normalised to production, staging or dev (ANALYTICS_ENVIRONMENT / APP_ENV)', () => {
  const table: [string | undefined, string][] = [
    ['PRODUCTION', 'production'], ['prod', 'production'], [' Production ', 'production'], ['staging', 'staging'], ['STG', 'staging'],
    ['qa', 'dev'], ['dev', 'dev'], ['', 'dev'], [undefined, 'dev'], ['constructor', 'dev'],
  ];
  it.each(table)('environment %j is sent as %j', async (raw, want) => {
    const [e] = await sent([[signup, { email_domain: 'acme.com', signup_source: '', ...(raw === undefined ? {} : { environment: raw }) }]]);
    expect(e!.properties.environment).toBe(want);
  });
  it('the value from the environment variables is normalised too: ANALYTICS_ENVIRONMENT over APP_ENV, dev without either', async () => {
    expect(analyticsEnvironment({ ANALYTICS_ENVIRONMENT: 'PRODUCTION', APP_ENV: 'staging' })).toBe('PRODUCTION');
    expect(analyticsEnvironment({ APP_ENV: 'prod' })).toBe('prod');
    expect(analyticsEnvironment({})).toBe('dev');
    const [a, b] = await sent([[issueExecuted, {}], [agentCreated, {}]], { environment: analyticsEnvironment({ APP_ENV: 'prod' }) });
    expect(a!.properties.environment).toBe('production');
    expect(b!.properties.environment).toBe('production');
  });
});

describe('seed 003: distinct_id rules from the taxonomy', () => {
  it('logged-in events: the user id', () => {
    expect(distinctId(agentCreated, { user_id: USER, workspace_id: WS })).toBe(USER);
    expect(distinctId(signup, { user_id: USER })).toBe(USER);
  });
  // runtime_registered is Prometheus-only in seed 003 (never shipped to PostHog), but its rule is still the seed's.
  it('daemon-token runtime registration without a user falls back to workspace:<workspace_id>', () => {
    expect(distinctId(runtimeRegistered, { workspace_id: WS })).toBe(`workspace:${WS}`);
    expect(distinctId(runtimeRegistered, { user_id: USER, workspace_id: WS })).toBe(USER);
  });
  it('issue_executed prefers the human creator; an agent-created issue is agent:<id>', () => {
    expect(distinctId(issueExecuted, { user_id: USER, agent_id: AGENT })).toBe(USER);
    expect(distinctId(issueExecuted, { agent_id: AGENT })).toBe(`agent:${AGENT}`);
    expect(distinctId(issueExecuted, { user_id: '  ', agent_id: AGENT })).toBe(`agent:${AGENT}`);
  });
  it('contact_sales_submitted: the inquiry id (no user identity)', () => {
    expect(distinctId(contactSales, { inquiry_id: 'inq_42', user_id: USER })).toBe('inq_42');
  });
});

describe('seed 003: signup_source is intact JSON or nothing (values capped at 96, payload dropped over 512)', () => {
  it('the seed document states the 96 and 512 caps the taxonomy encodes', () => {
    if (!seedsOrSkip('seed 003 signup_source caps')) return;
    const file = readdirSync(seedsDir).find((f) => f.startsWith('003_'));
    const text = readFileSync(join(seedsDir, file!), 'utf8').replace(/\n\|\n\|\n/g, ' ').replace(/\s+/g, ' ');
    expect(text).toContain('individual values are capped at 96 chars');
    expect(text).toMatch(/dropped if it still exceeds 512 chars/);
    expect(signup.limits?.signup_source).toEqual({ maxLength: 512, overflow: 'empty', jsonValueMaxLength: 96 });
  });
  it('a 10 KB signup_source is sent as "" and the signup event is kept', async () => {
    const [e] = await sent([[signup, { email_domain: 'acme.com', signup_source: 'x'.repeat(10_240), user_id: USER }]]);
    expect(e!.event).toBe('signup');
    expect(e!.properties.signup_source).toBe('');
    expect(e!.properties.email_domain).toBe('acme.com');
  });
  it('a JSON bundle with a long utm value is capped at 96 characters per value, still valid JSON', async () => {
    const bundle = JSON.stringify({ utm_source: 'newsletter', utm_campaign: 'é'.repeat(300), referrer: 'https://example.com' });
    const [e] = await sent([[signup, { email_domain: 'acme.com', signup_source: bundle }]]);
    const got = JSON.parse(e!.properties.signup_source as string) as Record<string, string>;
    expect(got).toEqual({ utm_source: 'newsletter', utm_campaign: 'é'.repeat(96), referrer: 'https://example.com' });
  });
  it('a JSON bundle still over 512 after the cap is dropped whole, never cut mid-JSON', async () => {
    const many = Object.fromEntries(Array.from({ length: 8 }, (_, i) => [`utm_${i}`, 'v'.repeat(90)]));
    const [e] = await sent([[signup, { email_domain: 'acme.com', signup_source: JSON.stringify(many) }]]);
    expect(e!.properties.signup_source).toBe('');
  });
  it('a short bundle passes unchanged', async () => {
    const bundle = '{"utm_source":"x"}';
    const [e] = await sent([[signup, { email_domain: 'acme.com', signup_source: bundle }]]);
    expect(e!.properties.signup_source).toBe(bundle);
  });
});

describe('seed 003: $pageview section normalisation and de-duplication', () => {
  const table: [string, string][] = [
    ['/acme/issues/8d5c2a10-1f3e-4b7a-9c2d-5e6f7a8b9c0d', '/acme/issues'],
    ['/acme/issues/MUL-12', '/acme/issues'],
    ['/acme/issues/MUL-12/', '/acme/issues'],
    ['/auth/callback?code=4%2F0AeanS0b-oauth-secret&state=xyz', '/auth/callback'],
    ['/acme/agents#settings', '/acme/agents'],
    ['https://user:pw@app.multica.ai/acme/issues/MUL-3081?sort=desc', 'https://app.multica.ai/acme/issues'],
    ['/', '/'],
    ['', '/'],
    ['/acme/my-team-2', '/acme/my-team-2'],
  ];
  it.each(table)('%j is reported as %j', (url, want) => { expect(sectionPath(url)).toBe(want); });

  it('hostile input never throws: null, a number, a 1 MB path, a malformed escape, U+2028', () => {
    expect(sectionPath(null as unknown as string)).toBe('/');
    expect(sectionPath(42 as unknown as string)).toBe('/42');
    expect(sectionPath('/a/%E0%A4%A/MUL-1')).toBe('/a/%E0%A4%A');
    expect(sectionPath('/a\u2028b/MUL-7?code=x')).toBe('/a\u2028b');
    const huge = '/w/' + 'seg/'.repeat(250_000) + '?code=SECRET';
    const started = Date.now();
    expect(sectionPath(huge).endsWith('/seg')).toBe(true);
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('consecutive views of one section are one $pageview; the OAuth code never reaches the envelope', async () => {
    const got: Envelope[] = [];
    const t = createTracker({ sink: (e) => { got.push(e); }, logger: quiet(), environment: 'production', globals: { environment: 'prod' } });
    const capture = pageviewCapture(t, pageview);
    const calls = [
      '/acme/issues/MUL-1', '/acme/issues/MUL-2', '/acme/issues/8d5c2a10-1f3e-4b7a-9c2d-5e6f7a8b9c0d?tab=activity',
      '/acme/agents', '/auth/callback?code=SECRET-OAUTH-CODE&state=s', '/acme/issues/MUL-3',
    ].map((u) => capture(u));
    expect(calls).toEqual([true, false, false, true, true, true]);
    await t.flush();
    expect(got.map((e) => e.properties.$current_url)).toEqual(['/acme/issues', '/acme/agents', '/auth/callback', '/acme/issues']);
    expect(got.every((e) => e.event === '$pageview' && e.properties.environment === 'production')).toBe(true);
    expect(JSON.stringify(got)).not.toContain('SECRET-OAUTH-CODE');
  });
});

// ---- server-side PostHog batch sink against a stand-in for PostHog's /batch/ on loopback ----

interface Batch { api_key: string; batch: { event: string; distinct_id: string; properties: Record<string, unknown>; timestamp: string }[] }
interface StandIn { host: string; bodies: Batch[]; refused: string[]; close(): Promise<void> }

/**
 * Answers like PostHog's capture endpoint: 400 unless POST /batch/ with a JSON body holding a
 * non-empty api_key and a batch of events each with event, distinct_id, properties and an ISO
 * timestamp. `fail` answers the first n well-formed requests with 503.
 */
async function standIn(fail = 0): Promise<StandIn> {
  const bodies: Batch[] = [];
  const refused: string[] = [];
  let failed = 0;
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const problem = shapeProblem(req.method, req.url, req.headers['content-type'], Buffer.concat(chunks).toString('utf8'));
      if (problem) { refused.push(problem); res.writeHead(400).end(JSON.stringify({ type: 'validation_error', detail: problem })); return; }
      if (failed < fail) { failed++; res.writeHead(503, { 'retry-after': '0' }).end(); return; }
      bodies.push(JSON.parse(Buffer.concat(chunks).toString('utf8')) as Batch);
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"Ok"}');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return { host: `http://127.0.0.1:${port}`, bodies, refused, close: () => new Promise((r) => { server.closeAllConnections(); server.close(() => r()); }) };
}

function shapeProblem(method: string | undefined, url: string | undefined, type: string | undefined, text: string): string | undefined {
  if (method !== 'POST' || url !== '/batch/') return `expected POST /batch/, got ${method} ${url}`;
  if (!type?.startsWith('application/json')) return `content-type ${type}`;
  let body: unknown;
  try { body = JSON.parse(text); } catch { return 'body is not JSON'; }
  const b = body as Partial<Batch>;
  if (typeof b.api_key !== 'string' || b.api_key === '') return 'api_key missing';
  if (!Array.isArray(b.batch) || b.batch.length === 0) return 'batch missing';
  for (const e of b.batch) {
    if (typeof e.event !== 'string' || !e.event) return 'event missing';
    if (typeof e.distinct_id !== 'string' || !e.distinct_id) return 'distinct_id missing';
    if (!e.properties || typeof e.properties !== 'object' || Array.isArray(e.properties)) return 'properties missing';
    if (typeof e.timestamp !== 'string' || Number.isNaN(Date.parse(e.timestamp))) return 'timestamp missing';
  }
  return undefined;
}

describe('seed 003: server-side PostHog batch sink (POST /batch/) with httpSink retry and drop accounting', () => {
  let server: StandIn | undefined;
  afterEach(async () => { await server?.close(); server = undefined; });

  it('sends the shape PostHog documents: api_key, batch[] of event, distinct_id (from the taxonomy rules), properties with $set_once, timestamp', async () => {
    server = await standIn();
    const sink = posthogBatchSink({ apiKey: 'phc_test', host: `${server.host}/`, retryBaseMs: 1 });
    const t = createTracker({ sink, logger: quiet(), environment: 'production', globals: { environment: 'PRODUCTION' } });
    t.track(signup, { email_domain: 'acme.com', signup_source: '', user_id: USER }, { $set_once: { email: 'a@acme.com' } });
    t.track(contactSales, { inquiry_id: 'inq_42', company_size: '1-10' });
    t.track(issueExecuted, { agent_id: AGENT, issue_id: WS, workspace_id: WS, task_id: AGENT, source: 'chat' });
    const stats = await t.flush();
    expect(server.refused).toEqual([]);
    expect(stats.delivered).toBe(3);
    const events = server.bodies.flatMap((b) => b.batch);
    expect(server.bodies.every((b) => b.api_key === 'phc_test')).toBe(true);
    expect(events.map((e) => [e.event, e.distinct_id])).toEqual([['signup', USER], ['contact_sales_submitted', 'inq_42'], ['issue_executed', `agent:${AGENT}`]]);
    expect(events[0]!.properties).toMatchObject({ environment: 'production', email_domain: 'acme.com', $set_once: { email: 'a@acme.com' } });
  });

  it('retries a 503 as httpSink does, and drops an event with no distinct_id as invalid (counted, never sent)', async () => {
    server = await standIn(2);
    const sink = posthogBatchSink({ apiKey: 'phc_test', host: server.host, retryBaseMs: 1, retryMaxMs: 5 });
    const t = createTracker({ sink, logger: quiet(), environment: 'production' });
    t.track(agentCreated, { user_id: USER, workspace_id: WS });
    t.track(agentCreated, { workspace_id: WS }); // no user_id: PostHog would refuse it
    const stats = await t.flush();
    expect(stats.delivered).toBe(1);
    expect(stats.dropped.invalid).toBe(1);
    expect(stats.enqueued).toBe(stats.delivered + stats.droppedTotal + stats.pending);
    expect(server.bodies.flatMap((b) => b.batch.map((e) => e.distinct_id))).toEqual([USER]);
  });

  it('a 400 from PostHog is counted as rejected, not retried', async () => {
    server = await standIn();
    const sink = posthogBatchSink({ apiKey: 'phc_test', host: server.host, retryBaseMs: 1 });
    // A stand-in refusal: a host path that is not /batch/ gets a 400.
    const bad = posthogBatchSink({ apiKey: 'phc_test', host: `${server.host}/wrong`, retryBaseMs: 1, name: 'bad' });
    const t = createTracker({ sink: [sink, bad], logger: quiet(), environment: 'production' });
    t.track(agentCreated, { user_id: USER, workspace_id: WS });
    const stats = await t.flush();
    expect(stats.sinks['bad']!.dropped.rejected).toBe(1);
    expect(stats.sinks['posthog-batch']!.delivered).toBe(1);
    expect(server.refused).toEqual(['expected POST /batch/, got POST /wrong/batch/']);
  });
});

describe('seed 003: POSTHOG_API_KEY empty or ANALYTICS_DISABLED means nothing leaves the process', () => {
  let server: StandIn | undefined;
  afterEach(async () => { await server?.close(); server = undefined; });
  const envs: [string, Record<string, string>][] = [
    ['POSTHOG_API_KEY empty', { POSTHOG_API_KEY: '' }],
    ['POSTHOG_API_KEY unset', {}],
    ['ANALYTICS_DISABLED=true with a key', { POSTHOG_API_KEY: 'phc_test', ANALYTICS_DISABLED: 'true' }],
    ['ANALYTICS_DISABLED=1 with a key', { POSTHOG_API_KEY: 'phc_test', ANALYTICS_DISABLED: '1' }],
  ];
  it.each(envs)('%s: the tracker is a no-op and the server gets no request', async (_name, env) => {
    server = await standIn();
    const log = quiet();
    const t = createTracker({ sink: posthogBatchSinkFromEnv({ ...env, POSTHOG_HOST: server.host }), logger: log, environment: 'production' });
    t.track(agentCreated, { user_id: USER, workspace_id: WS });
    await t.flush();
    expect(t.active).toBe(false);
    expect(server.bodies.length + server.refused.length).toBe(0);
    expect(log.lines.join('\n')).toMatch(/noop|no-op/);
  });
  it('with a key and ANALYTICS_DISABLED=false the events are sent', async () => {
    server = await standIn();
    const t = createTracker({ sink: posthogBatchSinkFromEnv({ POSTHOG_API_KEY: 'phc_test', ANALYTICS_DISABLED: 'false', POSTHOG_HOST: server.host }), logger: quiet(), environment: 'production' });
    t.track(agentCreated, { user_id: USER, workspace_id: WS });
    const stats = await t.flush();
    expect(stats.delivered).toBe(1);
    expect(server.bodies.length).toBe(1);
  });
});
