import { suggestion } from '../diagnostics.js';
import type { Property, PrometheusLabel, PrometheusMetric, TaxonomyEvent } from '../model.js';
import { eventKey } from '../model.js';
import type { RawDomainFile, RawPrometheusMetric } from '../raw-types.js';
import { Cursor, type ResolveContext } from './context.js';
import type { SourceFile } from '../source.js';

/** A metric as declared, with where it was declared. */
export interface DeclaredMetric {
  readonly name: string;
  readonly raw: RawPrometheusMetric;
  readonly domain: string;
  readonly file: SourceFile;
}

/** The values a property can take as a label, or undefined for an open one. */
function valuesOf(p: Property): string[] | undefined {
  if (p.enum) return p.enum.map(String);
  if (p.const !== undefined) return [String(p.const)];
  if (p.type === 'boolean') return ['false', 'true'];
  return undefined;
}

function checkDeclaration(m: DeclaredMetric, cur: Cursor): void {
  const { raw, name } = m;
  if (raw.type === 'histogram') {
    if (!raw.buckets) cur.at('type').error('prometheus/buckets', `histogram '${name}' declares no buckets`, 'add buckets: [upper bounds, increasing] (for seconds, e.g. [0.5, 1, 5, 30, 60, 300])');
    else if (raw.buckets.some((b, i) => i > 0 && b <= raw.buckets![i - 1]!)) cur.at('buckets').error('prometheus/buckets', `buckets of '${name}' are not strictly increasing`, 'sort the bucket bounds and remove duplicates');
  } else {
    if (raw.buckets) cur.at('buckets').error('prometheus/buckets', `counter '${name}' declares buckets`, 'remove buckets:, or make it type: histogram');
    if (!name.endsWith('_total')) cur.warn('prometheus/counter-name', `counter '${name}' does not end in _total`, `rename it '${name}_total' (Prometheus naming convention)`, { key: true });
  }
  for (const l of Object.keys(raw.label_values ?? {})) {
    if (!raw.labels.includes(l)) cur.at('label_values', l).error('prometheus/label-values', `label_values names '${l}', which is not a label of '${name}'`, `add '${l}' to labels: or remove it from label_values:`, { key: true });
  }
  if (raw.labels.includes('le') || raw.labels.includes('quantile')) cur.at('labels').error('prometheus/reserved-label', `'${name}' uses a label Prometheus reserves (le, quantile)`, 'rename the property used as a label');
}

/**
 * Resolves every domain's `prometheus:` declarations against the events that bind to
 * them: each binding names a declared metric, each label is a property of every bound
 * event with a bounded set of values (the property's enum, const or boolean, or
 * `label_values`), and a histogram observes a numeric property.
 */
export function resolvePrometheus(
  ctx: ResolveContext, declared: readonly DeclaredMetric[], events: readonly TaxonomyEvent[], fileOf: (path: string) => SourceFile,
): PrometheusMetric[] {
  const byName = new Map<string, DeclaredMetric>();
  for (const m of declared) {
    const cur = new Cursor(ctx, m.file, ['prometheus', m.name]);
    const prev = byName.get(m.name);
    if (prev) { cur.error('duplicate/prometheus-metric', `Prometheus metric '${m.name}' is already declared in domain '${prev.domain}' (${prev.file.path})`, 'declare each metric once and bind events of other domains to it', { key: true }); continue; }
    byName.set(m.name, m);
    checkDeclaration(m, cur);
  }
  const bound = new Map<string, { event: TaxonomyEvent; observe?: string }[]>();
  for (const ev of events) {
    const seen = new Set<string>();
    (ev.prometheus ?? []).forEach((b, i) => {
      const cur = new Cursor(ctx, fileOf(ev.location.file), ['events', eventKey(ev, fileOf(ev.location.file).data), 'prometheus', i]);
      const m = byName.get(b.metric);
      if (!m) { cur.at('metric').error('ref/unknown-prometheus-metric', `unknown Prometheus metric '${b.metric}'${suggestion(b.metric, byName.keys())}`, 'declare it under prometheus: in a domain file, or fix the name'); return; }
      if (seen.has(b.metric)) { cur.at('metric').error('duplicate/prometheus-binding', `event '${ev.name}' binds '${b.metric}' twice`, 'bind each metric once per event'); return; }
      seen.add(b.metric);
      if (m.raw.type === 'histogram') {
        if (!b.observe) { cur.error('prometheus/observe', `histogram '${b.metric}' needs the property it observes`, 'add observe: <numeric property of the event>'); return; }
        const p = ev.properties.find((q) => q.name === b.observe);
        if (!p) { cur.at('observe').error('prometheus/observe', `'${b.observe}' is not a property of '${ev.name}'${suggestion(b.observe, ev.properties.map((q) => q.name))}`, 'observe a numeric property of the event'); return; }
        if (p.type !== 'number' && p.type !== 'integer') { cur.at('observe').error('prometheus/observe', `'${b.observe}' is a ${p.type}; a histogram observes a number`, 'observe a property of type number or integer'); return; }
      } else if (b.observe) { cur.at('observe').error('prometheus/observe', `counter '${b.metric}' cannot observe a property`, 'remove observe:, or bind a histogram'); return; }
      for (const l of m.raw.labels) {
        if (!ev.properties.some((q) => q.name === l)) cur.at('metric').error('prometheus/label-property', `label '${l}' of '${b.metric}' is not a property of '${ev.name}'`, `add '${l}' to the event's properties, or bind another metric`);
      }
      const list = bound.get(b.metric) ?? [];
      list.push({ event: ev, observe: b.observe });
      bound.set(b.metric, list);
    });
  }
  const out: PrometheusMetric[] = [];
  for (const m of byName.values()) {
    const cur = new Cursor(ctx, m.file, ['prometheus', m.name]);
    const uses = (bound.get(m.name) ?? []).sort((a, b) => (a.event.name < b.event.name ? -1 : 1));
    if (uses.length === 0) cur.warn('prometheus/unused', `Prometheus metric '${m.name}' is updated by no event`, `add prometheus: [{ metric: ${m.name} }] to the events that update it, or remove it`, { key: true });
    const labels: PrometheusLabel[] = [];
    for (const l of m.raw.labels) {
      let values: readonly string[] | undefined = m.raw.label_values?.[l];
      if (!values) {
        const union: string[] = [];
        let open = false;
        for (const u of uses) {
          const p = u.event.properties.find((q) => q.name === l);
          const v = p && valuesOf(p);
          if (p && !v) open = true;
          for (const x of v ?? []) if (!union.includes(x)) union.push(x);
        }
        if (open) cur.at('labels').error('prometheus/open-label', `label '${l}' of '${m.name}' is an open property: every distinct value would be a time series`, `add label_values: { ${l}: [normalised values] } (others are counted under "other"), or give the property an enum`);
        values = union;
      }
      labels.push({ name: l, values: [...values] });
    }
    out.push({
      name: m.name, type: m.raw.type, domain: m.domain, labels, buckets: m.raw.buckets && [...m.raw.buckets], unit: m.raw.unit,
      help: m.raw.help ?? `${m.raw.type === 'counter' ? 'Count' : 'Distribution'} of ${uses.map((u) => u.event.name).join(', ') || 'no event'} (from the analytics taxonomy).`,
      events: uses.map((u) => (u.observe ? { event: u.event.name, observe: u.observe } : { event: u.event.name })),
      location: cur.location({ key: true }),
    });
  }
  return out.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

export function declaredMetrics(raw: RawDomainFile, file: SourceFile): DeclaredMetric[] {
  return Object.entries(raw.prometheus ?? {}).map(([name, m]) => ({ name, raw: m, domain: raw.domain, file }));
}
