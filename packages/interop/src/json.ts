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

/**
 * A JSON number: an integer a double cannot hold exactly (int64's 9223372036854775807) is a
 * bigint, so bounds survive import exactly; every other number as JSON.parse reads it. The reader
 * already tokenises each number, so this is where lossless parsing costs nothing (a library such
 * as lossless-json would parse every file a second time and lose the positions kept here).
 */
export function numberOf(text: string): number | bigint {
  const n = Number(text);
  // Beyond 2^53 an integer is kept as written (even when a double happens to hold it, as -2^63:
  // the YAML then shows the digits of the source, not -9223372036854776000).
  return Number.isSafeInteger(n) || !/^-?\d+$/.test(text) ? n : BigInt(text);
}

class Stop extends Error {
  constructor(readonly at: number, readonly msg: string, readonly hint: string) { super(msg); }
}

/** Where the children of each object or array start (offsets into the text), kept beside the values. */
type ChildOffsets = Map<string, number>;

/** Line starts of a text, found once, so a position is computed only when it is asked for. */
class Lines {
  private starts: number[] | undefined;
  constructor(private readonly src: string) {}

  posAt(offset: number): Position {
    if (!this.starts) {
      this.starts = [0];
      for (let k = 0; k < this.src.length; k++) if (this.src.charCodeAt(k) === 10) this.starts.push(k + 1);
    }
    const starts = this.starts;
    let lo = 0, hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= offset) lo = mid; else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - starts[lo]! + 1 };
  }
}

/**
 * The recursive-descent reader: `i` is the offset being read, `path` the keys from the root to
 * the value being read (containers are open at each prefix). Containers are attached to their
 * parent before they are filled, so whatever was read survives a Stop thrown further in (a
 * truncated plan keeps its complete rules).
 */
class Reader {
  i = 0;
  readonly path: (string | number)[] = [];
  readonly childOffsets = new WeakMap<object, ChildOffsets>();
  readonly duplicates: { at: number; first: number; path: (string | number)[]; key: string }[] = [];
  readonly lines: Lines;

  constructor(readonly src: string) { this.lines = new Lines(src); }

  fail(msg: string, hint: string, at = this.i): never { throw new Stop(at, msg, hint); }

  ws(): void {
    const src = this.src;
    for (;;) {
      const c = src.charCodeAt(this.i);
      if (c === 32 || c === 10 || c === 13 || c === 9) this.i++;
      else break;
    }
  }

  str(): string {
    const src = this.src;
    const start = this.i++;
    let out = '';
    let chunk = this.i;
    for (;;) {
      const i = this.i;
      if (i >= src.length) this.fail(`unterminated string (opened at ${fmt(this.lines.posAt(start))})`, 'the file looks truncated: close the string and the objects around it, or export it again', start);
      const c = src.charCodeAt(i);
      if (c === 34) { out += src.slice(chunk, i); this.i = i + 1; return out; }
      if (c < 0x20) this.fail('control character inside a string', 'escape it (\\n, \\t, \\u00XX)');
      if (c === 92) {
        out += src.slice(chunk, i);
        out += this.escape();
        chunk = this.i;
        continue;
      }
      this.i = i + 1;
    }
  }

  /** The escape at `i` (a backslash): its character, with `i` moved past it. */
  private escape(): string {
    const src = this.src, i = this.i;
    const e = src[i + 1];
    if (e !== undefined && ESCAPES[e] !== undefined) { this.i = i + 2; return ESCAPES[e]; }
    if (e === 'u' && /^[0-9a-fA-F]{4}$/.test(src.slice(i + 2, i + 6))) { this.i = i + 6; return String.fromCharCode(parseInt(src.slice(i + 2, i + 6), 16)); }
    return this.fail(`invalid escape ${JSON.stringify(src.slice(i, i + 2))} in a string`, 'use a JSON escape: \\" \\\\ \\/ \\b \\f \\n \\r \\t or \\uXXXX');
  }

  value(set: (v: unknown) => void): void {
    const src = this.src, i = this.i;
    if (this.path.length > MAX_JSON_DEPTH) this.fail(`nesting deeper than ${MAX_JSON_DEPTH} levels`, 'a tracking plan or schema is never this deep; check the file');
    const c = src.charCodeAt(i);
    if (c === 123) return this.object(set);
    if (c === 91) return this.array(set);
    if (c === 34) return set(this.str());
    if (src.startsWith('true', i)) { this.i += 4; return set(true); }
    if (src.startsWith('false', i)) { this.i += 5; return set(false); }
    if (src.startsWith('null', i)) { this.i += 4; return set(null); }
    NUMBER.lastIndex = i;
    const m = NUMBER.exec(src);
    if (m) { this.i += m[0].length; return set(numberOf(m[0])); }
    this.fail(`expected a value but found ${describe(src[i])}`, i >= src.length ? 'the file looks truncated: export it again' : 'write a string, number, object, array, true, false or null (JSON has no comments or trailing commas)');
  }

  /** What to say when `what` was expected at `i`, where a container opened at `open` goes on. */
  private expected(what: string, kind: 'object' | 'array', open: number, hint: string): never {
    const src = this.src, i = this.i;
    return this.fail(`expected ${what} but found ${describe(src[i])}`, i >= src.length ? `the file ends inside the ${kind} opened at ${fmt(this.lines.posAt(open))}: it looks truncated` : hint);
  }

  object(set: (v: unknown) => void): void {
    const out: Record<string, unknown> = {};
    const offsets: ChildOffsets = new Map();
    this.childOffsets.set(out, offsets);
    set(out);
    const open = this.i++;
    this.ws();
    if (this.src.charCodeAt(this.i) === 125) { this.i++; return; }
    for (;;) {
      this.ws();
      if (this.src.charCodeAt(this.i) !== 34) this.expected('a key (a string in double quotes)', 'object', open, 'quote the key; remove a trailing comma');
      this.member(out, offsets);
      this.ws();
      const c = this.src.charCodeAt(this.i);
      if (c === 44) { this.i++; continue; }
      if (c === 125) { this.i++; return; }
      this.expected("',' or '}'", 'object', open, 'separate entries with commas');
    }
  }

  /** One `"key": value` of an object; a member is located at its key (where a reader looks for it). */
  private member(out: Record<string, unknown>, offsets: ChildOffsets): void {
    const keyAt = this.i;
    const key = this.str();
    this.ws();
    if (this.src.charCodeAt(this.i) !== 58) this.fail(`expected ':' after key ${JSON.stringify(key)} but found ${describe(this.src[this.i])}`, this.i >= this.src.length ? 'the file looks truncated' : 'write "key": value');
    this.i++;
    this.ws();
    const prev = offsets.get(key);
    if (prev !== undefined) this.duplicates.push({ at: keyAt, first: prev, path: [...this.path, key], key });
    offsets.set(key, keyAt);
    this.path.push(key);
    // An own data property even for "__proto__": no prototype pollution.
    if (key === '__proto__') this.value((v) => { Object.defineProperty(out, key, { value: v, writable: true, enumerable: true, configurable: true }); });
    else this.value((v) => { out[key] = v; });
    this.path.pop();
  }

  /** An array item is located at its value. */
  array(set: (v: unknown) => void): void {
    const out: unknown[] = [];
    const offsets: ChildOffsets = new Map();
    this.childOffsets.set(out, offsets);
    set(out);
    const open = this.i++;
    this.ws();
    if (this.src.charCodeAt(this.i) === 93) { this.i++; return; }
    for (;;) {
      this.ws();
      const index = out.length;
      offsets.set(String(index), this.i);
      this.path.push(index);
      this.value((v) => { out[index] = v; });
      this.path.pop();
      this.ws();
      const c = this.src.charCodeAt(this.i);
      if (c === 44) { this.i++; continue; }
      if (c === 93) { this.i++; return; }
      this.expected("',' or ']'", 'array', open, 'separate items with commas');
    }
  }
}

/** Reads the whole document: its root, where it starts, and the syntax error that stopped it. */
function readRoot(r: Reader): { root: unknown; rootOffset: number; syntaxError?: JsonProblem; incomplete: Set<string> } {
  let root: unknown;
  let rootOffset = 0;
  let rootDone = false;
  const incomplete = new Set<string>();
  try {
    r.ws();
    rootOffset = r.i;
    if (r.i >= r.src.length) r.fail('the file is empty', 'export it again');
    r.value((v) => { root = v; });
    rootDone = true;
    r.ws();
    if (r.i < r.src.length) r.fail(`unexpected ${describe(r.src[r.i])} after the end of the document`, 'remove what follows the last closing bracket');
    return { root, rootOffset, incomplete };
  } catch (e) {
    if (!(e instanceof Stop)) throw e;
    const syntaxError = { pointer: pointerOf(r.path), position: r.lines.posAt(e.at), message: e.msg, hint: e.hint };
    // Every container on the way down to the error is cut off.
    let cur: unknown = rootDone ? undefined : root;
    for (let k = 0; k <= r.path.length && cur && typeof cur === 'object'; k++) {
      incomplete.add(pointerOf(r.path.slice(0, k)));
      cur = k < r.path.length ? (cur as Record<string | number, unknown>)[r.path[k]!] : undefined;
    }
    return { root, rootOffset, syntaxError, incomplete };
  }
}

/** Positions by JSON pointer, walked through the offsets each container kept of its children. */
function positionsOf(r: Reader, root: unknown, rootOffset: number): JsonDocument['positions'] {
  return {
    get(pointer: string): Position | undefined {
      if (pointer === '') return r.lines.posAt(rootOffset);
      let cur: unknown = root;
      let offset: number | undefined;
      for (const raw of pointer.slice(1).split('/')) {
        const seg = raw.replace(/~1/g, '/').replace(/~0/g, '~');
        const offs = cur && typeof cur === 'object' ? r.childOffsets.get(cur) : undefined;
        offset = offs?.get(seg);
        if (offset === undefined) return undefined;
        cur = (cur as Record<string, unknown>)[seg];
      }
      return offset === undefined ? undefined : r.lines.posAt(offset);
    },
  };
}

/** Reads JSON text. Never throws: problems come back in the result. */
export function readJson(text: string): JsonDocument {
  const r = new Reader(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  const { root, rootOffset, syntaxError, incomplete } = readRoot(r);
  return {
    value: root, positions: positionsOf(r, root, rootOffset), syntaxError, incomplete,
    duplicates: r.duplicates.map((d) => ({
      pointer: pointerOf(d.path), position: r.lines.posAt(d.at),
      message: `key ${JSON.stringify(d.key)} is written twice in this object (first at ${fmt(r.lines.posAt(d.first))}); the last value is kept`,
      hint: 'remove one of them: JSON tools disagree on which one wins',
    })),
  };
}
