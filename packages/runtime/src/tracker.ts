import { envelopeBuilder, type Queued } from './envelope.js';
import { functionSink } from './function-sink.js';
import { Lane, zeroDrops, type LaneHost, type Rec } from './lane.js';
import { watchPageHide } from './lifecycle.js';
import { Warner } from './log.js';
import { checkValues, SeenKeys } from './checks.js';
import { Ring } from './ring.js';
import { evaluateSummary, matchesWhere, type SummaryValue } from './summary.js';
import { DEFAULT_SENSITIVE_KEYS, sensitiveMatcher } from './sanitize.js';
import type { ConsentPosture, DropReason, Envelope, EventSpec, Person, Sink, SinkFunction, SinkStats, Tracker, TrackerOptions, TrackerStats } from './types.js';

const EMPTY: Readonly<Record<string, unknown>> = Object.freeze({});

function detectEnvironment(): 'development' | 'production' {
  const env = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env;
  return env?.NODE_ENV === 'production' ? 'production' : 'development';
}

/** The sinks of `options.sink` as lanes: falsy entries skipped, broken or disabled ones warned about, names made unique. */
function lanesOf(sinkOption: TrackerOptions<object>['sink'], host: LaneHost, warner: Warner): Lane[] {
  const lanes: Lane[] = [];
  const rawSinks = sinkOption === undefined ? [] : Array.isArray(sinkOption) ? sinkOption : [sinkOption];
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
  return lanes;
}

/** Calls `fn` for a value; a throw is warned about once and gives undefined. */
function callOption(fn: () => Record<string, unknown> | undefined | null, warner: Warner, key: string, label: string, without: string): Readonly<Record<string, unknown>> | undefined {
  try { return fn() ?? undefined; } catch (e) {
    warner.once(key, `${label} threw (${(e as Error)?.message ?? String(e)}); events are sent without ${without}`);
    return undefined;
  }
}

/**
 * The tracker's state and its steps: track() only validates cheaply and queues; a microtask
 * drains the queue (sampling, globals, redaction, content gating, serialisation, validation)
 * and hands events to each sink's lane. Every count lands in exactly one of delivered,
 * dropped (by reason) or pending.
 */
class TrackerCore {
  readonly warner: Warner;
  readonly now: () => number;
  readonly maxEventBytes: number;
  readonly queue: Ring<Queued>;
  readonly controller = new AbortController();
  readonly dropped = zeroDrops();
  readonly build: ReturnType<typeof envelopeBuilder>;
  readonly lanes: Lane[];
  readonly noop: boolean;
  readonly currencyCodes: ReadonlySet<string> | undefined;
  readonly seen: SeenKeys;
  /** The recent events a summary is computed over (only when the taxonomy declares summary metrics). */
  readonly recent: Ring<Envelope> | undefined;
  consentGate: boolean;
  consent: ConsentPosture | undefined;
  closed = false;
  scheduled = false;
  flushing = 0;
  enqueued = 0;
  delivered = 0;
  open = 0;
  waiters: (() => void)[] = [];
  stopWatching: (() => void) | undefined;

  constructor(readonly options: TrackerOptions<object>) {
    this.warner = new Warner(options.logger ?? console);
    this.now = options.now ?? Date.now;
    this.maxEventBytes = options.maxEventBytes ?? 60_000;
    this.queue = new Ring<Queued>(Math.max(1, Math.floor(options.maxQueue ?? 1000)));
    this.consentGate = options.consent !== undefined && options.respectConsent !== false;
    this.consent = options.consent;
    this.currencyCodes = options.currencyCodes ? new Set(options.currencyCodes) : undefined;
    this.seen = new SeenKeys(Math.max(1, Math.floor(options.maxDedupeKeys ?? 10_000)));
    this.recent = options.summary?.length ? new Ring<Envelope>(Math.max(1, Math.floor(options.maxEvents ?? 1000))) : undefined;
    const environment = options.environment ?? detectEnvironment();
    const sensitive = sensitiveMatcher(options.sensitiveKeys ?? DEFAULT_SENSITIVE_KEYS);
    this.build = envelopeBuilder({ options, warner: this.warner, sensitive, maxEventBytes: this.maxEventBytes, environment });
    this.lanes = lanesOf(options.sink, this.laneHost(), this.warner);
    const enabled = options.enabled !== false;
    this.noop = !enabled || this.lanes.length === 0;
    if (enabled && this.lanes.length === 0) this.warner.once('noop', 'tracker has no configured sink (no url or key): it is a no-op and sends nothing; pass `sink` to createTracker');
    // In a browser: what waits leaves by sendBeacon when the page is hidden.
    this.stopWatching = !this.noop && options.pageLifecycle !== false
      ? watchPageHide(() => { this.drain(); for (const l of this.lanes) l.unload(); })
      : undefined;
  }

  /** What the lanes see of the tracker: settling a record, warnings, the abort signal, flushing. */
  private laneHost(): LaneHost {
    const core = this;
    return {
      settle(rec: Rec, reason) {
        if (reason && !rec.failed) rec.failed = reason;
        if (--rec.open === 0) {
          core.open--;
          if (rec.failed) core.drop(rec.failed);
          else core.delivered++;
        }
      },
      warn: (key, message) => core.warner.once(key, message),
      signal: core.controller.signal,
      get flushing() { return core.flushing > 0; },
      changed: () => core.wake(),
    };
  }

  drop(reason: DropReason): void { this.dropped[reason]++; }

  pending(): number { return this.queue.size + this.open; }

  wake(): void {
    if (this.pending() > 0 || this.waiters.length === 0) return;
    const w = this.waiters;
    this.waiters = [];
    for (const f of w) f();
  }

  schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    queueMicrotask(() => this.drain());
  }

  specOf(event: EventSpec | string): EventSpec | undefined {
    if (typeof event !== 'string') return event && typeof event === 'object' ? event : undefined;
    const spec = this.options.events?.[event];
    if (spec) return spec;
    if (this.options.events) this.warner.once(`unknown:${event}`, `event '${event}' is not in the taxonomy's events table; it is sent without routing facts`);
    return { event };
  }

  /** Refuses an obviously huge top-level string now, so the queue never holds it. */
  oversized(name: string, props: Readonly<Record<string, unknown>>): boolean {
    try {
      for (const k in props) {
        const v = props[k];
        if (typeof v === 'string' && v.length > this.maxEventBytes) {
          this.warner.once(`tooLarge:${name}`, `event '${name}' has a ${v.length}-character property '${k}' (limit ${this.maxEventBytes} bytes an event); it is dropped as 'tooLarge'`);
          return true;
        }
      }
    } catch { /* a hostile object: the full walk later reports it */ }
    return false;
  }

  track(event: EventSpec | string, properties?: object, person?: Person): void {
    try {
      if (this.noop) return;
      this.enqueued++;
      if (this.closed) { this.drop('shutdown'); return; }
      if (this.consentGate && this.consent !== 'analytics' && this.consent !== 'all') { this.drop('consent'); return; }
      const spec = this.specOf(event);
      if (!spec || typeof spec.event !== 'string' || spec.event === '' || (properties !== undefined && (properties === null || typeof properties !== 'object'))) {
        this.warner.once('invalid', `track() needs an event (a generated spec or a name) and an object of properties; got ${typeof event === 'string' ? `'${event}'` : typeof event} and ${properties === null ? 'null' : typeof properties}. The call is dropped as 'invalid'`);
        this.drop('invalid');
        return;
      }
      if (typeof spec.expires === 'string' && new Date(this.now()).toISOString().slice(0, 10) > spec.expires) {
        this.warner.once(`expired:${spec.event}`, `event '${spec.event}' expired on ${spec.expires} (taxonomy expires:); it is dropped as 'expired'. Renew it in the taxonomy or stop sending it`);
        this.drop('expired');
        return;
      }
      let props = (properties ?? EMPTY) as Readonly<Record<string, unknown>>;
      if (this.oversized(spec.event, props)) { this.drop('tooLarge'); return; }
      if (spec.currency || spec.atMost || spec.shapes) {
        const checked = checkValues(spec, props, this.currencyCodes);
        if ('error' in checked) {
          this.warner.once(`refused:${spec.event}:${checked.error}`, `event '${spec.event}' refused: ${checked.error}. It is dropped as 'invalid'`);
          this.drop('invalid');
          return;
        }
        props = checked.props;
      }
      // After the checks: a refused call does not mark its key as seen.
      if (spec.dedupe && this.seen.seenBefore(spec.event, props[spec.dedupe])) { this.drop('duplicate'); return; }
      this.enqueue({ spec, props, person: person && typeof person === 'object' ? person : undefined, t: this.now() });
    } catch (e) {
      this.drop('internal');
      this.warner.once('internal', `tracker internal error (event dropped, app unaffected): ${(e as Error)?.message ?? String(e)}`);
    }
  }

  /** Queues an event with its globals and dimensions as they are now (the oldest is evicted when full). */
  private enqueue(q: Omit<Queued, 'globals' | 'dims'>): void {
    const { globals, dimensions } = this.options;
    const evicted = this.queue.push({
      ...q,
      globals: typeof globals === 'function' ? callOption(globals as () => Record<string, unknown>, this.warner, 'globals', 'options.globals()', 'globals') : undefined,
      dims: dimensions ? callOption(dimensions, this.warner, 'dimensions', 'options.dimensions()', 'dimensions') : undefined,
    });
    if (evicted) {
      this.drop('queueFull');
      this.warner.once('queueFull', `the tracker queue is full (maxQueue=${this.queue.capacity}): the oldest events are dropped and counted in stats().dropped.queueFull`);
    }
    this.schedule();
  }

  route(rec: Rec): void {
    const targets = this.lanes.filter((l) => l.accepts(rec.spec));
    if (targets.length === 0) {
      this.warner.once(`noRoute:${rec.spec.event}`, `event '${rec.spec.event}' goes to [${(rec.spec.destinations ?? []).join(', ')}] but no configured sink accepts those destinations; it is dropped as 'noRoute'`);
      this.drop('noRoute');
      return;
    }
    rec.open = targets.length;
    this.open++;
    for (const l of targets) l.push(rec);
  }

  drain(): void {
    this.scheduled = false;
    let q: Queued | undefined;
    while ((q = this.queue.shift())) {
      if (this.closed) { this.drop('shutdown'); continue; }
      try {
        const rec = this.build(q);
        if (typeof rec === 'string') this.drop(rec);
        else {
          this.recent?.push(rec.env);
          this.route(rec);
        }
      } catch (e) {
        this.drop('internal');
        this.warner.once('internal-drain', `tracker internal error while processing '${q.spec.event}' (event dropped, app unaffected): ${(e as Error)?.message ?? String(e)}`);
      }
    }
    for (const l of this.lanes) l.kick();
    this.wake();
  }

  /** The summary metrics over the recent events whose properties match `where` (e.g. { sessionId }). */
  summary(where?: Readonly<Record<string, unknown>>): Record<string, SummaryValue> {
    const specs = this.options.summary ?? [];
    if (!this.recent) return evaluateSummary(specs, []);
    // Events tracked a moment ago are still queued: build them now (as flush() does).
    if (!this.noop) this.drain();
    return evaluateSummary(specs, this.recent.toArray().filter((e) => matchesWhere(e, where)));
  }

  stats(): TrackerStats {
    const sinks: Record<string, SinkStats> = {};
    for (const l of this.lanes) sinks[l.name] = l.stats();
    let droppedTotal = 0;
    for (const k of Object.keys(this.dropped) as DropReason[]) droppedTotal += this.dropped[k];
    return { enqueued: this.enqueued, delivered: this.delivered, pending: this.pending(), dropped: { ...this.dropped }, droppedTotal, sinks, noop: this.noop };
  }

  async flush(timeoutMs = 10_000): Promise<TrackerStats> {
    try {
      if (this.noop) return this.stats();
      this.flushing++;
      try {
        this.drain();
        for (const l of this.lanes) l.kick();
        if (this.pending() > 0) {
          await new Promise<void>((resolve) => {
            // Not unref'd: a script awaiting flush() must not exit before it resolves.
            const t = setTimeout(resolve, timeoutMs);
            this.waiters.push(() => { clearTimeout(t); resolve(); });
            this.wake();
          });
        }
      } finally {
        this.flushing--;
      }
    } catch (e) {
      this.warner.once('flush', `flush failed: ${(e as Error)?.message ?? String(e)}`);
    }
    return this.stats();
  }

  async shutdown(timeoutMs = 10_000): Promise<TrackerStats> {
    if (this.closed) return this.stats();
    await this.flush(timeoutMs);
    this.closed = true;
    try {
      this.stopWatching?.();
      this.controller.abort();
      for (const l of this.lanes) l.close();
      await Promise.all(this.lanes.map(async (l) => { try { await l.sink.close?.(); } catch { /* ignore */ } }));
    } catch (e) {
      this.warner.once('shutdown', `shutdown failed: ${(e as Error)?.message ?? String(e)}`);
    }
    return this.stats();
  }
}

/**
 * Creates the runtime tracker (see TrackerCore). The methods are plain functions: they may be
 * passed around detached from the tracker object.
 */
export function createTracker<G extends object = Record<string, unknown>>(options: TrackerOptions<G> = {}): Tracker<G> {
  const core = new TrackerCore(options as TrackerOptions<object>);
  return {
    track: (event, properties, person) => core.track(event, properties, person),
    setConsent(posture) {
      // An explicit consent call turns the gate on (unless consent is handled elsewhere).
      core.consent = posture;
      core.consentGate = options.respectConsent !== false;
    },
    flush: (timeoutMs) => core.flush(timeoutMs),
    shutdown: (timeoutMs) => core.shutdown(timeoutMs),
    stats: () => core.stats(),
    summary: (where) => {
      try { return core.summary(where); } catch (e) {
        core.warner.once('summary', `summary failed (${(e as Error)?.message ?? String(e)}); an empty summary is returned`);
        return {};
      }
    },
    get active() { return !core.noop && !core.closed; },
  };
}
