// The string formats of the generated validators: ajv-formats' "full" formats, except
// date-time, which is checked as RFC 3339 writes it (below). That one is a correction, not a
// copy of the library: ajv-formats' date-time takes `+09` and `+0900` offsets and a space for
// `T` (none of them RFC 3339), and rounds a long fraction of a :59 second up to :60, so the
// case of the `T` changed its verdict. (Hand-written fast paths for date-time and date stood
// before the library's checks; they measured under the 2x on the real workload that keeping a
// copy of a library's behaviour needs, see bench/README.md, so they are gone.)
import { fullFormats } from 'ajv-formats/dist/formats.js';

type FormatDefinition = (typeof fullFormats)[keyof typeof fullFormats];

const DAYS = [0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Two ASCII digits at i as a number, or -1. */
function two(s: string, i: number): number {
  const a = s.charCodeAt(i) - 48, b = s.charCodeAt(i + 1) - 48;
  return a < 0 || a > 9 || b < 0 || b > 9 ? -1 : a * 10 + b;
}

/** `YYYY-MM-DD` at the start of s names a real day of a real month. */
function realDate(s: string): boolean {
  const y = two(s, 0) * 100 + two(s, 2), m = two(s, 5), d = two(s, 8);
  const leap = y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);
  return m >= 1 && m <= 12 && d >= 1 && d <= (m === 2 && leap ? 29 : DAYS[m]!);
}

/** RFC 3339 `date-time` as its ABNF writes it: `T` or `t`, `Z`/`z` or `±HH:MM`, any number of fraction digits. */
const RFC3339 = /^\d{4}-\d\d-\d\d[Tt]\d\d:\d\d:\d\d(?:\.\d+)?(?:[Zz]|[+-]\d\d:\d\d)$/;

/** A leap second (:60) is valid when it falls at 23:59 UTC, as RFC 3339 section 5.7 says. */
export function rfc3339DateTime(s: string): boolean {
  if (!RFC3339.test(s) || !realDate(s)) return false;
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

/** Every format of ajv-formats' full mode, keyed by name, as ajv's `addFormat` takes them. */
export const formats: Record<string, FormatDefinition> = {
  ...fullFormats,
  'date-time': { ...(fullFormats['date-time'] as object), validate: rfc3339DateTime } as FormatDefinition,
};
