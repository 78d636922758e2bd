import { exactJson, type Bound, type ObjectRules, type Shape } from '@taxonomy/core';

/**
 * The rules of a shape that no TypeScript type can hold, in words for its JSDoc: key counts,
 * `requires:`, `required_when:`, patterns of keys, oneOf's "exactly one", and integer bounds a
 * JavaScript number cannot reach exactly. Each is checked at run time: by the generated
 * validators, and those of an event's own properties also by the tracker (spec.shapes).
 * Empty when there is none, so shapes without them keep their documentation as it was.
 */
export function shapeFacts(s: Partial<Shape> & ObjectRules): string {
  const facts: string[] = [];
  const { minProperties: min, maxProperties: max } = s;
  if (min !== undefined && max !== undefined) facts.push(`Holds ${min} to ${max} keys.`);
  else if (min !== undefined) facts.push(`Holds at least ${min} key${min === 1 ? '' : 's'}.`);
  else if (max !== undefined) facts.push(`Holds at most ${max} key${max === 1 ? '' : 's'}.`);
  for (const { pattern } of s.patternProperties ?? []) facts.push(`Keys matching /${pattern}/ are allowed.`);
  if (s.requires?.length) facts.push(`When present, ${s.requires.map((r) => `\`${r}\``).join(', ')} must be present too.`);
  if (s.requiredWhen) facts.push(`Required when \`${s.requiredWhen.property}\` is ${s.requiredWhen.in.map((v) => exactJson(v)).join(' or ')}.`);
  // A tuple's type holds its length up to its leading elements; bounds past them are checked at run time.
  if (s.prefixItems) {
    const n = s.prefixItems.length;
    if (s.minItems !== undefined && s.minItems > n) facts.push(`Holds at least ${s.minItems} elements.`);
    if (s.maxItems !== undefined && s.maxItems > n) facts.push(`Holds at most ${s.maxItems} elements.`);
  }
  if (s.type === 'union' && s.union?.kind === 'oneOf') facts.push(`Exactly one of ${s.union.variants.length} alternatives${s.union.discriminator ? `, told apart by \`${s.union.discriminator}\`` : ''}.`);
  const bounds = [s.minimum, s.maximum, s.exclusiveMinimum, s.exclusiveMaximum];
  if (bounds.some(beyondDouble)) {
    const parts = [
      s.minimum !== undefined ? `≥ ${s.minimum}` : '', s.exclusiveMinimum !== undefined ? `> ${s.exclusiveMinimum}` : '',
      s.maximum !== undefined ? `≤ ${s.maximum}` : '', s.exclusiveMaximum !== undefined ? `< ${s.exclusiveMaximum}` : '',
    ].filter(Boolean);
    facts.push(`Range: ${parts.join(', ')} (a JavaScript number is exact only up to 2^53${s.type === 'integer' ? ': pass a bigint beyond it' : ''}).`);
  }
  if (!facts.length) return '';
  return `${facts.join(' ')} Checked at run time.`;
}

/**
 * Whether an integer's declared range reaches beyond what a double holds exactly (a bound
 * beyond ±(2^53 − 1), such as int64's): the tracker then types it `number | bigint`, checks
 * the bounds exactly (spec.shapes.ranges) and sends a bigint as its exact digits.
 */
export const reachesBeyondDouble = (s: Pick<Shape, 'minimum' | 'maximum' | 'exclusiveMinimum' | 'exclusiveMaximum'>): boolean =>
  [s.minimum, s.maximum, s.exclusiveMinimum, s.exclusiveMaximum].some(beyondDouble);

/** Whether a bound lies beyond what a double holds exactly. */
const beyondDouble = (b: Bound | undefined) => b !== undefined && (typeof b === 'bigint' ? b > BigInt(Number.MAX_SAFE_INTEGER) || b < BigInt(Number.MIN_SAFE_INTEGER) : Math.abs(b) > Number.MAX_SAFE_INTEGER);

/** Whether a shape (or anything in it) is one the trackers type specially: a union, json, key patterns or counts, requires, required_when, an exact 64-bit bound. */
export function hasNewShape(s: Partial<Shape> & ObjectRules): boolean {
  if (s.type === 'union' || s.type === 'json' || s.prefixItems || s.patternProperties?.length || s.minProperties !== undefined || s.maxProperties !== undefined
    || s.requires?.length || s.requiredWhen || [s.minimum, s.maximum, s.exclusiveMinimum, s.exclusiveMaximum].some((b) => typeof b === 'bigint')) return true;
  return [...(s.properties ?? []), ...(s.items ? [s.items] : []), ...(s.values ? [s.values] : []), ...(s.union?.variants ?? [])].some(hasNewShape);
}

/** Whether a taxonomy has an event with such a shape, or an open payload (the generated READMEs then say how each language types them). */
export const usesNewShapes = (m: { readonly events: readonly (Pick<Shape, 'properties'> & ObjectRules)[] }): boolean =>
  m.events.some((e) => e.values !== undefined || hasNewShape({ ...e, type: 'object' }));
