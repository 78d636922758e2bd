import type { Property, TaxonomyModel } from '@taxonomy/core';

/**
 * How the envelope columns of the raw table are filled from an event: for each column,
 * the first of these top-level property names the event defines (ids: a string or an
 * integer property; occurred_at: a date-time string property). The envelope's own
 * `timestamp` wins over a property for occurred_at.
 */
export interface EnvelopeOptions {
  /** Properties that fill org_id, in order of preference. */
  org_id?: string[];
  /** Properties that fill workspace_id, in order of preference. */
  workspace_id?: string[];
  /** Properties that fill user_id, in order of preference. */
  user_id?: string[];
  /** Properties that fill session_id, in order of preference. */
  session_id?: string[];
  /** Date-time properties that fill occurred_at when the envelope has no timestamp. */
  occurred_at?: string[];
}

export const DEFAULT_ENVELOPE: Required<EnvelopeOptions> = {
  org_id: ['org_id', 'orgId'],
  workspace_id: ['workspace_id', 'workspaceId'],
  user_id: ['user_id', 'userId'],
  session_id: ['session_id', 'sessionId'],
  occurred_at: ['timestamp'],
};

export type EnvelopeColumn = keyof EnvelopeOptions;
export const ENVELOPE_KEYS: readonly EnvelopeColumn[] = ['org_id', 'workspace_id', 'user_id', 'session_id', 'occurred_at'];

function pick(byName: ReadonlyMap<string, Property>, col: EnvelopeColumn, names: readonly string[]): string | undefined {
  for (const n of names) {
    const p = byName.get(n);
    if (!p) continue;
    if (col === 'occurred_at' ? p.type === 'string' && p.format === 'date-time' : p.type === 'string' || p.type === 'integer') return n;
  }
  return undefined;
}

/** Per event name: which property fills each envelope column (only the columns it can fill). */
export function envelopeMap(model: TaxonomyModel, o: EnvelopeOptions): Record<string, Partial<Record<EnvelopeColumn, string>>> {
  const out: Record<string, Partial<Record<EnvelopeColumn, string>>> = {};
  // Only the listed names are looked up: one pass over each event's properties, not one per name.
  const listed = new Set(ENVELOPE_KEYS.flatMap((k) => o[k] ?? DEFAULT_ENVELOPE[k]));
  const byName = new Map<string, Property>();
  for (const e of model.events) {
    byName.clear();
    for (const p of e.properties) if (listed.has(p.name) && !byName.has(p.name)) byName.set(p.name, p);
    const m: Partial<Record<EnvelopeColumn, string>> = {};
    for (const k of ENVELOPE_KEYS) {
      const hit = pick(byName, k, o[k] ?? DEFAULT_ENVELOPE[k]);
      if (hit) m[k] = hit;
    }
    out[e.name] = m;
  }
  return out;
}
