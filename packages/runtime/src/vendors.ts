import type { Envelope, Sink } from './types.js';
import { flatten, vendorSink, type VendorOptions } from './vendor-sink.js';

type Fn = (...args: unknown[]) => unknown;
const fn = (x: unknown): x is Fn => typeof x === 'function';
const obj = (x: unknown): Record<string, unknown> | undefined => (x && typeof x === 'object') || typeof x === 'function' ? (x as Record<string, unknown>) : undefined;

/** Properties plus dimensions, as vendors see one flat event. */
const payload = (e: Envelope): Record<string, unknown> => (e.dimensions ? { ...e.dimensions, ...e.properties } : { ...e.properties });
const traits = (e: Envelope) => ({ ...(e.person?.$set_once ?? {}), ...(e.person?.$set ?? {}) });

/** Segment analytics.js: `analytics.track(event, properties)`; person properties through `analytics.identify(traits)`. */
export function segmentSink(options: VendorOptions = {}): Sink {
  return vendorSink<Record<string, unknown>>({
    name: 'segment',
    resolve: (t) => { const a = obj(t.analytics); return a && fn(a.track) ? a : undefined; },
    deliver(a, e) {
      if (e.person && fn(a.identify)) a.identify(traits(e));
      (a.track as Fn).call(a, e.event, payload(e), { messageId: e.id, timestamp: e.timestamp });
    },
  }, options);
}

/** PostHog: `posthog.capture(event, properties)` with `$set` / `$set_once` inside, as PostHog expects. */
export function posthogSink(options: VendorOptions = {}): Sink {
  return vendorSink<Record<string, unknown>>({
    name: 'posthog',
    resolve: (t) => { const p = obj(t.posthog); return p && fn(p.capture) ? p : undefined; },
    deliver(p, e) {
      const props: Record<string, unknown> = payload(e);
      if (e.person?.$set) props.$set = e.person.$set;
      if (e.person?.$set_once) props.$set_once = e.person.$set_once;
      (p.capture as Fn).call(p, e.event, props, { uuid: e.id, timestamp: new Date(e.timestamp) });
    },
  }, options);
}

export interface MixpanelSinkOptions extends VendorOptions {
  /** Project token: when given, `mixpanel.init(token)` is called once the library is there. */
  token?: string;
}

/** Mixpanel: `mixpanel.track(event, properties)` with `$insert_id` for deduplication; people.set / set_once. */
export function mixpanelSink(options: MixpanelSinkOptions = {}): Sink {
  let initialised = false;
  return vendorSink<Record<string, unknown>>({
    name: 'mixpanel',
    resolve: (t) => { const m = obj(t.mixpanel); return m && fn(m.track) ? m : undefined; },
    deliver(m, e) {
      if (options.token && !initialised && fn(m.init)) { m.init(options.token); initialised = true; }
      (m.track as Fn).call(m, e.event, { ...payload(e), $insert_id: e.id, time: Date.parse(e.timestamp) });
      const people = obj(m.people);
      if (people && e.person?.$set && fn(people.set)) people.set(e.person.$set);
      if (people && e.person?.$set_once && fn(people.set_once)) people.set_once(e.person.$set_once);
    },
  }, options);
}

export interface Ga4SinkOptions extends VendorOptions {
  /** The GA4 measurement id (G-XXXX). Required: without it the sink is left out. */
  measurementId: string;
}

/** GA4 event names: letters, digits and underscores, starting with a letter, at most 40 characters. */
export function ga4EventName(name: string): string {
  const s = name.replace(/[^A-Za-z0-9_]+/g, '_').replace(/^[^A-Za-z]+/, '');
  return (s || 'event').slice(0, 40);
}

/** GA4 via gtag.js: `gtag('event', name, params)` with flat parameters sent to the measurement id. */
export function ga4Sink(options: Ga4SinkOptions): Sink {
  const sink = vendorSink<Fn>({
    name: 'ga4',
    resolve: (t) => (fn(t.gtag) ? t.gtag : undefined),
    deliver(gtag, e) {
      if (e.person) gtag('set', 'user_properties', traits(e));
      const params: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(flatten(payload(e)))) {
        params[ga4EventName(k)] = typeof v === 'string' ? v.slice(0, 100) : v;
      }
      gtag('event', ga4EventName(e.event), { ...params, send_to: options.measurementId });
    },
  }, options);
  return options?.measurementId ? sink : { ...sink, disabled: 'ga4Sink needs a measurementId' };
}

/** Amplitude: `amplitude.track(event, properties, { insert_id })` (Browser SDK 2), or the legacy `getInstance().logEvent`. */
export function amplitudeSink(options: VendorOptions = {}): Sink {
  return vendorSink<Record<string, unknown>>({
    name: 'amplitude',
    resolve: (t) => {
      const a = obj(t.amplitude);
      if (!a) return undefined;
      if (fn(a.track)) return a;
      const legacy = fn(a.getInstance) ? obj(a.getInstance()) : undefined;
      return legacy && fn(legacy.logEvent) ? legacy : undefined;
    },
    deliver(a, e) {
      if (e.person && fn(a.identify) && fn(a.Identify)) {
        const id = new (a.Identify as unknown as new () => Record<string, Fn>)();
        for (const [k, v] of Object.entries(e.person.$set ?? {})) id.set!(k, v);
        for (const [k, v] of Object.entries(e.person.$set_once ?? {})) id.setOnce!(k, v);
        a.identify(id);
      }
      if (fn(a.track)) a.track(e.event, payload(e), { insert_id: e.id, time: Date.parse(e.timestamp) });
      else (a.logEvent as Fn).call(a, e.event, payload(e));
    },
  }, options);
}

interface Span { setAttribute?(k: string, v: unknown): unknown; end(t?: number): void }
interface OtelTracer { startSpan(name: string, o?: { attributes?: Record<string, unknown>; startTime?: number }): Span }

export interface OtelSinkOptions extends VendorOptions {
  /** The tracer, or a function returning it once OpenTelemetry is set up. Default: the global OTel API's tracer provider. */
  tracer?: OtelTracer | (() => OtelTracer | undefined);
  /** Tracer name asked of the global provider. Default 'taxonomy'. */
  tracerName?: string;
}

/** OpenTelemetry: one zero-length span per event (`tracer.startSpan(event, { attributes })`). Default: every kind but metrics. */
export function otelSink(options: OtelSinkOptions = {}): Sink {
  const name = options.tracerName ?? 'taxonomy';
  return vendorSink<OtelTracer>({
    name: 'opentelemetry',
    resolve(t) {
      const o = options.tracer;
      if (o) return typeof o === 'function' ? o() : o;
      const api = obj(t[Symbol.for('opentelemetry.js.api.1') as unknown as string]);
      const provider = obj(api?.trace);
      const tracer = provider && fn(provider.getTracer) ? (provider.getTracer(name) as OtelTracer) : undefined;
      return tracer && fn(tracer.startSpan) ? tracer : undefined;
    },
    deliver(tracer, e) {
      const at = Date.parse(e.timestamp);
      const span = tracer.startSpan(e.event, { attributes: { 'event.id': e.id, ...(e.version !== undefined ? { 'event.version': e.version } : {}), ...flatten(payload(e), 'event.properties') }, startTime: at });
      span.end(at);
    },
  }, options, { kinds: ['product', 'warehouse', 'log'] });
}
