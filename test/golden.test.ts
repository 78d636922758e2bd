// The golden helper itself: a missing golden fails, a different one fails, UPDATE_GOLDEN writes.
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { expectGolden } from './golden.js';

const saved = process.env.UPDATE_GOLDEN;
afterEach(() => {
  if (saved === undefined) delete process.env.UPDATE_GOLDEN;
  else process.env.UPDATE_GOLDEN = saved;
});

describe('expectGolden', () => {
  it('regression: a missing golden fails its test and is not written (four tests wrote one and passed)', () => {
    delete process.env.UPDATE_GOLDEN;
    const path = join(mkdtempSync(join(tmpdir(), 'golden-')), 'missing.txt');
    expect(() => expectGolden(path, 'text\n')).toThrow(/golden file .*missing\.txt is missing: run the test with UPDATE_GOLDEN=1/);
    expect(existsSync(path)).toBe(false);
  });

  it('fails when the text differs, passes when it is the same', () => {
    delete process.env.UPDATE_GOLDEN;
    const path = join(mkdtempSync(join(tmpdir(), 'golden-')), 'g.txt');
    writeFileSync(path, 'a\n');
    expect(() => expectGolden(path, 'b\n')).toThrow();
    expectGolden(path, 'a\n');
  });

  it('UPDATE_GOLDEN=1 writes the golden (and its folder), then compares', () => {
    process.env.UPDATE_GOLDEN = '1';
    const path = join(mkdtempSync(join(tmpdir(), 'golden-')), 'sub', 'g.txt');
    expectGolden(path, 'new\n');
    expect(readFileSync(path, 'utf8')).toBe('new\n');
  });
});
