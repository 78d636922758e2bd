// The fast paths of date-time and date must never change a verdict of the full check (ajv-formats'
// date; RFC 3339 for date-time, where ajv-formats is looser: see DIFFERENCES): each only says
// "valid" for strings the full check accepts. Checked on edge cases and generated near misses.
import { createRequire } from 'node:module';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fastPaths, formats, slowPaths } from '../src/runtime/formats.js';

const require = createRequire(import.meta.url);
const { fullFormats } = require('ajv-formats/dist/formats') as { fullFormats: Record<string, unknown> };

type Validate = (s: string) => boolean;
const asFn = (d: unknown): Validate => (d instanceof RegExp ? (s) => d.test(s) : typeof d === 'function' ? (d as Validate) : (d as { validate: Validate }).validate);
const ours = (name: string) => asFn(formats[name]);
const ajvFormats = (name: string) => asFn(fullFormats[name]);
const theirs = (name: string) => slowPaths[name]!;

/** Where our date-time (RFC 3339, section 5.6) and ajv-formats' differ, with our verdict. */
const DIFFERENCES: [string, boolean][] = [
  ['2026-01-31T09:30:00+05', false], // offset without minutes: ISO 8601, not RFC 3339
  ['2026-01-31T09:30:00+0530', false],
  ['2026-01-31 09:30:00Z', false], // a space for T: RFC 3339's note allows it by agreement only
  ['2026-01-31t12:59:59.99999999999999999Z', true], // ajv-formats rounds the fraction up to :60, a leap second off 23:59
];

const EDGE: Record<string, string[]> = {
  'date-time': [
    '2026-01-31T09:30:00Z', '2026-01-31T09:30:00.123456Z', '2026-01-31T09:30:00+05:30', '2026-01-31T09:30:00-00:00', '2026-01-31t09:30:00z',
    '2026-01-31 09:30:00Z', '2024-02-29T00:00:00Z', '2023-02-29T00:00:00Z', '1900-02-29T00:00:00Z', '2000-02-29T00:00:00Z',
    '2026-04-31T00:00:00Z', '2026-13-01T00:00:00Z', '2026-00-01T00:00:00Z', '2026-01-00T00:00:00Z', '2026-01-31T24:00:00Z',
    '2026-01-31T23:60:00Z', '2026-01-31T23:59:60Z', '2026-01-31T22:59:60-01:00', '2026-01-31T23:59:61Z', '2026-01-31T09:30:00',
    '2026-01-31T09:30:00.Z', '2026-01-31T09:30:00+24:00', '2026-01-31T09:30:00+05:60', '2026-01-31T09:30:00+0530', '2026-01-31T09:30:00+05',
    '2026-01-31T09:30:00Zx', '2026-01-31TT09:30:00Z', '２026-01-31T09:30:00Z', '2026-01-31T09:30:00Z\n', '', 'T', '2026-01-31',
  ],
  date: ['2026-01-31', '2024-02-29', '2023-02-29', '2026-1-31', '2026-01-31 ', '20260131', '2026-02-30', '0000-01-01'],
};

/** Strings shaped like the format with random characters swapped in, so near misses are common. */
function nearMiss(template: string): fc.Arbitrary<string> {
  const alphabet = fc.constantFrom(...'0123456789-:.TtZz+ x\u00a0AaFfgG9'.split(''));
  return fc.array(fc.tuple(fc.nat(template.length), alphabet), { maxLength: 4 }).map((edits) => {
    const chars = template.split('');
    for (const [i, c] of edits) chars[Math.min(i, chars.length - 1)] = c;
    return chars.join('');
  });
}

const TEMPLATES: Record<string, string[]> = {
  'date-time': ['2024-02-29T23:59:59.5+23:59', '2026-12-31T00:00:00Z', '1999-09-09T09:09:09-09:09'],
  date: ['2024-02-29', '2026-12-31'],
};

describe('fast format paths agree with ajv-formats', () => {
  for (const name of Object.keys(fastPaths)) {
    it.each(EDGE[name]!)(`${name}: %j`, (s) => {
      expect(ours(name)(s)).toBe(theirs(name)(s));
      if (fastPaths[name]!(s)) expect(theirs(name)(s)).toBe(true);
    });

    it(`${name}: on generated near misses and random strings`, () => {
      const arb = fc.oneof(...TEMPLATES[name]!.map(nearMiss), fc.string({ maxLength: 40 }));
      fc.assert(fc.property(arb, (s) => {
        expect(ours(name)(s)).toBe(theirs(name)(s));
        if (fastPaths[name]!(s)) expect(theirs(name)(s)).toBe(true);
      }), { numRuns: 20_000, seed: 7 });
    });
  }

  it.each([
    ['date-time', '2026-01-31T09:30:00Z'], ['date-time', '2026-01-31T09:30:00.123+05:30'], ['date', '2024-02-29'],
  ])('the fast path itself accepts the common form of %s (%s), or it would be no faster', (name, s) => {
    expect(fastPaths[name]!(s)).toBe(true);
  });

  it('every other format is ajv-formats\' own', () => {
    for (const name of Object.keys(fullFormats)) {
      if (!(name in fastPaths)) expect(formats[name], name).toBe(fullFormats[name]);
    }
  });

  it.each(DIFFERENCES)('date-time %j is %s (RFC 3339; ajv-formats says otherwise)', (s, verdict) => {
    expect(ours('date-time')(s)).toBe(verdict);
    expect(ajvFormats('date-time')(s)).toBe(!verdict);
  });

  it('date-time elsewhere agrees with ajv-formats on its edge cases', () => {
    const differ = new Set(DIFFERENCES.map(([s]) => s));
    for (const s of EDGE['date-time']!) if (!differ.has(s)) expect(ours('date-time')(s), s).toBe(ajvFormats('date-time')(s));
  });
});
