// The fast YAML path (js-yaml events, fast-yaml.ts) must be indistinguishable from the `yaml`
// package's path: same data, same location for every key and value. Checked here on every
// YAML file in the repository, on tricky scalars, and on random documents (fast-check).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { stringify } from 'yaml';
import { describe, expect, it } from 'vitest';
import { locate, parseYamlText, type PathSegment, type SourceFile } from '../src/source.js';

const repo = fileURLToPath(new URL('../../..', import.meta.url));

function yamlFiles(dir: string, out: string[] = []): string[] {
  for (const n of readdirSync(dir)) {
    const p = join(dir, n);
    if (statSync(p).isDirectory()) yamlFiles(p, out);
    else if (/\.ya?ml$/.test(n)) out.push(p);
  }
  return out;
}

/** Every path into `data`: each key and each sequence index. */
function paths(data: unknown, prefix: PathSegment[] = [], out: PathSegment[][] = []): PathSegment[][] {
  out.push(prefix);
  if (Array.isArray(data)) data.forEach((v, i) => paths(v, [...prefix, i], out));
  else if (data && typeof data === 'object') for (const [k, v] of Object.entries(data)) paths(v, [...prefix, k], out);
  return out;
}

/** Both paths agree on `text`; returns whether the fast path took it (vs. falling back). */
function agree(text: string, name = 'doc.yaml'): boolean {
  const slow = parseYamlText(text, name, { fast: false });
  const fast = parseYamlText(text, name);
  expect(fast.diagnostics).toEqual(slow.diagnostics);
  if (!slow.file || !fast.file) {
    expect(fast.file).toBeUndefined();
    return false;
  }
  expect(fast.file.data).toEqual(slow.file.data);
  for (const p of paths(slow.file.data)) {
    for (const key of [false, true]) {
      expect(locate(fast.file, p, { key }), `${name} ${JSON.stringify(p)} key=${key}`).toEqual(locate(slow.file, p, { key }));
    }
  }
  // A missing path falls back to its nearest ancestor the same way.
  expect(locate(fast.file, ['no_such_key', 3])).toEqual(locate(slow.file, ['no_such_key', 3]));
  return fast.file.root !== undefined;
}

const isFast = (f: SourceFile | undefined) => f?.root !== undefined;

describe('fast YAML path', () => {
  it('agrees with the yaml package on every YAML file in the repository', () => {
    const files = [
      ...yamlFiles(join(repo, 'taxonomy')),
      ...yamlFiles(join(repo, 'packages/core/test/fixtures')),
    ];
    expect(files.length).toBeGreaterThan(30);
    let fast = 0;
    for (const f of files) if (agree(readFileSync(f, 'utf8'), relative(repo, f))) fast++;
    // The repository's own taxonomy is plain YAML: nearly every file takes the fast path.
    expect(fast).toBeGreaterThan(files.length / 2);
  });

  it.each([
    ['numbers', 'a: 0o17\nb: 0x1F\nc: +12\nd: -1.5e3\ne: .inf\nf: -.Inf\ng: .nan\nh: 1_000\ni: 0b101\nj: 012\nk: 1e3\n'],
    ['booleans and nulls', 'a: true\nb: True\nc: TRUE\nd: yes\ne: no\nf: on\ng: ~\nh: null\ni: Null\nj:\nk: ""\n'],
    ['dates stay strings', 'a: 2026-01-01\nb: 2026-01-01T10:00:00Z\n'],
    ['quoted and block scalars', 'a: "x\\ty"\nb: \'it\'\'s\'\nc: |\n  line\n  two\nd: >-\n  folded\n  text\ne: |+ # keep\n  x\n\nf: "multi\n  line"\n'],
    ['flow collections', 'a: { b: 1, "c d": [x, { e: f }], g: [] }\nh: {}\n'],
    ['quoted keys', '"a b": 1\n\'c\': 2\n"": 3\n'],
    ['nested sequences', 'a:\n  - - 1\n    - 2\n  - b: c\n    d: [e]\n  -\n'],
    ['unicode', 'name: "café ☕ 🎉"\nplain: naïve 🎉 text\n"🎉": 1\n'],
    ['comments everywhere', '# top\na: 1 # one\n# mid\nb:\n  # inner\n  c: 2\n'],
  ])('agrees on %s', (_n, text) => {
    expect(agree(text)).toBe(true);
  });

  it.each([
    ['an anchor and alias', 'a: &x { b: 1 }\nc: *x\n'],
    ['a tag', 'a: !!str 1\n'],
    ['a merge key', 'a: &x { b: 1 }\nc: { <<: *x }\n'],
    ['several documents', 'a: 1\n---\nb: 2\n'],
    ['a duplicate key', 'a: 1\na: 2\n'],
    ['a forbidden key', 'a:\n  __proto__: { polluted: true }\n'],
    ['a syntax error', 'a: "open\nb: 2\n'],
    ['a complex key', '? [a, b]\n: 1\n'],
  ])('leaves %s to the yaml package', (_n, text) => {
    agree(text);
    expect(isFast(parseYamlText(text, 'doc.yaml').file)).toBe(false);
  });

  it('agrees on random documents (fast-check)', () => {
    const key = fc.oneof(fc.string({ maxLength: 12 }), fc.constantFrom('a', 'b', 'name', 'on', 'null', '1', 'x y', 'é'));
    const scalar = fc.oneof(fc.string({ maxLength: 20 }), fc.integer(), fc.double({ noNaN: true }), fc.boolean(), fc.constant(null),
      fc.constantFrom('yes', 'no', '0o7', '0x1f', '1_0', '2026-01-01', 'a: b', '# not a comment', "it's", '"q"', 'multi\nline', ' pad '));
    const value = fc.letrec((tie) => ({
      node: fc.oneof({ depthSize: 'small', withCrossShrink: true }, scalar, fc.array(tie('node'), { maxLength: 4 }), fc.dictionary(key, tie('node'), { maxKeys: 4 })),
    })).node;
    const styles = fc.record({ flow: fc.boolean(), indent: fc.constantFrom(2, 4), quote: fc.boolean() });
    fc.assert(fc.property(fc.dictionary(key, value, { minKeys: 1, maxKeys: 5 }), styles, (data, s) => {
      const text = stringify(data, { collectionStyle: s.flow ? 'flow' : 'any', indent: s.indent, defaultStringType: s.quote ? 'QUOTE_DOUBLE' : 'PLAIN' });
      agree(text);
    }), { numRuns: 300 });
  });
});
