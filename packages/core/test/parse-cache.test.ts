// The parse cache (parse-cache.ts) may only ever save work: a load through it gives the same
// model and the same diagnostics as a load without it, and it is consulted and filled only
// for what the fast path parses.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deserialize, serialize } from 'node:v8';
import { describe, expect, it } from 'vitest';
import { loadTaxonomy, loadTaxonomyFromFiles, parseCacheKey, type FastParse, type ParseCache, type TaxonomySourceFile } from '../src/index.js';
import { parseYamlText } from '../src/source.js';

const fixtures = fileURLToPath(new URL('./fixtures', import.meta.url));
const seedTaxonomy = fileURLToPath(new URL('../../../taxonomy', import.meta.url));

/** An in-memory cache that hands out copies, as the CLI's disk store does, and counts its use. */
function memoryCache(): ParseCache & { store: Map<string, Buffer>; hits: number; sets: number } {
  const store = new Map<string, Buffer>();
  const cache = {
    store, hits: 0, sets: 0,
    get(key: string): FastParse | undefined {
      const b = store.get(key);
      if (b) cache.hits++;
      return b ? (deserialize(b) as FastParse) : undefined;
    },
    set(key: string, value: FastParse): void {
      cache.sets++;
      store.set(key, serialize(value));
    },
  };
  return cache;
}

function filesOf(dir: string, prefix = ''): TaxonomySourceFile[] {
  const out: TaxonomySourceFile[] = [];
  for (const n of readdirSync(join(dir, prefix))) {
    const rel = prefix ? `${prefix}/${n}` : n;
    if (statSync(join(dir, rel)).isDirectory()) out.push(...filesOf(dir, rel));
    else out.push({ path: rel, contents: readFileSync(join(dir, rel)) });
  }
  return out;
}

const taxonomies = [
  ['the seed taxonomy', seedTaxonomy],
  ...readdirSync(fixtures).filter((n) => statSync(join(fixtures, n, 'taxonomy')).isDirectory()).map((n) => [`fixture ${n}`, join(fixtures, n, 'taxonomy')]),
] as const;

describe('parse cache', () => {
  it.each(taxonomies)('%s: loading through a warm cache gives the same model and diagnostics as without one', (_name, dir) => {
    const plain = loadTaxonomy(dir, { cwd: dir });
    const cache = memoryCache();
    const cold = loadTaxonomy(dir, { cwd: dir, parseCache: cache });
    const warm = loadTaxonomy(dir, { cwd: dir, parseCache: cache });
    for (const r of [cold, warm]) {
      expect(r.diagnostics).toEqual(plain.diagnostics);
      expect(r.failed).toBe(plain.failed);
      expect(JSON.stringify(r.model)).toBe(JSON.stringify(plain.model));
    }
    // Every file the cold load cached, the warm load took from the cache and did not store again.
    expect(cache.hits).toBe(cache.sets);
    expect(cache.sets).toBe(cache.store.size);
  });

  it('is used for every file of a clean taxonomy, also when loading from memory (a git ref)', () => {
    const cache = memoryCache();
    const files = filesOf(seedTaxonomy);
    loadTaxonomyFromFiles(files, 'taxonomy', { parseCache: cache });
    expect(cache.sets).toBe(files.length);
    const again = loadTaxonomyFromFiles(files, 'taxonomy', { parseCache: cache });
    expect(cache.hits).toBe(files.length);
    expect(again.failed).toBe(false);
  });

  it('misses when a single byte of the text changes, so an edit is always parsed', () => {
    const text = 'name: a\nversion: 1.0.0\n';
    expect(parseCacheKey(text)).toMatch(/^[0-9a-f]{64}$/);
    expect(parseCacheKey(text)).toBe(parseCacheKey(text));
    expect(parseCacheKey(text.replace('1.0.0', '1.0.1'))).not.toBe(parseCacheKey(text));
    expect(parseCacheKey(`${text} `)).not.toBe(parseCacheKey(text));
  });

  it.each([
    ['an anchor and alias', 'a: &x 1\nb: *x\n'],
    ['a syntax error', 'a: [1, 2\n'],
    ['a duplicate key', 'a: 1\na: 2\n'],
    ['a __proto__ key', '__proto__:\n  polluted: true\n'],
  ])('does not fill the cache for %s (the slow path decides and reports)', (_n, text) => {
    const cache = memoryCache();
    const r = parseYamlText(text, 'x.yaml', { cache });
    expect(cache.sets).toBe(0);
    // Parsed by the `yaml` package: a document, or diagnostics.
    expect(r.file?.doc !== undefined || r.diagnostics.length > 0).toBe(true);
  });

  it('takes what the cache returns for a key (the cache is trusted, so its key must cover every input)', () => {
    const text = 'name: a\n';
    const cache = memoryCache();
    cache.set(parseCacheKey(text), { data: { name: 'from-cache' }, root: 0 });
    expect(parseYamlText(text, 'x.yaml', { cache }).file?.data).toEqual({ name: 'from-cache' });
    expect(parseYamlText(text, 'x.yaml').file?.data).toEqual({ name: 'a' });
  });
});
