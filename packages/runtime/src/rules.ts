import type { EventSpec } from './types.js';

/**
 * Seed 003's value rules, applied from the generated spec before the envelope is built:
 * `normalize` maps spellings onto an enum (environment `PRODUCTION`/`prod` -> production,
 * anything else -> the fallback), `limits` caps the string values of a JSON bundle and sends
 * a string over maxLength as '' when its overflow is 'empty' (signup_source: intact or nothing).
 */
export function applyRules(spec: EventSpec, props: Readonly<Record<string, unknown>>): Readonly<Record<string, unknown>> {
  const { normalize, limits } = spec;
  if (!normalize && !limits) return props;
  const out: Record<string, unknown> = { ...props };
  if (normalize) {
    for (const [key, rule] of Object.entries(normalize)) {
      const v = normalizeValue(out[key], rule);
      if (v !== undefined) out[key] = v;
    }
  }
  if (limits) {
    for (const [key, limit] of Object.entries(limits)) {
      const v = out[key];
      if (typeof v === 'string') out[key] = limitString(v, limit);
    }
  }
  return out;
}

type NormalizeRule = NonNullable<EventSpec['normalize']>[string];
type LimitRule = NonNullable<EventSpec['limits']>[string];

/** The canonical value of a spelling (trimmed, any case), else the fallback; undefined leaves the value as it is. */
export function normalizeValue(value: unknown, rule: NormalizeRule): string | undefined {
  if (typeof value === 'string') {
    const hit = rule.values[value.trim().toLowerCase()];
    if (hit !== undefined && Object.prototype.hasOwnProperty.call(rule.values, value.trim().toLowerCase())) return hit;
    return rule.fallback;
  }
  return value === undefined || value === null ? rule.fallback : undefined;
}

const codePoints = (s: string) => { let n = 0; for (const _ of s) n++; return n; };
const capCodePoints = (s: string, max: number) => (s.length <= max ? s : codePoints(s) <= max ? s : Array.from(s).slice(0, max).join(''));

/** Caps each string value of a JSON object at jsonValueMaxLength, then applies maxLength with the overflow policy. */
export function limitString(value: string, limit: LimitRule): string {
  let v = value;
  if (limit.jsonValueMaxLength !== undefined && v.trimStart().startsWith('{')) {
    try {
      const parsed: unknown = JSON.parse(v);
      if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) {
        const capped: Record<string, unknown> = {};
        for (const [k, x] of Object.entries(parsed as Record<string, unknown>)) capped[k] = typeof x === 'string' ? capCodePoints(x, limit.jsonValueMaxLength) : x;
        v = JSON.stringify(capped);
      }
    } catch { /* not JSON: only the length rule applies */ }
  }
  if (limit.overflow === 'empty' && limit.maxLength !== undefined && codePoints(v) > limit.maxLength) return '';
  return v;
}

/**
 * The event's distinct_id (PostHog's person key): the first candidate property of the
 * spec's `distinctId` that holds a non-empty string, with its prefix (seed 003:
 * `workspace:<id>` for daemon-token registrations, `agent:<id>` for agent-created issues).
 */
export function distinctId(spec: EventSpec, props: Readonly<Record<string, unknown>>): string | undefined {
  for (const c of spec.distinctId ?? DEFAULT_DISTINCT_ID) {
    const v = props[c.property];
    if (typeof v === 'string' && v.trim() !== '') return (c.prefix ?? '') + v;
  }
  return undefined;
}

/** Without a rule in the taxonomy, the person is the user (seed 003: "always the user's UUID for logged-in events"). */
const DEFAULT_DISTINCT_ID: NonNullable<EventSpec['distinctId']> = [{ property: 'user_id' }, { property: 'userId' }];
