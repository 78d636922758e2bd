import type { RetentionOnWrite } from './queue.js';
import type { Contract } from './contract.js';
import type { WriteKeys } from './auth.js';
import type { Store } from './store/types.js';

/** Everything a collector is made of; only `contract` and `store` are required. */
export interface CollectorOptions {
  /** The generated validators and SQL packages. */
  readonly contract: Contract;
  /** Where events go (SqliteStore, PostgresStore). The collector initialises it and closes it on close(). */
  readonly store: Store;
  /** Write keys per source; without them every request is accepted (source null). */
  readonly writeKeys?: WriteKeys;
  /** Largest request body in bytes. Default 1,000,000 (httpSink sends at most 500,000). */
  readonly maxBodyBytes?: number;
  /** Most events in one request; more is 413 (httpSink halves its batch). Default 2,000. */
  readonly maxBatchEvents?: number;
  /** Most events waiting to be written; beyond, 503 with Retry-After. Default 20,000. */
  readonly queueCapacity?: number;
  /** Most events in one storage transaction. Default 5,000. */
  readonly maxTransactionEvents?: number;
  /** Most requests being read or processed at once; beyond, 429 with Retry-After. Default 256. */
  readonly maxInflightRequests?: number;
  /** Most of those one client may hold: its write key's source, else its address. Default 32 (never more than maxInflightRequests). */
  readonly maxInflightPerClient?: number;
  /** Retry-After (seconds) on 429 and 503. Default 1. */
  readonly retryAfterSeconds?: number;
  /** A client must send its headers within this (slow-loris guard). Default 10,000 ms. */
  readonly headersTimeoutMs?: number;
  /** A client must send its whole request within this. Default 30,000 ms. */
  readonly requestTimeoutMs?: number;
  /** An idle keep-alive connection is closed after this. Default 5,000 ms. */
  readonly keepAliveTimeoutMs?: number;
  /** Most open connections; more are refused at accept. Default 10,000. */
  readonly maxConnections?: number;
  /** On close(), requests still running after this are cut off (unacknowledged, so they are retried). Default 30,000 ms. */
  readonly drainTimeoutMs?: number;
  /** `Access-Control-Allow-Origin` for browsers posting from other origins. Default '*' (write keys are headers, not cookies). Empty string: no CORS headers. */
  readonly corsOrigin?: string;
  /** Where operational messages go (storage down/up). Default: stderr. */
  readonly log?: (message: string) => void;
  /**
   * Requests to any other path (the dashboard): answered by this handler when it returns true;
   * false lets the collector answer 404. Its errors are answered like the collector's own.
   */
  readonly routes?: (req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse) => Promise<boolean>;
  /** Told after each request's events are durably stored (the dashboard's live feed). Must not throw. */
  readonly onStored?: (events: readonly import('./contract.js').EventRow[], source: string | null) => void;
  /** Clock in ms (received_at). Default Date.now. */
  readonly now?: () => number;
  /** Retention run after writes with a chance per stored event (taxonomy.yaml retention.probability). Default: none. */
  readonly retention?: RetentionOnWrite;
}

export const DEFAULTS = {
  maxBodyBytes: 1_000_000,
  maxBatchEvents: 2_000,
  queueCapacity: 20_000,
  maxTransactionEvents: 5_000,
  maxInflightRequests: 256,
  maxInflightPerClient: 32,
  retryAfterSeconds: 1,
  headersTimeoutMs: 10_000,
  requestTimeoutMs: 30_000,
  keepAliveTimeoutMs: 5_000,
  maxConnections: 10_000,
  drainTimeoutMs: 30_000,
  corsOrigin: '*',
} as const;
