import { applyRules } from './rules.js';
import { idFactory } from './ids.js';
import { jsonText } from './json.js';
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

type MutableEnvelope = { -readonly [K in keyof Envelope]: Envelope[K] };

/**
 * The processing of one queued event, off the caller's stack: globals, clock and
 * constants filled, sampling, redaction, content gating, id and timestamp, size
 * check and (in development) validation. build() returns the record, or why it is dropped.
 */
class EnvelopeBuilder {
  private readonly validate: TrackerOptions<object>['validate'];
  private readonly sampleRate: number;
  private readonly sampleKey: NonNullable<TrackerOptions<object>['sampleKey']>;
  private readonly includeContent: boolean;
  private readonly keepTries = new WeakMap<EventSpec, KeepTrie>();
  private readonly newId = idFactory();
  private readonly context: Record<string, unknown> | undefined;
  private readonly contextMeter: Meter = { value: 0 };
  // Events tracked in the same millisecond share one ISO string (toISOString is not cheap).
  private isoAt = NaN;
  private isoText = '';

  constructor(private readonly s: BuildSettings) {
    const { options } = s;
    this.validate = s.environment === 'development' ? options.validate : undefined;
    this.sampleRate = options.sampleRate ?? 1;
    this.sampleKey = options.sampleKey ?? defaultSampleKey;
    this.includeContent = options.includeContent === true;
    try {
      this.context = options.context ? (sanitize(options.context, s.sensitive, s.maxEventBytes, this.contextMeter) as Record<string, unknown>) : undefined;
    } catch {
      s.warner.once('context', 'options.context is not serialisable or too large; it is ignored');
    }
  }

  private keepOf(spec: EventSpec): KeepTrie | undefined {
    if (!spec.keep) return undefined;
    let t = this.keepTries.get(spec);
    if (!t) { t = keepTrie(spec.keep); this.keepTries.set(spec, t); }
    return t;
  }

  private iso(t: number): string {
    if (t !== this.isoAt) { this.isoAt = t; this.isoText = new Date(t).toISOString(); }
    return this.isoText;
  }

  /** Development only: a warning (once per message) when the validator refuses the event; it is sent anyway. */
  private check(env: Envelope): void {
    const warner = this.s.warner;
    let r: ReturnType<NonNullable<TrackerOptions<object>['validate']>>;
    try { r = this.validate!(env.event, env); } catch (e) {
      warner.once(`validate-threw:${env.event}`, `the validator threw on '${env.event}': ${(e as Error)?.message ?? String(e)}`);
      return;
    }
    if (r.ok) return;
    const msg = (r.errors ?? []).map((x) => (typeof x === 'string' ? x : (x as { message?: string })?.message ?? JSON.stringify(x))).join('; ');
    warner.once(`invalid:${env.event}:${msg}`, `invalid event '${env.event}': ${msg || 'rejected by the validator'} (sent anyway; validation warns in development and is off in production)`);
  }

  /** The call's properties with the declared globals, clock and constant properties it left out filled in. */
  private filled(q: Queued): Readonly<Record<string, unknown>> {
    const spec = q.spec;
    const globalsOpt = this.s.options.globals;
    const globals = q.globals ?? (typeof globalsOpt === 'function' ? undefined : (globalsOpt as Readonly<Record<string, unknown>> | undefined));
    const props = q.props;
    if (!((spec.globals && globals) || spec.clock || spec.fixed)) return applyRules(spec, props);
    const merged: Record<string, unknown> = {};
    if (spec.globals && globals) for (const k of spec.globals) if (globals[k] !== undefined) merged[k] = globals[k];
    if (spec.clock) { const at = this.iso(q.t); for (const k of spec.clock) merged[k] = at; }
    if (spec.fixed) Object.assign(merged, spec.fixed);
    for (const k of Object.keys(props)) if (props[k] !== undefined) merged[k] = props[k];
    return applyRules(spec, merged);
  }

  /** The envelope, sanitised part by part into one size meter; throws TooLargeError or UnserializableError. */
  private envelope(q: Queued, props: Readonly<Record<string, unknown>>): { env: MutableEnvelope; size: Meter } {
    const { spec } = q;
    const { sensitive, maxEventBytes } = this.s;
    // Envelope overhead (names, id, timestamps) plus the static context, then each part's walk.
    const size: Meter = { value: 160 + spec.event.length + this.contextMeter.value };
    const properties = sanitize(props, sensitive, maxEventBytes, size, this.keepOf(spec)) as Record<string, unknown>;
    if (!this.includeContent && spec.content) for (const p of spec.content) atPath(properties, p, dropKey);
    if (spec.redact) for (const p of spec.redact) atPath(properties, p, redactKey);
    const env: MutableEnvelope = {
      event: spec.event,
      ...(spec.version !== undefined ? { version: spec.version } : {}),
      id: this.newId(),
      timestamp: this.iso(q.t),
      properties,
    };
    if (q.person) {
      const person = sanitize(q.person, sensitive, maxEventBytes, size) as Person;
      if (person && (person.$set || person.$set_once)) env.person = person;
    }
    if (this.context) env.context = this.context;
    if (q.dims) env.dimensions = sanitize(q.dims, sensitive, maxEventBytes, size) as Record<string, unknown>;
    return { env, size };
  }

  build(q: Queued): Rec | DropReason {
    const spec = q.spec;
    const name = spec.event;
    const { warner, maxEventBytes } = this.s;
    const props = this.filled(q);
    if (this.sampleRate < 1 && !spec.critical && !keep(this.sampleKey(name, props), this.sampleRate)) return 'sampled';
    try {
      const { env, size } = this.envelope(q, props);
      // The walk's size estimate counts characters; only when multi-byte text or escapes could
      // push it over the limit is the exact UTF-8 size computed now (else lazily, by sinks that need it).
      let json: string | undefined;
      if (size.value * 6 > maxEventBytes) {
        json = jsonText(env)!;
        if (utf8Length(json) > maxEventBytes) throw new TooLargeError();
      }
      if (this.validate) this.check(env);
      if (spec.deprecated && this.s.environment === 'development') {
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
  }
}

/** The build step of one tracker (see EnvelopeBuilder). */
export function envelopeBuilder(settings: BuildSettings): (q: Queued) => Rec | DropReason {
  const builder = new EnvelopeBuilder(settings);
  return (q) => builder.build(q);
}
