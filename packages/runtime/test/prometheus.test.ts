import { describe, expect, it } from 'vitest';
import { Registry } from 'prom-client';
import { createTracker, type Envelope } from '@taxonomy/runtime';
import { counterName, prometheusSink } from '@taxonomy/runtime/prometheus';
import { events } from '@acme-analytics/tracker/events';
import { collect, quietLogger } from './helpers.js';

describe('Prometheus helper (metrics-only events as prom-client counters)', () => {
  it('makes one counter per metrics-routed event of the generated table, labelled only by low-cardinality enum/boolean properties', async () => {
    const registry = new Registry();
    const sink = prometheusSink({ events, registry, prefix: 'acme_' });
    const metricsEvents = Object.values(events).filter((s) => s.kinds?.includes('metrics')).map((s) => s.event).sort();
    expect([...sink.counters.keys()]).toEqual(metricsEvents);
    expect(metricsEvents).toContain('runtime_failed');
    const json = await registry.getMetricsAsJSON();
    const failed = json.find((m) => m.name === 'acme_runtime_failed_total')!;
    expect(failed.type).toBe('counter');
    // recoverable (boolean) and environment (enum) are labels; ids, free strings and counts never are
    const labels = Object.keys(events.runtime_failed!.labels ?? {}).sort();
    expect(labels).toContain('environment');
    expect(labels).toContain('recoverable');
    for (const never of ['workspace_id', 'user_id', 'daemon_id', 'failure_reason', 'provider']) expect(labels).not.toContain(never);
  });

  it('counts through the typed path, maps values outside the enum to "other", and keeps metrics events away from product sinks', async () => {
    const registry = new Registry();
    const product = collect();
    const t = createTracker({ sink: [prometheusSink({ events, registry }), product], events, logger: quietLogger() });
    const base = { environment: 'production', workspace_id: 'w1', failure_reason: 'boom', error_type: 'x', provider: 'claude' };
    t.track(events.runtime_failed!, { ...base, recoverable: true });
    t.track(events.runtime_failed!, { ...base, recoverable: true });
    t.track(events.runtime_failed!, { ...base, environment: 'hacked-123', recoverable: false });
    t.track(events.signup!, { environment: 'dev' });
    const st = await t.flush(1000);
    const text = await registry.metrics();
    expect(text).toContain('runtime_failed_total{environment="production",recoverable="true"} 2');
    expect(text).toContain('runtime_failed_total{environment="other",recoverable="false"} 1');
    expect(text).not.toContain('w1');
    expect(text).not.toContain('claude');
    expect(product.events.map((e: Envelope) => e.event)).toEqual(['signup']);
    expect(st.sinks.prometheus).toMatchObject({ enqueued: 3, delivered: 3 });
  });

  it.each([
    ['', 'agent_task_completed', 'agent_task_completed_total'], ['acme_', 'runtime.failed', 'acme_runtime_failed_total'], ['', '$pageview', '_pageview_total'], ['', '1st', '_1st_total'],
  ])('counter name (prefix %j) for %s is %s', (prefix, event, name) => {
    expect(counterName(prefix, event)).toBe(name);
  });
});
