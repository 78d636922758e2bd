import type { Property, TaxonomyEvent, TaxonomyModel } from '@taxonomy/core';
import type { RawFinding, Rule } from '../types.js';
import { listNames } from '../walk.js';
import { labelsOf } from './labels.js';

/** How many values a label can take, or undefined when it is open. */
function valueCount(p: Property): number | undefined {
  if (p.const !== undefined) return 1;
  if (p.type === 'boolean') return 2 + (p.nullable ? 1 : 0);
  if (p.enum) return p.enum.length + (p.nullable ? 1 : 0);
  return undefined;
}

/** Where to fix a label: its shared definition when it is a ref, else the property. */
function definition(p: Property, e: TaxonomyEvent, head: TaxonomyModel) {
  if (!p.ref) return p.location;
  return (head.properties.find((s) => s.name === p.ref && s.domain === e.domain) ?? head.properties.find((s) => s.name === p.ref && !s.domain))?.location ?? p.location;
}

export const metricsLabelValues: Rule = {
  id: 'metrics/label-values',
  defaultLevel: 'error',
  compares: false,
  summary: 'Labels of metrics-only destinations come only from enum or boolean properties with few values.',
  details: 'For events sent to a destination of `kind: metrics` (Prometheus), every label (the event\'s `x-prometheus-labels`, else its properties marked `cardinality: low`) must be an enum, a boolean or a const with at most `governance.max_label_values` (default 20) values. An open string makes one time series per distinct value: ids, versions or free text as labels explode the metrics store (seed 003: "only the low-cardinality fields become Prometheus labels").',
  example: { bad: 'provider: { type: string, cardinality: low }   # open list', good: 'provider: { type: string, enum: [claude, codex, cursor, other], cardinality: low }' },
  check: (_base, head, facts) => {
    const metricsDest = new Set(head.destinations.filter((d) => d.kind === 'metrics').map((d) => d.name));
    // One finding per label definition, naming every event that uses it.
    const groups = new Map<string, { build: (events: string) => RawFinding; events: string[] }>();
    const add = (key: string, e: TaxonomyEvent, build: (events: string) => RawFinding) => {
      const g = groups.get(key) ?? groups.set(key, { build, events: [] }).get(key)!;
      if (!g.events.includes(e.name)) g.events.push(e.name);
    };
    for (const e of head.events) {
      const dests = e.destinations.filter((d) => metricsDest.has(d));
      if (!dests.length) continue;
      for (const l of labelsOf(e)) {
        const p = l.property;
        if (!p) {
          add(`missing:${l.name}`, e, (evs) => ({ message: `label '${l.name}' of ${evs} (x-prometheus-labels) is not a property of the event, so its values cannot be checked`, location: e.location, fix: `add '${l.name}' to the event's properties as an enum of its values, or remove it from x-prometheus-labels` }));
          continue;
        }
        const loc = definition(p, e, head);
        const key = `${loc.file}:${loc.line}:${loc.column}:${p.name}`;
        const n = valueCount(p);
        if (n === undefined) {
          add(key, e, (evs) => ({ message: `'${p.name}' is a ${dests.join('/')} label of ${evs} but is an open ${p.type}${p.cardinality === 'high' ? ' marked cardinality: high' : ''}: every distinct value becomes a time series`, location: loc, fix: `give '${p.name}' an enum of its normalized values (with an "other" bucket)${l.declared ? `, or remove it from x-prometheus-labels` : ', or mark it cardinality: high so it is not a label'}` }));
        } else if (n > facts.config.maxLabelValues) {
          add(key, e, (evs) => ({ message: `'${p.name}' is a ${dests.join('/')} label of ${evs} with ${n} values; at most ${facts.config.maxLabelValues} are allowed`, location: loc, fix: `group the values into at most ${facts.config.maxLabelValues} buckets, or raise governance.max_label_values in taxonomy.yaml` }));
        }
      }
    }
    return [...groups.values()].map((g) => g.build(listNames(g.events)));
  },
};
