// The generated validators' formats are ajv-formats' own: no hand-written fast path stands
// before them (they did not pay 2x on the real workload; see bench/README.md).
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { formats } from '../src/runtime/formats.js';

const require = createRequire(import.meta.url);
const { fullFormats } = require('ajv-formats/dist/formats') as { fullFormats: Record<string, unknown> };

type Validate = (s: string) => boolean;
const asFn = (d: unknown): Validate => (d instanceof RegExp ? (s) => d.test(s) : typeof d === 'function' ? (d as Validate) : (d as { validate: Validate }).validate);

describe('formats', () => {
  it('every format is ajv-formats\' own, and there is no other', () => {
    expect(Object.keys(formats).sort()).toEqual(Object.keys(fullFormats).sort());
    for (const name of Object.keys(fullFormats)) expect(formats[name], name).toBe(fullFormats[name]);
  });

  it('regression: `59.99999999999999999Z` (many fraction digits) gets one verdict with `T` and with `t` (a fast path accepted it with T only)', () => {
    const dateTime = asFn(formats['date-time']);
    const upper = dateTime('2026-01-31T23:59:59.99999999999999999Z');
    const lower = dateTime('2026-01-31t23:59:59.99999999999999999Z');
    expect(upper).toBe(lower);
  });
});
