/**
 * The JSON text of an envelope (or any value) that may hold bigints: JSON.stringify's output
 * byte for byte, except that each bigint is written as its exact decimal digits, a JSON
 * number (9223372036854775807n → 9223372036854775807), never as a string and never rounded.
 * JSON.stringify itself throws on a bigint, and Number() would round it to ...808. `space`
 * indents as JSON.stringify's does.
 *
 * Every sink that serializes an envelope goes through this one function (SendContext.json,
 * the PostHog batch body, the size check of an event).
 *
 * How: plain JSON.stringify first (nearly every value has no bigint, and then this is all it
 * costs); when it throws on a bigint, JSON.stringify again with a replacer that turns each
 * bigint into a placeholder string, whose quoted text is then replaced by the digits.
 * JSON.rawJSON would do it directly, but it is Node 21+ and browsers only lately.
 * A placeholder is U+0000 characters, the bigint's index and U+0000: JSON.stringify always
 * writes U+0000 as `\u0000`, and should a string of the data read exactly like a placeholder,
 * the count of placeholders in the text gives it away and the replacement is redone with more
 * leading U+0000s than any run in the data. An app that installed `BigInt.prototype.toJSON`
 * (a common work-around that writes bigints as strings) does not change the output.
 */
export function jsonText(value: unknown, space?: number | string): string | undefined {
  const hooked = typeof (BigInt.prototype as { toJSON?: unknown }).toJSON === 'function';
  if (!hooked) {
    try {
      return JSON.stringify(value, undefined, space);
    } catch (e) {
      if (!(e instanceof TypeError) || !/BigInt/i.test(e.message)) throw e;
    }
  }
  return withDigits(value, 1, hooked, space);
}

/** JSON text with each bigint as a placeholder of `nuls` leading U+0000s, then replaced by its digits. */
function withDigits(value: unknown, nuls: number, hooked: boolean, space?: number | string): string | undefined {
  const digits: string[] = [];
  const lead = '\u0000'.repeat(nuls);
  const text = JSON.stringify(value, function (this: unknown, key: string, v: unknown) {
    let big = v;
    // toJSON runs before the replacer: with BigInt.prototype.toJSON installed, a bigint arrives as
    // a string, so the holder's own value says what it was.
    if (hooked && typeof v === 'string') big = (this as Record<string, unknown>)[key];
    if (typeof big !== 'bigint') return v;
    digits.push(big.toString());
    return `${lead}${digits.length - 1}\u0000`;
  }, space);
  if (text === undefined || digits.length === 0) return text;
  const placeholder = new RegExp(`"(?:\\\\u0000){${nuls}}(\\d+)\\\\u0000"`, 'g');
  let found = 0;
  const out = text.replace(placeholder, (_m, i: string) => { found++; return digits[Number(i)] ?? _m; });
  if (found === digits.length) return out;
  // A string of the data reads like a placeholder: use more leading U+0000s than any run in the text.
  const longest = Math.max(0, ...(text.match(/(?:\\u0000)+/g) ?? []).map((run) => run.length / 6));
  if (nuls > 1) throw new TypeError('jsonText: the value changed while it was being serialized');
  return withDigits(value, longest + 1, hooked, space);
}
