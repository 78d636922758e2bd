export { createTracker } from './tracker.js';
export { httpSink, retryAfterMs, backoffMs, type HttpSinkOptions } from './http-sink.js';
export { consoleSink, type ConsoleSinkOptions } from './console-sink.js';
export { vendorSink, flatten, type VendorAdapter, type VendorOptions } from './vendor-sink.js';
export { segmentSink, posthogSink, mixpanelSink, ga4Sink, ga4EventName, amplitudeSink, otelSink, type MixpanelSinkOptions, type Ga4SinkOptions, type OtelSinkOptions } from './vendors.js';
export { sanitize, sensitiveMatcher, keyWords, keepTrie, DEFAULT_SENSITIVE_KEYS, REDACTED, CIRCULAR, type KeepTrie } from './sanitize.js';
export { unitHash, defaultSampleKey } from './sampling.js';
export { DROP_REASONS } from './types.js';
export { checkShapes } from './checks.js';
export { jsonText } from './json.js';
export type {
  AbortSignalLike, ConsentPosture, DestinationKind, DropReason, Envelope, EventSpec, IntegerRange, KeyRules, Logger, MetricSpec, Person, PropertyPath, SendContext, ShapeRules, Sink, TupleRules,
  SinkFunction, SinkStats, Tracker, TrackerOptions, TrackerStats, Validate,
} from './types.js';
export { evaluateSummary, type SummaryFilter, type SummaryMeasure, type SummarySource, type SummarySpec, type SummaryValue } from './summary.js';
export { applyRules, normalizeValue, limitString, distinctId } from './rules.js';
export { sectionPath, isResourceSegment, pageviewCapture, type PageviewOptions } from './pageview.js';
export { posthogBatchSink, posthogBatchSinkFromEnv, posthogEvent, analyticsDisabled, analyticsEnvironment, type PosthogBatchSinkOptions } from './posthog-batch-sink.js';
