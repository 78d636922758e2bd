// The keywords json-schema-to-typescript never reads (validation bounds, formats, examples,
// our `x-` annotations). It would still clone, dereference and walk them; leaving them out
// of what it is given (share.ts) makes an event's schema smaller and more of its
// sub-schemas equal to other events' — two counters that differ only by `maximum` become one.
import type { JsonSchema } from '@taxonomy/gen-json-schema';

/** Read by no json-schema-to-typescript 16 pass (checked against its dist/src). */
const IGNORED = new Set([
  'minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'multipleOf',
  'minLength', 'maxLength', 'pattern', 'format', 'uniqueItems', 'examples', '$comment',
]);

/**
 * Whether `schema` may lose its ignored keywords: only with a `type` and without `nullable`,
 * because json-schema-to-typescript counts a schema's keys when it has neither (an empty
 * schema is `unknown`) or when it rewrites `nullable`.
 */
export function slimmable(schema: JsonSchema): boolean {
  return 'type' in schema && !('nullable' in schema);
}

/** A keyword json-schema-to-typescript never reads. */
export function ignored(keyword: string): boolean {
  return IGNORED.has(keyword) || keyword.startsWith('x-');
}
