// Sample payloads made from an event's JSON Schema (the subset the JSON Schema generator
// emits): a minimal one (required keys only) and a full one (every key), both valid by
// construction, and mutations of the minimal one that must be refused. Deterministic:
// patterns are sampled by fast-check with a fixed seed.
import fc from 'fast-check';

export type Schema = Record<string, any>;

const FORMAT_SAMPLES: Record<string, string> = {
  'date-time': '2026-01-31T09:30:00Z', date: '2026-01-31', time: '09:30:00Z', uuid: '0f8fad5b-d9cb-469f-a165-70867728950e',
  email: 'someone@example.com', uri: 'https://example.com/a', hostname: 'example.com', ipv4: '192.0.2.1', ipv6: '2001:db8::1', duration: 'P1D',
};

function stringSample(s: Schema, variant: number): string {
  const min = s.minLength ?? 1;
  const max = s.maxLength ?? Math.max(min, 12);
  if (s.format && FORMAT_SAMPLES[s.format]) return FORMAT_SAMPLES[s.format]!;
  if (s.pattern) {
    const re = new RegExp(s.pattern, 'u');
    const fits = (x: string) => [...x].length >= (s.minLength ?? 0) && [...x].length <= (s.maxLength ?? Infinity);
    const found = fc.sample(fc.stringMatching(re), { seed: 42 + variant, numRuns: 200 }).find(fits);
    if (found === undefined) throw new Error(`no sample string for pattern ${s.pattern} within the length limits`);
    return found;
  }
  const base = variant ? `sample${variant}` : 'sample';
  return base.length >= min ? base.slice(0, max) : base.padEnd(min, 'x');
}

function numberSample(s: Schema, integer: boolean): number {
  let v = 0;
  if (s.minimum !== undefined) v = Math.max(v, s.minimum);
  if (s.exclusiveMinimum !== undefined) v = Math.max(v, integer ? Math.floor(s.exclusiveMinimum) + 1 : s.exclusiveMinimum + 0.5);
  if (s.multipleOf) v = Math.ceil(v / s.multipleOf) * s.multipleOf;
  if (s.maximum !== undefined && v > s.maximum) v = s.maximum;
  if (s.exclusiveMaximum !== undefined && v >= s.exclusiveMaximum) v = integer ? Math.ceil(s.exclusiveMaximum) - 1 : s.exclusiveMaximum - 0.5;
  return v;
}

/** A value the schema accepts; `full` fills optional keys too; `variant` makes array items distinct. */
export function sampleValue(s: Schema, full = false, variant = 0): unknown {
  if (s.const !== undefined) return s.const;
  if (s.enum) return s.enum.find((x: unknown) => x !== null) ?? null;
  const type = Array.isArray(s.type) ? s.type.find((t: string) => t !== 'null') : s.type;
  switch (type) {
    case 'string': return stringSample(s, variant);
    case 'integer': return numberSample(s, true);
    case 'number': return numberSample(s, false);
    case 'boolean': return variant % 2 === 0;
    case 'array': {
      const n = Math.max(s.minItems ?? 0, full ? 1 : 0);
      return Array.from({ length: n }, (_, i) => sampleValue(s.items ?? {}, full, i));
    }
    case 'object': return sampleObject(s, full);
    default: return 'sample';
  }
}

export function sampleObject(s: Schema, full = false): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const required = new Set<string>(s.required ?? []);
  for (const [k, sub] of Object.entries<Schema>(s.properties ?? {})) {
    if (full || required.has(k)) out[k] = sampleValue(sub, full);
  }
  if (full && s.additionalProperties && typeof s.additionalProperties === 'object') out.someKey = sampleValue(s.additionalProperties, full);
  return out;
}

/** The envelope of an event schema with a minimal or full `properties` (and `person` when full). */
export function samplePayload(eventSchema: Schema, full = false): Record<string, unknown> {
  const members = eventSchema.properties;
  const payload: Record<string, unknown> = { properties: sampleObject(members.properties, full) };
  if (full) {
    payload.id = 'evt-1';
    payload.timestamp = '2026-01-31T09:30:00Z';
    payload.version = members.version.const;
    if (members.person) payload.person = sampleObject(members.person, true);
  }
  return payload;
}

/** A payload that must be refused, with the path and rule the refusal must name. */
export interface Mutation {
  readonly label: string;
  readonly payload: Record<string, unknown>;
  readonly path: string;
  readonly rule: string;
}

const pointer = (k: string) => `/properties/${k.replace(/~/g, '~0').replace(/\//g, '~1')}`;

/** Mutations of the minimal payload: a required key dropped, a wrong enum value (string and number), an extra key, a wrong type. */
export function mutations(eventSchema: Schema): Mutation[] {
  const props: Schema = eventSchema.properties.properties;
  const base = samplePayload(eventSchema) as { properties: Record<string, unknown> };
  const out: Mutation[] = [];
  const withProps = (p: Record<string, unknown>) => ({ ...base, properties: p });
  for (const k of props.required ?? []) {
    const { [k]: _dropped, ...rest } = base.properties;
    out.push({ label: `drop required ${k}`, payload: withProps(rest), path: pointer(k), rule: 'required' });
  }
  const enumKey = Object.keys(props.properties ?? {}).find((k) => props.properties[k].enum?.every((v: unknown) => typeof v === 'string' || v === null));
  if (enumKey) {
    out.push({ label: `wrong enum ${enumKey}`, payload: withProps({ ...base.properties, [enumKey]: 'not-one-of-them' }), path: pointer(enumKey), rule: 'enum' });
    out.push({ label: `number for enum ${enumKey}`, payload: withProps({ ...base.properties, [enumKey]: 7 }), path: pointer(enumKey), rule: 'enum' });
  }
  out.push({ label: 'extra property', payload: withProps({ ...base.properties, zz_not_declared: 1 }), path: pointer('zz_not_declared'), rule: 'additionalProperties' });
  const stringKey = Object.keys(props.properties ?? {}).find((k) => props.properties[k].type === 'string' && !props.properties[k].enum && props.properties[k].const === undefined);
  if (stringKey) out.push({ label: `number for string ${stringKey}`, payload: withProps({ ...base.properties, [stringKey]: 12345 }), path: pointer(stringKey), rule: 'type' });
  return out;
}
