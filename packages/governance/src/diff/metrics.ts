import type { Metric, TaxonomyModel } from '@taxonomy/core';
import { levelOf } from './shape.js';
import type { Change, ChangeKind } from './types.js';

const TEXT = ['description', 'owner', 'source', 'target', 'extensions'] as const;
/** Everything that decides the number a metric shows. */
const DEFINITION = ['type', 'measure', 'numerator', 'denominator', 'from', 'to', 'joinOn', 'statistic', 'steps', 'window', 'grain', 'groupBy'] as const;

/**
 * Compares metrics. Removing one is breaking (dashboards and generated SQL lose it);
 * adding one is additive; a new definition is additive (same name, new numbers: the
 * impact rule names it); words are a patch.
 */
export function diffMetrics(base: TaxonomyModel, head: TaxonomyModel, emit: (c: Change) => void): void {
  const headBy = new Map(head.metrics.map((m) => [m.name, m] as const));
  const baseBy = new Map(base.metrics.map((m) => [m.name, m] as const));
  const c = (kind: ChangeKind, m: Metric, message: string, location = m.location): Change => ({ kind, level: levelOf(kind), metric: m.name, message, location });
  for (const b of base.metrics) if (!headBy.has(b.name)) emit(c('metric-removed', b, `metric '${b.name}' was removed`));
  for (const h of head.metrics) {
    const b = baseBy.get(h.name);
    if (!b) { emit(c('metric-added', h, `metric '${h.name}' was added`)); continue; }
    const def = DEFINITION.filter((k) => JSON.stringify(b[k]) !== JSON.stringify(h[k]));
    if (def.length) emit(c('metric-changed', h, `metric '${h.name}': ${def.join(', ')} changed`));
    const words = TEXT.filter((k) => JSON.stringify(b[k]) !== JSON.stringify(h[k]));
    if (words.length) emit(c('metric-text', h, `metric '${h.name}': ${words.join(', ')} changed`));
  }
}
