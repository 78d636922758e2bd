import type { EventSpec } from './types.js';

/**
 * The value checks the taxonomy declares and the tracker applies in the caller's stack, in
 * production too (validation by the generated validator only warns, and only in development):
 *   - `format: currency` properties (spec.currency) are normalised to upper case and must then
 *     be an ISO 4217 code (seed 001: "Currency must be an ISO 4217 3-letter code (normalized
 *     to upper-case)");
 *   - `maximum_property:` bounds (spec.atMost: property -> sibling property) refuse a value
 *     above its sibling's (seed 001: "submitCSAT validates the score range", score <= maxScore).
 * check() returns the properties to send (a copy when a value was normalised) or the reason
 * the call is refused, in words.
 */
export type CheckResult = { readonly props: Readonly<Record<string, unknown>> } | { readonly error: string };

const CODE_SHAPE = /^[A-Z]{3}$/;

export function checkValues(spec: EventSpec, props: Readonly<Record<string, unknown>>, currencyCodes: ReadonlySet<string> | undefined): CheckResult {
  let out = props;
  if (spec.currency) {
    for (const k of spec.currency) {
      const v = props[k];
      if (v === undefined || v === null) continue;
      if (typeof v !== 'string') return { error: `property '${k}' must be an ISO 4217 currency code (a string such as 'USD'); got ${typeof v}` };
      const upper = v.toUpperCase();
      if (!CODE_SHAPE.test(upper) || (currencyCodes && !currencyCodes.has(upper))) {
        return { error: `property '${k}' must be an ISO 4217 currency code such as 'USD' (lower case is normalised); got ${JSON.stringify(v.slice(0, 40))}, which is ${CODE_SHAPE.test(upper) ? 'not in the ISO 4217 list' : 'not three letters'}` };
      }
      if (upper !== v) {
        if (out === props) out = { ...props };
        (out as Record<string, unknown>)[k] = upper;
      }
    }
  }
  if (spec.atMost) {
    for (const k of Object.keys(spec.atMost)) {
      const bound = spec.atMost[k]!;
      const v = props[k];
      const max = props[bound];
      if (typeof v === 'number' && typeof max === 'number' && v > max) {
        return { error: `property '${k}' (${v}) must be at most '${bound}' (${max})` };
      }
    }
  }
  return { props: out };
}

/**
 * The last `capacity` values of a de-duplication key (spec.dedupe), oldest forgotten first:
 * seed 001's "Duplicate impressions for the same messageId are ignored", bounded so a
 * long-lived tracker does not grow without limit.
 */
export class SeenKeys {
  private readonly seen = new Map<string, true>();
  constructor(readonly capacity: number) {}

  /** true when (event, value) was seen among the last `capacity` keys; else remembers it. */
  seenBefore(event: string, value: unknown): boolean {
    if (typeof value !== 'string' && typeof value !== 'number') return false;
    const key = `${event}\u0000${String(value)}`;
    if (this.seen.has(key)) return true;
    this.seen.set(key, true);
    if (this.seen.size > this.capacity) this.seen.delete(this.seen.keys().next().value!);
    return false;
  }
}
