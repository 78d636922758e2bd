import type { Property, TaxonomyEvent } from '@taxonomy/core';

/**
 * The labels of an event on a metrics destination: its `x-prometheus-labels` when given,
 * else its properties marked `cardinality: low`. A metrics destination receives counters
 * with these labels and nothing else of the event.
 */
export function labelsOf(e: TaxonomyEvent): { name: string; property?: Property; declared: boolean }[] {
  const declared = e.extensions['x-prometheus-labels'] ?? e.extensions['x-metric-labels'];
  if (Array.isArray(declared)) return declared.map((n) => ({ name: String(n), property: e.properties.find((p) => p.name === n), declared: true }));
  return e.properties.filter((p) => p.cardinality === 'low').map((p) => ({ name: p.name, property: p, declared: false }));
}
