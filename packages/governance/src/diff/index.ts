import type { TaxonomyModel } from '@taxonomy/core';
import { diffEvents } from './events.js';
import { diffMetrics } from './metrics.js';
import { BUMP_OF, maxLevel, type Bump, type Change, type EventChange, type TaxonomyDiff } from './types.js';

const EMPTY: TaxonomyDiff = { changes: [], events: [], bump: 'none' };

/**
 * Classifies every change from `base` to `head` as breaking, additive or patch.
 * Without a base (a new taxonomy, or a base that does not load) there is nothing to compare.
 */
export function diffTaxonomies(base: TaxonomyModel | undefined, head: TaxonomyModel): TaxonomyDiff {
  if (!base) return EMPTY;
  const changes: Change[] = [];
  const emit = (c: Change) => changes.push(c);
  const renames = diffEvents({ base, head, emit });
  diffMetrics(base, head, emit);
  changes.sort((a, b) => key(a).localeCompare(key(b)));

  const baseBy = new Map(base.events.map((e) => [e.name, e] as const));
  const headBy = new Map(head.events.map((e) => [e.name, e] as const));
  const fromOf = new Map([...renames].map(([from, to]) => [to.name, from] as const));
  const byEvent = new Map<string, Change[]>();
  for (const c of changes) if (c.event) byEvent.set(c.event, [...(byEvent.get(c.event) ?? []), c]);
  const events: EventChange[] = [...byEvent].map(([name, list]) => {
    const from = fromOf.get(name);
    const b = baseBy.get(from ?? name), h = headBy.get(name);
    const status: EventChange['status'] = !h ? 'removed' : from ? 'renamed' : !b ? 'added' : 'changed';
    return { name, status, ...(from ? { from } : {}), level: maxLevel(list.map((c) => c.level))!, baseVersion: b?.version, headVersion: h?.version, changes: list };
  }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const level = maxLevel(changes.map((c) => c.level));
  const bump: Bump = level ? BUMP_OF[level] : 'none';
  return { changes, events, bump };
}

const key = (c: Change) => `${c.event ?? ''}\u0000${c.metric ?? ''}\u0000${c.property ?? ''}\u0000${c.kind}`;

export * from './types.js';
export { levelOf, shapeKey } from './shape.js';
export { pairRenames } from './events.js';
