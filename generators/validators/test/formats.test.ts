// The generated validators' formats are ajv-formats' own, except date-time, which is RFC 3339
// (ajv-formats is looser or rounds: see DIFFERENCES). No hand-written fast path stands before
// them (they did not pay 2x on the real workload; see bench/README.md).
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { formats } from '../src/runtime/formats.js';

const require = createRequire(import.meta.url);
const { fullFormats } = require('ajv-formats/dist/formats') as { fullFormats: Record<string, unknown> };

type Validate = (s: string) => boolean;
const asFn = (d: unknown): Validate => (d instanceof RegExp ? (s) => d.test(s) : typeof d === 'function' ? (d as Validate) : (d as { validate: Validate }).validate);
const ours = (name: string) => asFn(formats[name]);
const ajvFormats = (name: string) => asFn(fullFormats[name]);

/** Where our date-time (RFC 3339, section 5.6) and ajv-formats' differ, with our verdict. */
const DIFFERENCES: [string, boolean][] = [
  ['2026-01-31T09:30:00+05', false], // offset without minutes: ISO 8601, not RFC 3339
  ['2026-01-31T09:30:00+0530', false],
  ['2026-01-31 09:30:00Z', false], // a space for T: RFC 3339's note allows it by agreement only
  ['2026-01-31t12:59:59.99999999999999999Z', true], // ajv-formats rounds the fraction up to :60, a leap second off 23:59
];

const EDGE = [
  '2026-01-31T09:30:00Z', '2026-01-31T09:30:00.123456Z', '2026-01-31T09:30:00+05:30', '2026-01-31T09:30:00-00:00', '2026-01-31t09:30:00z',
  '2024-02-29T00:00:00Z', '2023-02-29T00:00:00Z', '1900-02-29T00:00:00Z', '2000-02-29T00:00:00Z',
  '2026-04-31T00:00:00Z', '2026-13-01T00:00:00Z', '2026-00-01T00:00:00Z', '2026-01-00T00:00:00Z', '2026-01-31T24:00:00Z',
  '2026-01-31T23:60:00Z', '2026-01-31T23:59:60Z', '2016-12-31T23:59:60Z', '2026-01-31T22:59:60-01:00', '2026-01-31T23:59:61Z', '2026-01-31T09:30:00',
  '2026-01-31T09:30:00.Z', '2026-01-31T09:30:00+24:00', '2026-01-31T09:30:00+05:60',
  '2026-01-31T09:30:00Zx', '2026-01-31TT09:30:00Z', '２026-01-31T09:30:00Z', '2026-01-31T09:30:00Z\n', '', 'T', '2026-01-31',
];

describe('formats', () => {
  it('every format but date-time is ajv-formats\' own, and there is no other', () => {
    expect(Object.keys(formats).sort()).toEqual(Object.keys(fullFormats).sort());
    for (const name of Object.keys(fullFormats)) if (name !== 'date-time') expect(formats[name], name).toBe(fullFormats[name]);
  });

  it('regression: `59.99999999999999999Z` (many fraction digits) gets one verdict with `T` and with `t` (a fast path accepted it with T only)', () => {
    const dateTime = ours('date-time');
    expect(dateTime('2026-01-31T23:59:59.99999999999999999Z')).toBe(true);
    expect(dateTime('2026-01-31t23:59:59.99999999999999999Z')).toBe(true);
  });

  it('regression: a leap second (`2016-12-31T23:59:60Z`) is valid, and so is the same instant at an offset; :60 elsewhere is not', () => {
    expect(ours('date-time')('2016-12-31T23:59:60Z')).toBe(true);
    expect(ours('date-time')('2017-01-01T08:59:60+09:00')).toBe(true);
    expect(ours('date-time')('2016-12-31T22:59:60Z')).toBe(false);
  });

  it.each(DIFFERENCES)('date-time %j is %s (RFC 3339; ajv-formats says otherwise)', (s, verdict) => {
    expect(ours('date-time')(s)).toBe(verdict);
    expect(ajvFormats('date-time')(s)).toBe(!verdict);
  });

  it('date-time elsewhere agrees with ajv-formats on its edge cases', () => {
    const differ = new Set(DIFFERENCES.map(([s]) => s));
    for (const s of EDGE) if (!differ.has(s)) expect(ours('date-time')(s), s).toBe(ajvFormats('date-time')(s));
  });
});
