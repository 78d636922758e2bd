/**
 * Where a JSON text goes wrong, for the 400 answer: V8's JSON.parse message on Node 20
 * names no position (and quotes the input back), so after JSON.parse fails this small
 * iterative scanner finds the first offending offset and what was expected there.
 */
export interface JsonSyntaxError {
  readonly offset: number;
  readonly line: number;
  readonly column: number;
  readonly expected: string;
  readonly found: string;
}

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const ESCAPES = new Set(['"', '\\', '/', 'b', 'f', 'n', 'r', 't']);

export function findJsonError(text: string): JsonSyntaxError | undefined {
  let i = 0;
  const stack: string[] = [];
  let state: 'value' | 'valueOrEnd' | 'key' | 'keyOrEnd' | 'after' = 'value';
  const fail = (expected: string): JsonSyntaxError => {
    const before = text.slice(0, i);
    const line = before.split('\n').length;
    const c = text[i];
    const found = c === undefined ? 'the end of the body' : /[\x20-\x7e]/.test(c) ? `'${c}'` : `U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
    return { offset: i, line, column: i - before.lastIndexOf('\n'), expected, found };
  };
  const string = (): JsonSyntaxError | undefined => {
    i++;
    for (;;) {
      const c = text[i];
      if (c === undefined) return fail('a closing "');
      if (c === '"') { i++; return undefined; }
      if (c === '\\') {
        const e = text[i + 1];
        if (e === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) { i += 2; return fail('4 hex digits after \\u'); }
          i += 6;
        } else if (e !== undefined && ESCAPES.has(e)) i += 2;
        else { i++; return fail('an escape (\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX)'); }
        continue;
      }
      if (c < ' ') return fail('no control character inside a string (escape it)');
      i++;
    }
  };
  for (;;) {
    while (i < text.length && ' \t\n\r'.includes(text[i]!)) i++;
    const c = text[i];
    if (state === 'value' || state === 'valueOrEnd') {
      if (state === 'valueOrEnd' && c === ']') { stack.pop(); i++; state = 'after'; continue; }
      if (c === '{') { stack.push('}'); i++; state = 'keyOrEnd'; continue; }
      if (c === '[') { stack.push(']'); i++; state = 'valueOrEnd'; continue; }
      if (c === '"') { const e = string(); if (e) return e; state = 'after'; continue; }
      const lit = ['true', 'false', 'null'].find((w) => text.startsWith(w, i));
      if (lit) { i += lit.length; state = 'after'; continue; }
      NUMBER.lastIndex = i;
      if (c !== undefined && NUMBER.test(text)) { i = NUMBER.lastIndex; state = 'after'; continue; }
      return fail(state === 'valueOrEnd' ? "a value or ']'" : 'a value (object, array, string, number, true, false or null)');
    }
    if (state === 'key' || state === 'keyOrEnd') {
      if (state === 'keyOrEnd' && c === '}') { stack.pop(); i++; state = 'after'; continue; }
      if (c !== '"') return fail(state === 'keyOrEnd' ? "a property name in double quotes or '}'" : 'a property name in double quotes');
      const e = string();
      if (e) return e;
      while (i < text.length && ' \t\n\r'.includes(text[i]!)) i++;
      if (text[i] !== ':') return fail("':'");
      i++;
      state = 'value';
      continue;
    }
    const close = stack[stack.length - 1];
    if (close === undefined) return i < text.length ? fail('the end of the body (one JSON value only)') : undefined;
    if (c === ',') { i++; state = close === '}' ? 'key' : 'value'; continue; }
    if (c === close) { stack.pop(); i++; continue; }
    return fail(`',' or '${close}'`);
  }
}
