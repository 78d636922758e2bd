// The string formats of the generated validators: ajv-formats' "full" formats, with fast
// paths for date-time and date, and date-time checked as RFC 3339 writes it (below). ajv-formats' date-time splits the string with a regex and
// runs two more; it cost more than every other check of a typical event together. (uuid
// is a single regex already; a hand-written loop was slower, and so were runs of hex digits
// read from a table, in the generated module: 0.72-1.03x, so it stays as it is.)
// Each fast path only ever says "valid" for a string the ajv-formats function accepts too
// (a strict layout, then the numbers' ranges), and hands everything else to that
// function: the verdict is always ajv-formats' verdict. test/formats.test.ts checks this
// on edge cases and on generated near misses.
import { fullFormats } from 'ajv-formats/dist/formats.js';

type FormatDefinition = (typeof fullFormats)[keyof typeof fullFormats];
type Validate = (s: string) => boolean;

const DAYS = [0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

const digit = (s: string, i: number): number => {
  const c = s.charCodeAt(i) - 48;
  return c >= 0 && c <= 9 ? c : -1;
};

/** Two digits at i as a number, or -1. */
const two = (s: string, i: number): number => {
  const a = digit(s, i), b = digit(s, i + 1);
  return a < 0 || b < 0 ? -1 : a * 10 + b;
};

/** `YYYY-MM-DD` starting at 0 with a real day of a real month. */
function fastDate(s: string): boolean {
  const y1 = two(s, 0), y2 = two(s, 2), m = two(s, 5), d = two(s, 8);
  if (y1 < 0 || y2 < 0 || m < 1 || m > 12 || d < 1 || s.charCodeAt(4) !== 45 || s.charCodeAt(7) !== 45) return false;
  const y = y1 * 100 + y2;
  const leap = y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);
  return d <= (m === 2 && leap ? 29 : DAYS[m]!);
}

/** The layout of the common date-times: the regex vouches for digits and separators (`\d` is ASCII only without the u flag). */
const DATE_TIME = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?(?:[Zz]|[+-]\d\d:\d\d)$/;

/** `YYYY-MM-DDTHH:MM:SS[.f+](Z|±HH:MM)` naming a real day and time; leap seconds take the slow path. */
function fastDateTime(s: string): boolean {
  if (!DATE_TIME.test(s) || !fastDate(s)) return false;
  if (two(s, 11) > 23 || two(s, 14) > 59 || two(s, 17) > 59) return false;
  const n = s.length;
  const z = s.charCodeAt(n - 1);
  if (z === 90 || z === 122) return true; // Z z
  return two(s, n - 5) <= 23 && two(s, n - 2) <= 59;
}

/** RFC 3339 `date-time` as its ABNF writes it: `T` or `t`, `Z`/`z` or `±HH:MM`, any number of fraction digits. */
const RFC3339 = /^\d{4}-\d\d-\d\d[Tt]\d\d:\d\d:\d\d(?:\.\d+)?(?:[Zz]|[+-]\d\d:\d\d)$/;

/**
 * The full RFC 3339 check, in place of ajv-formats' date-time: that one takes `+09` and
 * `+0900` offsets and a space for `T` (not RFC 3339), and rounds a long fraction of a :59
 * second up to :60, refusing it with `t` where the fast path accepts it with `T`. A leap
 * second (:60) is valid when it falls at 23:59 UTC, as section 5.7 says.
 */
function rfc3339DateTime(s: string): boolean {
  if (!RFC3339.test(s) || !fastDate(s)) return false;
  const h = two(s, 11), m = two(s, 14), sec = two(s, 17);
  const n = s.length;
  const z = s.charCodeAt(n - 1);
  const utc = z === 90 || z === 122;
  const oh = utc ? 0 : two(s, n - 5), om = utc ? 0 : two(s, n - 2);
  if (h > 23 || m > 59 || sec > 60 || oh > 23 || om > 59) return false;
  if (sec < 60) return true;
  const sign = utc ? 0 : s.charCodeAt(n - 6) === 45 ? -1 : 1;
  const utcMinute = (((h * 60 + m - sign * (oh * 60 + om)) % 1440) + 1440) % 1440;
  return utcMinute === 23 * 60 + 59;
}

function slowPath(def: FormatDefinition): Validate {
  if (def instanceof RegExp) return (s) => def.test(s);
  if (typeof def === 'function') return def as Validate;
  if (typeof def === 'object' && typeof (def as { validate?: unknown }).validate === 'function') return (def as { validate: Validate }).validate;
  throw new Error('unsupported format definition');
}

function withFastPath(def: FormatDefinition, fast: Validate): FormatDefinition {
  const slow = slowPath(def);
  const validate: Validate = (s) => fast(s) || slow(s);
  return typeof def === 'object' && !(def instanceof RegExp) ? { ...def, validate } as FormatDefinition : validate;
}

const isDate: Validate = (s) => s.length === 10 && fastDate(s);

/** Every format of ajv-formats' full mode, keyed by name, as ajv's `addFormat` takes them. */
export const formats: Record<string, FormatDefinition> = {
  ...fullFormats,
  'date-time': withFastPath({ ...(fullFormats['date-time'] as object), validate: rfc3339DateTime } as FormatDefinition, fastDateTime),
  date: withFastPath(fullFormats.date, isDate),
};

/** The fast paths alone, for the equivalence test. */
export const fastPaths: Readonly<Record<string, Validate>> = { 'date-time': fastDateTime, date: isDate };
/** What each fast path must agree with (where it says "valid"). */
export const slowPaths: Readonly<Record<string, Validate>> = { 'date-time': rfc3339DateTime, date: slowPath(fullFormats.date) };
