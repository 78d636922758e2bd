import { jsonText } from './json.js';
import { Ring } from './ring.js';
import { utf8Length } from './utf8.js';
import { DROP_REASONS, type AbortSignalLike, type DestinationKind, type DropReason, type Envelope, type EventSpec, type SendContext, type Sink, type SinkStats } from './types.js';

/** One processed event on its way to its sinks. */
export interface Rec {
  readonly env: Envelope;
  /** The JSON text, computed once when a sink first needs it. */
  json: string | undefined;
  bytes?: number;
  readonly spec: EventSpec;
  /** Sinks that have not settled it yet. */
  open: number;
  /** The first reason a sink dropped it for. */
  failed?: DropReason;
}

/** What a lane needs from its tracker. */
export interface LaneHost {
  settle(rec: Rec, reason: DropReason | undefined): void;
  warn(key: string, message: string): void;
  readonly signal: AbortSignalLike;
  readonly flushing: boolean;
  changed(): void;
}

/** One send in progress: what the sink already reported, and whether it is settled. */
interface Batch {
  readonly recs: readonly Rec[];
  readonly reported: Set<Rec>;
  byEnv?: Map<Envelope, Rec>;
  done: boolean;
}

const NON_METRICS: readonly DestinationKind[] = ['product', 'warehouse', 'log'];
const TIMED_OUT = Symbol('timeout');

export function zeroDrops(): Record<DropReason, number> {
  const d = {} as Record<DropReason, number>;
  for (const r of DROP_REASONS) d[r] = 0;
  return d;
}

function unref(t: ReturnType<typeof setTimeout>): void {
  (t as { unref?: () => void }).unref?.();
}

/**
 * The path to one sink: its own bounded buffer, batching, one send at a time,
 * a timeout, and books that always balance. A sink that hangs is given up after
 * its timeout; while that call is still outstanding no new one starts, so a
 * stalled sink holds at most one batch plus its bounded buffer.
 */
export class Lane {
  private readonly buf: Ring<Rec>;
  private busy = false;
  private abandoned = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private due = false;
  private closed = false;
  private inFlight: Batch | undefined;
  /** Page-hide hand-offs whose keepalive requests have not settled. */
  private readonly unloading = new Set<Batch>();
  readonly batchSize: number;
  readonly flushIntervalMs: number;
  readonly timeoutMs: number;
  enqueued = 0;
  delivered = 0;
  readonly dropped = zeroDrops();

  constructor(readonly sink: Sink, readonly name: string, private readonly host: LaneHost) {
    this.batchSize = Math.max(1, Math.floor(sink.batchSize ?? 100));
    this.flushIntervalMs = Math.max(0, sink.flushIntervalMs ?? 0);
    this.timeoutMs = Math.max(0, sink.timeoutMs ?? 10_000);
    this.buf = new Ring(Math.max(1, Math.floor(sink.maxPending ?? 1000)));
  }

  /** Whether this sink takes the event: by destination name, else by destination kind. */
  accepts(spec: EventSpec): boolean {
    const a = this.sink.accepts;
    if (a?.destinations && spec.destinations && spec.destinations.some((d) => a.destinations!.includes(d))) return true;
    const kinds = a?.kinds ?? (a?.destinations ? [] : NON_METRICS);
    // An event without routing facts (untyped track) goes to every non-metrics sink.
    const eventKinds = spec.kinds ?? (spec.destinations ? [] : NON_METRICS);
    return eventKinds.some((k) => kinds.includes(k));
  }

  get pending(): number {
    const open = (b: Batch | undefined) => (b && !b.done ? b.recs.length - b.reported.size : 0);
    let n = this.buf.size + open(this.inFlight);
    for (const b of this.unloading) n += open(b);
    return n;
  }

  stats(): SinkStats {
    return { enqueued: this.enqueued, delivered: this.delivered, pending: this.pending, dropped: { ...this.dropped } };
  }

  push(rec: Rec): void {
    this.enqueued++;
    const evicted = this.buf.push(rec);
    if (evicted) {
      this.host.warn(`queueFull:${this.name}`, `sink '${this.name}' is not keeping up (maxPending=${this.buf.capacity}): the oldest waiting events are dropped and counted in stats().sinks['${this.name}'].dropped.queueFull`);
      this.finish(evicted, 'queueFull');
    }
    // Kick only on a full batch: partial ones wait for the end of the tracker's drain, so batches fill.
    if (this.buf.size >= this.batchSize) this.kick();
  }

  private finish(rec: Rec, reason: DropReason | undefined): void {
    if (reason) this.dropped[reason]++;
    else this.delivered++;
    this.host.settle(rec, reason);
  }

  /** Starts a send when one is due: a full batch, a flush, an elapsed interval, or no batching. */
  kick(): void {
    if (this.busy || this.closed || this.abandoned > 0 || this.buf.size === 0) return;
    if (this.sink.ready && !this.safeReady()) { this.arm(250); return; }
    const now = this.host.flushing || this.due || this.flushIntervalMs === 0 || this.buf.size >= this.batchSize;
    if (!now) { this.arm(this.flushIntervalMs); return; }
    this.due = false;
    if (this.timer) { clearTimeout(this.timer); this.timer = undefined; }
    void this.run(this.buf.take(this.batchSize));
  }

  private safeReady(): boolean {
    try { return this.sink.ready!() === true; } catch { return false; }
  }

  private arm(ms: number): void {
    if (this.timer) return;
    this.timer = setTimeout(() => { this.timer = undefined; this.due = true; this.kick(); }, ms);
    unref(this.timer);
  }

  /** The sink's view of one batch; the lookup map is built only if the sink asks for it. */
  private context(batch: Batch): SendContext {
    const get = (e: Envelope): Rec | undefined => {
      if (!batch.byEnv) batch.byEnv = new Map(batch.recs.map((r) => [r.env, r] as const));
      return batch.byEnv.get(e);
    };
    const settle = (events: readonly Envelope[], reason: DropReason | undefined) => {
      if (batch.done) return;
      for (const e of events) {
        const rec = get(e);
        if (!rec || batch.reported.has(rec)) continue;
        batch.reported.add(rec);
        this.finish(rec, reason);
      }
      this.host.changed();
    };
    const json = (e: Envelope) => {
      const rec = get(e);
      if (!rec) return jsonText(e)!;
      return (rec.json ??= jsonText(e)!);
    };
    return {
      json,
      bytes: (e) => {
        const rec = get(e);
        if (rec?.bytes !== undefined) return rec.bytes;
        const n = utf8Length(json(e));
        if (rec) rec.bytes = n;
        return n;
      },
      spec: (e) => get(e)?.spec ?? { event: e.event },
      ok: (events) => settle(events, undefined),
      fail: (events, reason, detail) => {
        if (detail) this.host.warn(`${reason}:${this.name}:${detail}`, `sink '${this.name}' dropped events (${reason}): ${detail}`);
        settle(events, reason);
      },
      signal: this.host.signal,
      warn: (key, message) => this.host.warn(`${this.name}:${key}`, message),
    };
  }

  /** Settles what the sink did not report, by how its send ended. */
  private settleRest(batch: Batch, reason: DropReason | undefined): void {
    if (batch.done) return;
    batch.done = true;
    for (const rec of batch.recs) if (!batch.reported.has(rec)) this.finish(rec, reason);
  }

  private async run(recs: Rec[]): Promise<void> {
    this.busy = true;
    const batch: Batch = { recs, reported: new Set(), done: false };
    this.inFlight = batch;
    let reason: DropReason | undefined;
    try {
      const result = this.sink.send(recs.map((r) => r.env), this.context(batch));
      if (result && typeof (result as Promise<void>).then === 'function') {
        const outcome = await this.withTimeout(result as Promise<void>);
        if (outcome === TIMED_OUT) {
          reason = 'timeout';
          this.host.warn(`timeout:${this.name}`, `sink '${this.name}' did not settle within ${this.timeoutMs} ms: its events are dropped as 'timeout' and no new send starts until it settles`);
          this.abandoned++;
          const release = () => { this.abandoned--; this.kick(); this.host.changed(); };
          (result as Promise<void>).then(release, release);
        }
      }
    } catch (e) {
      reason = 'sinkError';
      this.host.warn(`sinkError:${this.name}`, `sink '${this.name}' failed: ${(e as Error)?.message ?? String(e)} (its events are dropped as 'sinkError'; the app is unaffected)`);
    }
    this.settleRest(batch, reason);
    this.inFlight = undefined;
    this.busy = false;
    this.kick();
    this.host.changed();
  }

  private withTimeout(p: Promise<void>): Promise<void | typeof TIMED_OUT> {
    if (this.timeoutMs === 0) return p;
    let t: ReturnType<typeof setTimeout> | undefined;
    // Not unref'd: a send in progress keeps a script alive until it settles or times out.
    const timeout = new Promise<typeof TIMED_OUT>((resolve) => { t = setTimeout(() => resolve(TIMED_OUT), this.timeoutMs); });
    return Promise.race([p, timeout]).finally(() => clearTimeout(t));
  }

  /**
   * Page hide: hands what waits to the sink's unload (sendBeacon), critical events
   * first, because the browser lets only about 64 KB leave a closing page.
   */
  unload(): void {
    if (this.closed || this.buf.size === 0 || !this.sink.unload) { this.kick(); return; }
    const recs = this.buf.take(this.buf.size);
    recs.sort((a, b) => Number(!!b.spec.critical) - Number(!!a.spec.critical));
    const batch: Batch = { recs, reported: new Set(), done: false };
    this.unloading.add(batch);
    const finish = () => { this.settleRest(batch, 'unload'); this.unloading.delete(batch); this.host.changed(); };
    let result: void | Promise<void>;
    try { result = this.sink.unload(recs.map((r) => r.env), this.context(batch)); } catch { result = undefined; }
    if (result && typeof (result as Promise<void>).then === 'function') (result as Promise<void>).then(finish, finish);
    else finish();
  }

  /** Stops the lane; everything still waiting or in flight is dropped as 'shutdown'. */
  close(): void {
    this.closed = true;
    if (this.timer) { clearTimeout(this.timer); this.timer = undefined; }
    for (const rec of this.buf.take(this.buf.size)) this.finish(rec, 'shutdown');
    if (this.inFlight) this.settleRest(this.inFlight, 'shutdown');
    for (const b of this.unloading) this.settleRest(b, 'shutdown');
    this.unloading.clear();
  }

  get idle(): boolean {
    return this.pending === 0;
  }
}
