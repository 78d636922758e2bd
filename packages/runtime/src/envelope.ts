import { idFactory } from './ids.js';
import type { Rec } from './lane.js';
import type { Warner } from './log.js';
import { defaultSampleKey, keep } from './sampling.js';
import { atPath, dropKey, keepTrie, redactKey, sanitize, TooLargeError, UnserializableError, type KeepTrie, type Meter } from './sanitize.js';
import type { DropReason, Envelope, EventSpec, Person, TrackerOptions } from './types.js';
import { utf8Length } from './utf8.js';

/** An event as tracked: the cheap part, done in the caller's stack. */
export interface Queued {
  readonly spec: EventSpec;
  readonly props: Readonly<Record<string, unknown>>;
  readonly person: Person | undefined;
  readonly t: number;
  readonly globals: Readonly<Record<string, unknown>> | undefined;
  readonly dims: Readonly<Record<string, unknown>> | undefined;
}

/** What building an envelope needs from the tracker's options. */
export interface BuildSettings {
  readonly options: TrackerOptions<object>;
  readonly warner: Warner;
  readonly sensitive: (key: string) => boolean;
  readonly maxEventBytes: number;
  readonly environment: 'development' | 'production';
}

/**
 * The processing of one queued event, off the caller's stack: globals, clock and
 * constants filled, sampling, redaction, content gating, id and timestamp, size
 * check and (in development) validation. Returns the record, or why it is dropped.
 */
export function envelopeBuilder(settings: BuildSettings): (q: Queued) => Rec | DropReason {
  const { options, warner, sensitive, maxEventBytes, environment } = settings;
  const validate = environment === 'development' ? options.validate : undefined;
  const sampleRate = options.sampleRate ?? 1;
  const sampleKey = options.sampleKey ?? defaultSampleKey;
  const includeContent = options.includeContent === true;
  const globalsOpt = options.globals;
  const keepTries = new WeakMap<EventSpec, KeepTrie>();
  const keepOf = (spec: EventSpec): KeepTrie | undefined => {
    if (!spec.keep) return undefined;
    let t = keepTries.get(spec);
    if (!t) { t = keepTrie(spec.keep); keepTries.set(spec, t); }
    return t;
  };
  const newId = idFactory();
  // Events tracked in the same millisecond share one ISO string (toISOString is not cheap).
  let isoAt = NaN;
  let isoText = '';
  const iso = (t: number) => (t === isoAt ? isoText : ((isoAt = t), (isoText = new Date(t).toISOString())));

  let context: Record<string, unknown> | undefined;
  const contextMeter: Meter = { value: 0 };
  try {
    context = options.context ? (sanitize(options.context, sensitive, maxEventBytes, contextMeter) as Record<string, unknown>) : undefined;
  } catch {
    warner.once('context', 'options.context is not serialisable or too large; it is ignored');
  }

  function check(env: Envelope): void {
    let r: ReturnType<NonNullable<typeof validate>>;
    try { r = validate!(env.event, env); } catch (e) {
      warner.once(`validate-threw:${env.event}`, `the validator threw on '${env.event}': ${(e as Error)?.message ?? String(e)}`);
      return;
    }
    if (r.ok) return;
    const msg = (r.errors ?? []).map((x) => (typeof x === 'string' ? x : (x as { message?: string })?.message ?? JSON.stringify(x))).join('; ');
    warner.once(`invalid:${env.event}:${msg}`, `invalid event '${env.event}': ${msg || 'rejected by the validator'} (sent anyway; validation warns in development and is off in production)`);
  }

  return function build(q: Queued): Rec | DropReason {
    const spec = q.spec;
    const name = spec.event;
    const globals = q.globals ?? (typeof globalsOpt === 'function' ? undefined : (globalsOpt as Readonly<Record<string, unknown>> | undefined));
    let props: Readonly<Record<string, unknown>> = q.props;
    // Fill declared globals, clock and constant properties the call left out.
    if ((spec.globals && globals) || spec.clock || spec.fixed) {
      const merged: Record<string, unknown> = {};
      if (spec.globals && globals) for (const k of spec.globals) if (globals[k] !== undefined) merged[k] = globals[k];
      if (spec.clock) { const at = iso(q.t); for (const k of spec.clock) merged[k] = at; }
      if (spec.fixed) Object.assign(merged, spec.fixed);
      for (const k of Object.keys(props)) if (props[k] !== undefined) merged[k] = props[k];
      props = merged;
    }
    if (sampleRate < 1 && !spec.critical && !keep(sampleKey(name, props), sampleRate)) return 'sampled';
    try {
      // Envelope overhead (names, id, timestamps) plus the static context, then each part's walk.
      const size: Meter = { value: 160 + name.length + contextMeter.value };
      const properties = sanitize(props, sensitive, maxEventBytes, size, keepOf(spec)) as Record<string, unknown>;
      if (!includeContent && spec.content) for (const p of spec.content) atPath(properties, p, dropKey);
      if (spec.redact) for (const p of spec.redact) atPath(properties, p, redactKey);
      const env: { -readonly [K in keyof Envelope]: Envelope[K] } = {
        event: name,
        ...(spec.version !== undefined ? { version: spec.version } : {}),
        id: newId(),
        timestamp: iso(q.t),
        properties,
      };
      if (q.person) {
        const person = sanitize(q.person, sensitive, maxEventBytes, size) as Person;
        if (person && (person.$set || person.$set_once)) env.person = person;
      }
      if (context) env.context = context;
      if (q.dims) env.dimensions = sanitize(q.dims, sensitive, maxEventBytes, size) as Record<string, unknown>;
      // The walk's size estimate counts characters; only when multi-byte text or escapes could
      // push it over the limit is the exact UTF-8 size computed now (else lazily, by sinks that need it).
      let json: string | undefined;
      if (size.value * 6 > maxEventBytes) {
        json = JSON.stringify(env);
        if (utf8Length(json) > maxEventBytes) throw new TooLargeError();
      }
      if (validate) check(env);
      if (spec.deprecated && environment === 'development') {
        warner.once(`deprecated:${name}`, `event '${name}' is deprecated${spec.deprecated.replacement ? `; use '${spec.deprecated.replacement}' instead` : ''}`);
      }
      return { env, json, spec, open: 0 };
    } catch (e) {
      if (e instanceof TooLargeError) {
        warner.once(`tooLarge:${name}`, `event '${name}' is larger than maxEventBytes (${maxEventBytes}); it is dropped as 'tooLarge' (send less, or raise maxEventBytes)`);
        return 'tooLarge';
      }
      warner.once(`unserializable:${name}`, `event '${name}' cannot be serialised (${(e as Error)?.message ?? String(e)}); it is dropped as 'unserializable'`);
      return e instanceof UnserializableError ? 'unserializable' : 'internal';
    }
  };
}
