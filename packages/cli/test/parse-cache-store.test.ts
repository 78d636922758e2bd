import { existsSync, mkdtempSync, readdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serialize } from 'node:v8';
import { createHash } from 'node:crypto';
import { parseCacheKey, parseYamlText, type FastParse } from '@taxonomy/core';
import { describe, expect, it } from 'vitest';
import { ParseCacheStore } from '../src/parse-cache-store.js';
import { project, run } from './cli-run.js';

const tmp = () => mkdtempSync(join(tmpdir(), 'parse-cache-'));
const TEXT = 'name: shop\nversion: 1.0.0\nlist: [a, 2, true]\nnested:\n  key: "quoted"\n';

/** What the fast path makes of TEXT, and its key. */
function parsed(): { key: string; value: FastParse } {
  const cache: { value?: FastParse; key?: string } = {};
  parseYamlText(TEXT, 'x.yaml', { cache: { get: () => undefined, set: (k, v) => { cache.key = k; cache.value = v; } } });
  return { key: cache.key!, value: cache.value! };
}

const entries = (root: string) => readdirSync(join(root, '.taxonomy-cache/parsed')).sort();

describe('ParseCacheStore (parsed YAML in .taxonomy-cache/parsed/)', () => {
  it('gives back, in a new process-like instance, the data and the position index as stored', () => {
    const root = tmp();
    const { key, value } = parsed();
    expect(key).toBe(parseCacheKey(TEXT));
    ParseCacheStore.forRoot(root).set(key, value);
    const store = ParseCacheStore.forRoot(root);
    const back = store.get(key);
    expect(back).toEqual(value);
    expect(back!.root).toEqual(value.root); // Maps included
    expect(store.stats).toEqual({ hits: 1, misses: 0 });
    expect(store.get('0'.repeat(64))).toBeUndefined();
    expect(store.stats.misses).toBe(1);
  });

  it.each([
    ['a flipped byte', (b: Buffer) => { const c = Buffer.from(b); c[c.length - 3] ^= 0xff; return c; }],
    ['a torn write', (b: Buffer) => b.subarray(0, b.length >> 1)],
    ['an empty file', () => Buffer.alloc(0)],
    ['a valid seal over something that is not a parse', () => { const p = serialize({ data: 1, root: 'nope' }); return Buffer.concat([createHash('sha256').update(p).digest(), p]); }],
    ['a valid seal over bytes V8 cannot read', () => { const p = Buffer.from('not v8 data'); return Buffer.concat([createHash('sha256').update(p).digest(), p]); }],
  ])('treats an entry with %s as a miss, never as data', (_n, damage) => {
    const root = tmp();
    const { key, value } = parsed();
    ParseCacheStore.forRoot(root).set(key, value);
    const file = join(root, '.taxonomy-cache/parsed', `${key}.bin`);
    writeFileSync(file, damage(readFileSync(file)));
    expect(ParseCacheStore.forRoot(root).get(key)).toBeUndefined();
  });

  it('never writes or removes anything when read-only (generate --check)', () => {
    const root = tmp();
    const { key, value } = parsed();
    const ro = ParseCacheStore.forRoot(root, true);
    ro.set(key, value);
    ro.prune();
    expect(existsSync(join(root, '.taxonomy-cache'))).toBe(false);
  });

  it('prunes entries a run did not use once they are too old, and dead writers\' temporary files', () => {
    const root = tmp();
    const { key, value } = parsed();
    const a = ParseCacheStore.forRoot(root);
    a.set(key, value);
    a.set('a'.repeat(64), value);
    a.set('b'.repeat(64), value);
    const dir = join(root, '.taxonomy-cache/parsed');
    writeFileSync(join(dir, 'x.bin.1.tmp'), 'partial');
    const old = new Date(Date.now() - 30 * 24 * 3600 * 1000);
    utimesSync(join(dir, `${'a'.repeat(64)}.bin`), old, old);
    utimesSync(join(dir, `${key}.bin`), old, old);
    utimesSync(join(dir, 'x.bin.1.tmp'), old, old);
    const b = ParseCacheStore.forRoot(root);
    expect(b.get(key)).toEqual(value); // used in this run: kept although old
    b.prune();
    expect(entries(root)).toEqual([`${'b'.repeat(64)}.bin`, `${key}.bin`].sort());
  });

  it('keeps the newest unused entries up to a byte budget and drops older ones', () => {
    const root = tmp();
    const { value } = parsed();
    const a = ParseCacheStore.forRoot(root);
    const keys = ['1', '2', '3'].map((c) => c.repeat(64));
    for (const k of keys) a.set(k, value);
    const dir = join(root, '.taxonomy-cache/parsed');
    keys.forEach((k, i) => { const t = new Date(Date.now() - (3 - i) * 60_000); utimesSync(join(dir, `${k}.bin`), t, t); });
    const size = readFileSync(join(dir, `${keys[0]}.bin`)).length;
    ParseCacheStore.forRoot(root).prune(Date.now(), 2 * size);
    expect(entries(root)).toEqual([`${keys[1]}.bin`, `${keys[2]}.bin`]);
  });
});

describe('taxonomy generate and the parse cache', () => {
  it('fills the cache, gives byte-identical output from it, and leaves it alone with --no-cache and --check', async () => {
    const dir = project('parse-cache-gen-');
    expect((await run(['generate', 'taxonomy', '--only', 'json-schema,typescript', '--no-cache'], dir)).code).toBe(0);
    expect(existsSync(join(dir, '.taxonomy-cache/parsed'))).toBe(false);
    const snapshot = () => readdirSync(join(dir, 'packages/schemas/schemas')).map((f) => readFileSync(join(dir, 'packages/schemas/schemas', f), 'utf8')).join('\n');
    const before = snapshot();

    expect((await run(['generate', 'taxonomy', '--only', 'json-schema,typescript', '--force', '--check'], dir)).code).toBe(0);
    expect(existsSync(join(dir, '.taxonomy-cache/parsed'))).toBe(false);

    expect((await run(['generate', 'taxonomy', '--only', 'json-schema,typescript', '--force'], dir)).code).toBe(0);
    const files = readdirSync(join(dir, 'taxonomy'), { recursive: true }).filter((f) => /\.ya?ml$/.test(String(f)));
    expect(entries(dir)).toHaveLength(files.length);
    const r = await run(['generate', 'taxonomy', '--only', 'json-schema,typescript', '--force'], dir);
    expect(r.code).toBe(0);
    expect(snapshot()).toBe(before);
    // A cached parse still drives the drift check.
    expect((await run(['generate', 'taxonomy', '--only', 'json-schema,typescript', '--check'], dir)).code).toBe(0);
  });

  it('is what generate reads (an entry under a file\'s key is used instead of parsing it)', async () => {
    const dir = project('parse-cache-used-');
    const text = readFileSync(join(dir, 'taxonomy/domains/workbench.yaml'), 'utf8');
    const real = parseYamlText(text, 'w.yaml').file!;
    const data = structuredClone(real.data) as { events: Record<string, { description: string }> };
    data.events['workbench.draft_created']!.description = 'Description from the cache.';
    ParseCacheStore.forRoot(dir).set(parseCacheKey(text), { data, root: real.root! });
    expect((await run(['generate', 'taxonomy', '--only', 'json-schema'], dir)).code).toBe(0);
    const schema = readdirSync(join(dir, 'packages/schemas/schemas')).find((f) => f.startsWith('workbench.draft_created'))!;
    expect(readFileSync(join(dir, 'packages/schemas/schemas', schema), 'utf8')).toContain('Description from the cache.');
    expect((await run(['generate', 'taxonomy', '--only', 'json-schema', '--force', '--no-cache'], dir)).code).toBe(0);
    expect(readFileSync(join(dir, 'packages/schemas/schemas', schema), 'utf8')).not.toContain('Description from the cache.');
  });
});

describe('taxonomy check and the parse cache', () => {
  it('reports the same findings from the cache, and --no-cache neither reads nor writes it', async () => {
    const dir = project('parse-cache-check-');
    // A finding with a location, so cached positions are exercised too.
    const file = join(dir, 'taxonomy/domains/workbench.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace('{ ref: draft_id, required: true }', '{ ref: draft_idd, required: true }'));
    const plain = await run(['check', 'taxonomy', '--no-cache'], dir);
    expect(existsSync(join(dir, '.taxonomy-cache'))).toBe(false);
    expect(plain.code).toBe(1);
    expect(plain.err).toMatch(/workbench\.yaml:\d+:\d+ .*draft_idd/);
    const cold = await run(['check', 'taxonomy'], dir);
    expect(entries(dir).length).toBeGreaterThan(0);
    const warm = await run(['check', 'taxonomy'], dir);
    expect(cold).toEqual(plain);
    expect(warm).toEqual(plain);
  });
});
