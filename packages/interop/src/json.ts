/**
 * A JSON reader that keeps what JSON.parse throws away: where every value starts
 * (by JSON pointer), duplicate keys (JSON.parse silently keeps the last one), and,
 * on a syntax error or a truncated file, everything read up to that point.
 */

export interface Position { readonly line: number; readonly column: number }

export interface JsonProblem {
  readonly pointer: string;
  readonly position: Position;
  readonly message: string;
  readonly hint: string;
}

export interface JsonDocument {
  /** The value read; on a syntax error, what was read before it (open objects and arrays closed). */
  readonly value: unknown;
  /** Where each value is, by JSON pointer ('' is the root): an object member at its key, an array item at its value. */
  readonly positions: { get(pointer: string): Position | undefined };
  /** The syntax error that stopped reading, if any. */
  readonly syntaxError?: JsonProblem;
  /** Pointers of objects and arrays the syntax error cut off (their contents are incomplete). */
  readonly incomplete: ReadonlySet<string>;
  /** Keys written twice in one object: the last value is kept, like JSON.parse does. */
  readonly duplicates: readonly JsonProblem[];
}

/** The largest nesting depth read; deeper input is refused instead of overflowing the stack. */
export const MAX_JSON_DEPTH = 256;

export const escapePointer = (key: string) => key.replace(/~/g, '~0').replace(/\//g, '~1');
export const pointerOf = (parts: readonly (string | number)[]) => parts.map((p) => '/' + escapePointer(String(p))).join('');
export const fmt = (p: Position) => `${p.line}:${p.column}`;

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const ESCAPES: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };
const describe = (ch: string | undefined) => (ch === undefined ? 'the end of the file' : JSON.stringify(ch));

class Stop extends Error {
  constructor(readonly at: number, readonly msg: string, readonly hint: string) { super(msg); }
}

/** Where the children of each object or array start (offsets into the text), kept beside the values. */
type ChildOffsets = Map<string, number>;

/** Reads JSON text. Never throws: problems come back in the result. */
export function readJson(text: string): JsonDocument {
  const src = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const childOffsets = new WeakMap<object, ChildOffsets>();
  const duplicates: { at: number; first: number; path: (string | number)[]; key: string }[] = [];
  /** The keys from the root to the value being read; containers open at each prefix. */
  const path: (string | number)[] = [];
  let rootOffset = 0;
  let i = 0;
  const fail = (msg: string, hint: string, at = i): never => { throw new Stop(at, msg, hint); };
  const ws = () => {
    for (;;) {
      const c = src.charCodeAt(i);
      if (c === 32 || c === 10 || c === 13 || c === 9) i++;
      else break;
    }
  };
  const str = (): string => {
    const start = i++;
    let out = '';
    let chunk = i;
    for (;;) {
      if (i >= src.length) fail(`unterminated string (opened at ${fmt(posAt(start))})`, 'the file looks truncated: close the string and the objects around it, or export it again', start);
      const c = src.charCodeAt(i);
      if (c === 34) { out += src.slice(chunk, i++); return out; }
      if (c < 0x20) fail('control character inside a string', 'escape it (\\n, \\t, \\u00XX)');
      if (c === 92) {
        out += src.slice(chunk, i);
        const e = src[i + 1];
        if (e !== undefined && ESCAPES[e] !== undefined) { out += ESCAPES[e]; i += 2; }
        else if (e === 'u' && /^[0-9a-fA-F]{4}$/.test(src.slice(i + 2, i + 6))) { out += String.fromCharCode(parseInt(src.slice(i + 2, i + 6), 16)); i += 6; }
        else fail(`invalid escape ${JSON.stringify(src.slice(i, i + 2))} in a string`, 'use a JSON escape: \\" \\\\ \\/ \\b \\f \\n \\r \\t or \\uXXXX');
        chunk = i;
        continue;
      }
      i++;
    }
  };
  // Containers are attached to their parent before they are filled, so whatever was
  // read survives a Stop thrown further in (a truncated plan keeps its complete rules).
  const value = (set: (v: unknown) => void): void => {
    if (path.length > MAX_JSON_DEPTH) fail(`nesting deeper than ${MAX_JSON_DEPTH} levels`, 'a tracking plan or schema is never this deep; check the file');
    const c = src.charCodeAt(i);
    if (c === 123) return object(set);
    if (c === 91) return array(set);
    if (c === 34) return set(str());
    if (src.startsWith('true', i)) { i += 4; return set(true); }
    if (src.startsWith('false', i)) { i += 5; return set(false); }
    if (src.startsWith('null', i)) { i += 4; return set(null); }
    NUMBER.lastIndex = i;
    const m = NUMBER.exec(src);
    if (m) { i += m[0].length; return set(Number(m[0])); }
    fail(`expected a value but found ${describe(src[i])}`, i >= src.length ? 'the file looks truncated: export it again' : 'write a string, number, object, array, true, false or null (JSON has no comments or trailing commas)');
  };
  const object = (set: (v: unknown) => void): void => {
    const out: Record<string, unknown> = {};
    const offsets: ChildOffsets = new Map();
    childOffsets.set(out, offsets);
    set(out);
    const open = i++;
    ws();
    if (src.charCodeAt(i) === 125) { i++; return; }
    for (;;) {
      ws();
      if (src.charCodeAt(i) !== 34) fail(`expected a key (a string in double quotes) but found ${describe(src[i])}`, i >= src.length ? `the file ends inside the object opened at ${fmt(posAt(open))}: it looks truncated` : 'quote the key; remove a trailing comma');
      const keyAt = i;
      const key = str();
      ws();
      if (src.charCodeAt(i) !== 58) fail(`expected ':' after key ${JSON.stringify(key)} but found ${describe(src[i])}`, i >= src.length ? 'the file looks truncated' : 'write "key": value');
      i++;
      ws();
      // A member is located at its key (where a reader looks for it), an array item at its value.
      const prev = offsets.get(key);
      if (prev !== undefined) duplicates.push({ at: keyAt, first: prev, path: [...path, key], key });
      offsets.set(key, keyAt);
      path.push(key);
      // An own data property even for "__proto__": no prototype pollution.
      if (key === '__proto__') value((v) => { Object.defineProperty(out, key, { value: v, writable: true, enumerable: true, configurable: true }); });
      else value((v) => { out[key] = v; });
      path.pop();
      ws();
      const c = src.charCodeAt(i);
      if (c === 44) { i++; continue; }
      if (c === 125) { i++; return; }
      fail(`expected ',' or '}' but found ${describe(src[i])}`, i >= src.length ? `the file ends inside the object opened at ${fmt(posAt(open))}: it looks truncated` : 'separate entries with commas');
    }
  };
  const array = (set: (v: unknown) => void): void => {
    const out: unknown[] = [];
    const offsets: ChildOffsets = new Map();
    childOffsets.set(out, offsets);
    set(out);
    const open = i++;
    ws();
    if (src.charCodeAt(i) === 93) { i++; return; }
    for (;;) {
      ws();
      const index = out.length;
      offsets.set(String(index), i);
      path.push(index);
      value((v) => { out[index] = v; });
      path.pop();
      ws();
      const c = src.charCodeAt(i);
      if (c === 44) { i++; continue; }
      if (c === 93) { i++; return; }
      fail(`expected ',' or ']' but found ${describe(src[i])}`, i >= src.length ? `the file ends inside the array opened at ${fmt(posAt(open))}: it looks truncated` : 'separate items with commas');
    }
  };

  // Line starts, so a position is computed only when it is asked for.
  let lineStarts: number[] | undefined;
  function posAt(offset: number): Position {
    if (!lineStarts) {
      lineStarts = [0];
      for (let k = 0; k < src.length; k++) if (src.charCodeAt(k) === 10) lineStarts.push(k + 1);
    }
    let lo = 0, hi = lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (lineStarts[mid]! <= offset) lo = mid; else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - lineStarts[lo]! + 1 };
  }

  let root: unknown;
  let syntaxError: JsonProblem | undefined;
  const incomplete = new Set<string>();
  let rootDone = false;
  try {
    ws();
    rootOffset = i;
    if (i >= src.length) fail('the file is empty', 'export it again');
    value((v) => { root = v; });
    rootDone = true;
    ws();
    if (i < src.length) fail(`unexpected ${describe(src[i])} after the end of the document`, 'remove what follows the last closing bracket');
  } catch (e) {
    if (!(e instanceof Stop)) throw e;
    syntaxError = { pointer: pointerOf(path), position: posAt(e.at), message: e.msg, hint: e.hint };
    // Every container on the way down to the error is cut off.
    let cur: unknown = rootDone ? undefined : root;
    for (let k = 0; k <= path.length && cur && typeof cur === 'object'; k++) {
      incomplete.add(pointerOf(path.slice(0, k)));
      cur = k < path.length ? (cur as Record<string | number, unknown>)[path[k]!] : undefined;
    }
  }

  const positions = {
    get(pointer: string): Position | undefined {
      if (pointer === '') return posAt(rootOffset);
      let cur: unknown = root;
      let offset: number | undefined;
      for (const raw of pointer.slice(1).split('/')) {
        const seg = raw.replace(/~1/g, '/').replace(/~0/g, '~');
        const offs = cur && typeof cur === 'object' ? childOffsets.get(cur) : undefined;
        offset = offs?.get(seg);
        if (offset === undefined) return undefined;
        cur = (cur as Record<string, unknown>)[seg];
      }
      return offset === undefined ? undefined : posAt(offset);
    },
  };
  return {
    value: root, positions, syntaxError, incomplete,
    duplicates: duplicates.map((d) => ({
      pointer: pointerOf(d.path), position: posAt(d.at),
      message: `key ${JSON.stringify(d.key)} is written twice in this object (first at ${fmt(posAt(d.first))}); the last value is kept`,
      hint: 'remove one of them: JSON tools disagree on which one wins',
    })),
  };
}
