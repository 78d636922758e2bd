// Type tests of the shapes (test/shapes/model.ts) in the generated TypeScript tracker: every
// line after a `// @ts-expect-error TSnnnn <what>` must fail with that code and a message
// holding <what> (the runner also compiles this file without the directives); every other
// line compiles.
import { createTracker, type JsonValue, type ShapesOneOfProperties } from './tracker/index.js';

const t = createTracker({ sink: () => {} });
const hostile = 'u"r\'l`${x}\u2028\\n\\' as const;

// json: any JSON value, nested; nullable when declared so.
t.shapes.jsonValue({ payload: { a: [1, 'two', null, { b: true }] }, note: null });
t.shapes.jsonValue({ payload: 3 });
// @ts-expect-error TS2322 Date
t.shapes.jsonValue({ payload: new Date() });
// @ts-expect-error TS2322 undefined
t.shapes.jsonValue({ payload: undefined });

// oneOf with a discriminator: a TypeScript discriminated union (narrowing works).
t.shapes.oneOf({ target: { kind: 'file', path: '/a' } });
t.shapes.oneOf({ target: { kind: hostile, href: 'https://x', depth: 2 } });
export function where(x: ShapesOneOfProperties['target']): string {
  return x.kind === 'file' ? x.path : x.href;
}
// @ts-expect-error TS2353 href
t.shapes.oneOf({ target: { kind: 'file', href: '/a' } });
// @ts-expect-error TS2322 "folder"
t.shapes.oneOf({ target: { kind: 'folder', path: '/a' } });

// anyOf of a string and an integer; a oneOf of enums holding hostile text.
t.shapes.anyOf({ id: 'abc' });
t.shapes.anyOf({ id: 42, level: hostile });
t.shapes.anyOf({ id: 1, level: 2 });
// @ts-expect-error TS2322 boolean
t.shapes.anyOf({ id: true });
// @ts-expect-error TS2322 3
t.shapes.anyOf({ id: 1, level: 3 });
t.shapes.anyOf({ id: 1, code: 'a' });
t.shapes.anyOf({ id: 1, code: 7 });
// @ts-expect-error TS2322 "b"
t.shapes.anyOf({ id: 1, code: 'b' });

// several types (string, integer, boolean, null).
t.shapes.severalTypes({ value: 'x' });
t.shapes.severalTypes({ value: 1 });
t.shapes.severalTypes({ value: false });
t.shapes.severalTypes({ value: null });
// @ts-expect-error TS2322 string[]
t.shapes.severalTypes({ value: ['x'] });

// open maps: values typed; declared keys beside them.
t.shapes.openMap({ counts: { a: 1, b: 2 }, meta: { name: 'n', anything: 'else' } });
// @ts-expect-error TS2322 string
t.shapes.openMap({ counts: { a: 'one' } });
// @ts-expect-error TS2741 name
t.shapes.openMap({ counts: {}, meta: { other: 'x' } });

// patternProperties: a literal prefix is a template-literal key; other patterns are string keys.
t.shapes.patternKeys({ headers: { 'x-trace': 'abc' }, codes: { a12: 1 }, odd: { 'q"`${a}\\\u2028-1': true } });
// @ts-expect-error TS2353 authorization
t.shapes.patternKeys({ headers: { authorization: 'abc' } });
// @ts-expect-error TS2322 number
t.shapes.patternKeys({ headers: { 'x-trace': 1 } });
// @ts-expect-error TS2353 q-1
t.shapes.patternKeys({ headers: {}, odd: { 'q-1': true } });

// min/maxProperties: the values' type is checked; the count only at run time.
t.shapes.sized({ tags: { a: 'x' } });
// @ts-expect-error TS2322 number
t.shapes.sized({ tags: { a: 1 } });

// requires / required_when: each property's type is checked; the dependency only at run time.
t.shapes.requires({ card_number: '4111', card_expiry: '12/30' });
t.shapes.requiredWhen({ status: 'failed', reason: 'timeout' });
// @ts-expect-error TS2322 number
t.shapes.requires({ card_number: 4111 });
// @ts-expect-error TS2322 "broken"
t.shapes.requiredWhen({ status: 'broken' });

// an array of anything JSON.
t.shapes.jsonArray({ items: [1, 'a', null, [true], { k: [] }] });
// @ts-expect-error TS2322 symbol
t.shapes.jsonArray({ items: [Symbol('s')] });

// int64 bounds: a number (exact up to 2^53) or a bigint (sent as its exact digits).
t.shapes.bigInt({ id: Number.MAX_SAFE_INTEGER, total: 0 });
t.shapes.bigInt({ id: 9223372036854775807n, total: 18446744073709551615n, huge: -(2n ** 70n) });
// @ts-expect-error TS2322 string
t.shapes.bigInt({ id: '9223372036854775807' });
// An integer without such bounds stays a number: a bigint there is an error.
// @ts-expect-error TS2322 bigint
t.shapes.openEvent({ n: 1n });
// @ts-expect-error TS2322 bigint
t.shapes.oneOf({ target: { kind: hostile, href: 'https://x', depth: 2n } });

// an open event payload: undeclared keys take the event's `values` shape.
t.shapes.openEvent({ n: 1, anything: 'x' });
// @ts-expect-error TS2322 'true'
t.shapes.openEvent({ anything: true });

// tuples: a closed one is exact; elements past minItems may be left out; further ones take items (else any JSON value).
t.shapes.tuple({ point: [1.5, 2], pair: ['a', 1, true, false], head: ['h', { any: [1] }, null] });
t.shapes.tuple({ point: [0, 0], pair: [], head: ['h'] });
t.shapes.tuple({ point: [0, 0], mixed: [{ x: 'x' }, 3, { k: null }] });
// @ts-expect-error TS2322 boolean
t.shapes.tuple({ point: [0, 0], mixed: [{ x: 'x' }, true] });
// @ts-expect-error TS2322 string
t.shapes.tuple({ point: ['1', 2] });
// @ts-expect-error TS2322 Source has 3 element(s) but target allows only 2
t.shapes.tuple({ point: [1, 2, 3] });
// @ts-expect-error TS2322 string
t.shapes.tuple({ point: [1, 2], pair: ['a', 1, 'x'] });
// @ts-expect-error TS2322 Source has 0 element(s) but target requires 1
t.shapes.tuple({ point: [1, 2], head: [] });

export const json: JsonValue = { nested: [{ deep: null }] };
