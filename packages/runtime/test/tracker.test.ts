import { describe, expect, it } from 'vitest';
import { createTracker, defaultSampleKey, unitHash, type Envelope, type Sink } from '@taxonomy/runtime';
import { balanced, collect, quietLogger, SPEC } from './helpers.js';

describe('envelope', () => {
  it('has the shape the JSON Schemas expect: event, version, unique id, ISO timestamp, properties, context, dimensions, person', async () => {
    const sink = collect();
    let page = '/a';
    const t = createTracker({ sink, logger: quietLogger(), context: { surface: 'support', locale: 'en-US' }, dimensions: () => ({ page }), now: () => Date.UTC(2026, 0, 2, 3, 4, 5) });
    t.track(SPEC.signup, { email_domain: 'acme.com' }, { $set_once: { email: 'a@acme.com' } });
    page = '/b';
    t.track(SPEC.signup, { email_domain: 'acme.com' });
    await t.flush(1000);
    const [a, b] = sink.events as [Envelope, Envelope];
    expect(a).toEqual({
      event: 'signup', version: 1, id: a.id, timestamp: '2026-01-02T03:04:05.000Z', properties: { email_domain: 'acme.com' },
      person: { $set_once: { email: 'a@acme.com' } }, context: { surface: 'support', locale: 'en-US' }, dimensions: { page: '/a' },
    });
    // dimensions are resolved when the event is tracked, not when it is sent
    expect(b.dimensions).toEqual({ page: '/b' });
    expect(a.id).not.toBe(b.id);
    expect(a.id.length).toBeLessThanOrEqual(128);
  });

  it('fills declared globals (object or per-event function), the clock and constants; the call wins', async () => {
    const sink = collect();
    let n = 0;
    const t = createTracker({ sink, logger: quietLogger(), globals: () => ({ sessionId: `s${++n}`, org_id: 'not-declared' }), now: () => 0 });
    t.track(SPEC.draftCreated, { source: 'chat' });
    t.track(SPEC.draftCreated, { source: 'blank', sessionId: 'explicit', timestamp: '2026-01-01T00:00:00Z' });
    t.track(SPEC.taskDone, { runtime_mode: 'cloud' });
    const t2 = createTracker({ sink, logger: quietLogger(), globals: { sessionId: 'static' }, now: () => 0 });
    t2.track(SPEC.draftCreated, { source: 'template' });
    await t.flush(1000);
    await t2.flush(1000);
    expect(sink.events.map((e) => e.properties)).toEqual([
      { sessionId: 's1', timestamp: '1970-01-01T00:00:00.000Z', source: 'chat' },
      { sessionId: 'explicit', timestamp: '2026-01-01T00:00:00Z', source: 'blank' },
      { sessionId: 'static', timestamp: '1970-01-01T00:00:00.000Z', source: 'template' },
    ]);
  });

  it('redacts sensitive keys in properties, person, context and dimensions (the taxonomy list)', async () => {
    const sink = collect();
    const t = createTracker({ sink, logger: quietLogger(), sensitiveKeys: ['token', 'apiKey'], context: { apiKey: 'k' }, dimensions: () => ({ auth: { token: 't' } }) });
    t.track(SPEC.signup, { deep: [{ api_key: 'x' }], tokens_used: 5 }, { $set: { refreshToken: 'r' } });
    await t.flush(1000);
    const e = sink.events[0]!;
    expect(e.properties).toEqual({ deep: [{ api_key: '[REDACTED]' }], tokens_used: 5 });
    expect(e.person).toEqual({ $set: { refreshToken: '[REDACTED]' } });
    expect(e.context).toEqual({ apiKey: '[REDACTED]' });
    expect(e.dimensions).toEqual({ auth: { token: '[REDACTED]' } });
  });

  it.each([
    [false, { messageId: 'm', items: [{ qty: 1 }] }],
    [true, { messageId: 'm', chip: { label: 'Track my order' }, items: [{ sku: 'SKU-1', qty: 1 }] }],
  ])('content-class properties are dropped unless includeContent (includeContent=%s)', async (includeContent, expected) => {
    const sink = collect();
    const t = createTracker({ sink, logger: quietLogger(), includeContent });
    t.track(SPEC.chip, { messageId: 'm', chip: { label: 'Track my order' }, items: [{ sku: 'SKU-1', qty: 1 }] });
    await t.flush(1000);
    expect(sink.events[0]!.properties).toEqual(expected);
  });
});

describe('sampling', () => {
  it('is deterministic per (session, event, turn), keeps about the rate, and never drops critical events', async () => {
    const sink = collect();
    const t = createTracker({ sink, logger: quietLogger(), sampleRate: 0.25, maxQueue: 10_000 });
    for (let s = 0; s < 2000; s++) {
      t.track(SPEC.userMessage, { sessionId: `s${s}`, turnIndex: 1 });
      t.track(SPEC.userMessage, { sessionId: `s${s}`, turnIndex: 1 }); // same key: same decision
      t.track(SPEC.csat, { sessionId: `s${s}`, score: 4 });
    }
    const st = await t.flush(5000);
    const kept = sink.events.filter((e) => e.event === 'user_message_sent');
    expect(sink.events.filter((e) => e.event === 'csat_submitted')).toHaveLength(2000);
    expect(kept.length % 2).toBe(0);
    const sessions = kept.map((e) => e.properties.sessionId);
    for (let i = 0; i < sessions.length; i += 2) expect(sessions[i]).toBe(sessions[i + 1]);
    expect(kept.length / 4000).toBeGreaterThan(0.2);
    expect(kept.length / 4000).toBeLessThan(0.3);
    expect(st.dropped.sampled).toBe(4000 - kept.length);
    for (const e of kept) expect(unitHash(defaultSampleKey('user_message_sent', e.properties))).toBeLessThan(0.25);
    expect(balanced(st)).toBe(true);
  });

  it('sampleRate 0 drops every non-critical event and still keeps critical ones', async () => {
    const sink = collect();
    const t = createTracker({ sink, logger: quietLogger(), sampleRate: 0 });
    t.track(SPEC.userMessage, { sessionId: 's' });
    t.track(SPEC.csat, { sessionId: 's' });
    const st = await t.flush(1000);
    expect(sink.events.map((e) => e.event)).toEqual(['csat_submitted']);
    expect(st.dropped.sampled).toBe(1);
  });
});

describe('consent', () => {
  it.each([
    ['none', 0], ['functional', 0], ['analytics', 1], ['all', 1],
  ] as const)('posture %s lets %i event through', async (posture, n) => {
    const sink = collect();
    const t = createTracker({ sink, logger: quietLogger(), consent: posture });
    t.track(SPEC.signup, {});
    const st = await t.flush(1000);
    expect(sink.events).toHaveLength(n);
    expect(st.dropped.consent).toBe(1 - n);
  });

  it('follows posture changes, is off without a posture, and respectConsent:false bypasses it', async () => {
    const sink = collect();
    const t = createTracker({ sink, logger: quietLogger() });
    t.track(SPEC.signup, { n: 1 }); // no governance configured: emits
    t.setConsent('none');
    t.track(SPEC.signup, { n: 2 });
    t.setConsent('analytics');
    t.track(SPEC.signup, { n: 3 });
    const bypass = createTracker({ sink, logger: quietLogger(), consent: 'none', respectConsent: false });
    bypass.track(SPEC.signup, { n: 4 });
    await t.flush(1000);
    await bypass.flush(1000);
    expect(sink.events.map((e) => e.properties.n)).toEqual([1, 3, 4]);
    expect(t.stats().dropped.consent).toBe(1);
  });
});

describe('routing by destination', () => {
  it('metrics-only events never reach product or warehouse sinks; others never reach metrics sinks', async () => {
    const product = collect();
    const metrics: Envelope[] = [];
    const metricsSink: Sink = { name: 'metrics', accepts: { kinds: ['metrics'] }, send: (es) => { metrics.push(...es); } };
    const t = createTracker({ sink: [product, metricsSink], logger: quietLogger() });
    t.track(SPEC.taskDone, { runtime_mode: 'cloud' });
    t.track(SPEC.signup, {});
    const st = await t.flush(1000);
    expect(product.events.map((e) => e.event)).toEqual(['signup']);
    expect(metrics.map((e) => e.event)).toEqual(['agent_task_completed']);
    expect(st.delivered).toBe(2);
  });

  it('routes by destination name when a sink names destinations', async () => {
    const posthog: Envelope[] = [];
    const t = createTracker({ sink: { name: 'ph', accepts: { destinations: ['posthog'] }, send: (es) => { posthog.push(...es); } }, logger: quietLogger() });
    t.track(SPEC.signup, {});
    t.track(SPEC.csat, {});
    const st = await t.flush(1000);
    expect(posthog.map((e) => e.event)).toEqual(['signup']);
    expect(st.dropped.noRoute).toBe(1);
  });

  it('counts (and says once) an event no sink accepts', async () => {
    const log = quietLogger();
    const t = createTracker({ sink: collect(), logger: log });
    t.track(SPEC.taskDone, {});
    t.track(SPEC.taskDone, {});
    const st = await t.flush(1000);
    expect(st.dropped.noRoute).toBe(2);
    expect(log.lines.filter((l) => l.includes('noRoute') || l.includes('no configured sink accepts'))).toHaveLength(1);
  });
});

describe('no-op, validation, deprecation', () => {
  it('a tracker without a sink (or with a sink missing its url/key) is a no-op that says so once', async () => {
    for (const sink of [undefined, [], { name: 'http', disabled: 'httpSink has no url', send() {} }] as const) {
      const log = quietLogger();
      const t = createTracker({ sink: sink as never, logger: log });
      for (let i = 0; i < 5; i++) t.track(SPEC.signup, {});
      const st = await t.flush(100);
      expect(t.active).toBe(false);
      expect(st.noop).toBe(true);
      expect(st.enqueued).toBe(0);
      expect(log.lines.filter((l) => l.includes('no-op'))).toHaveLength(1);
    }
    const off = quietLogger();
    createTracker({ enabled: false, sink: collect(), logger: off }).track(SPEC.signup, {});
    expect(off.lines).toEqual([]);
  });

  it('validates in development (warning with the error, once, event still sent) and never in production', async () => {
    const calls: string[] = [];
    const validate = (name: string, env: Envelope) => {
      calls.push(name);
      return env.properties.source === 'email' ? { ok: false, errors: [{ message: "properties.source must be one of chat, template, blank; got 'email'" }] } : { ok: true };
    };
    const dev = quietLogger();
    const sink = collect();
    const t = createTracker({ sink, logger: dev, validate, environment: 'development' });
    t.track(SPEC.draftCreated, { source: 'email' });
    t.track(SPEC.draftCreated, { source: 'email' });
    t.track(SPEC.draftCreated, { source: 'chat' });
    await t.flush(1000);
    expect(sink.events).toHaveLength(3);
    expect(dev.lines.filter((l) => l.includes("invalid event 'workbench.draft_created': properties.source must be one of chat, template, blank; got 'email'"))).toHaveLength(1);
    const prodCalls = calls.length;
    const prod = createTracker({ sink: collect(), logger: quietLogger(), validate, environment: 'production' });
    prod.track(SPEC.draftCreated, { source: 'email' });
    await prod.flush(1000);
    expect(calls.length).toBe(prodCalls);
  });

  it('warns once about a deprecated event, naming the replacement', async () => {
    const log = quietLogger();
    const t = createTracker({ sink: collect(), logger: log, environment: 'development' });
    t.track(SPEC.old, {});
    t.track(SPEC.old, {});
    await t.flush(1000);
    expect(log.lines.filter((l) => l.includes("'MODAL_SUBMITTED' is deprecated; use 'SLACK_MODAL_INTERACTION'"))).toHaveLength(1);
  });

  it('tracks by name through the events table, and says once when a name is unknown', async () => {
    const log = quietLogger();
    const sink = collect();
    const t = createTracker({ sink, logger: log, events: { signup: SPEC.signup, agent_task_completed: SPEC.taskDone } });
    t.track('signup', {});
    t.track('agent_task_completed', {}); // metrics-only: not for this sink
    t.track('nope', {});
    t.track('nope', {});
    const st = await t.flush(1000);
    expect(sink.events.map((e) => e.event)).toEqual(['signup', 'nope', 'nope']);
    expect(st.dropped.noRoute).toBe(1);
    expect(log.lines.filter((l) => l.includes("'nope' is not in the taxonomy"))).toHaveLength(1);
  });
});

describe('queue, flush and shutdown', () => {
  it('bounds the queue: the oldest are dropped and counted, and the books balance', async () => {
    const sink = collect();
    const t = createTracker({ sink, logger: quietLogger(), maxQueue: 10 });
    for (let i = 0; i < 25; i++) t.track(SPEC.signup, { i });
    const st = await t.flush(1000);
    expect(sink.events.map((e) => e.properties.i)).toEqual([15, 16, 17, 18, 19, 20, 21, 22, 23, 24]);
    expect(st.dropped.queueFull).toBe(15);
    expect(st).toMatchObject({ enqueued: 25, delivered: 10, pending: 0 });
    expect(balanced(st)).toBe(true);
  });

  it('track never runs a sink in the caller\'s stack; flush drains; shutdown drains, then refuses and counts', async () => {
    const sink = collect();
    const t = createTracker({ sink, logger: quietLogger() });
    t.track(SPEC.signup, {});
    expect(sink.events).toHaveLength(0);
    expect(t.stats().pending).toBe(1);
    await t.flush(1000);
    expect(sink.events).toHaveLength(1);
    t.track(SPEC.signup, {});
    const st = await t.shutdown(1000);
    expect(sink.events).toHaveLength(2);
    expect(t.active).toBe(false);
    t.track(SPEC.signup, {});
    expect(t.stats()).toMatchObject({ enqueued: 3, delivered: 2, pending: 0 });
    expect(t.stats().dropped.shutdown).toBe(1);
    expect(balanced(st)).toBe(true);
  });

  it('batches for sinks that ask for it (size, then interval) and keeps per-sink books', async () => {
    const batches: number[] = [];
    const t = createTracker({ sink: { name: 'b', batchSize: 4, flushIntervalMs: 50, send: (es) => { batches.push(es.length); } }, logger: quietLogger() });
    for (let i = 0; i < 10; i++) t.track(SPEC.signup, {});
    await new Promise((r) => setTimeout(r, 20));
    expect(batches).toEqual([4, 4]);
    await new Promise((r) => setTimeout(r, 120));
    expect(batches).toEqual([4, 4, 2]);
    expect(t.stats().sinks.b).toMatchObject({ enqueued: 10, delivered: 10, pending: 0 });
  });
});

describe('expired events (taxonomy expires:)', () => {
  it.each([
    ['the day after the date: dropped as expired, said once', Date.UTC(2026, 0, 1, 0, 0, 1), 0, 2],
    ['on the date itself: still sent', Date.UTC(2025, 11, 31, 23, 59, 59), 2, 0],
  ])('%s', async (_name, at, delivered, expired) => {
    const log = quietLogger();
    const sink = collect();
    const t = createTracker({ sink, logger: log, now: () => at });
    const spec = { ...SPEC.signup, expires: '2025-12-31' };
    t.track(spec, {});
    t.track(spec, {});
    const st = await t.flush(1000);
    expect(sink.events).toHaveLength(delivered);
    expect(st.dropped.expired).toBe(expired);
    expect(balanced(st)).toBe(true);
    expect(log.lines.filter((l) => l.includes("dropped as 'expired'"))).toHaveLength(expired ? 1 : 0);
  });
});
