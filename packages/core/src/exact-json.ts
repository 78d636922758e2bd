/**
 * JSON text of a value that may hold bigints (the exact integer bounds of the model, see
 * `Bound`): JSON.stringify's output, with each bigint printed as its digits. JSON.stringify
 * itself throws on a bigint, and Number() would round 9223372036854775807 to ...808.
 */
export function exactJson(value: unknown, space?: number | string): string {
  // Each bigint becomes a string of `nuls` U+0000s, its index and a U+0000 (U+0000 is always
  // written \u0000), then its digits. A string of the data that reads the same makes the count
  // of replacements differ: then again with more U+0000s than any run in the data.
  for (let nuls = 1; ; nuls++) {
    const marks: string[] = [];
    const lead = '\u0000'.repeat(nuls);
    const text = JSON.stringify(value, (_k, v: unknown) => {
      if (typeof v !== 'bigint') return v;
      marks.push(v.toString());
      return `${lead}${marks.length - 1}\u0000`;
    }, space);
    if (!marks.length) return text;
    let found = 0;
    const out = text.replace(new RegExp(`"(?:\\\\u0000){${nuls}}(\\d+)\\\\u0000"`, 'g'), (m, i: string) => {
      found++;
      return marks[Number(i)] ?? m;
    });
    if (found === marks.length) return out;
  }
}

/** A bound as a number (for arithmetic that may round, e.g. a sample value); exact when safe. */
export const boundNumber = (b: number | bigint): number => (typeof b === 'bigint' ? Number(b) : b);
