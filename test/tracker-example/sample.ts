import type { Property, Shape, TaxonomyEvent } from '@taxonomy/core';

/** Strings that satisfy the seed's patterns; the first matching one is used. */
const PATTERN_CANDIDATES = ['C0123ABC', 'U0123ABC', 'T0123ABC', '1700000000.000100', '123', 'USD', '1.0.0', 'a'];
const FORMAT_SAMPLES: Record<string, string> = {
  uuid: '00000000-0000-4000-8000-000000000001', 'date-time': '2026-01-01T00:00:00.000Z', date: '2026-01-01', time: '00:00:00Z',
  uri: 'https://example.com/x', email: 'someone@example.com', ipv4: '192.0.2.1', ipv6: '2001:db8::1', hostname: 'example.com',
  duration: 'PT1S', currency: 'USD', semver: '1.0.0',
};

/** A minimal valid value for a shape: required keys only, smallest arrays, first enum value. */
export function sample(s: Shape): unknown {
  if (s.const !== undefined) return s.const;
  if (s.enum && s.enum.length) return s.enum[0];
  switch (s.type) {
    case 'string': {
      if (s.pattern) {
        const re = new RegExp(s.pattern);
        const hit = PATTERN_CANDIDATES.find((c) => re.test(c));
        if (!hit) throw new Error(`no sample string matches /${s.pattern}/ — add one to PATTERN_CANDIDATES`);
        return hit;
      }
      const v = (s.format && FORMAT_SAMPLES[s.format]) || 'x';
      return s.minLength && v.length < s.minLength ? v.padEnd(s.minLength, 'x') : v;
    }
    case 'integer':
    case 'number': {
      const min = s.minimum ?? (s.exclusiveMinimum !== undefined ? s.exclusiveMinimum + 1 : 0);
      return s.maximum !== undefined && min > s.maximum ? s.maximum : min;
    }
    case 'boolean': return true;
    case 'array': return Array.from({ length: s.minItems ?? 0 }, (_, i) => (s.items?.type === 'integer' || s.items?.type === 'number' ? i + 1 : s.items?.enum ? s.items.enum[i % s.items.enum.length] : s.items ? sample(s.items) : i));
    case 'object': return s.properties ? sampleObject(s.properties) : {};
    default: return null;
  }
}

export function sampleObject(props: readonly Property[], skip: readonly string[] = []): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const p of props) if (p.required && !skip.includes(p.name)) out[p.name] = sample(p);
  return out;
}

/** The person argument of an event: each declared map with its required keys (or one optional key). */
export function samplePerson(e: TaxonomyEvent): Record<string, unknown> | undefined {
  const { set, setOnce } = e.personProperties;
  if (!set.length && !setOnce.length) return undefined;
  const part = (ps: readonly Property[]) => {
    const o = sampleObject(ps);
    if (Object.keys(o).length === 0 && ps[0]) o[ps[0].name] = sample(ps[0]);
    return o;
  };
  return { ...(set.length ? { $set: part(set) } : {}), ...(setOnce.length ? { $set_once: part(setOnce) } : {}) };
}
