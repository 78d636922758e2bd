/**
 * JSON text of a value that may hold bigints (the exact integer bounds of the model, see
 * `Bound`): JSON.stringify's output, with each bigint printed as its digits. JSON.stringify
 * itself throws on a bigint, and Number() would round 9223372036854775807 to ...808.
 */
export function exactJson(value: unknown, space?: number | string): string {
  const marks: string[] = [];
  // A marker no JSON string can contain unescaped: U+0000 is always written \u0000.
  const text = JSON.stringify(value, (_k, v: unknown) => {
    if (typeof v !== 'bigint') return v;
    marks.push(v.toString());
    return `\u0000${marks.length - 1}\u0000`;
  }, space);
  if (!marks.length) return text;
  return text.replace(/"\\u0000(\d+)\\u0000"/g, (_m, i: string) => marks[Number(i)]!);
}

/** A bound as a number (for arithmetic that may round, e.g. a sample value); exact when safe. */
export const boundNumber = (b: number | bigint): number => (typeof b === 'bigint' ? Number(b) : b);
