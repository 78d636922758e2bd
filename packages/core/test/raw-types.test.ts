import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

describe('raw types', () => {
  it('src/raw-types.ts is what json-schema-to-typescript makes of the meta-schema (no drift)', () => {
    const script = join(import.meta.dirname, '../scripts/gen-raw-types.mjs');
    // Exits non-zero (and execFileSync throws) when the committed file differs.
    expect(execFileSync(process.execPath, [script, '--check'], { encoding: 'utf8' })).toContain('up to date');
  });
});
