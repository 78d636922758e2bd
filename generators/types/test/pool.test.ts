// Given the CLI's task pool, the types generator runs json-schema-to-typescript there: the
// declarations must be byte-identical to running it itself, with or without the memo.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadTaxonomy, runTask, type GeneratorCache, type TaskPool, type TaxonomyModel } from '@taxonomy/core';
import { typesGenerator } from '../dist/index.js';

const repo = join(import.meta.dirname, '../../..');
const model = loadTaxonomy(join(repo, 'taxonomy'), { cwd: repo }).model as TaxonomyModel;

/** A pool on this thread (after a turn of the event loop) that records each task and its cost. */
function recordingPool() {
  const given: { name: string; cost?: number; members: number }[] = [];
  const pool: TaskPool = {
    async run<I, O>(task: { module: string; name: string }, input: I, cost?: number): Promise<O> {
      given.push({ name: task.name, cost, members: (input as { members: unknown[] }).members.length });
      await new Promise((r) => setImmediate(r));
      return runTask(task, input) as Promise<O>;
    },
  };
  return { pool, given };
}

describe('types on the task pool', () => {
  it('runs json-schema-to-typescript on the pool, costed by its number of events, with the same output as without it', async () => {
    const alone = await typesGenerator.generate(model, {}, undefined);
    const { pool, given } = recordingPool();
    expect(await typesGenerator.generate(model, {}, { pool })).toEqual(alone);
    expect(given).toEqual([{ name: 'compileMembersTask', cost: model.events.length, members: model.events.length }]);
  });

  it('with the memo: a cold run compiles every event on the pool, a warm one nothing, an edit only the edited event', async () => {
    const alone = await typesGenerator.generate(model, {}, undefined);
    const store = new Map<string, string>();
    const cache: GeneratorCache = { get: (k) => store.get(k), set: (k, v) => void store.set(k, v) };
    const cold = recordingPool();
    expect(await typesGenerator.generate(model, {}, { cache, pool: cold.pool })).toEqual(alone);
    expect(cold.given).toHaveLength(1);
    const warm = recordingPool();
    expect(await typesGenerator.generate(model, {}, { cache, pool: warm.pool })).toEqual(alone);
    expect(warm.given).toEqual([]);
    const edited = { ...model, events: model.events.map((e, i) => (i === 3 ? { ...e, description: `${e.description} (edited)` } : e)) };
    const edit = recordingPool();
    expect(await typesGenerator.generate(edited, {}, { cache, pool: edit.pool })).toEqual(await typesGenerator.generate(edited, {}, undefined));
    // Every event stands in the union; only the edited one is compiled.
    expect(edit.given).toEqual([{ name: 'compileMembersTask', cost: 1, members: model.events.length }]);
  });
});
