import type { SummarySpec, SummaryValue } from './summary.js';
/** Kinds of destination, as in the taxonomy's destinations.yaml. */
export type DestinationKind = 'product' | 'metrics' | 'warehouse' | 'log';

/** A property path; `*` matches every array index or map key at that level. */
export type PropertyPath = readonly string[];

/**
 * What the generated client tells the runtime about one event: its routing,
 * criticality and privacy facts. Generated from the taxonomy, never hand-written.
 */
export interface EventSpec {
  readonly event: string;
  readonly version?: number;
  readonly domain?: string;
  /** Destination names (taxonomy destinations.yaml). */
  readonly destinations?: readonly string[];
  /** Kinds of those destinations; a sink receives the event when it accepts one of them. */
  readonly kinds?: readonly DestinationKind[];
  /** Critical events are never sampled out. */
  readonly critical?: boolean;
  /** Content-class properties: dropped unless the tracker sets `includeContent`. */
  readonly content?: readonly PropertyPath[];
  /** Declared properties whose names look sensitive (`input_tokens`) but that the taxonomy classifies as data: not redacted by name. */
  readonly keep?: readonly PropertyPath[];
  /** Properties whose privacy class says redact: always replaced by `[REDACTED]`. */
  readonly redact?: readonly PropertyPath[];
  /** Properties the tracker's `globals` may fill when the call omits them. */
  readonly globals?: readonly string[];
  /** Date-time properties filled with the event time when the call omits them. */
  readonly clock?: readonly string[];
  /** Constant properties filled when the call omits them. */
  readonly fixed?: Readonly<Record<string, string | number | boolean>>;
  /** Low-cardinality enum/boolean properties with their allowed values: the only metrics labels. */
  readonly labels?: Readonly<Record<string, readonly string[]>>;
  /** Set for deprecated events; warned once in development. */
  readonly deprecated?: { readonly replacement?: string };
  /** Prometheus metrics the taxonomy declares for this event (`prometheus:`): the Prometheus sink emits exactly these. */
  readonly metrics?: readonly MetricSpec[];
  /** YYYY-MM-DD (UTC) after which the event is disabled: dropped as `expired` (the taxonomy's `expires:`). */
  readonly expires?: string;
  /** `format: currency` properties: upper-cased, then refused unless an ISO 4217 code (options.currencyCodes). */
  readonly currency?: readonly string[];
  /** `maximum_property:` bounds: property -> the sibling property its value may not exceed (the call is refused). */
  readonly atMost?: Readonly<Record<string, string>>;
  /** `dedupe_by:` the property whose repeated value makes the event a duplicate, ignored (dropped as `duplicate`). */
  readonly dedupe?: string;
  /** String properties normalised onto their enum: lower-cased spelling -> canonical value; anything else -> fallback (the taxonomy's `normalize:`). */
  readonly normalize?: Readonly<Record<string, { readonly values: Readonly<Record<string, string>>; readonly fallback?: string }>>;
  /** String limits the runtime enforces (the taxonomy's `overflow: empty`, `json_value_max_length`). */
  readonly limits?: Readonly<Record<string, { readonly maxLength?: number; readonly overflow?: string; readonly jsonValueMaxLength?: number }>>;
  /** distinct_id candidates, first present wins (the taxonomy's `distinct_id:`). */
  readonly distinctId?: readonly { readonly property: string; readonly prefix?: string }[];
  /** Rules of the payload no generated type can hold, checked in the caller's stack (a call breaking one is dropped as `invalid`). */
  readonly shapes?: ShapeRules;
}

/** What the tracker checks of an event's own properties beyond their types (the validators check everything, at any depth). */
export interface ShapeRules {
  /** `requires:` property -> siblings that must be present when it is. */
  readonly requires?: Readonly<Record<string, readonly string[]>>;
  /** `required_when:` property -> the sibling whose value (one of `in`) makes it required. */
  readonly requiredWhen?: Readonly<Record<string, { readonly property: string; readonly in: readonly (string | number | boolean)[] }>>;
  /** Object properties' key rules (min/maxProperties, key patterns of a closed object). */
  readonly keys?: Readonly<Record<string, KeyRules>>;
  /** The payload's own key rules. */
  readonly payload?: KeyRules;
  /** Tuple properties' (`prefixItems`) element counts and each element's JSON type, by position. */
  readonly tuples?: Readonly<Record<string, TupleRules>>;
  /**
   * Integer properties whose declared range reaches beyond 2^53 (int64's bounds): their bounds
   * as written (bigints where a double would round), compared exactly with the value, a number
   * or a bigint. The validators compile such bounds as doubles (JSON.parse'd data holds no more).
   */
  readonly ranges?: Readonly<Record<string, IntegerRange>>;
}

/**
 * A tuple's rules: how many elements it holds, and the JSON types of its elements by position
 * (`kinds`), then of any further one (`rest`). A kind is `string`, `integer`, `number`,
 * `boolean`, `object`, `array` or `null`, several joined by `|`; empty: any JSON value.
 */
export interface TupleRules {
  readonly min?: number;
  readonly max?: number;
  readonly kinds: readonly string[];
  readonly rest?: string;
}

/** An exact integer range (bounds as written; a bigint where a double would round). */
export interface IntegerRange {
  readonly minimum?: number | bigint;
  readonly maximum?: number | bigint;
  readonly exclusiveMinimum?: number | bigint;
  readonly exclusiveMaximum?: number | bigint;
}

/** How many keys an object holds, and (when set) the patterns every undeclared key must match. */
export interface KeyRules {
  readonly min?: number;
  readonly max?: number;
  /** A closed object's `patternProperties`: a key neither declared nor matching one is refused. */
  readonly patterns?: readonly string[];
  /** Its declared keys (exempt from the patterns). */
  readonly declared?: readonly string[];
}

/** A declared Prometheus metric an event updates: counters count it, histograms observe `observe`. */
export interface MetricSpec {
  readonly name: string;
  readonly type: 'counter' | 'histogram';
  readonly help: string;
  /** Label name → its normalised values; any other value (or none) is counted under 'other'. */
  readonly labels: Readonly<Record<string, readonly string[]>>;
  readonly buckets?: readonly number[];
  /** Histograms: the numeric property observed (no observation when it is absent). */
  readonly observe?: string;
}

/** Person properties (seed 003): `$set` overwrites, `$set_once` keeps the first value. */
export interface Person {
  readonly $set?: Readonly<Record<string, unknown>>;
  readonly $set_once?: Readonly<Record<string, unknown>>;
}

/** The wire shape of one event; the generated JSON Schemas validate exactly this. */
export interface Envelope {
  readonly event: string;
  readonly version?: number;
  /** Unique per event, stable across retries: collectors deduplicate on it. */
  readonly id: string;
  /** When the event was tracked (ISO 8601, UTC). */
  readonly timestamp: string;
  readonly properties: Readonly<Record<string, unknown>>;
  readonly person?: Person;
  readonly context?: Readonly<Record<string, unknown>>;
  readonly dimensions?: Readonly<Record<string, unknown>>;
}

/** Why an event was not delivered. Every dropped event is counted under exactly one reason. */
export type DropReason =
  | 'sampled' // sampleRate dropped it (never a critical event)
  | 'consent' // consent posture did not allow analytics
  | 'queueFull' // a bounded queue was full: the oldest event made room
  | 'tooLarge' // bigger than maxEventBytes, or refused by the server as too large
  | 'unserializable' // could not be turned into JSON (a throwing getter or toJSON)
  | 'noRoute' // no configured sink accepts any of its destinations
  | 'sinkError' // the sink threw or rejected
  | 'timeout' // the sink did not settle within its timeout
  | 'rejected' // the server refused it (a 4xx other than 408/413/429)
  | 'failed' // network or 5xx errors outlasted every retry
  | 'unload' // the page was hidden and neither sendBeacon nor keepalive delivered it (the browser allows ~64 KB in flight)
  | 'shutdown' // still pending when shutdown() gave up, or tracked after it
  | 'invalid' // track() was called without an event name or with non-object properties, or a value the taxonomy's checks refuse (currency, maximum_property)
  | 'duplicate' // a repeat of an event de-duplicated by a property (dedupe_by: seed 001's impressions by messageId)
  | 'expired' // the event is past its taxonomy expires: date (disabled, as Glean disables expired metrics)
  | 'internal'; // a bug in the runtime; reported once

export const DROP_REASONS: readonly DropReason[] = [
  'sampled', 'consent', 'queueFull', 'tooLarge', 'unserializable', 'noRoute',
  'sinkError', 'timeout', 'rejected', 'failed', 'unload', 'shutdown', 'invalid', 'expired', 'duplicate', 'internal',
];

/** Books of one sink: enqueued = delivered + dropped + pending, always. */
export interface SinkStats {
  readonly enqueued: number;
  readonly delivered: number;
  readonly pending: number;
  readonly dropped: Readonly<Record<DropReason, number>>;
}

/**
 * Books of the tracker: enqueued = delivered + dropped (sum over reasons) + pending.
 * An event is delivered when every sink it was routed to took it; when one sink
 * drops it, it is counted under that sink's reason.
 */
export interface TrackerStats extends SinkStats {
  readonly droppedTotal: number;
  readonly sinks: Readonly<Record<string, SinkStats>>;
  /** True when the tracker has no sink (or is disabled) and sends nothing. */
  readonly noop: boolean;
}

/** The part of AbortSignal sinks use (declared here so the types need neither DOM nor Node typings). */
export interface AbortSignalLike {
  readonly aborted: boolean;
  addEventListener(type: 'abort', listener: () => void): void;
  removeEventListener(type: 'abort', listener: () => void): void;
}

/** What a sink is handed with each batch. */
export interface SendContext {
  /** The event as JSON (already serialised once by the tracker; a bigint is written as its exact digits, see jsonText). */
  json(event: Envelope): string;
  /** UTF-8 size of that JSON. */
  bytes(event: Envelope): number;
  /** The generated spec of the event (labels, destinations…). */
  spec(event: Envelope): EventSpec;
  /** Report these events delivered now (otherwise: when send resolves). */
  ok(events: readonly Envelope[]): void;
  /** Report these events dropped for a reason (otherwise: 'sinkError' when send rejects). */
  fail(events: readonly Envelope[], reason: DropReason, detail?: string): void;
  /** Aborted on shutdown: stop retrying. */
  readonly signal: AbortSignalLike;
  /** Log a warning once per key. */
  warn(key: string, message: string): void;
}

/** A sink: where events go. Every field but `name` and `send` has a sensible default. */
export interface Sink {
  readonly name: string;
  /** Set when the sink is misconfigured (no url, no key): the tracker leaves it out and says why, once. */
  readonly disabled?: string;
  /** Which events it takes. Default: every destination kind except 'metrics'. */
  readonly accepts?: { readonly kinds?: readonly DestinationKind[]; readonly destinations?: readonly string[] };
  /** Events per send call. Default 100. */
  readonly batchSize?: number;
  /** Wait this long for a batch to fill before sending. Default 0 (send at once). */
  readonly flushIntervalMs?: number;
  /** Events it may hold (waiting or in flight); beyond, the oldest waiting one is dropped. Default 1000. */
  readonly maxPending?: number;
  /** A send that does not settle within this is given up ('timeout'). Default 10 000; 0 = never. */
  readonly timeoutMs?: number;
  /** False while the vendor library is not loaded: events wait (bounded by maxPending). */
  ready?(): boolean;
  send(events: readonly Envelope[], ctx: SendContext): void | Promise<void>;
  /**
   * The page is being hidden: hand these off at once (sendBeacon). Report each event
   * with ctx.ok / ctx.fail, now or when a keepalive request settles (return its promise);
   * what is not reported by then counts as dropped ('unload').
   */
  unload?(events: readonly Envelope[], ctx: SendContext): void | Promise<void>;
  close?(): void | Promise<void>;
}

/** The simplest sink: a function called once per event (seed 001's sink contract). */
export type SinkFunction = (event: Envelope) => void | Promise<void>;

export type ConsentPosture = 'none' | 'functional' | 'analytics' | 'all';

/** The contract of the generated validators' `validateEvent(name, payload)`. */
export type Validate = (name: string, envelope: Envelope) => { ok: boolean; errors?: readonly unknown[] };

export interface Logger {
  warn(...args: unknown[]): void;
}

export interface TrackerOptions<G extends object = Record<string, unknown>> {
  /** One sink or several (falsy entries are skipped). None: the tracker is a no-op and says so once. */
  sink?: Sink | SinkFunction | readonly (Sink | SinkFunction | null | undefined | false)[];
  /** false: collect nothing (no warning). Default true. */
  enabled?: boolean;
  /** Global properties supplied once: an object, or a function called per event. Fills only the properties an event declares as global. */
  globals?: G | (() => G);
  /** Static metadata attached to every event under `context`. */
  context?: Record<string, unknown>;
  /** Per-event dimensions, resolved when the event is tracked, under `dimensions`. */
  dimensions?: () => Record<string, unknown> | undefined;
  /** Keep this fraction of non-critical events, decided deterministically per (session, event, turn). Default 1. */
  sampleRate?: number;
  /** The sampling key. Default: sessionId (or session_id) + event name + turnIndex (or turn_index). */
  sampleKey?: (event: string, properties: Readonly<Record<string, unknown>>) => string;
  /** Initial consent posture. When set, events are sent only under 'analytics' or 'all'. */
  consent?: ConsentPosture;
  /** false: ignore the consent posture (consent handled elsewhere). Default true. */
  respectConsent?: boolean;
  /** Send content-class properties (chip labels, comments, URIs…). Default false: they are dropped. */
  includeContent?: boolean;
  /** Keys redacted at any depth (any case, snake/camel/kebab). Default: the taxonomy's sensitive_keys. */
  sensitiveKeys?: readonly string[];
  /** The ISO 4217 codes `format: currency` properties must be (the generated tracker passes the taxonomy's list). Without it, any three letters. */
  currencyCodes?: readonly string[];
  /** The taxonomy's summary metrics (the generated tracker passes them): tracker.summary() computes them over recent events. */
  summary?: readonly SummarySpec[];
  /** How many recent events the summary is computed over; the oldest is evicted first. Default 1000 (seed 001's maxEvents). */
  maxEvents?: number;
  /** How many recent de-duplication keys (`dedupe_by:`) the tracker remembers. Default 10 000. */
  maxDedupeKeys?: number;
  /** Events waiting to be processed; when full the oldest is dropped and counted. Default 1000. */
  maxQueue?: number;
  /** Largest event (JSON bytes); bigger ones are dropped and counted. Default 60 000 (fits one sendBeacon). */
  maxEventBytes?: number;
  /** Validator (the generated `validateEvent`): warns in development, never runs in production. */
  validate?: Validate;
  /** Default: 'production' when NODE_ENV is 'production', else 'development'. */
  environment?: 'development' | 'production';
  /** Where warnings go. Default console. */
  logger?: Logger;
  /** Listen to pagehide/visibilitychange to beacon what is pending. Default true in browsers. */
  pageLifecycle?: boolean;
  /** Specs by event name, for `track('name', …)` (the generated `events` table). */
  events?: Readonly<Record<string, EventSpec>>;
  /** Clock in ms (tests). Default Date.now. */
  now?: () => number;
}

export interface Tracker<G extends object = Record<string, unknown>> {
  /** Never throws, never blocks: queues the event and returns. */
  track(event: EventSpec | string, properties?: object, person?: Person): void;
  setConsent(posture: ConsentPosture): void;
  /** Sends everything pending; resolves when done or after timeoutMs (default 10 000). Never rejects. */
  flush(timeoutMs?: number): Promise<TrackerStats>;
  /** flush(), then stop: whatever is still pending is dropped as 'shutdown'. Never rejects. */
  shutdown(timeoutMs?: number): Promise<TrackerStats>;
  stats(): TrackerStats;
  /**
   * The summary metrics (options.summary) over the last maxEvents events the tracker built whose
   * properties equal `where` (a session: { sessionId }). Never throws.
   */
  summary(where?: Readonly<Record<string, unknown>>): Record<string, SummaryValue>;
  /** False when the tracker is a no-op (no sink, or disabled). */
  readonly active: boolean;
  /** Type-level only: the globals this tracker supplies. */
  readonly __globals?: G;
}
