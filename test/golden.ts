// Golden files: reviewed expected output, committed beside the tests that compare with them.
// A golden never creates itself: a missing one fails its test. `UPDATE_GOLDEN=1` rewrites
// every golden a run reaches (then review the diff before committing).
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { expect } from 'vitest';

/** The reviewed text at `path` (first rewritten with `actual` under UPDATE_GOLDEN=1); throws when there is none. */
export function golden(path: string, actual: string): string {
  if (process.env.UPDATE_GOLDEN === '1') {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, actual);
  }
  if (!existsSync(path)) throw new Error(`golden file ${path} is missing: run the test with UPDATE_GOLDEN=1 and review what it writes`);
  return readFileSync(path, 'utf8');
}

/** `actual` must equal the reviewed golden file at `path`. */
export function expectGolden(path: string, actual: string, message?: string): void {
  expect(actual, message ?? path).toBe(golden(path, actual));
}
