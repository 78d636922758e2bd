// validateEvent(name, payload): the public API of the generated validators package.
// The schema checks are ajv's precompiled functions; this module picks the event's
// function, checks what a schema cannot say well (the event name, the version, plain
// JSON within limits), and words ajv's errors for people.
import { dedupe, describe, toValidationError, type ErrorContext } from './errors.js';
import { checkLimits, sawBigint, type Limits } from './limits.js';
import { suggest } from './suggest.js';
import type { AjvError, AjvValidate, ValidationError } from './types.js';

export type { ValidationError } from './types.js';

/** One event as the generated module describes it (arrays keep the module small). */
export type EventRow = readonly [name: string, version: number, domain: string, properties: readonly string[]];

export interface ValidatorSetup {
  /** Sorted by name. */
  readonly events: readonly EventRow[];
  /** Per domain: the keys of `properties` that are globals, and whether taxonomy-wide or of the domain. */
  readonly globals: Readonly<Record<string, Readonly<Record<string, 'global' | 'domain'>>>>;
  /** The envelope (id, timestamp, context, …) every event shares. */
  readonly envelope: AjvValidate;
  /** The envelope's keys, in order. */
  readonly envelopeKeys: readonly string[];
  /**
   * The valid event with its name and version filled in, copied field by field from the
   * envelope (generated code: an object spread or a loop over the keys here cost more than
   * the whole validation).
   */
  readonly normalize: (payload: Record<string, unknown>, event: string, version: number) => Record<string, unknown>;
  /** Per event, the validator of its `properties` object. */
  readonly properties: readonly AjvValidate[];
  /** Per event, the validator of its `person` object, or 0 when it sets no person properties. */
  readonly person: readonly (AjvValidate | 0)[];
  readonly limits: Limits & { readonly maxErrors: number };
  /** Older live versions by event name: [version, properties validator, person validator or 0, property names]. */
  readonly older?: Readonly<Record<string, readonly (readonly [version: number, properties: AjvValidate, person: AjvValidate | 0, names: readonly string[]])[]>>;
  /**
   * Earlier revisions of a version (`revisions:`), by event name: [version, its own SchemaVer,
   * [[SchemaVer, properties validator, person validator or 0], …] newest first]. A payload of
   * the version is accepted when it matches the version or one of them.
   */
  readonly revisions?: Readonly<Record<string, readonly Revisions[]>>;
}

/** The earlier revisions of one version: see ValidatorSetup.revisions. */
export type Revisions = readonly [version: number, schemaVer: string, earlier: readonly (readonly [schemaVer: string, properties: AjvValidate, person: AjvValidate | 0])[]];

export type ValidationResult =
  | { readonly ok: true; readonly event: Record<string, unknown> }
  | { readonly ok: false; readonly errors: readonly ValidationError[] };

/** A copy with each bigint as the nearest double (what JSON.parse gives for its digits). */
function asDoubles(v: unknown): unknown {
  if (typeof v === 'bigint') return Number(v);
  if (v === null || typeof v !== 'object') return v;
  if (Array.isArray(v)) return v.map(asDoubles);
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(v)) {
    const x = asDoubles((v as Record<string, unknown>)[k]);
    if (k === '__proto__') Object.defineProperty(out, k, { value: x, enumerable: true, writable: true, configurable: true });
    else out[k] = x;
  }
  return out;
}

export function createValidator(setup: ValidatorSetup) {
  const { events, envelope, properties, person, limits, normalize } = setup;
  const index = new Map<string, number>(events.map((e, i) => [e[0], i]));
  const names = events.map((e) => e[0]);
  const older = new Map(Object.entries(setup.older ?? {}));
  /** Every live version of an event, oldest first. */
  const liveOf = (i: number): number[] => [...(older.get(events[i]![0]) ?? []).map((o) => o[0]), events[i]![1]];
  const revisions = new Map(Object.entries(setup.revisions ?? {}));
  /** The earlier revision of `version` the payload matches (properties and person), if any. */
  const earlierMatch = (of: Revisions | undefined, p: Record<string, unknown>): boolean => {
    for (const [, props, personCheck] of of?.[2] ?? []) {
      if ((p.properties === undefined || props(p.properties)) && (p.person === undefined || (personCheck !== 0 && personCheck(p.person)))) return true;
    }
    return false;
  };
  const noGlobals: Readonly<Record<string, 'global' | 'domain'>> = {};

  /** `uncounted`: raw errors past the cap that were never worded. */
  const fail = (errors: ValidationError[], uncounted = 0): ValidationResult => {
    const all = dedupe(errors);
    if (all.length <= limits.maxErrors && uncounted === 0) return { ok: false, errors: all };
    const more = all.length - limits.maxErrors + uncounted;
    return {
      ok: false,
      errors: [...all.slice(0, limits.maxErrors), { path: '', rule: 'maxErrors', expected: `at most ${limits.maxErrors} errors listed`, actual: `${more.toLocaleString('en-US')} more`, message: `…and ${more.toLocaleString('en-US')} more error${more === 1 ? '' : 's'} (only the first ${limits.maxErrors} are listed)` }],
    };
  };

  function unknownEvent(name: unknown): ValidationResult {
    if (typeof name !== 'string') {
      return fail([{ path: '/event', rule: 'event', expected: 'an event name (a string)', actual: describe(name), message: `the event name must be a string; got ${describe(name)}` }]);
    }
    const hint = suggest(name, names);
    return fail([{
      path: '/event', rule: 'event', expected: 'the name of an event in the taxonomy', actual: describe(name),
      message: `unknown event ${describe(name)}${hint ? ` (did you mean '${hint}'?)` : ''}; add it to the taxonomy, or fix the name`,
    }]);
  }

  /** Words ajv's errors, up to a few more than are listed (dedupe may drop some); returns how many it left unworded. */
  function collect(into: ValidationError[], raw: AjvError[] | null | undefined, prefix: string, cx: ErrorContext): number {
    const list = raw ?? [];
    const room = Math.max(0, limits.maxErrors * 2 - into.length);
    for (let k = 0; k < Math.min(room, list.length); k++) into.push(toValidationError(list[k]!, prefix, cx));
    return Math.max(0, list.length - room);
  }

  /** Validates one event: `payload` is the envelope `{ properties, version?, id?, timestamp?, person?, context?, dimensions? }`. */
  function validateEvent(name: string, payload: unknown): ValidationResult {
    const i = typeof name === 'string' ? index.get(name) : undefined;
    if (i === undefined) return unknownEvent(name);
    if (payload === null || typeof payload !== 'object' || Array.isArray(payload)) {
      return fail([{ path: '', rule: 'type', expected: 'an object ({ properties: { … } })', actual: describe(payload), message: `payload must be an object ({ properties: { … } }); got ${describe(payload)}` }]);
    }
    const limitError = checkLimits(payload, limits);
    if (limitError) return fail([limitError]);
    const exact = payload as Record<string, unknown>;
    // A bigint (an integer beyond 2^53 the TypeScript tracker holds exactly) is checked as the
    // double JSON.parse reads from its digits, so the verdict is the collector's; the valid event
    // keeps the bigint itself.
    const p = sawBigint() ? (asDoubles(exact) as Record<string, unknown>) : exact;
    const row = events[i]!;
    let version = row[1];
    let props = properties[i]!;
    let personCheck = person[i]!;
    let propertyNames = row[3];
    // An older live version, named by the version on the wire, is checked against its own shape.
    const old = p.version !== version && typeof p.version === 'number' ? older.get(name)?.find((o) => o[0] === p.version) : undefined;
    if (old) [version, props, personCheck, propertyNames] = old;
    const okEnvelope = envelope(p);
    let okProps = p.properties === undefined || props(p.properties);
    let okPerson = p.person === undefined || (personCheck !== 0 && personCheck(p.person));
    // Refused by the version itself: an earlier revision of it may still accept it (SchemaVer).
    const revs = okProps && okPerson ? undefined : revisions.get(name)?.find((r) => r[0] === version);
    if (revs && earlierMatch(revs, p)) okProps = okPerson = true;
    else if (revs) {
      // Its errors are the version's own: run again, as an earlier revision may share its validator.
      if (p.properties !== undefined) props(p.properties);
      if (p.person !== undefined && personCheck !== 0) personCheck(p.person);
    }
    if (okEnvelope && okProps && okPerson && (p.event === undefined || p.event === name) && (p.version === undefined || p.version === version)) {
      return { ok: true, event: normalize(exact, name, version) };
    }
    // The slow path: say everything that is wrong.
    const errors: ValidationError[] = [];
    const cx: ErrorContext = { event: name, domain: row[2], properties: propertyNames, envelopeKeys: setup.envelopeKeys, globals: setup.globals[row[2]] ?? noGlobals, payload: exact };
    if (p.event !== undefined && p.event !== name) {
      errors.push({ path: '/event', rule: 'const', expected: `exactly '${name}' (the name validated against)`, actual: describe(p.event), message: `event must be '${name}' (the name validated against); got ${describe(p.event)}` });
    }
    if (p.version !== undefined && p.version !== version) {
      const newer = typeof p.version === 'number' && p.version > version;
      const live = liveOf(i);
      const which = live.length > 1 ? `one of ${live.join(', ')} (the live versions of ${name}; leave it out to mean the newest, ${version})` : `${version} (the current version of ${name}; leave it out to mean the current one)`;
      errors.push({
        path: '/version', rule: 'version', expected: which, actual: describe(p.version),
        message: `version must be ${live.length > 1 ? `one of ${live.join(', ')} (the live versions of ${name})` : `${version} (the current version of ${name})`}; got ${describe(p.version)}${newer ? ': newer than these validators, regenerate them' : typeof p.version === 'number' ? ': an old version, which these validators no longer accept; send the current shape' : ''}`,
      });
    }
    let uncounted = 0;
    if (!okEnvelope) uncounted += collect(errors, envelope.errors, '', cx);
    const own = errors.length;
    if (!okProps) uncounted += collect(errors, props.errors, '/properties', cx);
    if (!okPerson) {
      if (personCheck === 0) errors.push({ path: '/person', rule: 'additionalProperties', expected: `no person properties (${name} sets none)`, actual: describe(p.person), message: `person is not allowed: ${name} sets no person properties; got ${describe(p.person)}. Remove it, or add person_properties to the event in the taxonomy` });
      else uncounted += collect(errors, personCheck.errors, '/person', cx);
    }
    if (revs) {
      // The errors are the newest revision's; say that the earlier ones refused it too.
      const note = ` (checked against ${revs[1]}, the newest revision of version ${version}; its earlier revision${revs[2].length === 1 ? '' : 's'} ${revs[2].map((r) => r[0]).join(', ')} refuse${revs[2].length === 1 ? 's' : ''} it too)`;
      for (let k = own; k < errors.length; k++) errors[k] = { ...errors[k]!, message: errors[k]!.message + note };
    }
    return fail(errors, uncounted);
  }

  return {
    validateEvent,
    /** True when `name` is an event of the taxonomy. */
    isEventName: (name: unknown): boolean => typeof name === 'string' && index.has(name),
    /** Every event name, its current version and every live version (oldest first), sorted by name. */
    events: events.map((e, i) => Object.freeze({ name: e[0], version: e[1], domain: e[2], versions: Object.freeze(liveOf(i)) })),
  };
}
