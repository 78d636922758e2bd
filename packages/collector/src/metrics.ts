import { Counter, Gauge, Histogram, Registry } from 'prom-client';

/**
 * The collector's Prometheus metrics, in a registry of its own (several collectors can run
 * in one process, as in the tests). Label values are bounded: routes and reasons are fixed
 * sets, statuses are the few this service answers.
 */
export class CollectorMetrics {
  readonly registry = new Registry();
  readonly requests = new Counter({ name: 'collector_requests_total', help: 'HTTP requests answered, by route and status.', labelNames: ['route', 'status'], registers: [this.registry] });
  readonly received = new Counter({ name: 'collector_events_received_total', help: 'Events received in well-formed requests.', registers: [this.registry] });
  readonly accepted = new Counter({ name: 'collector_events_accepted_total', help: 'Events that passed validation (stored in the events table or already there).', registers: [this.registry] });
  readonly rejected = new Counter({ name: 'collector_events_rejected_total', help: 'Events that failed validation and were quarantined, by the first error\'s rule.', labelNames: ['reason'], registers: [this.registry] });
  readonly stored = new Counter({ name: 'collector_events_stored_total', help: 'Rows newly written, by table (events, quarantine).', labelNames: ['table'], registers: [this.registry] });
  readonly retentionRuns = new Counter({ name: 'collector_retention_runs_total', help: 'Cleanups run after a write (taxonomy.yaml retention.probability).', registers: [this.registry] });
  readonly retentionDeleted = new Counter({ name: 'collector_retention_deleted_total', help: 'Rows deleted by those cleanups, by table (events, quarantine).', labelNames: ['table'], registers: [this.registry] });
  readonly duplicates = new Counter({ name: 'collector_events_duplicate_total', help: 'Valid events whose id was already stored (retries); not stored again.', registers: [this.registry] });
  readonly dropped = new Counter({ name: 'collector_events_dropped_total', help: 'Events refused without being stored; the sender was told to retry (queue_full, storage_unavailable, shutting_down, storage_refused).', labelNames: ['reason'], registers: [this.registry] });
  readonly queueDepth = new Gauge({ name: 'collector_queue_depth', help: 'Events waiting to be written (or being written).', registers: [this.registry] });
  readonly queueCapacity = new Gauge({ name: 'collector_queue_capacity', help: 'Most events that may wait to be written; beyond, requests get 503.', registers: [this.registry] });
  readonly storageUp = new Gauge({ name: 'collector_storage_up', help: '1 when the last write succeeded, 0 after a storage failure.', registers: [this.registry] });
  readonly latency = new Histogram({
    name: 'collector_request_duration_seconds', help: 'Time from request to answer, by route.', labelNames: ['route'], registers: [this.registry],
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
  });
  readonly writeLatency = new Histogram({
    name: 'collector_write_duration_seconds', help: 'Time of one storage transaction (a group of requests).', registers: [this.registry],
    buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
  });

  constructor() {
    this.storageUp.set(1);
  }
}
