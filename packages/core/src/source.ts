import { createRequire } from 'node:module';
import type { Document, LineCounter, Node } from 'yaml';
import type { Diagnostic, SourceLocation } from './diagnostics.js';
import { parseFast, startOf, type PosNode } from './fast-yaml.js';
import { parseCacheKey, type ParseCache } from './parse-cache.js';
import { readBounded } from './walk.js';

// The `yaml` package is the slow path (errors, anything unusual): loaded on first use, since
// importing it costs ~40 ms that every command, even a no-op generate, would otherwise pay.
let yamlLib: typeof import('yaml') | undefined;
const Y = (): typeof import('yaml') => (yamlLib ??= createRequire(import.meta.url)('yaml') as typeof import('yaml'));

/** A taxonomy file is hand-written YAML; anything bigger is a mistake or an attack. */
export const MAX_FILE_BYTES = 5 * 1024 * 1024;
/** Anchors may be reused a little; an alias bomb expands exponentially. */
export const MAX_ALIAS_COUNT = 100;
/** Hand-written YAML never nests this deep; deeper data would overflow the stack of some consumer. */
export const MAX_DEPTH = 100;
/** Keys that would reach Object.prototype if a consumer ever assigned them naively. */
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

export type PathSegment = string | number;

/**
 * One parsed YAML file, with what is needed to point back into it: the `yaml` package's
 * document (slow path) or the fast path's position index (see fast-yaml.ts).
 */
export interface SourceFile {
  /** Display path (relative to the working directory). */
  readonly path: string;
  /** The plain data (null when the file could not be parsed). */
  readonly data: unknown;
  readonly text: string;
  readonly doc?: Document.Parsed;
  readonly lineCounter?: LineCounter;
  readonly root?: PosNode;
}

export interface ReadResult {
  readonly file?: SourceFile;
  readonly diagnostics: Diagnostic[];
}

function at(path: string, line = 1, column = 1): SourceLocation {
  return { file: path, line, column };
}

/** Line/column of the first invalid UTF-8 byte, so the user can find it. */
function invalidUtf8Location(path: string, bytes: Uint8Array): SourceLocation {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let lo = 0;
  let hi = bytes.length;
  // Binary search the longest valid prefix (decoding is all-or-nothing).
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    try {
      decoder.decode(bytes.subarray(0, mid), { stream: true });
      // stream:true tolerates a truncated sequence at the end; a bad byte still throws.
      lo = mid;
    } catch {
      hi = mid - 1;
    }
  }
  // A lead byte whose sequence is broken later passes the streaming decode: back up to it.
  while (lo > 0) {
    try { new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(0, lo)); break; } catch { lo--; }
  }
  const prefix = new TextDecoder('utf-8').decode(bytes.subarray(0, lo));
  const lines = prefix.split('\n');
  return at(path, lines.length, (lines[lines.length - 1]?.length ?? 0) + 1);
}

/** Reads (bounded, regular files only), decodes and parses one YAML file. Never throws for bad content. */
export function readYamlFile(absPath: string, displayPath: string, cache?: ParseCache): ReadResult {
  let read: ReturnType<typeof readBounded>;
  try {
    read = readBounded(absPath, MAX_FILE_BYTES);
  } catch (e) {
    return { diagnostics: [{ code: 'io/unreadable', severity: 'error', message: `cannot read file: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`, hint: 'check that the file exists and is readable (chmod u+r)', location: at(displayPath) }] };
  }
  if ('notAFile' in read) return { diagnostics: [{ code: 'io/not-a-file', severity: 'error', message: 'not a regular file', hint: 'a taxonomy file must be a regular file: replace it with the YAML it should hold', location: at(displayPath) }] };
  if ('tooLarge' in read) return readYamlBytes(Buffer.alloc(0), displayPath, read.tooLarge);
  return readYamlBytes(read.bytes, displayPath, read.bytes.length, cache);
}

/** Decodes and parses YAML bytes (from disk or from git). `size` defaults to the byte length. */
export function readYamlBytes(bytes: Uint8Array, displayPath: string, size = bytes.length, cache?: ParseCache): ReadResult {
  if (size > MAX_FILE_BYTES) {
    const mb = (size / 1024 / 1024).toFixed(1);
    return {
      diagnostics: [{
        code: 'io/file-too-large', severity: 'error', location: at(displayPath),
        message: `file is ${mb} MB; taxonomy files may be at most ${MAX_FILE_BYTES / 1024 / 1024} MB`,
        hint: 'split the domain into several files under taxonomy/domains/ (a taxonomy file is hand-written YAML, never data)',
      }],
    };
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return {
      diagnostics: [{
        code: 'io/not-utf8', severity: 'error', location: invalidUtf8Location(displayPath, bytes),
        message: 'file is not valid UTF-8',
        hint: 'save the file as UTF-8 (e.g. `iconv -f latin1 -t utf-8`)',
      }],
    };
  }
  return parseYamlText(text, displayPath, { cache });
}

/** Parses YAML text; exported so tests and importers can parse in memory. */
export function parseYamlText(text: string, displayPath: string, opts: { fast?: boolean; cache?: ParseCache } = {}): ReadResult {
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  if (opts.fast !== false && text.length > 0) {
    const key = opts.cache ? parseCacheKey(text) : undefined;
    let fast = key !== undefined ? opts.cache!.get(key) : undefined;
    if (!fast) {
      fast = parseFast(text, FORBIDDEN_KEYS);
      if (fast && key !== undefined) opts.cache!.set(key, fast);
    }
    if (fast) {
      const file: SourceFile = { path: displayPath, data: fast.data, text, root: fast.root };
      const deep = deepestPath(fast.data);
      return deep ? { diagnostics: [tooDeep(locate(file, deep))] } : { file, diagnostics: [] };
    }
  }
  try {
    return parseSlow(text, displayPath);
  } catch (e) {
    // The `yaml` package recurses per nesting level; a stack overflow is still bad input.
    if (e instanceof RangeError) return { diagnostics: [tooDeep(at(displayPath))] };
    throw e;
  }
}

function tooDeep(location: SourceLocation): Diagnostic {
  return {
    code: 'yaml/too-deep', severity: 'error', location,
    message: `YAML nests more than ${MAX_DEPTH} levels deep`,
    hint: 'a taxonomy file is hand-written: flatten the structure (nothing in the format nests this deep)',
  };
}

/** The path to a value nested deeper than MAX_DEPTH, found without recursion (paths built only then). */
function deepestPath(data: unknown): PathSegment[] | undefined {
  const values: unknown[] = [data];
  const depths: number[] = [0];
  let tooDeep = false;
  while (values.length && !tooDeep) {
    const value = values.pop();
    const depth = depths.pop()!;
    if (depth > MAX_DEPTH) tooDeep = true;
    else if (value && typeof value === 'object') for (const v of Object.values(value)) { values.push(v); depths.push(depth + 1); }
  }
  if (!tooDeep) return undefined;
  const stack: Array<{ value: unknown; path: PathSegment[] }> = [{ value: data, path: [] }];
  while (stack.length) {
    const { value, path } = stack.pop()!;
    if (path.length > MAX_DEPTH) return path;
    if (Array.isArray(value)) value.forEach((v, i) => stack.push({ value: v, path: [...path, i] }));
    else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) stack.push({ value: v, path: [...path, k] });
  }
  return undefined;
}

function parseSlow(text: string, displayPath: string): ReadResult {
  const { LineCounter, parseDocument, visit, isScalar } = Y();
  const lineCounter = new LineCounter();
  // Keys become strings in the data, so `1:` and `"1":` (or `true:` and `"true":`) are one key:
  // compared as strings, the second is a duplicate instead of silently replacing the first.
  const sameKey = (a: unknown, b: unknown) => a === b || (isScalar(a) && isScalar(b) && String(a.value) === String(b.value));
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: sameKey, strict: true, merge: false });
  const diagnostics: Diagnostic[] = [];
  const loc = (offset: number): SourceLocation => {
    const p = lineCounter.linePos(offset);
    return at(displayPath, p.line, p.col);
  };
  for (const err of doc.errors) {
    const firstLine = err.message.split('\n')[0] ?? err.message;
    if (/call stack/i.test(firstLine)) {
      diagnostics.push(tooDeep(loc(err.pos[0])));
      continue;
    }
    const quote = /Missing closing (["'])quote/.exec(firstLine);
    if (quote) {
      // The parser notices at end of input; the user needs the opening quote.
      const open = text.lastIndexOf(quote[1]!, err.pos[0] - 1);
      diagnostics.push({
        code: 'yaml/syntax', severity: 'error', location: loc(open >= 0 ? open : err.pos[0]),
        message: `invalid YAML: this ${quote[1] === '"' ? 'double' : 'single'}-quoted string is never closed`,
        hint: `add the closing ${quote[1]} at the end of the value`,
      });
      continue;
    }
    diagnostics.push({
      code: err.code === 'DUPLICATE_KEY' ? 'yaml/duplicate-key' : 'yaml/syntax', severity: 'error',
      location: loc(err.pos[0]),
      message: err.code === 'DUPLICATE_KEY' ? 'duplicate key in the same mapping' : `invalid YAML: ${firstLine.replace(/ at line \d+, column \d+:?$/, '')}`,
      hint: err.code === 'DUPLICATE_KEY' ? 'remove or rename one of the two keys' : 'fix the YAML syntax at this position (indentation, quotes, a missing colon)',
    });
  }
  if (diagnostics.length) return { diagnostics };

  // Hostile keys are refused before the data is turned into JS objects.
  visit(doc, {
    Pair(_, pair) {
      if (isScalar(pair.key) && typeof pair.key.value === 'string' && FORBIDDEN_KEYS.has(pair.key.value)) {
        diagnostics.push({
          code: 'yaml/forbidden-key', severity: 'error', location: loc(pair.key.range?.[0] ?? 0),
          message: `key '${pair.key.value}' is not allowed`,
          hint: 'rename the key: __proto__, constructor and prototype are reserved because generated code would mistake them for object internals',
        });
      }
    },
  });
  if (diagnostics.length) return { diagnostics };

  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (e) {
    if (e instanceof RangeError) return { diagnostics: [tooDeep(at(displayPath))] };
    const msg = (e as Error).message;
    const aliasNode = firstAlias(doc);
    return {
      diagnostics: [{
        code: /alias/i.test(msg) ? 'yaml/alias-bomb' : 'yaml/syntax', severity: 'error',
        location: loc(aliasNode?.range?.[0] ?? 0),
        message: /alias/i.test(msg) ? `YAML aliases expand too much (more than ${MAX_ALIAS_COUNT} alias expansions)` : `invalid YAML: ${msg}`,
        hint: 'write the values out instead of nesting anchors and aliases',
      }],
    };
  }
  const file: SourceFile = { path: displayPath, doc, lineCounter, data, text };
  const deep = deepestPath(data);
  return deep ? { diagnostics: [tooDeep(locate(file, deep))] } : { file, diagnostics };
}

function firstAlias(doc: Document.Parsed): Node | undefined {
  const { visit } = Y();
  let found: Node | undefined;
  visit(doc, { Alias(_, node) { found = node; return visit.BREAK; } });
  return found;
}

/** Per-mapping index of its pairs by key: finding a key must not scan a 2,000-event map each time. */
const pairIndex = new WeakMap<object, Map<string, unknown>>();

function pairOf(map: { items: unknown[] }, key: string): unknown {
  const { isPair, isScalar } = Y();
  let index = pairIndex.get(map);
  if (!index) {
    index = new Map();
    for (const p of map.items) if (isPair(p) && isScalar(p.key) && !index.has(String(p.key.value))) index.set(String(p.key.value), p);
    pairIndex.set(map, index);
  }
  return index.get(key);
}

/**
 * The location of the value (or, with `key: true`, the key) at `path`.
 * Falls back to the nearest existing ancestor so a finding always has a place.
 */
export function locate(file: SourceFile, path: readonly PathSegment[], opts: { key?: boolean } = {}): SourceLocation {
  const offset = offsetAt(file, path, opts);
  const p = file.doc && file.lineCounter ? file.lineCounter.linePos(offset) : linePos(file, offset);
  return { file: file.path, line: p.line, column: p.col };
}

/**
 * The exact integer written at `path` when the parsed number is an integer a double cannot hold
 * (beyond 2^53: int64 bounds), read back from the text; else the number as parsed.
 */
export function exactIntegerAt(file: SourceFile, path: readonly PathSegment[], parsed: number): number | bigint {
  if (!Number.isInteger(parsed) || Number.isSafeInteger(parsed)) return parsed;
  const at = offsetAt(file, path, {});
  const m = /^[-+]?[0-9]+(?![0-9.eE_])/.exec(file.text.slice(at, at + 400));
  return m ? BigInt(m[0]) : parsed;
}

/** The offset of the value (or key) at `path`, or of its nearest existing ancestor. */
function offsetAt(file: SourceFile, path: readonly PathSegment[], opts: { key?: boolean }): number {
  if (!file.doc || !file.lineCounter) return file.root ? offsetOf(file.root, path, opts.key ?? false) : 0;
  const { isAlias, isMap, isSeq } = Y();
  let node: unknown = file.doc.contents;
  let best = 0;
  let keyOffset: number | undefined;
  for (const seg of path) {
    keyOffset = undefined;
    if (isAlias(node)) node = node.resolve(file.doc);
    if (isMap(node)) {
      const pair = pairOf(node, String(seg)) as { key: unknown; value: unknown } | undefined;
      if (!pair) break;
      const k = pair.key as Node | null;
      keyOffset = k?.range?.[0];
      best = keyOffset ?? best;
      node = pair.value;
      const v = node as Node | null;
      if (v && v.range) best = v.range[0];
      else if (keyOffset !== undefined) best = keyOffset;
    } else if (isSeq(node) && typeof seg === 'number') {
      const item = node.items[seg] as Node | undefined;
      if (!item) break;
      node = item;
      if (item.range) best = item.range[0];
    } else {
      break;
    }
  }
  return opts.key && keyOffset !== undefined ? keyOffset : best;
}

/** The offset `locate` reports, from the fast path's index (same rules as the document walk above). */
function offsetOf(root: PosNode, path: readonly PathSegment[], key: boolean): number {
  let node: PosNode = root;
  let best = 0;
  let keyOffset: number | undefined;
  for (const seg of path) {
    keyOffset = undefined;
    if (typeof node === 'number') break;
    if (node.kind === 'map') {
      const pair = node.keys.get(String(seg));
      if (!pair) break;
      keyOffset = pair.keyStart;
      node = pair.value;
      best = startOf(node);
    } else if (typeof seg === 'number') {
      const item = node.items[seg];
      if (item === undefined) break;
      node = item;
      best = startOf(item);
    } else {
      break;
    }
  }
  return key && keyOffset !== undefined ? keyOffset : best;
}

/** Line starts per text, computed on the first location asked for. */
const lineStarts = new WeakMap<SourceFile, number[]>();

function linePos(file: SourceFile, offset: number): { line: number; col: number } {
  let starts = lineStarts.get(file);
  if (!starts) {
    starts = [0];
    for (let i = file.text.indexOf('\n'); i !== -1; i = file.text.indexOf('\n', i + 1)) starts.push(i + 1);
    lineStarts.set(file, starts);
  }
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid]! <= offset) lo = mid;
    else hi = mid - 1;
  }
  return { line: lo + 1, col: offset - starts[lo]! + 1 };
}

/** JSON pointer (`/events/a.b/properties`) to path segments. */
export function pointerToPath(pointer: string): string[] {
  if (!pointer) return [];
  return pointer.split('/').slice(1).map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}
