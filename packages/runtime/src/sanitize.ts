import type { PropertyPath } from './types.js';

export const REDACTED = '[REDACTED]';
export const CIRCULAR = '[Circular]';
export const TRUNCATED = '[Truncated]';
const MAX_DEPTH = 32;

/** The keys seed 001 redacts; the taxonomy's `sensitive_keys` replaces them in generated clients. */
export const DEFAULT_SENSITIVE_KEYS: readonly string[] = ['token', 'apiKey', 'secret', 'password', 'authorization', 'credential', 'cookie'];

/** Splits a key into lower-case words: `x-api-key`, `apiKey`, `API_KEY` all give [api, key]. */
export function keyWords(key: string): string[] {
  return (key.match(/[A-Z]+(?![a-z])|[A-Z]?[a-z]+|[0-9]+/g) ?? []).map((w) => w.toLowerCase());
}

/**
 * Whether a key names a secret: one of the sensitive keys appears in it as whole
 * words (`accessToken`, `x-api-key`, `Set-Cookie`, `apikey`), plural allowed when it
 * ends the key (`credentials`). Whole words, so `tokens_used` (a count) is kept.
 */
export function sensitiveMatcher(list: readonly string[]): (key: string) => boolean {
  const patterns = list.map(keyWords).filter((p) => p.length > 0);
  const cache = new Map<string, boolean>();
  const test = (key: string): boolean => {
    const words = keyWords(key);
    for (const p of patterns) {
      const joined = p.join('');
      for (let i = 0; i < words.length; i++) {
        const w = words[i]!;
        const last = i === words.length - 1;
        if (w === joined || (last && w === joined + 's')) return true;
        if (i + p.length > words.length) continue;
        let match = true;
        for (let j = 0; j < p.length && match; j++) {
          const kw = words[i + j]!;
          const ends = i + j === words.length - 1;
          match = kw === p[j] || (j === p.length - 1 && ends && kw === p[j] + 's');
        }
        if (match) return true;
      }
    }
    return false;
  };
  return (key) => {
    let r = cache.get(key);
    if (r === undefined) {
      r = test(key);
      if (cache.size < 4096) cache.set(key, r);
    }
    return r;
  };
}

export class TooLargeError extends Error {}
export class UnserializableError extends Error {}

/** Declared property paths exempt from key-name redaction, as a trie ('*' = any key or index). */
export interface KeepTrie {
  keep?: boolean;
  readonly children: Map<string, KeepTrie>;
}

export function keepTrie(paths: readonly PropertyPath[]): KeepTrie {
  const root: KeepTrie = { children: new Map() };
  for (const path of paths) {
    let node = root;
    for (const seg of path) {
      let next = node.children.get(seg);
      if (!next) { next = { children: new Map() }; node.children.set(seg, next); }
      node = next;
    }
    node.keep = true;
  }
  return root;
}

const child = (node: KeepTrie | undefined, key: string) => node && (node.children.get(key) ?? node.children.get('*'));

/** Running size estimate (characters of JSON) shared by the parts of one event. */
export interface Meter {
  value: number;
}

interface State {
  size: number;
  readonly budget: number;
  readonly ancestors: Set<object>;
  readonly sensitive: (key: string) => boolean;
}

function setKey(out: Record<string, unknown>, key: string, value: unknown): void {
  // A copied `__proto__` key must stay data, never become the prototype.
  if (key === '__proto__') Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true });
  else out[key] = value;
}

function copy(v: unknown, s: State, depth: number, node?: KeepTrie): unknown {
  switch (typeof v) {
    case 'string':
      s.size += v.length + 3;
      if (s.size > s.budget) throw new TooLargeError();
      return v;
    case 'number':
      s.size += 8;
      return Number.isFinite(v) ? v : null;
    case 'boolean':
      s.size += 5;
      return v;
    case 'bigint':
      // Kept exact: jsonText writes it as its digits (a JSON number), never rounded.
      s.size += 1 + v.toString().length;
      return v;
    case 'object':
      break;
    default:
      return undefined; // undefined, functions and symbols are not data (JSON omits them too)
  }
  if (v === null) { s.size += 4; return null; }
  if (s.ancestors.has(v)) return CIRCULAR;
  if (depth >= MAX_DEPTH) return TRUNCATED;
  const toJSON = (v as { toJSON?: unknown }).toJSON;
  if (typeof toJSON === 'function') {
    let j: unknown;
    try { j = toJSON.call(v); } catch (e) { throw new UnserializableError(`toJSON threw: ${(e as Error)?.message ?? String(e)}`); }
    if (j !== v) return copy(j, s, depth + 1, node);
  }
  s.ancestors.add(v);
  try {
    if (Array.isArray(v)) {
      const out: unknown[] = [];
      for (let i = 0; i < v.length; i++) {
        const x = copy(v[i], s, depth + 1, child(node, String(i)));
        out.push(x === undefined ? null : x);
        s.size += 1;
        if (s.size > s.budget) throw new TooLargeError();
      }
      return out;
    }
    const out: Record<string, unknown> = {};
    let keys: string[];
    try { keys = Object.keys(v); } catch (e) { throw new UnserializableError(`listing keys threw: ${(e as Error)?.message ?? String(e)}`); }
    for (const key of keys) {
      s.size += key.length + 4;
      const sub = child(node, key);
      if (s.sensitive(key) && !sub?.keep) { setKey(out, key, REDACTED); continue; }
      let x: unknown;
      try { x = (v as Record<string, unknown>)[key]; } catch (e) { throw new UnserializableError(`reading '${key}' threw: ${(e as Error)?.message ?? String(e)}`); }
      x = copy(x, s, depth + 1, sub);
      if (x !== undefined) setKey(out, key, x);
    }
    return out;
  } finally {
    s.ancestors.delete(v);
  }
}

/**
 * A JSON-safe deep copy: sensitive keys redacted at any depth, cycles replaced by
 * `[Circular]`, depth capped, bigints kept (jsonText writes their digits), and the walk stopped (TooLargeError)
 * as soon as the size passes the budget, so a huge payload costs little.
 * The caller's objects are never modified.
 */
export function sanitize(value: unknown, sensitive: (key: string) => boolean, budget: number, meter?: Meter, keep?: KeepTrie): unknown {
  const s: State = { size: meter?.value ?? 0, budget, ancestors: new Set(), sensitive };
  const out = copy(value, s, 0, keep);
  if (meter) meter.value = s.size;
  return out;
}

/** Applies fn to every value at the path inside obj (a sanitized copy, so mutation is safe). */
export function atPath(obj: unknown, path: PropertyPath, fn: (parent: Record<string, unknown>, key: string) => void, i = 0): void {
  if (obj === null || typeof obj !== 'object') return;
  const seg = path[i]!;
  const last = i === path.length - 1;
  const keys = seg === '*' ? Object.keys(obj) : Object.prototype.hasOwnProperty.call(obj, seg) ? [seg] : [];
  for (const k of keys) {
    if (last) fn(obj as Record<string, unknown>, k);
    else atPath((obj as Record<string, unknown>)[k], path, fn, i + 1);
  }
}

export const dropKey = (parent: Record<string, unknown>, key: string): void => {
  if (Array.isArray(parent)) parent[Number(key)] = null;
  else delete parent[key];
};

export const redactKey = (parent: Record<string, unknown>, key: string): void => {
  parent[key] = REDACTED;
};
