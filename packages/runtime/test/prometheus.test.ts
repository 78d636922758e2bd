import { describe, expect, it } from 'vitest';
import { Registry } from 'prom-client';
import { createTracker, type Envelope } from '@taxonomy/runtime';
import { counterName, normalizeLabel, prometheusSink } from '@taxonomy/runtime/prometheus';
import { events } from '@acme-analytics/tracker/events';
import { collect, quietLogger } from './helpers.js';

describe('Prometheus helper (metrics-only events as prom-client counters)', () => {
  it('makes one counter per metrics-routed event of the generated table, labelled only by low-cardinality enum/boolean properties', async () => {
    const registry = new Registry();
    const sink = prometheusSink({ events, registry, prefix: 'acme_' });
    const metricsEvents = Object.values(events).filter((s) => s.kinds?.includes('metrics') && !s.metrics?.length).map((s) => s.event).sort();
    expect([...sink.counters.keys()]).toEqual(metricsEvents);
    expect(metricsEvents).toContain('runtime_failed');
    const json = await registry.getMetricsAsJSON();
    const failed = json.find((m) => m.name === 'acme_runtime_failed_total')!;
    expect(failed.type).toBe('counter');
    // recoverable (boolean) and environment (enum) are labels; ids, free strings and counts never are
    // (runtime_failed declares no metric, so its open `provider` is no label of its derived counter)
    const labels = Object.keys(events.runtime_failed!.labels ?? {}).sort();
    expect(labels).toContain('environment');
    expect(labels).toContain('recoverable');
    for (const never of ['workspace_id', 'user_id', 'daemon_id', 'failure_reason', 'provider']) expect(labels).not.toContain(never);
  });

  // Seed 003 "agent task lifecycle": the metrics and label sets of server/internal/metrics.
  const SEED_003 = {
    multica_agent_task_enqueued_total: ['counter', ['source', 'runtime_mode']],
    multica_agent_task_dispatched_total: ['counter', ['source', 'runtime_mode']],
    multica_agent_task_started_total: ['counter', ['source', 'runtime_mode', 'provider']],
    multica_agent_task_terminal_total: ['counter', ['source', 'runtime_mode', 'terminal_status']],
    multica_agent_task_failed_total: ['counter', ['source', 'runtime_mode', 'failure_reason']],
    multica_agent_task_queue_wait_seconds: ['histogram', ['source', 'runtime_mode']],
    multica_agent_task_run_seconds: ['histogram', ['source', 'runtime_mode', 'terminal_status']],
    multica_agent_task_total_seconds: ['histogram', ['source', 'runtime_mode', 'terminal_status']],
  } as const;

  it('registers exactly the metrics seed 003 declares (names, types, label sets), and no derived counter for the agent task events', async () => {
    const registry = new Registry();
    const sink = prometheusSink({ events, registry });
    expect([...sink.metrics.keys()].sort()).toEqual(Object.keys(SEED_003).sort());
    const json = await registry.getMetricsAsJSON();
    for (const [name, [type, labels]] of Object.entries(SEED_003)) {
      const m = json.find((x) => x.name === name);
      expect(m?.type, name).toBe(type);
      // every event that updates it carries the seed's label set, in the seed's order
      const users = Object.values(events).flatMap((e) => (e.metrics ?? []).filter((x) => x.name === name));
      expect(users.length, name).toBeGreaterThan(0);
      for (const u of users) expect(Object.keys(u.labels), name).toEqual([...labels]);
    }
    for (const legacy of ['agent_task_queued', 'agent_task_completed', 'agent_task_cancelled', 'agent_task_failed']) {
      expect(json.find((x) => x.name === `${legacy}_total`), legacy).toBeUndefined();
      expect(sink.counters.has(legacy)).toBe(false);
    }
  });

  it('emits the declared counters and histograms with normalised labels (provider is a label of started_total; unknown values are "other")', async () => {
    const registry = new Registry();
    const t = createTracker({ sink: prometheusSink({ events, registry }), events, logger: quietLogger() });
    t.track(events.agent_task_queued!, { source: 'chat', runtime_mode: 'local' });
    t.track(events.agent_task_dispatched!, { source: 'chat', runtime_mode: 'local', queue_wait_seconds: 0.3 });
    t.track(events.agent_task_dispatched!, { source: 'chat', runtime_mode: 'local', queue_wait_seconds: 7 });
    t.track(events.agent_task_started!, { source: 'chat', runtime_mode: 'local', provider: 'claude' });
    t.track(events.agent_task_started!, { source: 'chat', runtime_mode: 'local', provider: 'some-new-cli' });
    t.track(events.agent_task_failed!, { source: 'api', runtime_mode: 'cloud', failure_reason: 'agent_error', run_seconds: 42, total_seconds: 50 });
    t.track(events.agent_task_failed!, { source: 'bogus', runtime_mode: 'cloud', failure_reason: 'oom' });
    t.track(events.agent_task_completed!, { source: 'api', runtime_mode: 'cloud', run_seconds: 4, total_seconds: 5 });
    const st = await t.flush(1000);
    expect(st).toMatchObject({ enqueued: 8, delivered: 8, droppedTotal: 0 });
    const text = await registry.metrics();
    const line = (s: string) => expect(text.split('\n')).toContain(s);
    line('multica_agent_task_enqueued_total{source="chat",runtime_mode="local"} 1');
    line('multica_agent_task_dispatched_total{source="chat",runtime_mode="local"} 2');
    line('multica_agent_task_started_total{source="chat",runtime_mode="local",provider="claude"} 1');
    line('multica_agent_task_started_total{source="chat",runtime_mode="local",provider="other"} 1');
    line('multica_agent_task_terminal_total{source="api",runtime_mode="cloud",terminal_status="failed"} 1');
    line('multica_agent_task_terminal_total{source="other",runtime_mode="cloud",terminal_status="failed"} 1');
    line('multica_agent_task_terminal_total{source="api",runtime_mode="cloud",terminal_status="completed"} 1');
    line('multica_agent_task_failed_total{source="api",runtime_mode="cloud",failure_reason="agent_error"} 1');
    line('multica_agent_task_failed_total{source="other",runtime_mode="cloud",failure_reason="other"} 1');
    // queue wait 0.3 s and 7 s: buckets 0.1 → 0, 0.5 → 1, 5 → 1, 10 → 2; sum 7.3
    line('multica_agent_task_queue_wait_seconds_bucket{le="0.1",source="chat",runtime_mode="local"} 0');
    line('multica_agent_task_queue_wait_seconds_bucket{le="0.5",source="chat",runtime_mode="local"} 1');
    line('multica_agent_task_queue_wait_seconds_bucket{le="5",source="chat",runtime_mode="local"} 1');
    line('multica_agent_task_queue_wait_seconds_bucket{le="10",source="chat",runtime_mode="local"} 2');
    line('multica_agent_task_queue_wait_seconds_sum{source="chat",runtime_mode="local"} 7.3');
    line('multica_agent_task_queue_wait_seconds_count{source="chat",runtime_mode="local"} 2');
    // run 42 s (failed): le 30 → 0, le 60 → 1; the failure without run_seconds is not observed
    line('multica_agent_task_run_seconds_bucket{le="30",source="api",runtime_mode="cloud",terminal_status="failed"} 0');
    line('multica_agent_task_run_seconds_bucket{le="60",source="api",runtime_mode="cloud",terminal_status="failed"} 1');
    line('multica_agent_task_run_seconds_count{source="api",runtime_mode="cloud",terminal_status="failed"} 1');
    line('multica_agent_task_total_seconds_sum{source="api",runtime_mode="cloud",terminal_status="completed"} 5');
    expect(text).not.toContain('terminal_status="other"');
    expect(text).not.toMatch(/^agent_task_\w+_total/m);
  });

  it.each([
    ['claude', ['claude', 'codex'], 'claude'], ['Claude', ['claude'], 'other'], [undefined, ['a'], 'other'], [null, ['a'], 'other'],
    [true, ['false', 'true'], 'true'], [1.5, ['1.5'], '1.5'], [{ toString: () => 'a' }, ['a'], 'other'], ['', [''], ''],
  ])('normalizeLabel(%j, %j) is %j', (value, allowed, want) => {
    expect(normalizeLabel(value, allowed)).toBe(want);
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
    // Seed 003's environment rule (normalize: in the taxonomy) maps an unknown spelling to dev before labels are read.
    expect(text).toContain('runtime_failed_total{environment="dev",recoverable="false"} 1');
    expect(text).not.toContain('hacked-123');
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
