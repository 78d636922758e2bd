import type { Store } from '../store/types.js';

export interface RetentionReport {
  /** Events that occurred (quarantined rows received) before this instant are past retention. */
  readonly cutoff: string;
  readonly days: number;
  readonly applied: boolean;
  /** Found (dry run) or deleted (applied). */
  readonly events: number;
  readonly quarantine: number;
}

/**
 * Seed 004's cleanup: events older than the retention period (by occurred_at) go, with their
 * envelope rows; quarantined rows go by received_at. A dry run only counts.
 */
export async function retention(store: Store, options: { days: number; apply: boolean; now?: number }): Promise<RetentionReport> {
  if (!Number.isFinite(options.days) || options.days <= 0) throw new RangeError(`retention: days must be a positive number; got ${options.days}`);
  const cutoffMs = (options.now ?? Date.now()) - options.days * 86_400_000;
  const r = await store.retention(cutoffMs, options.apply);
  return { cutoff: new Date(cutoffMs).toISOString(), days: options.days, applied: options.apply, events: r.events, quarantine: r.quarantine };
}
