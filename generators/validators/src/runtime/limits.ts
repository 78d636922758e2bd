// A bounded walk over a payload before any schema check: it must be plain JSON data
// (no prototypes but Object's and Array's, no functions, no NaN), no deeper and no larger
// than the limits. It stops at the first breach (size is checked after each object), so a
// 10 MB or 10,000-level payload costs at most one object's keys beyond `maxSize`, or
// `maxDepth` levels of work (JSON.parse already spent more). It recurses, but never deeper
// than maxDepth, so no payload can overflow the call stack. An object whose prototype is
// not Object.prototype is refused: an inherited key (`{ __proto__: { userId: 'x' } }`)
// would otherwise satisfy `required`. It runs on every event, so the happy path allocates
// nothing: the path of a breach is only assembled on the way back up.
import type { ValidationError } from './types.js';

export interface Limits {
  /** Deepest nesting of objects and arrays, the payload itself being level 1. */
  readonly maxDepth: number;
  /** Largest size in characters, about as JSON would count it. */
  readonly maxSize: number;
}

const OBJECT_PROTO: unknown = Object.prototype;
const ARRAY_PROTO: unknown = Array.prototype;

/** A breach, with the keys leading to it collected innermost first. */
interface Breach {
  readonly rule: 'maxDepth' | 'maxSize' | 'json';
  readonly actual: string;
  readonly keys: string[];
}

// The walk's state for the current call (validation is synchronous, so one is enough).
let size = 0;
let maxSize = 0;
let maxDepth = 0;
let bigints = false;

function walk(v: object, depth: number): Breach | undefined {
  if (depth > maxDepth) return { rule: 'maxDepth', actual: 'deeper nesting (or a circular reference)', keys: [] };
  const proto = Object.getPrototypeOf(v);
  if (proto !== OBJECT_PROTO && proto !== ARRAY_PROTO && proto !== null) return { rule: 'json', actual: `an object of class ${className(v)}`, keys: [] };
  // Keys and strings are what make a payload large; numbers and the like are counted by
  // their key (an array element, which JSON writes without its index, by its comma). The
  // limit is checked once per object: cheaper per key, same bound on work.
  const array = proto === ARRAY_PROTO;
  let own = array ? (v as unknown[]).length + 2 : 2; // a sparse array is as long as it says
  // for-in is several times faster than Object.keys here; with the prototype checked above it
  // sees only own keys (and, if someone polluted Object.prototype, theirs, which are walked too).
  for (const key in v) {
    const x = (v as Record<string, unknown>)[key];
    if (!array) own += key.length + 4;
    if (typeof x === 'string') own += x.length;
    else if (typeof x === 'object') {
      if (x !== null) {
        const breach = walk(x, depth + 1);
        if (breach) {
          if (breach.rule !== 'maxSize') breach.keys.push(key);
          return breach;
        }
      }
    } else if (typeof x === 'number') {
      if (x - x !== 0) return { rule: 'json', actual: String(x), keys: [key] }; // NaN, ±Infinity
      if (array) own++; // its first digit
    } else if (typeof x === 'bigint') {
      bigints = true; // an exact integer (the TypeScript tracker's int64 values): validateEvent checks it as the double JSON.parse would read
      own += 1;
    } else if (typeof x !== 'boolean') return { rule: 'json', actual: x === undefined ? 'undefined' : `a ${typeof x}`, keys: [key] };
  }
  size += own;
  return size > maxSize ? { rule: 'maxSize', actual: '', keys: [] } : undefined;
}

/** Whether the payload of the last checkLimits held a bigint. */
export const sawBigint = (): boolean => bigints;

/** undefined when the payload is within the limits, else the one error that explains why not. */
export function checkLimits(payload: object, limits: Limits): ValidationError | undefined {
  size = 0;
  bigints = false;
  maxSize = limits.maxSize;
  maxDepth = limits.maxDepth;
  const breach = walk(payload, 1);
  if (!breach) return undefined;
  const path = breach.keys.reverse().map((k) => `/${escape(k)}`).join('');
  const limit = maxSize.toLocaleString('en-US');
  switch (breach.rule) {
    case 'maxSize':
      return { path: '', rule: 'maxSize', expected: `at most ${limit} characters`, actual: `more than ${limit} characters`, message: `payload is larger than the limit of ${limit} characters (as JSON); send less, or raise the validators generator's maxSize option` };
    case 'maxDepth':
      return { path, rule: 'maxDepth', expected: `at most ${maxDepth} levels of nesting`, actual: breach.actual, message: `${where(path)} nests deeper than ${maxDepth} levels (or refers to itself); flatten it or send it as a string` };
    default:
      return breach.actual.startsWith('an object of class')
        ? { path, rule: 'json', expected: 'plain JSON data', actual: breach.actual, message: `${where(path)} must be plain JSON data (objects, arrays, strings, numbers, booleans, null); got ${breach.actual}` }
        : notJson(path, breach.actual);
  }
}

function notJson(path: string, actual: string): ValidationError {
  return { path, rule: 'json', expected: 'a JSON value', actual, message: `${where(path)} must be a JSON value (object, array, string, finite number, boolean or null); got ${actual}` };
}

function className(v: object): string {
  const c = (Object.getPrototypeOf(v) as { constructor?: { name?: unknown } } | null)?.constructor;
  const n = typeof c === 'function' && typeof c.name === 'string' ? c.name : '';
  return /^[A-Za-z_$][\w$]{0,40}$/.test(n) ? n : '(unknown)';
}

/** A JSON pointer token (RFC 6901). */
export function escape(key: string): string {
  return key.replace(/~/g, '~0').replace(/\//g, '~1');
}

/** The key a JSON pointer token names. Escapes are rare: two regex passes over every token were a fifth of wording an error. */
export function unescapeToken(token: string): string {
  return token.includes('~') ? token.replace(/~1/g, '/').replace(/~0/g, '~') : token;
}

/** A JSON pointer in plain words: `/properties/source` → `properties.source`, `/a/0` → `a[0]`. */
export function where(pointer: string): string {
  if (pointer === '') return 'payload';
  let out = '';
  for (const raw of pointer.slice(1).split('/')) {
    const full = unescapeToken(raw);
    const key = full.length > 60 ? full.slice(0, 60) + '…' : full;
    if (/^(0|[1-9]\d*)$/.test(key) && out) out += `[${key}]`;
    else if (/^[A-Za-z_$][\w$]*$/.test(key)) out += out ? `.${key}` : key;
    else out += `[${JSON.stringify(key)}]`;
  }
  return out;
}
