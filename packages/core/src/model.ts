import type { SourceLocation } from './diagnostics.js';

/**
 * The resolved, immutable model. Generators and rules only ever see this:
 * refs are resolved, globals merged, defaults applied, everything sorted.
 */

/**
 * The JSON type of a value. `json`: any JSON value (free-form). `union`: one of several shapes
 * (`oneOf:`/`anyOf:`, or several types written as `type: [string, integer]`), see Shape.union.
 */
export type PropertyType = 'string' | 'integer' | 'number' | 'boolean' | 'array' | 'object' | 'json' | 'union';
export type Scalar = string | number | boolean;
/**
 * A numeric bound as written: a number, or a bigint when it is an integer beyond 2^53 that a
 * double would round (int64's 9223372036854775807). Print it with `exactJson` (never JSON.stringify).
 */
export type Bound = number | bigint;

/** The alternatives of a union: JSON Schema's oneOf (exactly one matches) or anyOf (at least one). */
export interface Union {
  readonly kind: 'oneOf' | 'anyOf';
  /** In order; each a full shape (a type list gives one variant per type, with that type's keywords). */
  readonly variants: readonly Shape[];
  /** An object property every variant requires with its own const (or enum), telling the variants apart. */
  readonly discriminator?: string;
}

/** Keys of an object matching a regular expression, and the shape of their values. */
export interface PatternShape {
  readonly pattern: string;
  readonly shape: Shape;
}

/** What an object accepts beyond its declared keys; event payloads and nested objects alike. Unset: closed, any count. */
export interface ObjectRules {
  /** Shape of every value under a key not declared (a map's values; `{ type: json }`: anything). */
  readonly values?: Shape;
  /** Keys matching a pattern, with their values' shape (JSON Schema patternProperties). */
  readonly patternProperties?: readonly PatternShape[];
  readonly minProperties?: number;
  readonly maxProperties?: number;
}

/** A value shape: the type and its constraints (no name; used for array items and map values too). */
export interface Shape extends ObjectRules {
  readonly type: PropertyType;
  readonly description?: string;
  readonly format?: string;
  readonly enum?: readonly Scalar[];
  readonly const?: Scalar;
  readonly minimum?: Bound;
  readonly maximum?: Bound;
  /** A sibling numeric property this value may not exceed when both are present (`maximum_property:`). */
  readonly maximumProperty?: string;
  readonly exclusiveMinimum?: Bound;
  readonly exclusiveMaximum?: Bound;
  readonly multipleOf?: number;
  readonly minLength?: number;
  readonly maxLength?: number;
  readonly pattern?: string;
  readonly minItems?: number;
  readonly maxItems?: number;
  readonly uniqueItems?: boolean;
  readonly items?: Shape;
  /** A tuple (`prefixItems:`): the shape of each leading element, in order; `items` shapes the rest (unset: any JSON value; `maxItems` closes it). */
  readonly prefixItems?: readonly Shape[];
  /** Keys of a nested object, in declaration order. */
  readonly properties?: readonly Property[];
  /** type 'union': its alternatives. */
  readonly union?: Union;
  /** Siblings that must be present when this property is (JSON Schema dependentRequired; `requires:`). */
  readonly requires?: readonly string[];
  /** Required when a sibling has one of these values (`required_when:`; JSON Schema if/then). */
  readonly requiredWhen?: { readonly property: string; readonly in: readonly Scalar[] };
  readonly nullable?: boolean;
  /** Privacy class id; inherited from the shared property when not refined. */
  readonly privacy?: string;
  readonly cardinality?: 'low' | 'high';
  readonly unit?: string;
  readonly examples?: readonly unknown[];
  readonly waiver?: Waiver;
  readonly contentGated?: boolean;
  /** Link to the data review that approved collecting it (pii, content, secret need one). */
  readonly dataReview?: string;
  /** How trackers normalise a string before sending it (seed 003's environment). */
  readonly normalize?: Normalize;
  /** A string over maxLength: 'reject' the event (default) or send it as ''. */
  readonly overflow?: 'reject' | 'empty';
  /** A string holding a JSON object: each string value capped at this many characters first. */
  readonly jsonValueMaxLength?: number;
  /** Lifecycle (`stability:`); unset: no promise beyond versioning. 'deprecated' exactly when `deprecated` is set. */
  readonly stability?: Stability;
  /** Set when the property is deprecated (by `deprecated:` or `stability: deprecated`). */
  readonly deprecated?: PropertyDeprecation;
  /** The enum's values with their words and lifecycle, in `enum` order; set only when one was written as an object. */
  readonly enumMembers?: readonly EnumMember[];
  readonly extensions?: Readonly<Record<string, unknown>>;
}

/** How far consumers may rely on a property or an enum value (Weaver's stability). */
export type Stability = 'stable' | 'experimental' | 'deprecated';

/** A deprecated property: still accepted, no longer to be sent; `renamedTo` names its replacement beside it. */
export interface PropertyDeprecation {
  readonly renamedTo?: string;
  readonly reason?: string;
  readonly since?: string;
  readonly removal?: string;
}

/** One enum value with its words and lifecycle (`enum: [{ value, description, stability, deprecated }]`). */
export interface EnumMember {
  readonly value: Scalar;
  readonly description?: string;
  readonly stability?: Stability;
  /** `renamedTo` is another value of the same enum. */
  readonly deprecated?: { readonly renamedTo?: Scalar; readonly reason?: string; readonly since?: string; readonly removal?: string };
}

/** Enum value -> other spellings; trimmed, matched without case; anything else becomes fallback. */
export interface Normalize {
  readonly aliases: Readonly<Record<string, readonly string[]>>;
  readonly fallback?: string;
}

/** One candidate for an event's distinct_id: a top-level property, with an optional prefix. */
export interface DistinctIdSource {
  readonly property: string;
  readonly prefix?: string;
}

export interface Waiver {
  readonly reason: string;
  readonly approver: string;
  readonly expires: string;
}

/** A named property of an event (or of a nested object). */
export interface Property extends Shape {
  readonly name: string;
  readonly required: boolean;
  /** The shared property this one refines, if any. */
  readonly ref?: string;
  /** Where it came from: the taxonomy's globals, the domain's globals, or the event itself. */
  readonly origin: 'global' | 'domain' | 'event';
  readonly location: SourceLocation;
}

export interface SharedProperty extends Shape {
  readonly name: string;
  /** The domain that defines it, or undefined for taxonomy/properties*.yaml. */
  readonly domain?: string;
  readonly required?: boolean;
  readonly location: SourceLocation;
}

export interface Deprecation {
  readonly replacement?: string;
  readonly since?: string;
  readonly removal?: string;
  readonly reason?: string;
}

export interface ChangelogEntry {
  readonly version: number;
  readonly date?: string;
  readonly change: string;
}

/**
 * One live major version of an event. SchemaVer's MODEL is `version`; REVISION and ADDITION
 * are carried as written (default 0), so Iglu paths `M-R-A` survive import and export.
 */
export interface EventVersion extends ObjectRules {
  readonly version: number;
  readonly revision: number;
  readonly addition: number;
  /** Older majors are frozen (only their words may change); the newest is the event itself. */
  readonly frozen: boolean;
  /**
   * Earlier REVISION-ADDITIONs of this model that apps may still send (`revisions:`), oldest
   * first, each frozen and with no revisions of its own. A payload of the model is accepted when
   * it matches this version or one of them (SchemaVer: every version stays resolvable).
   */
  readonly revisions: readonly EventVersion[];
  readonly description?: string;
  /** Globals first, then the version's own, as for the event. */
  readonly properties: readonly Property[];
  readonly extensions: Readonly<Record<string, unknown>>;
  readonly location: SourceLocation;
}

export interface TaxonomyEvent extends ObjectRules {
  /**
   * The event's identity and its wire name: the name as written, prefixed with `namespace/` when
   * its domain has a namespace (io.snowplow.ecomm/add_to_cart). Unique across the taxonomy.
   */
  readonly name: string;
  /** The domain's namespace (vendor, source), when it has one. */
  readonly namespace?: string;
  readonly domain: string;
  readonly version: number;
  /**
   * Every live version, oldest first; the last is the newest (`version`, with the event's own
   * properties). One entry unless the event keeps older majors under `versions:`.
   */
  readonly versions: readonly EventVersion[];
  readonly description?: string;
  readonly trigger?: string;
  readonly category?: string;
  readonly status: 'planned' | 'active' | 'deprecated';
  readonly owner?: string;
  readonly destinations: readonly string[];
  readonly critical: boolean;
  readonly priority?: string;
  readonly emittedBy?: string;
  readonly outcome?: string;
  /** The property whose repeated value makes the event a duplicate the tracker ignores (`dedupe_by:`). */
  readonly dedupeBy?: string;
  readonly tags: readonly string[];
  readonly deprecated?: Deprecation;
  readonly changelog: readonly ChangelogEntry[];
  /** YYYY-MM-DD after which the event is disabled (trackers drop it, the collector quarantines it). */
  readonly expires?: string;
  /** Emails of the people to ask about it: the event's own, else its domain's. */
  readonly contacts: readonly string[];
  /** Globals first (taxonomy, then domain), then the event's own, each in declaration order. */
  readonly properties: readonly Property[];
  readonly personProperties: { readonly set: readonly Property[]; readonly setOnce: readonly Property[] };
  /** Who the event is about (PostHog's distinct_id): the first present candidate, prefixed. */
  readonly distinctId?: readonly DistinctIdSource[];
  readonly extensions: Readonly<Record<string, unknown>>;
  readonly location: SourceLocation;
  /** Prometheus metrics this event updates (set only when the event declares some). */
  readonly prometheus?: readonly PrometheusBinding[];
}

/** An event's use of a Prometheus metric: counters are incremented, histograms observe `observe`. */
export interface PrometheusBinding {
  readonly metric: string;
  readonly observe?: string;
}

/** The label value every value outside a label's declared values is counted under. */
export const PROMETHEUS_OTHER = 'other';

export interface PrometheusLabel {
  readonly name: string;
  /** Normalised values in declaration order (not including `other`, which catches every other value). */
  readonly values: readonly string[];
}

/** A Prometheus metric declared under a domain's `prometheus:`. */
export interface PrometheusMetric {
  readonly name: string;
  readonly type: 'counter' | 'histogram';
  readonly help: string;
  readonly domain: string;
  readonly labels: readonly PrometheusLabel[];
  /** Histograms: increasing upper bounds (+Inf implied). */
  readonly buckets?: readonly number[];
  readonly unit?: string;
  /** The events that update it, sorted by event name. */
  readonly events: readonly { readonly event: string; readonly observe?: string }[];
  readonly location: SourceLocation;
}

/** `title`: Title Case words separated by single spaces, as Segment names events ('Order Completed'). */
/** An event's name without its `namespace/` prefix (as written under a domain's namespace:). */
export function localEventName(e: Pick<TaxonomyEvent, 'name' | 'namespace'>): string {
  return e.namespace && e.name.startsWith(`${e.namespace}/`) ? e.name.slice(e.namespace.length + 1) : e.name;
}

/** The key an event has in its domain file's events: (its identity when written namespace/name there, else its local name). */
export function eventKey(e: Pick<TaxonomyEvent, 'name' | 'namespace'>, fileData: unknown): string {
  const events = (fileData as { events?: Record<string, unknown> } | undefined)?.events;
  return events && Object.prototype.hasOwnProperty.call(events, e.name) ? e.name : localEventName(e);
}

export type NamingConvention = 'dot.snake' | 'snake' | 'UPPER_SNAKE' | 'camel' | 'pascal' | 'title';

export interface Domain {
  readonly name: string;
  readonly description?: string;
  readonly owner?: string;
  readonly contacts: readonly string[];
  readonly source?: string;
  /** The vendor or source its events belong to (their names are then namespace/name). */
  readonly namespace?: string;
  readonly naming?: NamingConvention;
  readonly propertyNaming?: 'snake' | 'camel';
  readonly reservedPrefix?: string;
  readonly destinations: readonly string[];
  /** Event names of this domain, sorted. */
  readonly events: readonly string[];
  readonly file: string;
  readonly extensions: Readonly<Record<string, unknown>>;
  readonly location: SourceLocation;
}

export interface PrivacyClass {
  readonly name: string;
  readonly description: string;
  readonly sensitivity: number;
  readonly allowedInEvents: boolean;
  readonly contentGated: boolean;
  readonly redact: boolean;
  readonly examples: readonly string[];
  readonly doNotLog: readonly string[];
  readonly safeToLog: readonly string[];
  readonly location: SourceLocation;
}

export interface Category {
  readonly name: string;
  readonly description: string;
  readonly dashboard?: string;
  readonly owner?: string;
  readonly location: SourceLocation;
}

export interface Destination {
  readonly name: string;
  readonly description: string;
  readonly kind: 'product' | 'metrics' | 'warehouse' | 'log';
  readonly vendor?: string;
  /** Privacy classes it may receive; undefined = every class allowed in events. */
  readonly accepts?: readonly string[];
  readonly location: SourceLocation;
}

export type FilterOp = 'eq' | 'neq' | 'in' | 'not_in' | 'gt' | 'gte' | 'lt' | 'lte' | 'exists' | 'not_exists';

export interface Filter {
  readonly property: string;
  readonly op: FilterOp;
  readonly value?: Scalar | readonly Scalar[];
}

export interface EventSelector {
  readonly event: string;
  readonly where: readonly Filter[];
}

export interface Measure {
  readonly aggregate: 'count' | 'distinct_count' | 'sum' | 'average';
  readonly property?: string;
  readonly events: readonly EventSelector[];
  /** An array property whose items are measured, one row per item (a purchase's items). */
  readonly over?: string;
  /** With over: the item fields measured, multiplied when there are two (quantity × unitPrice). */
  readonly value?: readonly string[];
  /** A ratio's numerator: only events whose metric `joinOn` value is a join key of the denominator's events. */
  readonly within?: 'denominator';
}

export type MetricType = 'count' | 'distinct_count' | 'sum' | 'average' | 'ratio' | 'duration' | 'funnel';

export interface Metric {
  readonly name: string;
  readonly description: string;
  readonly type: MetricType;
  readonly owner?: string;
  readonly source?: string;
  readonly target?: string;
  /** count / distinct_count / sum / average: the measure. ratio: undefined. */
  readonly measure?: Measure;
  readonly numerator?: Measure;
  readonly denominator?: Measure;
  readonly from?: EventSelector;
  readonly to?: EventSelector;
  readonly joinOn?: string;
  readonly statistic?: 'average' | 'median' | 'p90' | 'min' | 'max';
  readonly steps?: readonly EventSelector[];
  /** Window as written (30d) and in milliseconds. */
  readonly window?: string;
  readonly windowMs?: number;
  readonly grain?: 'day' | 'week' | 'month';
  /** Properties to break it down by; with over, an item field as <over>.<field>; `$event` (EVENT_GROUP) is the event's name. */
  readonly groupBy: readonly string[];
  /** Histogram bins of group_by properties: ascending edges; a value is grouped under the greatest edge at or below it (the first edge below). */
  readonly bins?: Readonly<Record<string, readonly number[]>>;
  /**
   * A group_by column (named `name`) derived from another event: `present` when an event `event`
   * with the same `joinOn` value exists before as-of, else `absent` (sessions with a handoff: human).
   */
  readonly segment?: { readonly name: string; readonly event: string; readonly joinOn: string; readonly present: string; readonly absent: string };
  /** How the dashboard draws it (default: by its type). */
  readonly chart?: 'trend' | 'bars' | 'line' | 'histogram' | 'categories' | 'funnel' | 'card';
  /** The field of the tracker's per-session summary this metric fills (`summary:`). */
  readonly summary?: string;
  /** Every event the metric reads, sorted. */
  readonly events: readonly string[];
  readonly extensions: Readonly<Record<string, unknown>>;
  readonly location: SourceLocation;
}

/** Settings of `taxonomy govern` (taxonomy.yaml `governance:`); unset fields take the rules' defaults. */
export interface GovernanceSettings {
  readonly deprecationDays?: number;
  readonly maxLabelValues?: number;
  readonly waiverWarningDays?: number;
  /** Custom rule modules: globs relative to the repository root, loaded from the base ref's tree. */
  readonly plugins?: readonly string[];
  /** Longest a custom rule may run on one taxonomy, in milliseconds. */
  readonly pluginTimeoutMs?: number;
  /** Warn this many days before an event expires. */
  readonly expiringDays?: number;
  /** Application sources scanned for tracker calls; globs relative to the repository root. */
  readonly app?: {
    readonly include: readonly string[];
    readonly exclude?: readonly string[];
    readonly tracker?: readonly string[];
    readonly rawCalls?: readonly string[];
    readonly domains?: readonly string[];
  };
}

export interface TaxonomyModel {
  readonly name: string;
  readonly version: string;
  readonly description?: string;
  readonly vendor?: string;
  readonly retentionDays?: number;
  /** Chance per stored event that the collector runs retention after a write (taxonomy.yaml retention.probability). */
  readonly retentionProbability?: number;
  readonly packages: Readonly<Record<string, string>>;
  readonly rules: Readonly<Record<string, 'off' | 'warn' | 'error'>>;
  readonly governance?: GovernanceSettings;
  /** Per-generator settings from taxonomy.yaml (enabled, out, options), by generator name. */
  readonly generators: Readonly<Record<string, { readonly enabled?: boolean; readonly out?: string; readonly options?: Readonly<Record<string, unknown>> }>>;
  readonly defaultDestinations: readonly string[];
  readonly globalProperties: readonly Property[];
  readonly principles: readonly string[];
  readonly sensitiveKeys: readonly string[];
  /** Sorted by name. */
  readonly domains: readonly Domain[];
  readonly events: readonly TaxonomyEvent[];
  readonly properties: readonly SharedProperty[];
  readonly privacyClasses: readonly PrivacyClass[];
  readonly categories: readonly Category[];
  readonly destinations: readonly Destination[];
  readonly metrics: readonly Metric[];
  /** Prometheus metrics declared by domains, sorted by name. */
  readonly prometheus: readonly PrometheusMetric[];
  /** Every file read, sorted, relative to the working directory. */
  readonly files: readonly string[];
}

/** The reserved group_by entry that groups a metric by the event's name (its column is `event`). */
export const EVENT_GROUP = '$event';
