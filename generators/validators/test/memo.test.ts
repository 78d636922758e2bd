// The memo (GenerateContext.cache) of compiled chunks and of the runtime bundle: the output is
// byte-identical with no cache, a cold one, a warm one and a damaged one; a warm run compiles
// and bundles nothing; one changed or added event recompiles only its own chunk; a changed
// runtime file bundles again.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { GenerateContext, TaxonomyEvent, TaxonomyModel, TaxonomyProperty } from '@taxonomy/core';
import { validatorsGenerator } from '@taxonomy/gen-validators';
import { bucketCount, planChunks } from '../src/chunks.js';
import { loadMini } from './helpers.js';

const mini = loadMini();

/** `n` events cloned from the fixture's, each with a schema of its own (a different bound). */
function largeModel(n: number): TaxonomyModel {
  const events: TaxonomyEvent[] = [];
  for (let i = 0; i < n; i++) {
    const base = mini.events[i % mini.events.length]!;
    const count = { type: 'integer', minimum: 0, maximum: 1000 + i, privacy: 'internal', name: 'count', required: false, origin: 'event', location: base.location } as unknown as TaxonomyProperty;
    events.push({ ...base, name: `${base.name}_${String(i).padStart(4, '0')}`, properties: [...base.properties, count] });
  }
  return { ...mini, events: events.sort((a, b) => (a.name < b.name ? -1 : 1)) };
}

/** A cache over a Map that records what was set. */
function recordingCache(store = new Map<string, string>()): { context: GenerateContext; store: Map<string, string>; sets: string[] } {
  const sets: string[] = [];
  return { store, sets, context: { cache: { get: (k) => store.get(k), set: (k, v) => { sets.push(k); store.set(k, v); } } } };
}

const generate = (model: TaxonomyModel, context?: GenerateContext) => validatorsGenerator.generate(model, {}, context);

describe('memo of compiled chunks', () => {
  const model = largeModel(300);

  it('gives the same files with no cache, a cold cache and a warm one; a warm run compiles nothing', async () => {
    const plain = await generate(model);
    const { context, store, sets } = recordingCache();
    expect(await generate(model, context)).toEqual(plain);
    const chunks = (plain.find((f) => f.path === 'index.js')!.contents.match(/^const c\d+ = \(function \(exports\) \{$/gm) ?? []).length;
    expect(chunks).toBeGreaterThan(1);
    // One entry per chunk, and two for runtime.js (the bundle, and the files it was made from).
    expect(store.size).toBe(chunks + 2);
    expect(new Set(sets).size).toBe(chunks + 2);
    sets.length = 0;
    expect(await generate(model, context)).toEqual(plain);
    expect(sets).toEqual([]);
  });

  it('does not trust a damaged value: recomputes it, replaces it, and the output is unchanged', async () => {
    const plain = await generate(model);
    const { context, store, sets } = recordingCache();
    await generate(model, context);
    const keys = [...store.keys()];
    const sound = new Map(store);
    const damage = [
      () => 'garbage',
      (k: number) => sound.get(keys[k]!)!.slice(0, -10), // truncated
      (k: number) => sound.get(keys[k]!)!.replace('exports.', 'exports.x'), // code edited, checksum kept
      (k: number) => `${'0'.repeat(40)}${sound.get(keys[k]!)!.slice(40)}`, // checksum edited
      (k: number) => sound.get(keys[(k + 1) % keys.length]!)!, // a sound value, filed under another key
    ];
    expect(keys.length).toBeGreaterThanOrEqual(damage.length);
    keys.forEach((k, i) => store.set(k, damage[i % damage.length]!(i)));
    sets.length = 0;
    expect(await generate(model, context)).toEqual(plain);
    expect(new Set(sets)).toEqual(new Set(keys));
    expect(store).toEqual(sound);
  });

  it('recompiles only the chunk of an event that changed, or of one that was added (even one sorting first)', async () => {
    const { context, sets } = recordingCache();
    await generate(model, context);

    const target = model.events[150]!;
    const changed = { ...model, events: model.events.map((e) => (e === target ? { ...e, properties: e.properties.map((p) => (p.name === 'count' ? { ...p, maximum: 7 } : p)) } : e)) };
    sets.length = 0;
    expect(await generate(changed, context)).toEqual(await generate(changed));
    expect(sets).toHaveLength(1);

    // With schemas of its own: a schema it shared with a later event would move to its chunk too.
    const base = model.events.find((e) => e.personProperties.set.length + e.personProperties.setOnce.length === 0)!;
    const first = { ...base, name: 'aaa_first', properties: base.properties.map((p) => (p.name === 'count' ? { ...p, maximum: 99 } : p)) };
    const added = { ...model, events: [first, ...model.events] };
    expect(bucketCount(added.events.length)).toBe(bucketCount(model.events.length));
    sets.length = 0;
    expect(await generate(added, context)).toEqual(await generate(added));
    expect(sets).toHaveLength(1);
  });
});

describe('memo of the runtime bundle', () => {
  it('bundles again when a file the bundle was made from changed', async () => {
    // From dist, like the generator: the bundle is made from the compiled runtime/*.js.
    const { bundledRuntime } = (await import('../dist/bundle-memo.js')) as typeof import('../src/bundle-memo.js');
    const { runtimeEntry } = await import('../src/link.js');
    const entry = runtimeEntry(['ajv/dist/runtime/ucs2length']);
    const { context, sets } = recordingCache();
    const cold = await bundledRuntime(entry, false, 'test', context);
    expect(cold).toContain('function ucs2length');
    sets.length = 0;
    expect(await bundledRuntime(entry, false, 'test', context)).toBe(cold);
    expect(sets).toEqual([]);
    const read: string[] = [];
    const edited = (path: string) => { read.push(path); const text = readFileSync(path, 'utf8'); return path.endsWith('limits.js') ? `${text}\n` : text; };
    expect(await bundledRuntime(entry, false, 'test', context, edited)).toBe(cold);
    expect(read.filter((p) => p.endsWith('limits.js'))).toHaveLength(1);
    expect(sets).toHaveLength(2);
  });
});

describe('chunk plan', () => {
  it('uses a power of two of buckets, about 64 events each', () => {
    expect([1, 64, 65, 128, 129, 2000, 2048, 2049].map(bucketCount)).toEqual([1, 1, 2, 2, 4, 32, 32, 64]);
  });

  it('names exports within their chunk, so one more schema changes only the chunk it goes to', () => {
    const w = (owner: string) => ({ owner, prefix: 'p', schema: {}, json: JSON.stringify(owner) });
    const base = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'].map(w);
    const before = planChunks(base, 1000);
    const after = planChunks([w('0'), ...base], 1000);
    const extra = after.chunks.find((c) => c.entries.some((e) => e.json === '"0"'))!;
    expect(after.refs[0]).toMatch(new RegExp(`^${extra.name}\\.p\\d+$`));
    for (const c of after.chunks) if (c !== extra) expect(c.entries).toEqual(before.chunks.find((x) => x.name === c.name)!.entries);
  });
});
