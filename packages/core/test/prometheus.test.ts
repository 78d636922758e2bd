import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadTaxonomy } from '@taxonomy/core';

const dir = join(import.meta.dirname, 'fixtures', '32-prometheus-clean');

describe('Prometheus declarations in the model', () => {
  const r = loadTaxonomy(join(dir, 'taxonomy'), { cwd: dir });

  it('resolves declared metrics with their labels, values (enum union, const, boolean, label_values), buckets and bound events', () => {
    expect(r.failed).toBe(false);
    const m = r.model!.prometheus;
    expect(m.map((x) => x.name)).toEqual(['task_seconds', 'tasks_started_total']);
    const [hist, counter] = m;
    expect(hist).toMatchObject({
      type: 'histogram', domain: 'ops', buckets: [0.5, 1, 10],
      labels: [{ name: 'source', values: ['chat', 'api', 'cli'] }, { name: 'status', values: ['done', 'failed'] }],
      events: [{ event: 'task_done', observe: 'seconds' }, { event: 'task_failed', observe: 'seconds' }],
      help: 'Distribution of task_done, task_failed (from the analytics taxonomy).',
    });
    expect(counter).toMatchObject({
      type: 'counter', help: 'Tasks started.', events: [{ event: 'task_started' }],
      labels: [{ name: 'source', values: ['chat', 'api'] }, { name: 'provider', values: ['claude', 'codex'] }, { name: 'retried', values: ['false', 'true'] }],
    });
    expect(counter!.buckets).toBeUndefined();
    expect(r.model!.events.find((e) => e.name === 'task_done')!.prometheus).toEqual([{ metric: 'task_seconds', observe: 'seconds' }]);
  });

  it('leaves events without bindings without a prometheus field (their model is unchanged)', () => {
    const seed = loadTaxonomy(join(import.meta.dirname, 'fixtures', '00-clean', 'taxonomy'), { cwd: join(import.meta.dirname, 'fixtures', '00-clean') });
    for (const e of seed.model!.events) expect('prometheus' in e).toBe(false);
    expect(seed.model!.prometheus).toEqual([]);
  });
});
