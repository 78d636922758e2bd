import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { createTracker, httpSink, type Envelope, type Sink } from '@taxonomy/runtime';
import { balanced, collect, quietLogger, sleep, SPEC, startServer } from './helpers.js';

setFlagsFromString('--expose_gc');
const gc = runInNewContext('gc') as () => void;
const heapMb = () => { gc(); gc(); return process.memoryUsage().heapUsed / 2 ** 20; };

describe('a broken sink cannot break the app', () => {
  it('a sink that throws drops only its events (counted) while the other sink gets everything', async () => {
    const good = collect();
    const log = quietLogger();
    const t = createTracker({ sink: [function thrower() { throw new Error('boom'); }, good], logger: log });
    for (let i = 0; i < 5; i++) expect(() => t.track(SPEC.signup, { i })).not.toThrow();
    const st = await t.flush(1000);
    expect(good.events).toHaveLength(5);
    expect(st.sinks.thrower!.dropped.sinkError).toBe(5);
    expect(st.dropped.sinkError).toBe(5);
    expect(st.delivered).toBe(0); // each event missed one of its sinks: not delivered everywhere
    expect(balanced(st)).toBe(true);
    expect(log.lines.filter((l) => l.includes('boom'))).toHaveLength(1);
  });

  it('a sink that rejects, or whose send throws, is counted as sinkError', async () => {
    const rejecting: Sink = { name: 'rejecting', send: async () => { throw new Error('nope'); } };
    const throwing: Sink = { name: 'throwing', send: () => { throw new Error('sync nope'); } };
    const t = createTracker({ sink: [rejecting, throwing], logger: quietLogger() });
    for (let i = 0; i < 3; i++) t.track(SPEC.signup, {});
    const st = await t.flush(1000);
    expect(st.sinks.rejecting!.dropped.sinkError).toBe(3);
    expect(st.sinks.throwing!.dropped.sinkError).toBe(3);
    expect(balanced(st)).toBe(true);
  });

  it('a sink that hangs times out, holds at most one batch plus its bounded buffer, and the counters add up', async () => {
    let calls = 0;
    const hanging: Sink = { name: 'hang', batchSize: 10, maxPending: 50, timeoutMs: 50, send: () => { calls++; return new Promise(() => {}); } };
    const good = collect();
    const t = createTracker({ sink: [hanging, good], logger: quietLogger() });
    for (let i = 0; i < 10; i++) t.track(SPEC.signup, { i });
    await sleep(100);
    for (let i = 0; i < 200; i++) t.track(SPEC.signup, { i });
    const st = await t.flush(200);
    expect(calls).toBe(1); // no new send while the timed-out one is outstanding
    expect(st.sinks.hang).toMatchObject({ enqueued: 210, pending: 50 });
    expect(st.sinks.hang!.dropped.timeout).toBe(10);
    expect(st.sinks.hang!.dropped.queueFull).toBe(150);
    expect(good.events).toHaveLength(210);
    expect(balanced(st)).toBe(true);
    const end = await t.shutdown(100);
    expect(end.pending).toBe(0);
    expect(end.sinks.hang!.dropped.shutdown).toBe(50);
    expect(balanced(end)).toBe(true);
  });

  it('never throws into the app, whatever it is handed', async () => {
    const t = createTracker({ sink: collect(), logger: quietLogger() });
    const hostileProxy = new Proxy({}, { ownKeys() { throw new Error('ownKeys'); } });
    const calls: (() => void)[] = [
      () => t.track(null as never),
      () => t.track(undefined as never, undefined),
      () => t.track(SPEC.signup, 5 as never),
      () => t.track(SPEC.signup, hostileProxy),
      () => t.track({ event: 'x' }, { a: 1 }, 'not a person' as never),
      () => t.setConsent('bogus' as never),
    ];
    for (const c of calls) expect(c).not.toThrow();
    const st = await t.flush(1000);
    expect(balanced(st)).toBe(true);
    await expect(t.shutdown(100)).resolves.toBeDefined();
  });
});

describe('hostile payloads', () => {
  it('a payload with a cycle is delivered with the cycle marked', async () => {
    const sink = collect();
    const t = createTracker({ sink, logger: quietLogger() });
    const chip: Record<string, unknown> = { label: 'x' };
    chip.parent = { chip };
    t.track(SPEC.signup, { chip });
    await t.flush(1000);
    expect(sink.events[0]!.properties).toEqual({ chip: { label: 'x', parent: { chip: '[Circular]' } } });
  });

  it('a 5 MB property is dropped and counted as tooLarge, quickly, top-level or nested', async () => {
    const sink = collect();
    const log = quietLogger();
    const t = createTracker({ sink, logger: log });
    const big = 'x'.repeat(5 * 1024 * 1024);
    const t0 = performance.now();
    t.track(SPEC.signup, { big });
    t.track(SPEC.signup, { nested: { deeper: [big] } });
    t.track(SPEC.signup, { ok: true });
    const st = await t.flush(1000);
    expect(performance.now() - t0).toBeLessThan(1000);
    expect(sink.events.map((e) => e.properties)).toEqual([{ ok: true }]);
    expect(st.dropped.tooLarge).toBe(2);
    expect(log.lines.some((l) => l.includes("'signup'") && l.includes('tooLarge'))).toBe(true);
    expect(balanced(st)).toBe(true);
  });

  it('a property whose getter throws is dropped as unserializable', async () => {
    const t = createTracker({ sink: collect(), logger: quietLogger() });
    t.track(SPEC.signup, { x: Object.defineProperty({}, 'boom', { enumerable: true, get() { throw new Error('no'); } }) });
    const st = await t.flush(1000);
    expect(st.dropped.unserializable).toBe(1);
  });
});

describe('load and memory', () => {
  it('100,000 events in a tight loop: the app keeps running, memory stays bounded, the drop counter tells the truth', async () => {
    const sink = collect();
    const t = createTracker({ sink, logger: quietLogger(), maxQueue: 1000 });
    const before = heapMb();
    for (let i = 0; i < 100_000; i++) t.track(SPEC.signup, { i, pad: 'x'.repeat(1000) + i });
    const during = heapMb();
    const st = await t.flush(5000);
    expect(st.enqueued).toBe(100_000);
    expect(st.dropped.queueFull).toBe(99_000);
    expect(st.delivered).toBe(1000);
    expect(sink.events[0]!.properties.i).toBe(99_000); // the newest survived
    expect(balanced(st)).toBe(true);
    // 100,000 distinct 1 KB payloads would be ~200 MB if they were all retained
    expect(during - before).toBeLessThan(40);
  });

  it('a stalled sink under 200,000 events holds only its bounds', async () => {
    const stalled: Sink = { name: 'stalled', maxPending: 1000, timeoutMs: 0, send: () => new Promise(() => {}) };
    const t = createTracker({ sink: stalled, logger: quietLogger(), maxQueue: 1000 });
    const before = heapMb();
    for (let round = 0; round < 200; round++) {
      for (let i = 0; i < 1000; i++) t.track(SPEC.signup, { round, pad: 'y'.repeat(1000) + i });
      await sleep(0);
    }
    const st = await t.flush(50);
    expect(heapMb() - before).toBeLessThan(40);
    expect(st.pending).toBeLessThanOrEqual(1000 + 1000);
    expect(st.enqueued).toBe(200_000);
    expect(balanced(st)).toBe(true);
  });

  it('an offline network: bounded retries, then every event is counted as failed; the app never waits', async () => {
    const s = await startServer();
    const url = s.url;
    await s.close(); // nothing listens there any more
    const log = quietLogger();
    const t = createTracker({ sink: httpSink({ url, retries: 2, retryBaseMs: 5, retryMaxMs: 20, batchSize: 20, maxPending: 100 }), logger: log });
    const t0 = performance.now();
    for (let i = 0; i < 500; i++) t.track(SPEC.signup, { i });
    expect(performance.now() - t0).toBeLessThan(500);
    const st = await t.flush(10_000);
    expect(st.pending).toBe(0);
    expect(st.dropped.failed + st.dropped.queueFull).toBe(500);
    expect(st.dropped.failed).toBeGreaterThan(0);
    expect(st.sinks.http!.dropped.queueFull).toBe(st.dropped.queueFull);
    expect(balanced(st)).toBe(true);
    expect(log.lines.some((l) => l.includes('network error'))).toBe(true);
  });
});

describe('events are not mutated and ids are unique', () => {
  it('gives every event a distinct id across many events', async () => {
    const sink = collect();
    const t = createTracker({ sink, logger: quietLogger(), maxQueue: 20_000 });
    for (let i = 0; i < 10_000; i++) t.track(SPEC.signup, {});
    await t.flush(5000);
    expect(new Set(sink.events.map((e: Envelope) => e.id)).size).toBe(10_000);
  });
});
