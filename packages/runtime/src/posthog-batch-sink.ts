import { httpSink, type HttpSinkOptions } from './http-sink.js';
import { jsonText } from './json.js';
import { distinctId } from './rules.js';
import type { Envelope, SendContext, Sink } from './types.js';
import { utf8Length } from './utf8.js';

export interface PosthogBatchSinkOptions extends Omit<HttpSinkOptions, 'url' | 'bodyFields' | 'name'> {
  /** The project API key. Empty or absent: the sink is disabled and nothing leaves the process (seed 003). */
  apiKey?: string;
  /** PostHog host. Default https://us.i.posthog.com; the sink posts to `<host>/batch/`. */
  host?: string;
  /** true: the sink is disabled even with a key (seed 003's ANALYTICS_DISABLED). */
  disabled?: boolean;
  /** Sink name in stats(). Default 'posthog-batch'. */
  name?: string;
}

/** One PostHog event as /batch takes it: event, distinct_id, properties (person updates as $set / $set_once), timestamp. */
export function posthogEvent(e: Envelope, id: string): Record<string, unknown> {
  const properties: Record<string, unknown> = { ...e.properties };
  if (e.person?.$set) properties.$set = e.person.$set;
  if (e.person?.$set_once) properties.$set_once = e.person.$set_once;
  return { event: e.event, distinct_id: id, properties, timestamp: e.timestamp };
}

/**
 * Server-side sender to PostHog's batch endpoint (seed 003's background worker: batch +
 * POST /batch/). Delivery is httpSink's: the same batching, retries with backoff and
 * Retry-After, 413 halving and drop accounting. Each event's distinct_id comes from its
 * spec's `distinctId` rules; an event with none of those properties is dropped as 'invalid'.
 */
export function posthogBatchSink(options: PosthogBatchSinkOptions = {}): Sink {
  const { apiKey, host, disabled, name, ...http } = options;
  const key = (apiKey ?? '').trim();
  const url = `${(host ?? 'https://us.i.posthog.com').replace(/\/+$/, '')}/batch/`;
  const inner = httpSink({ ...http, url, bodyFields: { api_key: key }, name: name ?? 'posthog-batch' });
  const reason = disabled ? 'analytics disabled (ANALYTICS_DISABLED): using a no-op PostHog sink, nothing is sent'
    : key === '' ? 'analytics: POSTHOG_API_KEY not set, using noop client (nothing is sent)' : undefined;
  const ids = new WeakMap<Envelope, string | null>();
  const idOf = (e: Envelope, ctx: SendContext) => {
    let id = ids.get(e);
    if (id === undefined) { id = distinctId(ctx.spec(e), e.properties) ?? null; ids.set(e, id); }
    return id;
  };
  /** The events PostHog can take, with a context whose JSON is PostHog's shape; the rest dropped as 'invalid'. */
  const prepare = (events: readonly Envelope[], ctx: SendContext): [Envelope[], SendContext] => {
    const good: Envelope[] = [];
    const bad: Envelope[] = [];
    for (const e of events) (idOf(e, ctx) === null ? bad : good).push(e);
    if (bad.length) {
      ctx.warn(`no-distinct-id:${bad[0]!.event}`, `event '${bad[0]!.event}' has none of its distinct_id properties; PostHog needs one, so it is dropped as 'invalid'`);
      ctx.fail(bad, 'invalid', 'no distinct_id');
    }
    const json = new WeakMap<Envelope, string>();
    const jsonOf = (e: Envelope) => { let j = json.get(e); if (j === undefined) { j = jsonText(posthogEvent(e, idOf(e, ctx)!))!; json.set(e, j); } return j; };
    const wrapped: SendContext = {
      json: jsonOf,
      bytes: (e) => utf8Length(jsonOf(e)),
      spec: (e) => ctx.spec(e),
      ok: (ev) => ctx.ok(ev),
      fail: (ev, r, d) => ctx.fail(ev, r, d),
      signal: ctx.signal,
      warn: (k, m) => ctx.warn(k, m),
    };
    return [good, wrapped];
  };
  return {
    ...inner,
    ...(reason ? { disabled: reason } : {}),
    send(events, ctx) {
      const [good, c] = prepare(events, ctx);
      return good.length ? inner.send(good, c) : undefined;
    },
    unload(events, ctx) {
      const [good, c] = prepare(events, ctx);
      return good.length ? inner.unload!(good, c) : undefined;
    },
  };
}

/** The switch an environment implies (seed 003): ANALYTICS_DISABLED `true`/`1` wins over a key. */
export function analyticsDisabled(env: Readonly<Record<string, string | undefined>>): boolean {
  const v = (env.ANALYTICS_DISABLED ?? '').trim().toLowerCase();
  return v === 'true' || v === '1';
}

/** posthogBatchSink from POSTHOG_API_KEY, POSTHOG_HOST and ANALYTICS_DISABLED (seed 003's configuration). */
export function posthogBatchSinkFromEnv(env: Readonly<Record<string, string | undefined>>, options: Omit<PosthogBatchSinkOptions, 'apiKey' | 'host' | 'disabled'> = {}): Sink {
  return posthogBatchSink({ ...options, apiKey: env.POSTHOG_API_KEY, host: env.POSTHOG_HOST || undefined, disabled: analyticsDisabled(env) });
}

/** The raw `environment` an environment implies: ANALYTICS_ENVIRONMENT, else APP_ENV, else dev; the spec's normalize maps it. */
export function analyticsEnvironment(env: Readonly<Record<string, string | undefined>>): string {
  return env.ANALYTICS_ENVIRONMENT?.trim() || env.APP_ENV?.trim() || 'dev';
}
