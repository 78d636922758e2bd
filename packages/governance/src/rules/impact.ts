import type { TaxonomyModel } from '@taxonomy/core';
import type { TaxonomyDiff } from '../diff/types.js';
import type { Rule } from '../types.js';
import { listNames } from '../walk.js';

/** What a changed event feeds: metrics (funnels apart) and dashboard categories, in base or head. */
export interface EventImpact {
  readonly event: string;
  readonly level: string;
  readonly metrics: readonly string[];
  readonly funnels: readonly string[];
  readonly categories: readonly string[];
  /** The dashboards of those categories (categories' `dashboard:`), by category. */
  readonly dashboards: Readonly<Record<string, string>>;
}

/** The impact of every event the change touches (seed 003: "state which existing funnel / insight is affected"). */
export function impactOf(diff: TaxonomyDiff, base: TaxonomyModel | undefined, head: TaxonomyModel): EventImpact[] {
  const out: EventImpact[] = [];
  for (const ev of diff.events) {
    const names = [ev.name, ev.from].filter((n): n is string => !!n);
    const metrics = new Map<string, string>();
    for (const m of [...(base?.metrics ?? []), ...head.metrics]) if (names.some((n) => m.events.includes(n))) metrics.set(m.name, m.type);
    const categories = new Set<string>();
    for (const e of [...(base?.events ?? []), ...head.events]) if (names.includes(e.name) && e.category) categories.add(e.category);
    const all = [...metrics].sort(([a], [b]) => (a < b ? -1 : 1));
    if (!all.length && !categories.size) continue;
    const dashboards: Record<string, string> = {};
    for (const c of [...(base?.categories ?? []), ...head.categories]) if (categories.has(c.name) && c.dashboard) dashboards[c.name] = c.dashboard;
    out.push({
      event: ev.name, level: ev.level, dashboards,
      metrics: all.filter(([, t]) => t !== 'funnel').map(([n]) => n),
      funnels: all.filter(([, t]) => t === 'funnel').map(([n]) => n),
      categories: [...categories].sort(),
    });
  }
  return out;
}

export const impactAffected: Rule = {
  id: 'impact/affected',
  defaultLevel: 'info',
  compares: true,
  summary: 'Names every metric, funnel and dashboard category a changed event feeds.',
  details: 'Informational: the pull-request summary states it automatically, so reviewers see which KPIs may move. Set it to `warn` to make it visible as annotations too.',
  check: (base, head, facts) => impactOf(facts.diff, base, head).map((i) => {
    const ev = facts.diff.events.find((e) => e.name === i.event)!;
    const parts = [
      i.metrics.length && `metrics ${listNames(i.metrics, 6)}`,
      i.funnels.length && `funnels ${listNames(i.funnels, 6)}`,
      i.categories.length && `dashboard ${i.categories.length === 1 ? 'category' : 'categories'} ${listNames(i.categories.map((c) => (i.dashboards[c] ? `${c} (${i.dashboards[c]})` : c)))}`,
    ].filter(Boolean);
    return {
      message: `${ev.status} event '${i.event}' (${ev.level}) feeds ${parts.join('; ')}`,
      location: head.events.find((e) => e.name === i.event)?.location ?? ev.changes[0]?.location,
      fix: 'check these metrics and dashboards after the release; say in the pull request whether their numbers are expected to move',
    };
  }),
};
