import { HttpError } from './errors.js';
import { quarantineRow } from './ingest.js';
import type { CollectorMetrics } from './metrics.js';
import { StoreError, type Store, type WriteBatch, type WriteResult } from './store/types.js';

export interface WriteQueueOptions {
  /** Most events waiting to be written; a request that would exceed it is refused with 503. */
  readonly capacity: number;
  /** Most events in one transaction (several requests are grouped up to this). */
  readonly maxTransactionEvents: number;
  /** Seconds the client is told to wait (Retry-After) when refused. */
  readonly retryAfterSeconds: number;
  /** Told once each time the storage goes down or comes back. */
  readonly log: (message: string) => void;
  /** False when store.init() failed at start: it is tried again before each write and each health check. */
  readonly initialised: boolean;
  /** Cleanup after writes (seed 004: 1% chance per analytics log), in the writer's turn so it never races a write. */
  readonly retention?: RetentionOnWrite;
}

/** Retention run by the writer: after a write of n events, with chance 1 − (1 − probability)^n. */
export interface RetentionOnWrite {
  readonly days: number;
  readonly probability: number;
  /** Uniform in [0, 1); tests pass their own. */
  readonly random?: () => number;
  readonly now?: () => number;
}

interface Job {
  readonly batch: WriteBatch;
  readonly size: number;
  resolve(r: WriteResult): void;
  reject(e: HttpError): void;
}

const sizeOf = (b: WriteBatch) => b.events.length + b.quarantine.length;

/**
 * The bounded write queue between the requests and the store (seed 003's bounded,
 * non-blocking queue, with one difference: a request is answered only once its events are
 * committed, so a full queue refuses new work with 503 instead of dropping accepted work).
 * One transaction at a time; requests that arrive meanwhile are grouped into the next one
 * (group commit), so a sync costs one fsync for many requests.
 */
export class WriteQueue {
  private jobs: Job[] = [];
  private depth = 0;
  private running = false;
  private idle: (() => void)[] = [];
  private storageDown = false;
  private initialised: boolean;

  constructor(private readonly store: Store, private readonly metrics: CollectorMetrics, private readonly o: WriteQueueOptions) {
    metrics.queueCapacity.set(o.capacity);
    this.initialised = o.initialised;
  }

  /** A store that could not be opened at start (a read-only file, a server not up yet) is opened when it can be. */
  private async ensure(): Promise<void> {
    if (this.initialised) return;
    await this.store.init();
    this.initialised = true;
  }

  /** Events waiting or being written. */
  get size(): number {
    return this.depth;
  }

  get healthy(): boolean {
    return !this.storageDown;
  }

  /** Refuses (503) when `n` more events would not fit: checked before validation, so overload costs little. */
  admit(n: number): void {
    if (n > this.o.capacity) {
      throw new HttpError(413, 'too_many_events', `the request has ${n.toLocaleString('en-US')} events; the queue holds at most ${this.o.capacity.toLocaleString('en-US')}`, 'send smaller batches (httpSink halves its batch on 413 by itself)');
    }
    if (this.depth + n > this.o.capacity) {
      this.metrics.dropped.inc({ reason: 'queue_full' }, n);
      throw new HttpError(503, 'queue_full', `the collector is behind: ${this.depth} events are waiting to be written (capacity ${this.o.capacity})`, `retry after ${this.o.retryAfterSeconds} s; the events were not stored`, { 'retry-after': String(this.o.retryAfterSeconds) });
    }
  }

  /** Resolves once the batch is committed; rejects with the HttpError to answer. */
  submit(batch: WriteBatch): Promise<WriteResult> {
    const size = sizeOf(batch);
    this.admit(size);
    this.depth += size;
    this.metrics.queueDepth.set(this.depth);
    return new Promise((resolve, reject) => {
      this.jobs.push({ batch, size, resolve, reject });
      if (!this.running) {
        this.running = true;
        setImmediate(() => void this.loop());
      }
    });
  }

  /** Resolves when nothing is waiting or being written. */
  drained(): Promise<void> {
    return this.depth === 0 && !this.running ? Promise.resolve() : new Promise((r) => this.idle.push(r));
  }

  private async loop(): Promise<void> {
    while (this.jobs.length) {
      const group: Job[] = [];
      let n = 0;
      while (this.jobs.length && (group.length === 0 || n + this.jobs[0]!.size <= this.o.maxTransactionEvents)) {
        const j = this.jobs.shift()!;
        group.push(j);
        n += j.size;
      }
      await this.writeGroup(group);
      for (const j of group) this.depth -= j.size;
      this.metrics.queueDepth.set(this.depth);
    }
    this.running = false;
    for (const r of this.idle.splice(0)) r();
  }

  /** Asks the store whether it can take writes now (after a failure: so health recovers without traffic). */
  async check(): Promise<boolean> {
    try {
      await this.ensure();
      await this.store.probe();
      if (this.storageDown && !this.running) this.up(true);
      return !this.storageDown;
    } catch (e) {
      this.up(false, (e as Error).message);
      return false;
    }
  }

  private up(ok: boolean, why?: string): void {
    this.metrics.storageUp.set(ok ? 1 : 0);
    if (ok === !this.storageDown) return;
    this.storageDown = !ok;
    this.o.log(ok ? `storage is writable again (${this.store.where})` : `storage failed: ${why}`);
  }

  private async writeGroup(group: Job[]): Promise<void> {
    try {
      await this.ensure();
      const results = await this.timed(group.map((j) => j.batch));
      this.up(true);
      group.forEach((j, i) => j.resolve(results[i]!));
      await this.cleanupAfter(group.reduce((n, j) => n + j.batch.events.length, 0));
      return;
    } catch (e) {
      const err = e as StoreError;
      if (!(err instanceof StoreError) || err.unavailable) {
        this.up(false, err.message);
        for (const j of group) j.reject(this.unavailable(err, j.size));
        return;
      }
    }
    // The database refused some value (not the store being down): find it, one request,
    // then one row at a time, so one bad event cannot block the others.
    for (const j of group) {
      try {
        j.resolve(group.length > 1 ? (await this.timed([j.batch]))[0]! : await this.rowByRow(j.batch));
        this.up(true);
      } catch (e) {
        const err = e as StoreError;
        if (!(err instanceof StoreError) || err.unavailable) {
          this.up(false, err.message);
          j.reject(this.unavailable(err, j.size));
        } else {
          try { j.resolve(await this.rowByRow(j.batch)); } catch (e2) { j.reject(this.unavailable(e2 as StoreError, j.size)); }
        }
      }
    }
  }

  /**
   * Seed 004's probabilistic cleanup: each stored event has `probability` chance to trigger it, so
   * a write of n events triggers it with 1 − (1 − p)^n. A failed cleanup is logged; the write stands.
   */
  private async cleanupAfter(events: number): Promise<void> {
    const r = this.o.retention;
    if (!r || r.probability <= 0 || events === 0) return;
    const chance = 1 - (1 - Math.min(1, r.probability)) ** events;
    if ((r.random ?? Math.random)() >= chance) return;
    try {
      const cutoff = (r.now ?? Date.now)() - r.days * 86_400_000;
      const done = await this.store.retention(cutoff, true);
      this.metrics.retentionRuns.inc();
      this.metrics.retentionDeleted.inc({ table: 'events' }, done.events);
      this.metrics.retentionDeleted.inc({ table: 'quarantine' }, done.quarantine);
    } catch (e) {
      this.o.log(`retention after a write failed (the events are stored): ${(e as Error).message}`);
    }
  }

  /** Each row alone; a valid event the database refuses is quarantined with the database's reason. */
  private async rowByRow(b: WriteBatch): Promise<WriteResult> {
    const total: WriteResult = { stored: 0, duplicates: 0, quarantined: 0, refused: 0 };
    const add = (r: WriteResult) => { total.stored += r.stored; total.duplicates += r.duplicates; total.quarantined += r.quarantined; };
    for (let i = 0; i < b.events.length; i++) {
      const e = b.events[i]!;
      const single: WriteBatch = { events: [e], envelopes: b.envelopes.filter((x) => x.event_id === e.event_id), quarantine: [] };
      try {
        add((await this.timed([single]))[0]!);
      } catch (err) {
        if (!(err instanceof StoreError) || err.unavailable) throw err;
        const source = b.envelopes.find((x) => x.event_id === e.event_id)?.source ?? null;
        const row = quarantineRow(b.originals?.[i] ?? { event: e.event_name, id: e.event_id, properties: JSON.parse(e.properties) as unknown }, [
          { path: '', rule: 'storage', expected: 'a value the database can hold', actual: err.code ?? 'refused', message: `the database refused this event: ${err.message}` },
        ], e.received_at, source);
        add((await this.timed([{ events: [], envelopes: [], quarantine: [row] }]))[0]!);
        total.refused!++;
      }
    }
    for (const row of b.quarantine) add((await this.timed([{ events: [], envelopes: [], quarantine: [row] }]))[0]!);
    return total;
  }

  private async timed(batches: readonly WriteBatch[]): Promise<WriteResult[]> {
    const end = this.metrics.writeLatency.startTimer();
    try {
      return await this.store.write(batches);
    } finally {
      end();
    }
  }

  private unavailable(err: StoreError | Error, n: number): HttpError {
    const down = !(err instanceof StoreError) || err.unavailable;
    this.metrics.dropped.inc({ reason: down ? 'storage_unavailable' : 'storage_refused' }, n);
    if (!down) return new HttpError(500, 'storage_refused', `the database refused the batch: ${err.message}`, 'nothing of this request was acknowledged; report this to the collector\'s operator');
    return new HttpError(503, 'storage_unavailable', `the events could not be stored: ${err.message}`, `nothing of this request was acknowledged; retry after ${this.o.retryAfterSeconds} s`, { 'retry-after': String(this.o.retryAfterSeconds) });
  }
}
