// JSON.parse reads 9223372036854775807 as the double 9223372036854775808: an integer beyond 2^53
// that a tracker sent exactly (the TypeScript tracker's bigints, Python's ints, Go's int64,
// uint64 and *big.Int) would be stored rounded. exactIntegers reads such integers as bigints, so
// the stored row's JSON (written by @taxonomy/runtime's jsonText) holds the digits that were sent.
// The validators check a bigint as the double JSON.parse would have read (their verdict is the
// same); only the stored text changes.
//
// How: only when the body holds what looks like an integer token of 16 digits or more (no
// integer beyond 2^53 is shorter; event ids and timestamps are not such tokens) is its text scanned for number tokens outside strings; each integer token that is not a safe integer
// becomes a placeholder string (U+0000s, its index, U+0000: more leading U+0000s than any run
// in the body's strings, so no string of the data can read as one), parsed again, and a reviver
// puts the bigints back. JSON.parse's source-text access (a reviver's `context.source`) would
// do this directly, but it is Node 21+.

/** Whether the text may hold an integer beyond 2^53: 16 digits or more after `:`, `[` or `,` and before `,`, `]` or `}`. */
const LONG_RUN = /[:[,]\s*-?\d{16,}\s*[,\]}]/;
const NUMBER = /-?\d+(\.\d+)?([eE][+-]?\d+)?/y;
const NUL_RUNS = /(?:\\u0000)+/g;

/**
 * `parsed` (JSON.parse(text), already checked to be valid JSON) with every integer beyond
 * 2^53 in `text` as an exact bigint; `parsed` itself when there is none. Data nested too deep
 * for the reviver keeps its doubles.
 */
export function exactIntegers(text: string, parsed: unknown): unknown {
  if (!LONG_RUN.test(text)) return parsed;
  const lead = 1 + Math.max(0, ...(text.match(NUL_RUNS) ?? []).map((run) => run.length / 6));
  const placeholder = '\\u0000'.repeat(lead);
  const digits: string[] = [];
  let out = '';
  let last = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 34 /* " */) {
      // Skip the string: to its closing quote, past escapes.
      for (i++; i < text.length && text.charCodeAt(i) !== 34; i++) if (text.charCodeAt(i) === 92 /* \ */) i++;
      continue;
    }
    if (c !== 45 /* - */ && (c < 48 || c > 57)) continue;
    NUMBER.lastIndex = i;
    const m = NUMBER.exec(text)!;
    const token = m[0];
    if (!m[1] && !m[2] && token.length >= 16 && !Number.isSafeInteger(Number(token))) {
      out += `${text.slice(last, i)}"${placeholder}${digits.length}\\u0000"`;
      digits.push(token);
      last = i + token.length;
    }
    i += token.length - 1;
  }
  if (!digits.length) return parsed;
  out += text.slice(last);
  const prefix = '\u0000'.repeat(lead);
  try {
    return JSON.parse(out, (_k, v: unknown) => {
      if (typeof v !== 'string' || !v.startsWith(prefix) || v.charCodeAt(v.length - 1) !== 0) return v;
      const index = v.slice(lead, -1);
      return /^\d+$/.test(index) && digits[Number(index)] !== undefined ? BigInt(digits[Number(index)]!) : v;
    });
  } catch (e) {
    if (e instanceof RangeError) return parsed; // nested deeper than the reviver's stack: the doubles stand
    throw e;
  }
}
