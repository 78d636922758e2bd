// Given the CLI's task pool, the validators generator compiles its chunks there (ajv's code
// generation, its costliest step): the output must be byte-identical to compiling them itself,
// whatever order the pool finishes in, with or without the memo.
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { loadTaxonomy, runTask, type GeneratorCache, type TaskPool, type TaxonomyModel } from '@taxonomy/core';
import { validatorsGenerator } from '../dist/index.js';

const repo = join(import.meta.dirname, '../../..');
/** The seed taxonomy: 136 events, several chunks. */
const seedModel = () => loadTaxonomy(join(repo, 'taxonomy'), { cwd: repo }).model as TaxonomyModel;

/** A pool on this thread that finishes tasks in reverse order and records what it was given. */
function reversingPool() {
  const given: { name: string; cost: number | undefined }[] = [];
  const waiting: (() => void)[] = [];
  const pool: TaskPool = {
    run<I, O>(task: { module: string; name: string }, input: I, cost?: number): Promise<O> {
      given.push({ name: task.name, cost });
      return new Promise<O>((resolve, reject) => {
        waiting.push(() => void (runTask(task, input) as Promise<O>).then(resolve, reject));
        // Once every task of this turn is in, run them last first.
        if (waiting.length === 1) queueMicrotask(() => setImmediate(() => { for (const w of waiting.splice(0).reverse()) w(); }));
      });
    },
  };
  return { pool, given };
}

const mapCache = (): GeneratorCache => { const m = new Map<string, string>(); return { get: (k) => m.get(k), set: (k, v) => void m.set(k, v) }; };

describe('validators on the task pool', () => {
  it('compiles every chunk on the pool, costed by its number of schemas, and writes the same bytes as without it', async () => {
    const model = seedModel();
    const alone = await validatorsGenerator.generate(model, {}, undefined);
    const { pool, given } = reversingPool();
    const pooled = await validatorsGenerator.generate(model, {}, { pool });
    expect(pooled).toEqual(alone);
    expect(given.length).toBeGreaterThan(1);
    expect(given.every((g) => g.name === 'compileChunk' && typeof g.cost === 'number' && g.cost >= 1)).toBe(true);
  });

  it('with the memo: a cold run stores what the pool compiled, a warm run asks the pool for nothing', async () => {
    const model = seedModel();
    const alone = await validatorsGenerator.generate(model, {}, undefined);
    const cache = mapCache();
    const cold = reversingPool();
    expect(await validatorsGenerator.generate(model, {}, { cache, pool: cold.pool })).toEqual(alone);
    const warm = reversingPool();
    expect(await validatorsGenerator.generate(model, {}, { cache, pool: warm.pool })).toEqual(alone);
    expect(cold.given.length).toBeGreaterThan(0);
    expect(warm.given).toEqual([]);
  });

  it('a task that fails on the pool fails the generator with its message', async () => {
    const pool: TaskPool = { run: () => Promise.reject(new Error('task compileChunk: its thread stopped (exit code 1)')) };
    await expect(validatorsGenerator.generate(seedModel(), {}, { pool })).rejects.toThrow(/its thread stopped/);
  });
});
