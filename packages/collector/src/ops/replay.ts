import { exactIntegers } from '../big-integers.js';
import type { Contract } from '../contract.js';
import { ingest } from '../ingest.js';
import type { ReplayMove, Store } from '../store/types.js';

export interface ReplayReport {
  readonly examined: number;
  /** Now valid: stored in the events table and removed from quarantine (or, in a dry run, would be). */
  readonly moved: number;
  /** Still invalid: kept, with the current validators' errors recorded. */
  readonly stillInvalid: number;
  readonly dryRun: boolean;
}

/**
 * Re-validates every quarantined event with the current validators (after the taxonomy was
 * fixed and regenerated). A page at a time, each page in one transaction: the now-valid events
 * go into the events table exactly as the collector would have stored them (same id, same
 * received_at, same source) and leave quarantine; the others stay, with their current errors.
 */
export async function replayQuarantine(store: Store, contract: Contract, options: { dryRun?: boolean; pageSize?: number } = {}): Promise<ReplayReport> {
  const pageSize = options.pageSize ?? 500;
  let after: string | null = null;
  let examined = 0, moved = 0, stillInvalid = 0;
  for (;;) {
    const page = await store.quarantinePage(after, pageSize);
    if (!page.length) break;
    after = page[page.length - 1]!.quarantine_key;
    const moves: ReplayMove[] = [];
    const invalid: { key: string; errors: string }[] = [];
    for (const row of page) {
      examined++;
      let payload: unknown;
      try { payload = exactIntegers(row.payload, JSON.parse(row.payload)); } catch { invalid.push({ key: row.quarantine_key, errors: row.errors }); continue; }
      const r = ingest([payload], contract, Number(row.received_at), row.source);
      if (r.valid === 1) {
        moves.push({ key: row.quarantine_key, batch: { events: r.batch.events, envelopes: r.batch.envelopes, quarantine: [] } });
      } else {
        invalid.push({ key: row.quarantine_key, errors: r.batch.quarantine[0]!.errors });
      }
    }
    moved += moves.length;
    stillInvalid += invalid.length;
    if (!options.dryRun && (moves.length || invalid.length)) await store.replay(moves, invalid);
  }
  return { examined, moved, stillInvalid, dryRun: !!options.dryRun };
}
