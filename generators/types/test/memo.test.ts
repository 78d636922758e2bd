import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadTaxonomy, type GeneratorCache, type TaxonomyModel } from '@taxonomy/core';
import { typesGenerator } from '../src/index.js';
import { compileCached } from '../src/memo.js';

const model = loadTaxonomy(join(import.meta.dirname, 'fixtures/mini/taxonomy'), { cwd: join(import.meta.dirname, '..') }).model as TaxonomyModel;

/** An in-memory cache that counts what it is asked and told. */
function counting() {
  const store = new Map<string, string>();
  const counts = { gets: 0, hits: 0, sets: 0 };
  const cache: GeneratorCache = {
    get(k) { counts.gets++; const v = store.get(k); if (v !== undefined) counts.hits++; return v; },
    set(k, v) { counts.sets++; store.set(k, v); },
  };
  const reset = () => Object.assign(counts, { gets: 0, hits: 0, sets: 0 });
  return { context: { cache }, store, counts, reset };
}

const dts = async (m: TaxonomyModel, c?: ReturnType<typeof counting>, formatter?: 'prettier') =>
  (await typesGenerator.generate(m, formatter ? { formatter } : {}, c?.context))[0]!.contents;

/** The model with one event changed (the model is frozen: a new one). */
const editEvent = (m: TaxonomyModel, i: number, edit: (e: TaxonomyModel['events'][number]) => TaxonomyModel['events'][number]): TaxonomyModel =>
  ({ ...m, events: m.events.map((e, j) => (j === i ? edit(e) : e)) });

describe('memo of json-schema-to-typescript output', () => {
  it('gives byte-identical output with no cache, a cold cache and a warm one', async () => {
    const none = await dts(model);
    const c = counting();
    const cold = await dts(model, c);
    expect(c.counts.sets).toBe(model.events.length + 1); // each event's declarations and the union
    c.reset();
    const warm = await dts(model, c);
    expect(c.counts).toEqual({ gets: model.events.length + 1, hits: model.events.length + 1, sets: 0 });
    expect(cold).toBe(none);
    expect(warm).toBe(none);
  });

  it('recompiles an edited event alone and reuses the others', async () => {
    const c = counting();
    await dts(model, c);
    const edited = editEvent(model, 1, (e) => ({ ...e, description: 'Edited: a */ inside.' }));
    c.reset();
    const warm = await dts(edited, c);
    expect(c.counts.sets).toBe(1);
    expect(warm).toBe(await dts(edited));
    expect(warm).toContain('Edited: a * / inside.');
    expect(warm).not.toBe(await dts(model));
  });

  it('recompiles the union alone when an event is removed, and reuses a removed event when it is back', async () => {
    const c = counting();
    await dts(model, c);
    const fewer = { ...model, events: model.events.filter((_, i) => i !== 2) };
    c.reset();
    const warm = await dts(fewer, c);
    expect(c.counts.sets).toBe(1);
    expect(warm).toBe(await dts(fewer));
    c.reset();
    expect(await dts(model, c)).toBe(await dts(model));
    expect(c.counts.sets).toBe(0);
  });

  it('keeps the prettier layout apart, also memoised', async () => {
    const c = counting();
    const indented = await dts(model, c);
    const pretty = await dts(model, c, 'prettier');
    expect(pretty).toBe(await dts(model, undefined, 'prettier'));
    expect(pretty).not.toBe(indented);
    c.reset();
    expect(await dts(model, c, 'prettier')).toBe(pretty);
    expect(c.counts).toMatchObject({ hits: 1, sets: 0 });
  });

  it('stores nothing, and still compiles, when a declaration depends on another event', async () => {
    // A titled sub-schema becomes a named interface; its name depends on which events are compiled with it.
    const nested = (name: string) => ({
      names: { event: `${name}Event`, properties: `${name}Properties` },
      input: {
        title: `${name}Event`, type: 'object', additionalProperties: false,
        properties: { properties: { title: `${name}Properties`, type: 'object', additionalProperties: false, properties: { where: { title: 'Place', type: 'object', properties: { city: { type: 'string' } } } } } },
      },
    });
    const members = [nested('A'), nested('B')];
    const c = counting();
    const ts = await compileCached('AnalyticsEvent', 'All.', members, 'test', c.context);
    expect(ts).toBe(await compileCached('AnalyticsEvent', 'All.', members, 'test'));
    expect(ts).toContain('export interface Place1 {');
    expect(c.counts.sets).toBe(0);
  });
});
