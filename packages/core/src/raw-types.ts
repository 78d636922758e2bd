/* Generated from schema/taxonomy.schema.json by scripts/gen-raw-types.mjs. Do not edit. */

/**
 * A property key as it appears in the payload.
 */
export type RawPropertyName = string;
/**
 * This interface was referenced by `RawTaxonomyFiles`'s JSON-Schema
 * via the `definition` "scalar".
 */
export type RawScalar = string | number | boolean;
/**
 * How far consumers may rely on it: stable (removed or changed only after a deprecation period; governance checks it), experimental (may change or go without notice), deprecated (still accepted; stop using it). Unset: breaking changes need a version bump, as for any property. A deprecated: block implies deprecated.
 *
 * This interface was referenced by `RawTaxonomyFiles`'s JSON-Schema
 * via the `definition` "stability".
 */
export type RawStability = 'stable' | 'experimental' | 'deprecated';
/**
 * The value of the same enum that replaces it.
 */
export type RawScalar1 = string | number | boolean;
/**
 * A calendar date, YYYY-MM-DD.
 *
 * This interface was referenced by `RawTaxonomyFiles`'s JSON-Schema
 * via the `definition` "date".
 */
export type RawDate = string;
/**
 * The single allowed value.
 */
export type RawScalar2 = string | number | boolean;
/**
 * A property key as it appears in the payload.
 */
export type RawPropertyName1 = string;
/**
 * A property key as it appears in the payload.
 */
export type RawPropertyName2 = string;
/**
 * A property key as it appears in the payload.
 *
 * This interface was referenced by `RawTaxonomyFiles`'s JSON-Schema
 * via the `definition` "propertyName".
 */
export type RawPropertyName3 = string;
/**
 * The privacy class (see privacy.yaml).
 */
export type RawIdentifier = string;
/**
 * A calendar date, YYYY-MM-DD.
 */
export type RawDate1 = string;
/**
 * A property key as it appears in the payload.
 */
export type RawPropertyName4 = string;
/**
 * A calendar date, YYYY-MM-DD.
 */
export type RawDate2 = string;
/**
 * A lower snake_case identifier (domains, categories, privacy classes, destinations, metrics).
 *
 * This interface was referenced by `RawTaxonomyFiles`'s JSON-Schema
 * via the `definition` "identifier".
 */
export type RawIdentifier1 = string;
/**
 * The vendor or source its events belong to: an event's identity (and wire name) is then namespace/name, so two namespaces' add_to_cart coexist.
 */
export type RawNamespace = string;
/**
 * A lower snake_case identifier (domains, categories, privacy classes, destinations, metrics).
 */
export type RawIdentifier2 = string;
/**
 * A calendar date, YYYY-MM-DD.
 */
export type RawDate3 = string;
/**
 * A property key as it appears in the payload.
 */
export type RawPropertyName5 = string;
/**
 * An event by its identity: the name, prefixed with its namespace and '/' when its domain has one (io.snowplow.ecomm/add_to_cart).
 */
export type RawEventRef = string;
/**
 * A calendar date, YYYY-MM-DD.
 */
export type RawDate4 = string;
/**
 * A Prometheus metric name.
 *
 * This interface was referenced by `RawTaxonomyFiles`'s JSON-Schema
 * via the `definition` "prometheusMetricName".
 */
export type RawPrometheusMetricName = string;
/**
 * A property key as it appears in the payload.
 */
export type RawPropertyName6 = string;
/**
 * An event by its identity: the name, prefixed with its namespace and '/' when its domain has one (io.snowplow.ecomm/add_to_cart).
 *
 * This interface was referenced by `RawTaxonomyFiles`'s JSON-Schema
 * via the `definition` "eventRef".
 */
export type RawEventRef1 = string;
/**
 * A property, or a nested key as a dotted path (metadata.user_info.timezone).
 *
 * This interface was referenced by `RawTaxonomyFiles`'s JSON-Schema
 * via the `definition` "propertyPath".
 */
export type RawPropertyPath = string;
/**
 * A property, or a nested key as a dotted path (metadata.user_info.timezone).
 */
export type RawPropertyPath1 = string;
/**
 * A property, or a nested key as a dotted path (metadata.user_info.timezone).
 */
export type RawPropertyPath2 = string;
/**
 * A property, or a nested key as a dotted path (metadata.user_info.timezone).
 */
export type RawPropertyPath3 = string;
/**
 * A property, or a nested key as a dotted path (metadata.user_info.timezone).
 */
export type RawPropertyPath4 = string;
/**
 * A property, or a nested key as a dotted path (metadata.user_info.timezone).
 */
export type RawPropertyPath5 = string;
/**
 * A property, or a nested key as a dotted path (metadata.user_info.timezone).
 */
export type RawPropertyPath6 = string;
/**
 * An event name as it is sent on the wire: segments separated by dots, each of words (letters, digits, _) separated by single spaces, so names are kept as teams write them ('Order Completed').
 *
 * This interface was referenced by `RawTaxonomyFiles`'s JSON-Schema
 * via the `definition` "eventName".
 */
export type RawEventName = string;
/**
 * A vendor or source namespace in reverse-DNS form (Iglu's vendor: io.snowplow.ecomm).
 *
 * This interface was referenced by `RawTaxonomyFiles`'s JSON-Schema
 * via the `definition` "namespace".
 */
export type RawNamespace1 = string;

export interface RawTaxonomyFiles {
  rootFile?: RawRootFile;
  domainFile?: RawDomainFile;
  propertiesFile?: RawPropertiesFile;
  privacyFile?: RawPrivacyFile;
  categoriesFile?: RawCategoriesFile;
  destinationsFile?: RawDestinationsFile;
  metricsFile?: RawMetricsFile;
}
/**
 * taxonomy/taxonomy.yaml: the taxonomy's name, version, global properties and settings.
 *
 * This interface was referenced by `RawTaxonomyFiles`'s JSON-Schema
 * via the `definition` "rootFile".
 */
export interface RawRootFile {
  name: string;
  /**
   * The taxonomy's semver.
   */
  version: string;
  description?: string;
  /**
   * Reverse-DNS vendor for Iglu schemas, e.g. com.acme.
   */
  vendor?: string;
  global_properties?: RawPropertyMap;
  default_destinations?: RawIdentifier1[];
  retention?: {
    /**
     * How long raw events are kept.
     */
    days?: number;
    /**
     * Chance per stored event that the collector deletes what is past retention right after the write (seed 004: 0.01). Unset: only on demand (taxonomy retention --apply).
     */
    probability?: number;
  };
  /**
   * npm names of the generated packages.
   */
  packages?: {
    [k: string]: string;
  };
  /**
   * Governance rule levels by rule id.
   */
  rules?: {
    [k: string]: 'off' | 'warn' | 'error';
  };
  /**
   * Settings of `taxonomy govern`, the pull-request gates (rule levels live under rules:).
   */
  governance?: {
    /**
     * How many days an event must have been deprecated (deprecated.since) before it may be removed. Default 90.
     */
    deprecation_days?: number;
    /**
     * Most values a label of a metrics-only destination may take (enum, boolean or const). Default 20.
     */
    max_label_values?: number;
    /**
     * Warn this many days before a privacy waiver expires. Default 30.
     */
    waiver_warning_days?: number;
    /**
     * Warn this many days before an event expires (lifecycle/expiring). Default 30.
     */
    expiring_days?: number;
    /**
     * Custom rules: globs of .mjs files relative to the repository root (./governance/rules/*.mjs), read from the base ref's tree. See docs/rules.md.
     */
    plugins?: string[];
    /**
     * Longest a custom rule may run on one taxonomy before it is stopped. Default 5000.
     */
    plugin_timeout_ms?: number;
    /**
     * Application sources scanned for tracker calls (app-code drift).
     */
    app?: {
      /**
       * Globs of TypeScript/JavaScript sources, relative to the repository root (the taxonomy folder's parent).
       *
       * @minItems 1
       */
      include: [string, ...string[]];
      /**
       * Globs left out of the scan (node_modules is always left out).
       */
      exclude?: string[];
      /**
       * Names of the typed tracker object (tracker.<domain>.<event>(...)). Default [tracker].
       */
      tracker?: string[];
      /**
       * Function names of untyped calls with the event name as a string (track('name', ...)). Default [track].
       */
      raw_calls?: string[];
      /**
       * Domains whose events the scanned code emits (for events defined but never emitted). Default: every domain.
       */
      domains?: RawIdentifier1[];
    };
  };
  /**
   * Per-generator settings, by generator name.
   */
  generators?: {
    [k: string]: {
      /**
       * Default true.
       */
      enabled?: boolean;
      /**
       * Output folder relative to the repository root.
       */
      out?: string;
      /**
       * Options, validated against the generator's own options schema.
       */
      options?: {};
    };
  };
  /**
   * This interface was referenced by `RawRootFile`'s JSON-Schema definition
   * via the `patternProperty` "^x-".
   */
  [k: string]: unknown;
}
/**
 * Properties merged into every event of every domain.
 */
export interface RawPropertyMap {
  [k: string]: RawProperty;
}
/**
 * A property: an inline definition (with type) or a ref to a shared property that it refines. In a shared definition, required is the default for every use.
 *
 * This interface was referenced by `RawTaxonomyFiles`'s JSON-Schema
 * via the `definition` "property".
 */
export interface RawProperty {
  ref?: RawPropertyName;
  /**
   * The property must be present. Default false.
   */
  required?: boolean;
  /**
   * The JSON type of the value; json: any JSON value. A list of types ([string, integer], null for nullable) accepts any of them, each with the keywords that apply to it.
   */
  type?:
    | ('string' | 'integer' | 'number' | 'boolean' | 'array' | 'object' | 'json')
    | [
        'string' | 'integer' | 'number' | 'boolean' | 'array' | 'object' | 'null',
        'string' | 'integer' | 'number' | 'boolean' | 'array' | 'object' | 'null',
        ...('string' | 'integer' | 'number' | 'boolean' | 'array' | 'object' | 'null')[]
      ];
  /**
   * What the value means, in words an analyst understands.
   */
  description?: string;
  /**
   * A well-known string format; validated by the generated validators.
   */
  format?:
    | 'uuid'
    | 'date-time'
    | 'date'
    | 'time'
    | 'uri'
    | 'email'
    | 'ipv4'
    | 'ipv6'
    | 'hostname'
    | 'duration'
    | 'currency'
    | 'semver';
  /**
   * The closed list of allowed values; a value may be written as { value, description, stability, deprecated }.
   *
   * @minItems 1
   */
  enum?: [RawScalar | RawEnumMember, ...(RawScalar | RawEnumMember)[]];
  const?: RawScalar2;
  minimum?: number;
  maximum?: number;
  maximum_property?: RawPropertyName1;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  multipleOf?: number;
  minLength?: number;
  maxLength?: number;
  /**
   * An ECMAScript regular expression the string must match.
   */
  pattern?: string;
  minItems?: number;
  maxItems?: number;
  uniqueItems?: boolean;
  items?: RawProperty1;
  /**
   * A tuple (JSON Schema 2020-12 prefixItems): the shape of each leading element, in order. items: gives the shape of any further elements (without it, any JSON value); maxItems: closes the tuple.
   *
   * @minItems 1
   */
  prefixItems?: [RawProperty, ...RawProperty[]];
  /**
   * The keys of a nested object.
   */
  properties?: {
    [k: string]: RawProperty;
  };
  values?: RawProperty2;
  /**
   * Keys matching a regular expression (ECMAScript), and the shape of their values.
   */
  patternProperties?: {
    [k: string]: RawProperty;
  };
  /**
   * The fewest keys the object may have.
   */
  minProperties?: number;
  /**
   * The most keys the object may have.
   */
  maxProperties?: number;
  /**
   * A union: the value matches exactly one of these shapes (no type: beside it).
   *
   * @minItems 2
   */
  oneOf?: [RawProperty, RawProperty, ...RawProperty[]];
  /**
   * A union: the value matches at least one of these shapes (no type: beside it).
   *
   * @minItems 2
   */
  anyOf?: [RawProperty, RawProperty, ...RawProperty[]];
  discriminator?: RawPropertyName2;
  /**
   * Sibling properties that must be present when this one is (JSON Schema dependentRequired).
   *
   * @minItems 1
   */
  requires?: [RawPropertyName3, ...RawPropertyName3[]];
  /**
   * Required when a sibling property has one of these values.
   */
  required_when?: {
    property: RawPropertyName3;
    /**
     * @minItems 1
     */
    in: [RawScalar, ...RawScalar[]];
  };
  /**
   * The value may be null as well as its type.
   */
  nullable?: boolean;
  privacy?: RawIdentifier;
  /**
   * low: a small bounded set of values, safe as a metrics label or a dashboard breakdown.
   */
  cardinality?: 'low' | 'high';
  /**
   * The unit of a number (ms, s, bytes, tokens, USD...).
   */
  unit?: string;
  examples?: unknown[];
  waiver?: RawWaiver;
  /**
   * Link to the data review that approved collecting it; required for classes that ask for review (pii, content, secret).
   */
  data_review?: string;
  /**
   * Sent only when the tracker is configured with includeContent.
   */
  content_gated?: boolean;
  normalize?: RawNormalize;
  /**
   * A string longer than maxLength: reject the event (default), or send the property as an empty string (intact or nothing, never cut).
   */
  overflow?: 'reject' | 'empty';
  /**
   * When the string holds a JSON object: trackers cap each of its string values at this many characters (and write it again) before maxLength is checked.
   */
  json_value_max_length?: number;
  stability?: RawStability;
  deprecated?: RawPropertyDeprecation;
  /**
   * This interface was referenced by `RawProperty`'s JSON-Schema definition
   * via the `patternProperty` "^x-".
   */
  [k: string]: unknown;
}
/**
 * One enum value with its documentation and lifecycle.
 *
 * This interface was referenced by `RawTaxonomyFiles`'s JSON-Schema
 * via the `definition` "enumMember".
 */
export interface RawEnumMember {
  value: RawScalar;
  /**
   * What this value means.
   */
  description?: string;
  stability?: RawStability;
  /**
   * The value is deprecated: still accepted, no longer to be sent.
   */
  deprecated?: {
    renamed_to?: RawScalar1;
    reason?: string;
    since?: RawDate;
    removal?: RawDate;
  };
}
/**
 * The shape of each element of an array.
 */
export interface RawProperty1 {
  ref?: RawPropertyName;
  /**
   * The property must be present. Default false.
   */
  required?: boolean;
  /**
   * The JSON type of the value; json: any JSON value. A list of types ([string, integer], null for nullable) accepts any of them, each with the keywords that apply to it.
   */
  type?:
    | ('string' | 'integer' | 'number' | 'boolean' | 'array' | 'object' | 'json')
    | [
        'string' | 'integer' | 'number' | 'boolean' | 'array' | 'object' | 'null',
        'string' | 'integer' | 'number' | 'boolean' | 'array' | 'object' | 'null',
        ...('string' | 'integer' | 'number' | 'boolean' | 'array' | 'object' | 'null')[]
      ];
  /**
   * What the value means, in words an analyst understands.
   */
  description?: string;
  /**
   * A well-known string format; validated by the generated validators.
   */
  format?:
    | 'uuid'
    | 'date-time'
    | 'date'
    | 'time'
    | 'uri'
    | 'email'
    | 'ipv4'
    | 'ipv6'
    | 'hostname'
    | 'duration'
    | 'currency'
    | 'semver';
  /**
   * The closed list of allowed values; a value may be written as { value, description, stability, deprecated }.
   *
   * @minItems 1
   */
  enum?: [RawScalar | RawEnumMember, ...(RawScalar | RawEnumMember)[]];
  const?: RawScalar2;
  minimum?: number;
  maximum?: number;
  maximum_property?: RawPropertyName1;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  multipleOf?: number;
  minLength?: number;
  maxLength?: number;
  /**
   * An ECMAScript regular expression the string must match.
   */
  pattern?: string;
  minItems?: number;
  maxItems?: number;
  uniqueItems?: boolean;
  items?: RawProperty1;
  /**
   * A tuple (JSON Schema 2020-12 prefixItems): the shape of each leading element, in order. items: gives the shape of any further elements (without it, any JSON value); maxItems: closes the tuple.
   *
   * @minItems 1
   */
  prefixItems?: [RawProperty, ...RawProperty[]];
  /**
   * The keys of a nested object.
   */
  properties?: {
    [k: string]: RawProperty;
  };
  values?: RawProperty2;
  /**
   * Keys matching a regular expression (ECMAScript), and the shape of their values.
   */
  patternProperties?: {
    [k: string]: RawProperty;
  };
  /**
   * The fewest keys the object may have.
   */
  minProperties?: number;
  /**
   * The most keys the object may have.
   */
  maxProperties?: number;
  /**
   * A union: the value matches exactly one of these shapes (no type: beside it).
   *
   * @minItems 2
   */
  oneOf?: [RawProperty, RawProperty, ...RawProperty[]];
  /**
   * A union: the value matches at least one of these shapes (no type: beside it).
   *
   * @minItems 2
   */
  anyOf?: [RawProperty, RawProperty, ...RawProperty[]];
  discriminator?: RawPropertyName2;
  /**
   * Sibling properties that must be present when this one is (JSON Schema dependentRequired).
   *
   * @minItems 1
   */
  requires?: [RawPropertyName3, ...RawPropertyName3[]];
  /**
   * Required when a sibling property has one of these values.
   */
  required_when?: {
    property: RawPropertyName3;
    /**
     * @minItems 1
     */
    in: [RawScalar, ...RawScalar[]];
  };
  /**
   * The value may be null as well as its type.
   */
  nullable?: boolean;
  privacy?: RawIdentifier;
  /**
   * low: a small bounded set of values, safe as a metrics label or a dashboard breakdown.
   */
  cardinality?: 'low' | 'high';
  /**
   * The unit of a number (ms, s, bytes, tokens, USD...).
   */
  unit?: string;
  examples?: unknown[];
  waiver?: RawWaiver;
  /**
   * Link to the data review that approved collecting it; required for classes that ask for review (pii, content, secret).
   */
  data_review?: string;
  /**
   * Sent only when the tracker is configured with includeContent.
   */
  content_gated?: boolean;
  normalize?: RawNormalize;
  /**
   * A string longer than maxLength: reject the event (default), or send the property as an empty string (intact or nothing, never cut).
   */
  overflow?: 'reject' | 'empty';
  /**
   * When the string holds a JSON object: trackers cap each of its string values at this many characters (and write it again) before maxLength is checked.
   */
  json_value_max_length?: number;
  stability?: RawStability;
  deprecated?: RawPropertyDeprecation;
  /**
   * This interface was referenced by `RawProperty1`'s JSON-Schema definition
   * via the `patternProperty` "^x-".
   */
  [k: string]: unknown;
}
/**
 * For an object: the shape of every value under a key it does not declare (a map; { type: json } accepts anything). Without it the object is closed.
 */
export interface RawProperty2 {
  ref?: RawPropertyName;
  /**
   * The property must be present. Default false.
   */
  required?: boolean;
  /**
   * The JSON type of the value; json: any JSON value. A list of types ([string, integer], null for nullable) accepts any of them, each with the keywords that apply to it.
   */
  type?:
    | ('string' | 'integer' | 'number' | 'boolean' | 'array' | 'object' | 'json')
    | [
        'string' | 'integer' | 'number' | 'boolean' | 'array' | 'object' | 'null',
        'string' | 'integer' | 'number' | 'boolean' | 'array' | 'object' | 'null',
        ...('string' | 'integer' | 'number' | 'boolean' | 'array' | 'object' | 'null')[]
      ];
  /**
   * What the value means, in words an analyst understands.
   */
  description?: string;
  /**
   * A well-known string format; validated by the generated validators.
   */
  format?:
    | 'uuid'
    | 'date-time'
    | 'date'
    | 'time'
    | 'uri'
    | 'email'
    | 'ipv4'
    | 'ipv6'
    | 'hostname'
    | 'duration'
    | 'currency'
    | 'semver';
  /**
   * The closed list of allowed values; a value may be written as { value, description, stability, deprecated }.
   *
   * @minItems 1
   */
  enum?: [RawScalar | RawEnumMember, ...(RawScalar | RawEnumMember)[]];
  const?: RawScalar2;
  minimum?: number;
  maximum?: number;
  maximum_property?: RawPropertyName1;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  multipleOf?: number;
  minLength?: number;
  maxLength?: number;
  /**
   * An ECMAScript regular expression the string must match.
   */
  pattern?: string;
  minItems?: number;
  maxItems?: number;
  uniqueItems?: boolean;
  items?: RawProperty1;
  /**
   * A tuple (JSON Schema 2020-12 prefixItems): the shape of each leading element, in order. items: gives the shape of any further elements (without it, any JSON value); maxItems: closes the tuple.
   *
   * @minItems 1
   */
  prefixItems?: [RawProperty, ...RawProperty[]];
  /**
   * The keys of a nested object.
   */
  properties?: {
    [k: string]: RawProperty;
  };
  values?: RawProperty2;
  /**
   * Keys matching a regular expression (ECMAScript), and the shape of their values.
   */
  patternProperties?: {
    [k: string]: RawProperty;
  };
  /**
   * The fewest keys the object may have.
   */
  minProperties?: number;
  /**
   * The most keys the object may have.
   */
  maxProperties?: number;
  /**
   * A union: the value matches exactly one of these shapes (no type: beside it).
   *
   * @minItems 2
   */
  oneOf?: [RawProperty, RawProperty, ...RawProperty[]];
  /**
   * A union: the value matches at least one of these shapes (no type: beside it).
   *
   * @minItems 2
   */
  anyOf?: [RawProperty, RawProperty, ...RawProperty[]];
  discriminator?: RawPropertyName2;
  /**
   * Sibling properties that must be present when this one is (JSON Schema dependentRequired).
   *
   * @minItems 1
   */
  requires?: [RawPropertyName3, ...RawPropertyName3[]];
  /**
   * Required when a sibling property has one of these values.
   */
  required_when?: {
    property: RawPropertyName3;
    /**
     * @minItems 1
     */
    in: [RawScalar, ...RawScalar[]];
  };
  /**
   * The value may be null as well as its type.
   */
  nullable?: boolean;
  privacy?: RawIdentifier;
  /**
   * low: a small bounded set of values, safe as a metrics label or a dashboard breakdown.
   */
  cardinality?: 'low' | 'high';
  /**
   * The unit of a number (ms, s, bytes, tokens, USD...).
   */
  unit?: string;
  examples?: unknown[];
  waiver?: RawWaiver;
  /**
   * Link to the data review that approved collecting it; required for classes that ask for review (pii, content, secret).
   */
  data_review?: string;
  /**
   * Sent only when the tracker is configured with includeContent.
   */
  content_gated?: boolean;
  normalize?: RawNormalize;
  /**
   * A string longer than maxLength: reject the event (default), or send the property as an empty string (intact or nothing, never cut).
   */
  overflow?: 'reject' | 'empty';
  /**
   * When the string holds a JSON object: trackers cap each of its string values at this many characters (and write it again) before maxLength is checked.
   */
  json_value_max_length?: number;
  stability?: RawStability;
  deprecated?: RawPropertyDeprecation;
  /**
   * This interface was referenced by `RawProperty2`'s JSON-Schema definition
   * via the `patternProperty` "^x-".
   */
  [k: string]: unknown;
}
/**
 * A reviewed exception to a privacy rule: why it is needed, who approved it, and when it expires.
 *
 * This interface was referenced by `RawTaxonomyFiles`'s JSON-Schema
 * via the `definition` "waiver".
 */
export interface RawWaiver {
  /**
   * Why this data is needed despite its privacy class.
   */
  reason: string;
  /**
   * Who approved the exception (a person or team).
   */
  approver: string;
  expires: RawDate1;
}
/**
 * How trackers normalise a string before sending it: trimmed and matched without regard to case against each enum value and its aliases; anything else becomes fallback.
 *
 * This interface was referenced by `RawTaxonomyFiles`'s JSON-Schema
 * via the `definition` "normalize".
 */
export interface RawNormalize {
  /**
   * Enum value -> other spellings that mean it (e.g. production: [prod]).
   */
  aliases?: {
    [k: string]: string[];
  };
  /**
   * The enum value sent for anything unrecognised (empty or absent included).
   */
  fallback?: string;
}
/**
 * The property is deprecated: still accepted, no longer to be sent (OpenTelemetry Weaver's deprecated: { reason: renamed, renamed_to }).
 *
 * This interface was referenced by `RawTaxonomyFiles`'s JSON-Schema
 * via the `definition` "propertyDeprecation".
 */
export interface RawPropertyDeprecation {
  renamed_to?: RawPropertyName4;
  /**
   * Why, in words a developer reads in the type's @deprecated note.
   */
  reason?: string;
  since?: RawDate;
  removal?: RawDate2;
}
/**
 * taxonomy/domains/*.yaml: one product area's events.
 *
 * This interface was referenced by `RawTaxonomyFiles`'s JSON-Schema
 * via the `definition` "domainFile".
 */
export interface RawDomainFile {
  domain: RawIdentifier1;
  description?: string;
  /**
   * The default owner of its events.
   */
  owner?: string;
  /**
   * Emails of the people to ask about it (Glean's notification_emails).
   */
  contacts?: string[];
  /**
   * Where this domain's contract came from (a doc, a repo path).
   */
  source?: string;
  namespace?: RawNamespace;
  /**
   * The event naming convention, checked on every event ('title': Title Case words separated by single spaces, Segment's 'Order Completed').
   */
  naming?: 'dot.snake' | 'snake' | 'UPPER_SNAKE' | 'camel' | 'pascal' | 'title';
  /**
   * The property naming convention, checked on every event property.
   */
  property_naming?: 'snake' | 'camel';
  /**
   * Allow vendor-reserved names starting with this prefix ($pageview).
   */
  reserved_prefix?: '$';
  destinations?: RawIdentifier1[];
  global_properties?: RawPropertyMap1;
  /**
   * Properties shared by this domain's events (refs look here first).
   */
  properties?: {
    [k: string]: RawProperty;
  };
  /**
   * Events by name; a key written namespace/name (io.snowplow.ecomm/add_to_cart) puts that event in its own namespace, overriding the domain's.
   */
  events: {
    [k: string]: RawEvent;
  };
  /**
   * Prometheus metrics (counters and histograms) with their label sets; events update them with prometheus: on the event.
   */
  prometheus?: {
    [k: string]: RawPrometheusMetric;
  };
  /**
   * This interface was referenced by `RawDomainFile`'s JSON-Schema definition
   * via the `patternProperty` "^x-".
   */
  [k: string]: unknown;
}
/**
 * Properties merged into every event of this domain.
 */
export interface RawPropertyMap1 {
  [k: string]: RawProperty;
}
/**
 * One analytics event.
 *
 * This interface was referenced by `RawTaxonomyFiles`'s JSON-Schema
 * via the `definition` "event".
 */
export interface RawEvent {
  /**
   * What happened, in one or two sentences.
   */
  description?: string;
  /**
   * When exactly to emit it.
   */
  trigger?: string;
  category?: RawIdentifier2;
  /**
   * Lifecycle. Default active.
   */
  status?: 'planned' | 'active' | 'deprecated';
  /**
   * The event's schema version. Bump it on a breaking change. Default 1.
   */
  version?: number;
  /**
   * SchemaVer REVISION of the newest version (MODEL is version:). Default 0.
   */
  revision?: number;
  /**
   * SchemaVer ADDITION of the newest version. Default 0.
   */
  addition?: number;
  /**
   * Earlier REVISION-ADDITIONs of this model (SchemaVer) that stay resolvable, keyed R-A (0-0, 0-1, 1-0): each lower than this version's own revision-addition. A payload of this model is accepted when it matches this version or any of them.
   */
  revisions?: {
    [k: string]: RawEventRevision;
  };
  /**
   * The team accountable for it. Defaults to the domain owner.
   */
  owner?: string;
  expires?: RawDate3;
  /**
   * Emails of the people to ask about it (Glean's notification_emails).
   */
  contacts?: string[];
  /**
   * Where it is sent. Defaults to the domain's destinations.
   */
  destinations?: RawIdentifier1[];
  /**
   * Never sampled out.
   */
  critical?: boolean;
  dedupe_by?: RawPropertyName5;
  /**
   * Who the event is about (PostHog's distinct_id): the first of these properties that is present and not empty, with its prefix.
   *
   * @minItems 1
   */
  distinct_id?: [RawDistinctIdSource, ...RawDistinctIdSource[]];
  /**
   * A rollout tier, e.g. p0 (minimum required for a dashboard).
   */
  priority?: string;
  /**
   * Who emits it: app code on the client or server, the SDK automatically, a manual SDK call, or the vendor/system.
   */
  emitted_by?: 'client' | 'server' | 'sdk' | 'manual' | 'system';
  /**
   * The outcome kind this event signals (resolution, csat, handoff, purchase...).
   */
  outcome?: string;
  tags?: string[];
  deprecated?: {
    replacement?: RawEventRef;
    since?: RawDate;
    removal?: RawDate4;
    reason?: string;
  };
  changelog?: {
    version: number;
    date?: RawDate;
    change: string;
  }[];
  properties?: RawPropertyMap2;
  values?: RawProperty4;
  /**
   * Keys matching a regular expression (ECMAScript), and the shape of their values.
   */
  patternProperties?: {
    [k: string]: RawProperty;
  };
  /**
   * The fewest keys the object may have.
   */
  minProperties?: number;
  /**
   * The most keys the object may have.
   */
  maxProperties?: number;
  /**
   * Person (user profile) properties written with this event: $set overwrites, $set_once never overwrites.
   */
  person_properties?: {
    set?: RawPropertyMap2;
    set_once?: RawPropertyMap2;
  };
  /**
   * Global properties that do not apply to this event (the seed says so explicitly).
   */
  exclude_global_properties?: RawPropertyName3[];
  /**
   * Prometheus metrics (declared under a domain's prometheus:) this event updates: a counter is incremented, a histogram observes a property.
   */
  prometheus?: RawPrometheusBinding[];
  /**
   * Older major versions still live (apps already shipped send them), keyed by version number, each with its properties as they were. Frozen: only their descriptions may change.
   */
  versions?: {
    [k: string]: RawEventVersion;
  };
  /**
   * This interface was referenced by `RawEvent`'s JSON-Schema definition
   * via the `patternProperty` "^x-".
   */
  [k: string]: unknown;
}
/**
 * An earlier REVISION-ADDITION of a model that apps may still send: its payload as it was (globals are merged as for the event). Frozen: only its description may change.
 *
 * This interface was referenced by `RawTaxonomyFiles`'s JSON-Schema
 * via the `definition` "eventRevision".
 */
export interface RawEventRevision {
  /**
   * What this version said, or how it differs from the newest.
   */
  description?: string;
  properties?: RawPropertyMap2;
  values?: RawProperty3;
  /**
   * Keys matching a regular expression (ECMAScript), and the shape of their values.
   */
  patternProperties?: {
    [k: string]: RawProperty;
  };
  /**
   * The fewest keys the object may have.
   */
  minProperties?: number;
  /**
   * The most keys the object may have.
   */
  maxProperties?: number;
  /**
   * Global properties this version did not have.
   */
  exclude_global_properties?: RawPropertyName3[];
  /**
   * This interface was referenced by `RawEventRevision`'s JSON-Schema definition
   * via the `patternProperty` "^x-".
   */
  [k: string]: unknown;
}
/**
 * This interface was referenced by `RawTaxonomyFiles`'s JSON-Schema
 * via the `definition` "propertyMap".
 */
export interface RawPropertyMap2 {
  [k: string]: RawProperty;
}
/**
 * A property: an inline definition (with type) or a ref to a shared property that it refines. In a shared definition, required is the default for every use.
 */
export interface RawProperty3 {
  ref?: RawPropertyName;
  /**
   * The property must be present. Default false.
   */
  required?: boolean;
  /**
   * The JSON type of the value; json: any JSON value. A list of types ([string, integer], null for nullable) accepts any of them, each with the keywords that apply to it.
   */
  type?:
    | ('string' | 'integer' | 'number' | 'boolean' | 'array' | 'object' | 'json')
    | [
        'string' | 'integer' | 'number' | 'boolean' | 'array' | 'object' | 'null',
        'string' | 'integer' | 'number' | 'boolean' | 'array' | 'object' | 'null',
        ...('string' | 'integer' | 'number' | 'boolean' | 'array' | 'object' | 'null')[]
      ];
  /**
   * What the value means, in words an analyst understands.
   */
  description?: string;
  /**
   * A well-known string format; validated by the generated validators.
   */
  format?:
    | 'uuid'
    | 'date-time'
    | 'date'
    | 'time'
    | 'uri'
    | 'email'
    | 'ipv4'
    | 'ipv6'
    | 'hostname'
    | 'duration'
    | 'currency'
    | 'semver';
  /**
   * The closed list of allowed values; a value may be written as { value, description, stability, deprecated }.
   *
   * @minItems 1
   */
  enum?: [RawScalar | RawEnumMember, ...(RawScalar | RawEnumMember)[]];
  const?: RawScalar2;
  minimum?: number;
  maximum?: number;
  maximum_property?: RawPropertyName1;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  multipleOf?: number;
  minLength?: number;
  maxLength?: number;
  /**
   * An ECMAScript regular expression the string must match.
   */
  pattern?: string;
  minItems?: number;
  maxItems?: number;
  uniqueItems?: boolean;
  items?: RawProperty1;
  /**
   * A tuple (JSON Schema 2020-12 prefixItems): the shape of each leading element, in order. items: gives the shape of any further elements (without it, any JSON value); maxItems: closes the tuple.
   *
   * @minItems 1
   */
  prefixItems?: [RawProperty, ...RawProperty[]];
  /**
   * The keys of a nested object.
   */
  properties?: {
    [k: string]: RawProperty;
  };
  values?: RawProperty2;
  /**
   * Keys matching a regular expression (ECMAScript), and the shape of their values.
   */
  patternProperties?: {
    [k: string]: RawProperty;
  };
  /**
   * The fewest keys the object may have.
   */
  minProperties?: number;
  /**
   * The most keys the object may have.
   */
  maxProperties?: number;
  /**
   * A union: the value matches exactly one of these shapes (no type: beside it).
   *
   * @minItems 2
   */
  oneOf?: [RawProperty, RawProperty, ...RawProperty[]];
  /**
   * A union: the value matches at least one of these shapes (no type: beside it).
   *
   * @minItems 2
   */
  anyOf?: [RawProperty, RawProperty, ...RawProperty[]];
  discriminator?: RawPropertyName2;
  /**
   * Sibling properties that must be present when this one is (JSON Schema dependentRequired).
   *
   * @minItems 1
   */
  requires?: [RawPropertyName3, ...RawPropertyName3[]];
  /**
   * Required when a sibling property has one of these values.
   */
  required_when?: {
    property: RawPropertyName3;
    /**
     * @minItems 1
     */
    in: [RawScalar, ...RawScalar[]];
  };
  /**
   * The value may be null as well as its type.
   */
  nullable?: boolean;
  privacy?: RawIdentifier;
  /**
   * low: a small bounded set of values, safe as a metrics label or a dashboard breakdown.
   */
  cardinality?: 'low' | 'high';
  /**
   * The unit of a number (ms, s, bytes, tokens, USD...).
   */
  unit?: string;
  examples?: unknown[];
  waiver?: RawWaiver;
  /**
   * Link to the data review that approved collecting it; required for classes that ask for review (pii, content, secret).
   */
  data_review?: string;
  /**
   * Sent only when the tracker is configured with includeContent.
   */
  content_gated?: boolean;
  normalize?: RawNormalize;
  /**
   * A string longer than maxLength: reject the event (default), or send the property as an empty string (intact or nothing, never cut).
   */
  overflow?: 'reject' | 'empty';
  /**
   * When the string holds a JSON object: trackers cap each of its string values at this many characters (and write it again) before maxLength is checked.
   */
  json_value_max_length?: number;
  stability?: RawStability;
  deprecated?: RawPropertyDeprecation;
  /**
   * This interface was referenced by `RawProperty3`'s JSON-Schema definition
   * via the `patternProperty` "^x-".
   */
  [k: string]: unknown;
}
/**
 * One candidate for an event's distinct_id: a top-level property of the event, with an optional prefix.
 *
 * This interface was referenced by `RawTaxonomyFiles`'s JSON-Schema
 * via the `definition` "distinctIdSource".
 */
export interface RawDistinctIdSource {
  property: RawPropertyName3;
  /**
   * Written before the value (e.g. workspace:, agent:).
   */
  prefix?: string;
}
/**
 * A property: an inline definition (with type) or a ref to a shared property that it refines. In a shared definition, required is the default for every use.
 */
export interface RawProperty4 {
  ref?: RawPropertyName;
  /**
   * The property must be present. Default false.
   */
  required?: boolean;
  /**
   * The JSON type of the value; json: any JSON value. A list of types ([string, integer], null for nullable) accepts any of them, each with the keywords that apply to it.
   */
  type?:
    | ('string' | 'integer' | 'number' | 'boolean' | 'array' | 'object' | 'json')
    | [
        'string' | 'integer' | 'number' | 'boolean' | 'array' | 'object' | 'null',
        'string' | 'integer' | 'number' | 'boolean' | 'array' | 'object' | 'null',
        ...('string' | 'integer' | 'number' | 'boolean' | 'array' | 'object' | 'null')[]
      ];
  /**
   * What the value means, in words an analyst understands.
   */
  description?: string;
  /**
   * A well-known string format; validated by the generated validators.
   */
  format?:
    | 'uuid'
    | 'date-time'
    | 'date'
    | 'time'
    | 'uri'
    | 'email'
    | 'ipv4'
    | 'ipv6'
    | 'hostname'
    | 'duration'
    | 'currency'
    | 'semver';
  /**
   * The closed list of allowed values; a value may be written as { value, description, stability, deprecated }.
   *
   * @minItems 1
   */
  enum?: [RawScalar | RawEnumMember, ...(RawScalar | RawEnumMember)[]];
  const?: RawScalar2;
  minimum?: number;
  maximum?: number;
  maximum_property?: RawPropertyName1;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  multipleOf?: number;
  minLength?: number;
  maxLength?: number;
  /**
   * An ECMAScript regular expression the string must match.
   */
  pattern?: string;
  minItems?: number;
  maxItems?: number;
  uniqueItems?: boolean;
  items?: RawProperty1;
  /**
   * A tuple (JSON Schema 2020-12 prefixItems): the shape of each leading element, in order. items: gives the shape of any further elements (without it, any JSON value); maxItems: closes the tuple.
   *
   * @minItems 1
   */
  prefixItems?: [RawProperty, ...RawProperty[]];
  /**
   * The keys of a nested object.
   */
  properties?: {
    [k: string]: RawProperty;
  };
  values?: RawProperty2;
  /**
   * Keys matching a regular expression (ECMAScript), and the shape of their values.
   */
  patternProperties?: {
    [k: string]: RawProperty;
  };
  /**
   * The fewest keys the object may have.
   */
  minProperties?: number;
  /**
   * The most keys the object may have.
   */
  maxProperties?: number;
  /**
   * A union: the value matches exactly one of these shapes (no type: beside it).
   *
   * @minItems 2
   */
  oneOf?: [RawProperty, RawProperty, ...RawProperty[]];
  /**
   * A union: the value matches at least one of these shapes (no type: beside it).
   *
   * @minItems 2
   */
  anyOf?: [RawProperty, RawProperty, ...RawProperty[]];
  discriminator?: RawPropertyName2;
  /**
   * Sibling properties that must be present when this one is (JSON Schema dependentRequired).
   *
   * @minItems 1
   */
  requires?: [RawPropertyName3, ...RawPropertyName3[]];
  /**
   * Required when a sibling property has one of these values.
   */
  required_when?: {
    property: RawPropertyName3;
    /**
     * @minItems 1
     */
    in: [RawScalar, ...RawScalar[]];
  };
  /**
   * The value may be null as well as its type.
   */
  nullable?: boolean;
  privacy?: RawIdentifier;
  /**
   * low: a small bounded set of values, safe as a metrics label or a dashboard breakdown.
   */
  cardinality?: 'low' | 'high';
  /**
   * The unit of a number (ms, s, bytes, tokens, USD...).
   */
  unit?: string;
  examples?: unknown[];
  waiver?: RawWaiver;
  /**
   * Link to the data review that approved collecting it; required for classes that ask for review (pii, content, secret).
   */
  data_review?: string;
  /**
   * Sent only when the tracker is configured with includeContent.
   */
  content_gated?: boolean;
  normalize?: RawNormalize;
  /**
   * A string longer than maxLength: reject the event (default), or send the property as an empty string (intact or nothing, never cut).
   */
  overflow?: 'reject' | 'empty';
  /**
   * When the string holds a JSON object: trackers cap each of its string values at this many characters (and write it again) before maxLength is checked.
   */
  json_value_max_length?: number;
  stability?: RawStability;
  deprecated?: RawPropertyDeprecation;
  /**
   * This interface was referenced by `RawProperty4`'s JSON-Schema definition
   * via the `patternProperty` "^x-".
   */
  [k: string]: unknown;
}
/**
 * This interface was referenced by `RawTaxonomyFiles`'s JSON-Schema
 * via the `definition` "prometheusBinding".
 */
export interface RawPrometheusBinding {
  metric: RawPrometheusMetricName;
  observe?: RawPropertyName6;
}
/**
 * An older live major version of an event: its properties as they were (globals are merged as for the event).
 *
 * This interface was referenced by `RawTaxonomyFiles`'s JSON-Schema
 * via the `definition` "eventVersion".
 */
export interface RawEventVersion {
  /**
   * What this version said, or how it differs from the newest.
   */
  description?: string;
  /**
   * SchemaVer REVISION of this version. Default 0.
   */
  revision?: number;
  /**
   * SchemaVer ADDITION of this version. Default 0.
   */
  addition?: number;
  /**
   * Earlier REVISION-ADDITIONs of this model (SchemaVer) that stay resolvable, keyed R-A (0-0, 0-1, 1-0): each lower than this version's own revision-addition. A payload of this model is accepted when it matches this version or any of them.
   */
  revisions?: {
    [k: string]: RawEventRevision;
  };
  properties?: RawPropertyMap2;
  values?: RawProperty5;
  /**
   * Keys matching a regular expression (ECMAScript), and the shape of their values.
   */
  patternProperties?: {
    [k: string]: RawProperty;
  };
  /**
   * The fewest keys the object may have.
   */
  minProperties?: number;
  /**
   * The most keys the object may have.
   */
  maxProperties?: number;
  /**
   * Global properties this version did not have.
   */
  exclude_global_properties?: RawPropertyName3[];
  /**
   * This interface was referenced by `RawEventVersion`'s JSON-Schema definition
   * via the `patternProperty` "^x-".
   */
  [k: string]: unknown;
}
/**
 * A property: an inline definition (with type) or a ref to a shared property that it refines. In a shared definition, required is the default for every use.
 */
export interface RawProperty5 {
  ref?: RawPropertyName;
  /**
   * The property must be present. Default false.
   */
  required?: boolean;
  /**
   * The JSON type of the value; json: any JSON value. A list of types ([string, integer], null for nullable) accepts any of them, each with the keywords that apply to it.
   */
  type?:
    | ('string' | 'integer' | 'number' | 'boolean' | 'array' | 'object' | 'json')
    | [
        'string' | 'integer' | 'number' | 'boolean' | 'array' | 'object' | 'null',
        'string' | 'integer' | 'number' | 'boolean' | 'array' | 'object' | 'null',
        ...('string' | 'integer' | 'number' | 'boolean' | 'array' | 'object' | 'null')[]
      ];
  /**
   * What the value means, in words an analyst understands.
   */
  description?: string;
  /**
   * A well-known string format; validated by the generated validators.
   */
  format?:
    | 'uuid'
    | 'date-time'
    | 'date'
    | 'time'
    | 'uri'
    | 'email'
    | 'ipv4'
    | 'ipv6'
    | 'hostname'
    | 'duration'
    | 'currency'
    | 'semver';
  /**
   * The closed list of allowed values; a value may be written as { value, description, stability, deprecated }.
   *
   * @minItems 1
   */
  enum?: [RawScalar | RawEnumMember, ...(RawScalar | RawEnumMember)[]];
  const?: RawScalar2;
  minimum?: number;
  maximum?: number;
  maximum_property?: RawPropertyName1;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  multipleOf?: number;
  minLength?: number;
  maxLength?: number;
  /**
   * An ECMAScript regular expression the string must match.
   */
  pattern?: string;
  minItems?: number;
  maxItems?: number;
  uniqueItems?: boolean;
  items?: RawProperty1;
  /**
   * A tuple (JSON Schema 2020-12 prefixItems): the shape of each leading element, in order. items: gives the shape of any further elements (without it, any JSON value); maxItems: closes the tuple.
   *
   * @minItems 1
   */
  prefixItems?: [RawProperty, ...RawProperty[]];
  /**
   * The keys of a nested object.
   */
  properties?: {
    [k: string]: RawProperty;
  };
  values?: RawProperty2;
  /**
   * Keys matching a regular expression (ECMAScript), and the shape of their values.
   */
  patternProperties?: {
    [k: string]: RawProperty;
  };
  /**
   * The fewest keys the object may have.
   */
  minProperties?: number;
  /**
   * The most keys the object may have.
   */
  maxProperties?: number;
  /**
   * A union: the value matches exactly one of these shapes (no type: beside it).
   *
   * @minItems 2
   */
  oneOf?: [RawProperty, RawProperty, ...RawProperty[]];
  /**
   * A union: the value matches at least one of these shapes (no type: beside it).
   *
   * @minItems 2
   */
  anyOf?: [RawProperty, RawProperty, ...RawProperty[]];
  discriminator?: RawPropertyName2;
  /**
   * Sibling properties that must be present when this one is (JSON Schema dependentRequired).
   *
   * @minItems 1
   */
  requires?: [RawPropertyName3, ...RawPropertyName3[]];
  /**
   * Required when a sibling property has one of these values.
   */
  required_when?: {
    property: RawPropertyName3;
    /**
     * @minItems 1
     */
    in: [RawScalar, ...RawScalar[]];
  };
  /**
   * The value may be null as well as its type.
   */
  nullable?: boolean;
  privacy?: RawIdentifier;
  /**
   * low: a small bounded set of values, safe as a metrics label or a dashboard breakdown.
   */
  cardinality?: 'low' | 'high';
  /**
   * The unit of a number (ms, s, bytes, tokens, USD...).
   */
  unit?: string;
  examples?: unknown[];
  waiver?: RawWaiver;
  /**
   * Link to the data review that approved collecting it; required for classes that ask for review (pii, content, secret).
   */
  data_review?: string;
  /**
   * Sent only when the tracker is configured with includeContent.
   */
  content_gated?: boolean;
  normalize?: RawNormalize;
  /**
   * A string longer than maxLength: reject the event (default), or send the property as an empty string (intact or nothing, never cut).
   */
  overflow?: 'reject' | 'empty';
  /**
   * When the string holds a JSON object: trackers cap each of its string values at this many characters (and write it again) before maxLength is checked.
   */
  json_value_max_length?: number;
  stability?: RawStability;
  deprecated?: RawPropertyDeprecation;
  /**
   * This interface was referenced by `RawProperty5`'s JSON-Schema definition
   * via the `patternProperty` "^x-".
   */
  [k: string]: unknown;
}
/**
 * One Prometheus metric. Label values are normalised: a value outside the label's values (the property's enum, or values:) is counted under other.
 *
 * This interface was referenced by `RawTaxonomyFiles`'s JSON-Schema
 * via the `definition` "prometheusMetric".
 */
export interface RawPrometheusMetric {
  type: 'counter' | 'histogram';
  /**
   * The HELP line. Default: a sentence naming the events that update it.
   */
  help?: string;
  /**
   * Label names, each a property of every event that updates the metric.
   */
  labels: RawPropertyName3[];
  /**
   * Normalised values of a label whose property is an open string (the seed's Normalize* functions); other is added.
   */
  label_values?: {
    /**
     * @minItems 1
     */
    [k: string]: [string, ...string[]];
  };
  /**
   * Histogram bucket upper bounds, increasing (+Inf is implied).
   *
   * @minItems 1
   */
  buckets?: [number, ...number[]];
  /**
   * Unit of a histogram's observations (seconds).
   */
  unit?: string;
}
/**
 * This interface was referenced by `RawTaxonomyFiles`'s JSON-Schema
 * via the `definition` "propertiesFile".
 */
export interface RawPropertiesFile {
  properties: {
    [k: string]: RawProperty;
  };
}
/**
 * This interface was referenced by `RawTaxonomyFiles`'s JSON-Schema
 * via the `definition` "privacyFile".
 */
export interface RawPrivacyFile {
  /**
   * Rules of thumb shown on the privacy page.
   */
  principles?: string[];
  /**
   * Keys redacted at any depth by the runtime.
   */
  sensitive_keys?: string[];
  classes: {
    [k: string]: {
      description: string;
      /**
       * 0 public ... 10 secret.
       */
      sensitivity: number;
      /**
       * false: refused in event payloads unless waived.
       */
      allowed_in_events?: boolean;
      /**
       * Sent only when includeContent is set.
       */
      content_gated?: boolean;
      /**
       * The runtime replaces the value before it reaches any sink.
       */
      redact?: boolean;
      examples?: string[];
      do_not_log?: string[];
      safe_to_log?: string[];
    };
  };
}
/**
 * This interface was referenced by `RawTaxonomyFiles`'s JSON-Schema
 * via the `definition` "categoriesFile".
 */
export interface RawCategoriesFile {
  categories: {
    [k: string]: {
      description: string;
      /**
       * The dashboard that shows this category.
       */
      dashboard?: string;
      owner?: string;
    };
  };
}
/**
 * This interface was referenced by `RawTaxonomyFiles`'s JSON-Schema
 * via the `definition` "destinationsFile".
 */
export interface RawDestinationsFile {
  destinations: {
    [k: string]: {
      description: string;
      /**
       * product: a product-analytics tool; metrics: counters only, labels from low-cardinality properties; warehouse: raw events in SQL.
       */
      kind: 'product' | 'metrics' | 'warehouse' | 'log';
      vendor?: string;
      /**
       * Privacy classes this destination may receive.
       */
      accepts?: RawIdentifier1[];
    };
  };
}
/**
 * This interface was referenced by `RawTaxonomyFiles`'s JSON-Schema
 * via the `definition` "metricsFile".
 */
export interface RawMetricsFile {
  metrics: {
    [k: string]: RawMetric;
  };
}
/**
 * This interface was referenced by `RawTaxonomyFiles`'s JSON-Schema
 * via the `definition` "metric".
 */
export interface RawMetric {
  description: string;
  owner?: string;
  /**
   * The seed or dashboard this KPI comes from.
   */
  source?: string;
  /**
   * The goal, in words (e.g. 30% of chats suggest a template).
   */
  target?: string;
  type: 'count' | 'distinct_count' | 'sum' | 'average' | 'ratio' | 'duration' | 'funnel';
  /**
   * count / distinct_count / sum / average: the events measured.
   *
   * @minItems 1
   */
  events?: [RawEventSelector, ...RawEventSelector[]];
  property?: RawPropertyPath1;
  numerator?: RawMeasure;
  denominator?: RawMeasure;
  from?: RawEventSelector1;
  to?: RawEventSelector2;
  join_on?: RawPropertyPath3;
  /**
   * duration: how the durations are summarised. Default average.
   */
  statistic?: 'average' | 'median' | 'p90' | 'min' | 'max';
  /**
   * funnel: ordered steps.
   *
   * @minItems 2
   */
  steps?: [RawEventSelector, RawEventSelector, ...RawEventSelector[]];
  /**
   * Time window: for funnels the time allowed from first to last step; otherwise the look-back range (e.g. 30d).
   */
  window?: string;
  /**
   * Time bucket of the metric's series.
   */
  grain?: 'day' | 'week' | 'month';
  /**
   * Properties to break the metric down by (low-cardinality). The reserved entry $event groups by the event's name (column event), in count, distinct_count, sum, average and ratio metrics.
   */
  group_by?: RawPropertyPath[];
  /**
   * Histogram bins of numeric group_by properties: the property's value is replaced by the lower edge of its bin (the greatest edge at or below it; values below the first edge fall in the first bin). A distribution: count grouped by a binned property.
   */
  bins?: {
    /**
     * @minItems 1
     * @maxItems 100
     */
    [k: string]: [number, ...number[]];
  };
  /**
   * How the dashboard draws the metric; default by its type (ratio: trend, count and sum: bars, average and duration: line, funnel: funnel, no grain or group: card). card: one number with a sparkline of its days.
   */
  chart?: 'trend' | 'bars' | 'line' | 'histogram' | 'categories' | 'funnel' | 'card';
  /**
   * The field of the generated tracker's per-session summary (tracker.summary(), seed 001's getProductAnalyticsSummary()) that this metric fills, computed over the tracker's own recent events of one session. count, distinct_count, sum, average and ratio metrics, with no window or bins.
   */
  summary?: string;
  over?: RawPropertyPath4;
  /**
   * With over: the item field measured, or two item fields multiplied (quantity x unitPrice: [quantity, unitPrice]). Without value, count counts the items.
   */
  value?: RawPropertyPath | [RawPropertyPath, RawPropertyPath];
  /**
   * count / distinct_count / sum / average: a group_by column derived from another event of the same key: each measured event is labelled present when an event of that kind with the same join_on value exists (before as_of), else absent. E.g. sessions with a handoff are human, the others bot.
   */
  segment?: {
    name: RawPropertyPath5;
    /**
     * The event whose presence decides the label.
     */
    event: string;
    join_on: RawPropertyPath6;
    /**
     * The label when such an event exists.
     */
    present: string;
    /**
     * The label otherwise.
     */
    absent: string;
  };
  /**
   * This interface was referenced by `RawMetric`'s JSON-Schema definition
   * via the `patternProperty` "^x-".
   */
  [k: string]: unknown;
}
/**
 * This interface was referenced by `RawTaxonomyFiles`'s JSON-Schema
 * via the `definition` "eventSelector".
 */
export interface RawEventSelector {
  event: RawEventRef1;
  where?: RawFilter[];
}
/**
 * This interface was referenced by `RawTaxonomyFiles`'s JSON-Schema
 * via the `definition` "filter".
 */
export interface RawFilter {
  property: RawPropertyPath;
  op: 'eq' | 'neq' | 'in' | 'not_in' | 'gt' | 'gte' | 'lt' | 'lte' | 'exists' | 'not_exists';
  /**
   * A scalar, or a list for in/not_in.
   */
  value?: {
    [k: string]: unknown;
  };
}
/**
 * A count, distinct count, sum or average over one or more events.
 *
 * This interface was referenced by `RawTaxonomyFiles`'s JSON-Schema
 * via the `definition` "measure".
 */
export interface RawMeasure {
  /**
   * Default count.
   */
  aggregate?: 'count' | 'distinct_count' | 'sum' | 'average';
  property?: RawPropertyPath2;
  /**
   * @minItems 1
   */
  events: [RawEventSelector, ...RawEventSelector[]];
  /**
   * ratio numerator only: count only the events whose join_on value is also a join_on value of the denominator's events (in the same window), e.g. templates inserted into drafts that were accepted. Needs join_on: on the metric.
   */
  within?: 'denominator';
}
/**
 * duration: the start event.
 */
export interface RawEventSelector1 {
  event: RawEventRef1;
  where?: RawFilter[];
}
/**
 * duration: the end event.
 */
export interface RawEventSelector2 {
  event: RawEventRef1;
  where?: RawFilter[];
}
