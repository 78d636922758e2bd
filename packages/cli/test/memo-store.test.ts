import { mkdtempSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { memo } from '@taxonomy/core';
import { describe, expect, it } from 'vitest';
import { MemoStore } from '../src/memo-store.js';

const tmp = () => mkdtempSync(join(tmpdir(), 'memo-store-'));

describe('MemoStore (the generators\' memo in .taxonomy-cache/memo/)', () => {
  it('keeps a value across runs under the hash of its inputs, and computes only on a miss', async () => {
    const root = tmp();
    let computed = 0;
    const compute = () => { computed++; return `value ${computed}`; };
    const first = MemoStore.forGenerator(root, 'g');
    expect(await memo({ cache: first }, ['a', 'b'], compute)).toBe('value 1');
    expect(await memo({ cache: first }, ['a', 'b'], compute)).toBe('value 1');
    first.save();
    const second = MemoStore.forGenerator(root, 'g');
    expect(await memo({ cache: second }, ['a', 'b'], compute)).toBe('value 1');
    // Inputs are hashed as a list: ['a', 'b'] and ['ab'] are different keys.
    expect(await memo({ cache: second }, ['ab'], compute)).toBe('value 2');
    expect(computed).toBe(2);
    expect(second.stats).toEqual({ entries: 2, reused: 1 });
  });

  it('drops entries a run did not use, so the file does not grow without bound', () => {
    const root = tmp();
    const a = MemoStore.forGenerator(root, 'g');
    a.set('old', 'x');
    a.set('kept', 'y');
    a.save();
    const b = MemoStore.forGenerator(root, 'g');
    expect(b.get('kept')).toBe('y');
    b.set('new', 'z');
    b.save();
    const entries = JSON.parse(readFileSync(join(root, '.taxonomy-cache/memo/g.json'), 'utf8')).entries;
    expect(Object.keys(entries)).toEqual(['kept', 'new']);
  });

  it.each([
    ['not JSON', '{ broken'],
    ['another format version', JSON.stringify({ version: 2, entries: { k: 'v' } })],
    ['values that are not strings', JSON.stringify({ version: 1, entries: { k: 42 } })],
  ])('treats a cache file that is %s as empty', (_n, text) => {
    const root = tmp();
    mkdirSync(join(root, '.taxonomy-cache/memo'), { recursive: true });
    writeFileSync(join(root, '.taxonomy-cache/memo/g.json'), text);
    expect(MemoStore.forGenerator(root, 'g').get('k')).toBeUndefined();
  });

  it('without a cache, memo() just computes', async () => {
    expect(await memo(undefined, ['x'], () => 'computed')).toBe('computed');
    expect(await memo({}, ['x'], () => 'computed')).toBe('computed');
  });

  it('a cache folder it cannot write is not an error', () => {
    const root = tmp();
    // A file where the folder should be: mkdir fails even for root.
    writeFileSync(join(root, '.taxonomy-cache'), '');
    const s = MemoStore.forGenerator(root, 'g');
    s.set('k', 'v');
    expect(() => s.save()).not.toThrow();
  });
});
