import { envelopeBuilder, type Queued } from './envelope.js';
import { functionSink } from './function-sink.js';
import { Lane, zeroDrops, type LaneHost, type Rec } from './lane.js';
import { watchPageHide } from './lifecycle.js';
import { Warner } from './log.js';
import { Ring } from './ring.js';
import { DEFAULT_SENSITIVE_KEYS, sensitiveMatcher } from './sanitize.js';
import type { ConsentPosture, DropReason, EventSpec, Person, Sink, SinkFunction, SinkStats, Tracker, TrackerOptions, TrackerStats } from './types.js';

const EMPTY: Readonly<Record<string, unknown>> = Object.freeze({});

function detectEnvironment(): 'development' | 'production' {
  const env = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env;
  return env?.NODE_ENV === 'production' ? 'production' : 'development';
}

/**
 * Creates the runtime tracker. track() only validates cheaply and queues; a
 * microtask processes the queue (sampling, globals, redaction, content gating,
 * serialisation, validation) and hands events to each sink's lane.
 */
export function createTracker<G extends object = Record<string, unknown>>(options: TrackerOptions<G> = {}): Tracker<G> {
  const warner = new Warner(options.logger ?? console);
  const now = options.now ?? Date.now;
  const environment = options.environment ?? detectEnvironment();
  const sensitive = sensitiveMatcher(options.sensitiveKeys ?? DEFAULT_SENSITIVE_KEYS);
  const maxEventBytes = options.maxEventBytes ?? 60_000;
  const queue = new Ring<Queued>(Math.max(1, Math.floor(options.maxQueue ?? 1000)));
  const controller = new AbortController();
  const globalsOpt = options.globals;
  const dimensionsFn = options.dimensions;
  let consentGate = options.consent !== undefined && options.respectConsent !== false;
  let consent: ConsentPosture | undefined = options.consent;
  let closed = false;
  let scheduled = false;
  let flushing = 0;
  let enqueued = 0;
  let delivered = 0;
  let open = 0;
  const dropped = zeroDrops();
  let waiters: (() => void)[] = [];
  const drop = (reason: DropReason) => { dropped[reason]++; };
  const build = envelopeBuilder({ options: options as TrackerOptions<object>, warner, sensitive, maxEventBytes, environment });

  const host: LaneHost = {
    settle(rec: Rec, reason) {
      if (reason && !rec.failed) rec.failed = reason;
      if (--rec.open === 0) {
        open--;
        if (rec.failed) drop(rec.failed);
        else delivered++;
      }
    },
    warn: (key, message) => warner.once(key, message),
    signal: controller.signal,
    get flushing() { return flushing > 0; },
    changed: () => wake(),
  };

  const lanes: Lane[] = [];
  const rawSinks = options.sink === undefined ? [] : Array.isArray(options.sink) ? options.sink : [options.sink];
  const names = new Set<string>();
  for (const s of rawSinks as readonly (Sink | SinkFunction | null | undefined | false)[]) {
    if (!s) continue;
    const sink = typeof s === 'function' ? functionSink(s, s.name || 'sink') : s;
    if (typeof sink.send !== 'function') { warner.once(`badsink:${String(sink.name)}`, `sink '${String(sink.name)}' has no send(); it is ignored`); continue; }
    if (sink.disabled) { warner.once(`disabled:${String(sink.name)}`, `sink '${String(sink.name)}' is not configured (${sink.disabled})`); continue; }
    let name = String(sink.name || 'sink');
    for (let i = 2; names.has(name); i++) name = `${sink.name}#${i}`;
    names.add(name);
    lanes.push(new Lane(sink, name, host));
  }
  const enabled = options.enabled !== false;
  const noop = !enabled || lanes.length === 0;
  if (enabled && lanes.length === 0) warner.once('noop', 'tracker has no configured sink (no url or key): it is a no-op and sends nothing; pass `sink` to createTracker');

  const pending = () => queue.size + open;

  function wake(): void {
    if (pending() > 0 || waiters.length === 0) return;
    const w = waiters;
    waiters = [];
    for (const f of w) f();
  }

  function schedule(): void {
    if (scheduled) return;
    scheduled = true;
    queueMicrotask(drain);
  }

  function resolveGlobals(): Readonly<Record<string, unknown>> | undefined {
    if (typeof globalsOpt !== 'function') return globalsOpt as Readonly<Record<string, unknown>> | undefined;
    try { return (globalsOpt as () => Record<string, unknown>)() ?? undefined; } catch (e) {
      warner.once('globals', `options.globals() threw (${(e as Error)?.message ?? String(e)}); events are sent without globals`);
      return undefined;
    }
  }

  function resolveDimensions(): Readonly<Record<string, unknown>> | undefined {
    if (!dimensionsFn) return undefined;
    try { return dimensionsFn() ?? undefined; } catch (e) {
      warner.once('dimensions', `options.dimensions() threw (${(e as Error)?.message ?? String(e)}); events are sent without dimensions`);
      return undefined;
    }
  }

  function specOf(event: EventSpec | string): EventSpec | undefined {
    if (typeof event !== 'string') return event && typeof event === 'object' ? event : undefined;
    const spec = options.events?.[event];
    if (spec) return spec;
    if (options.events) warner.once(`unknown:${event}`, `event '${event}' is not in the taxonomy's events table; it is sent without routing facts`);
    return { event };
  }

  /** Refuses an obviously huge top-level string now, so the queue never holds it. */
  function oversized(name: string, props: Readonly<Record<string, unknown>>): boolean {
    try {
      for (const k in props) {
        const v = props[k];
        if (typeof v === 'string' && v.length > maxEventBytes) {
          warner.once(`tooLarge:${name}`, `event '${name}' has a ${v.length}-character property '${k}' (limit ${maxEventBytes} bytes an event); it is dropped as 'tooLarge'`);
          return true;
        }
      }
    } catch { /* a hostile object: the full walk later reports it */ }
    return false;
  }

  function track(event: EventSpec | string, properties?: object, person?: Person): void {
    try {
      if (noop) return;
      enqueued++;
      if (closed) { drop('shutdown'); return; }
      if (consentGate && consent !== 'analytics' && consent !== 'all') { drop('consent'); return; }
      const spec = specOf(event);
      if (!spec || typeof spec.event !== 'string' || spec.event === '' || (properties !== undefined && (properties === null || typeof properties !== 'object'))) {
        warner.once('invalid', `track() needs an event (a generated spec or a name) and an object of properties; got ${typeof event === 'string' ? `'${event}'` : typeof event} and ${properties === null ? 'null' : typeof properties}. The call is dropped as 'invalid'`);
        drop('invalid');
        return;
      }
      if (typeof spec.expires === 'string' && new Date(now()).toISOString().slice(0, 10) > spec.expires) {
        warner.once(`expired:${spec.event}`, `event '${spec.event}' expired on ${spec.expires} (taxonomy expires:); it is dropped as 'expired'. Renew it in the taxonomy or stop sending it`);
        drop('expired');
        return;
      }
      const props = (properties ?? EMPTY) as Readonly<Record<string, unknown>>;
      if (oversized(spec.event, props)) { drop('tooLarge'); return; }
      const evicted = queue.push({
        spec, props, person: person && typeof person === 'object' ? person : undefined, t: now(),
        globals: typeof globalsOpt === 'function' ? resolveGlobals() : undefined,
        dims: dimensionsFn ? resolveDimensions() : undefined,
      });
      if (evicted) {
        drop('queueFull');
        warner.once('queueFull', `the tracker queue is full (maxQueue=${queue.capacity}): the oldest events are dropped and counted in stats().dropped.queueFull`);
      }
      schedule();
    } catch (e) {
      drop('internal');
      warner.once('internal', `tracker internal error (event dropped, app unaffected): ${(e as Error)?.message ?? String(e)}`);
    }
  }

  function route(rec: Rec): void {
    const targets = lanes.filter((l) => l.accepts(rec.spec));
    if (targets.length === 0) {
      warner.once(`noRoute:${rec.spec.event}`, `event '${rec.spec.event}' goes to [${(rec.spec.destinations ?? []).join(', ')}] but no configured sink accepts those destinations; it is dropped as 'noRoute'`);
      drop('noRoute');
      return;
    }
    rec.open = targets.length;
    open++;
    for (const l of targets) l.push(rec);
  }

  function drain(): void {
    scheduled = false;
    let q: Queued | undefined;
    while ((q = queue.shift())) {
      if (closed) { drop('shutdown'); continue; }
      try {
        const rec = build(q);
        if (typeof rec === 'string') drop(rec);
        else route(rec);
      } catch (e) {
        drop('internal');
        warner.once('internal-drain', `tracker internal error while processing '${q.spec.event}' (event dropped, app unaffected): ${(e as Error)?.message ?? String(e)}`);
      }
    }
    for (const l of lanes) l.kick();
    wake();
  }

  function stats(): TrackerStats {
    const sinks: Record<string, SinkStats> = {};
    for (const l of lanes) sinks[l.name] = l.stats();
    let droppedTotal = 0;
    for (const k of Object.keys(dropped) as DropReason[]) droppedTotal += dropped[k];
    return { enqueued, delivered, pending: pending(), dropped: { ...dropped }, droppedTotal, sinks, noop };
  }

  async function flush(timeoutMs = 10_000): Promise<TrackerStats> {
    try {
      if (noop) return stats();
      flushing++;
      try {
        drain();
        for (const l of lanes) l.kick();
        if (pending() > 0) {
          await new Promise<void>((resolve) => {
            // Not unref'd: a script awaiting flush() must not exit before it resolves.
            const t = setTimeout(resolve, timeoutMs);
            waiters.push(() => { clearTimeout(t); resolve(); });
            wake();
          });
        }
      } finally {
        flushing--;
      }
    } catch (e) {
      warner.once('flush', `flush failed: ${(e as Error)?.message ?? String(e)}`);
    }
    return stats();
  }

  // In a browser: what waits leaves by sendBeacon when the page is hidden.
  const stopWatching = !noop && options.pageLifecycle !== false
    ? watchPageHide(() => { drain(); for (const l of lanes) l.unload(); })
    : undefined;

  async function shutdown(timeoutMs = 10_000): Promise<TrackerStats> {
    if (closed) return stats();
    await flush(timeoutMs);
    closed = true;
    try {
      stopWatching?.();
      controller.abort();
      for (const l of lanes) l.close();
      await Promise.all(lanes.map(async (l) => { try { await l.sink.close?.(); } catch { /* ignore */ } }));
    } catch (e) {
      warner.once('shutdown', `shutdown failed: ${(e as Error)?.message ?? String(e)}`);
    }
    return stats();
  }

  return {
    track,
    setConsent(posture) {
      // An explicit consent call turns the gate on (unless consent is handled elsewhere).
      consent = posture;
      consentGate = options.respectConsent !== false;
    },
    flush,
    shutdown,
    stats,
    get active() { return !noop && !closed; },
  };
}
