import { describe, expect, it } from 'vitest';
import { amplitudeSink, createTracker, ga4EventName, ga4Sink, mixpanelSink, otelSink, posthogSink, segmentSink, consoleSink, type Sink } from '@taxonomy/runtime';
import { balanced, quietLogger, sleep, SPEC } from './helpers.js';

/**
 * The vendors' browser libraries cannot load here, so each is stood in for by an
 * object with the documented global API shape that records its calls. What is
 * tested is our side: the calls made, their order, queueing until the global is
 * there, and the books.
 */
type Call = [string, ...unknown[]];
const recorder = (calls: Call[], name: string) => (...args: unknown[]) => { calls.push([name, ...args]); };

const cases: { name: string; make: (target: object) => Sink; install: (w: Record<string, unknown>, calls: Call[]) => void; expectTrack: (calls: Call[]) => void }[] = [
  {
    name: 'segment', make: (target) => segmentSink({ target }),
    install: (w, calls) => { w.analytics = { track: recorder(calls, 'track'), identify: recorder(calls, 'identify') }; },
    expectTrack: (calls) => {
      expect(calls[0]).toEqual(['identify', { email: 'a@acme.com' }]);
      expect(calls[1]).toMatchObject(['track', 'signup', { n: 0 }, { messageId: expect.any(String) }]);
    },
  },
  {
    name: 'posthog', make: (target) => posthogSink({ target }),
    install: (w, calls) => { w.posthog = { capture: recorder(calls, 'capture') }; },
    expectTrack: (calls) => expect(calls[0]).toMatchObject(['capture', 'signup', { n: 0, $set_once: { email: 'a@acme.com' } }, { uuid: expect.any(String) }]),
  },
  {
    name: 'mixpanel', make: (target) => mixpanelSink({ target, token: 'tok' }),
    install: (w, calls) => { w.mixpanel = { init: recorder(calls, 'init'), track: recorder(calls, 'track'), people: { set: recorder(calls, 'people.set'), set_once: recorder(calls, 'people.set_once') } }; },
    expectTrack: (calls) => {
      expect(calls[0]).toEqual(['init', 'tok']);
      expect(calls[1]).toMatchObject(['track', 'signup', { n: 0, $insert_id: expect.any(String) }]);
      expect(calls[2]).toEqual(['people.set_once', { email: 'a@acme.com' }]);
    },
  },
  {
    name: 'ga4', make: (target) => ga4Sink({ target, measurementId: 'G-TEST' }),
    install: (w, calls) => { w.gtag = recorder(calls, 'gtag'); },
    expectTrack: (calls) => {
      expect(calls[0]).toEqual(['gtag', 'set', 'user_properties', { email: 'a@acme.com' }]);
      expect(calls[1]).toEqual(['gtag', 'event', 'signup', { n: 0, send_to: 'G-TEST' }]);
    },
  },
  {
    name: 'amplitude', make: (target) => amplitudeSink({ target }),
    install: (w, calls) => {
      class Identify { ops: unknown[] = []; set(k: string, v: unknown) { this.ops.push(['set', k, v]); return this; } setOnce(k: string, v: unknown) { this.ops.push(['setOnce', k, v]); return this; } }
      w.amplitude = { track: recorder(calls, 'track'), identify: (id: Identify) => calls.push(['identify', id.ops]), Identify };
    },
    expectTrack: (calls) => {
      expect(calls[0]).toEqual(['identify', [['setOnce', 'email', 'a@acme.com']]]);
      expect(calls[1]).toMatchObject(['track', 'signup', { n: 0 }, { insert_id: expect.any(String) }]);
    },
  },
  {
    name: 'opentelemetry', make: (target) => otelSink({ target }),
    install: (w, calls) => {
      const tracer = { startSpan: (name: string, o: unknown) => { calls.push(['startSpan', name, o]); return { end: recorder(calls, 'end') }; } };
      w[Symbol.for('opentelemetry.js.api.1') as unknown as string] = { trace: { getTracer: (n: string) => { calls.push(['getTracer', n]); return tracer; } } };
    },
    expectTrack: (calls) => {
      const spans = calls.filter((c) => c[0] === 'startSpan');
      expect(spans[0]).toMatchObject(['startSpan', 'signup', { attributes: { 'event.id': expect.any(String), 'event.version': 1, 'event.properties.n': 0 } }]);
      expect(calls.filter((c) => c[0] === 'end')).toHaveLength(3);
    },
  },
];

describe.each(cases)('$name adapter', ({ make, install, expectTrack }) => {
  it('queues until the vendor global loads, then delivers in order with person properties', async () => {
    const w: Record<string, unknown> = {};
    const calls: Call[] = [];
    const t = createTracker({ sink: make(w), logger: quietLogger() });
    t.track(SPEC.signup, { n: 0 }, { $set_once: { email: 'a@acme.com' } });
    t.track(SPEC.signup, { n: 1 });
    t.track(SPEC.signup, { n: 2 });
    await sleep(50);
    expect(calls).toEqual([]);
    expect(t.stats().pending).toBe(3);
    install(w, calls);
    const st = await t.flush(2000);
    expectTrack(calls);
    const ns = calls.flatMap((c) => c.filter((a): a is { n: number } => !!a && typeof a === 'object' && 'n' in a).map((a) => a.n));
    if (ns.length) expect(ns).toEqual([0, 1, 2]);
    expect(st).toMatchObject({ delivered: 3, pending: 0 });
  });

  it('a vendor call that throws drops only that event, counted', async () => {
    const w: Record<string, unknown> = {};
    const calls: Call[] = [];
    install(w, calls);
    const t = createTracker({ sink: make(w), logger: quietLogger() });
    let first = true;
    // Break the vendor for the first event only.
    const brk = (o: Record<string, unknown>, key: string) => {
      const fn = o[key] as (...a: unknown[]) => unknown;
      o[key] = (...a: unknown[]) => { if (first) { first = false; throw new Error('vendor exploded'); } return fn(...a); };
    };
    if (w.analytics) brk(w.analytics as Record<string, unknown>, 'track');
    else if (w.posthog) brk(w.posthog as Record<string, unknown>, 'capture');
    else if (w.mixpanel) brk(w.mixpanel as Record<string, unknown>, 'track');
    else if (w.gtag) brk(w, 'gtag');
    else if (w.amplitude) brk(w.amplitude as Record<string, unknown>, 'track');
    else {
      const api = (w as Record<symbol, { trace: { getTracer: (n: string) => Record<string, unknown> } }>)[Symbol.for('opentelemetry.js.api.1')]!;
      const getTracer = api.trace.getTracer;
      api.trace.getTracer = (n) => { const tracer = { ...getTracer(n) }; brk(tracer, 'startSpan'); return tracer; };
    }
    t.track(SPEC.signup, { n: 0 });
    t.track(SPEC.signup, { n: 1 });
    const st = await t.flush(2000);
    expect(st.dropped.sinkError).toBe(1);
    expect(st.delivered).toBe(1);
    expect(balanced(st)).toBe(true);
  });

  it('takes product events but never metrics-only ones', async () => {
    const w: Record<string, unknown> = {};
    const calls: Call[] = [];
    install(w, calls);
    const t = createTracker({ sink: make(w), logger: quietLogger() });
    t.track(SPEC.taskDone, {});
    const st = await t.flush(1000);
    expect(st.dropped.noRoute).toBe(1);
    expect(calls.filter((c) => c[0] !== 'getTracer')).toEqual([]);
  });
});

describe('vendor details', () => {
  it.each([
    ['workbench.draft_created', 'workbench_draft_created'], ['$pageview', 'pageview'], ['ADDITIONAL_CHANNEL_CREATED', 'ADDITIONAL_CHANNEL_CREATED'],
    ['auth.sign_in.failure', 'auth_sign_in_failure'], ['1st-open', 'st_open'], ['x'.repeat(50), 'x'.repeat(40)], ['***', 'event'],
  ])('GA4 event name %s → %s', (name, expected) => {
    expect(ga4EventName(name)).toBe(expected);
  });

  it('ga4Sink without a measurement id is left out (no-op tracker, said once)', () => {
    const log = quietLogger();
    const t = createTracker({ sink: ga4Sink({ measurementId: '' }), logger: log });
    expect(t.active).toBe(false);
    expect(log.lines.some((l) => l.includes('measurementId'))).toBe(true);
  });

  it('consoleSink prints every event, metrics-only ones included', async () => {
    const lines: unknown[][] = [];
    const t = createTracker({ sink: consoleSink({ level: 'debug', console: { debug: (...a: unknown[]) => { lines.push(a); } } }), logger: quietLogger() });
    t.track(SPEC.signup, {});
    t.track(SPEC.taskDone, {});
    await t.flush(1000);
    expect(lines.map((l) => l[0])).toEqual(['[analytics] signup', '[analytics] agent_task_completed']);
  });
});
