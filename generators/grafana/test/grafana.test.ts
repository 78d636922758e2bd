// The grafana generator: every panel's PromQL parsed with Prometheus' own grammar and checked
// against the declared names, types and labels; the JSON in the shape Grafana's dashboard model
// expects; deterministic and equal to the committed grafana/ folder; hostile text stays text.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parser } from '@prometheus-io/lezer-promql';
import { describe, expect, it } from 'vitest';
import { loadTaxonomy, type PrometheusMetric, type TaxonomyModel } from '@taxonomy/core';
import grafana, { metricsOnlyByCategory, QUANTILES, SCHEMA_VERSION } from '@taxonomy/gen-grafana';
import { writeTaxonomy } from '../../../test/warehouse/fixture.js';

const repo = join(import.meta.dirname, '../../..');

interface Target { refId: string; expr: string; legendFormat: string; datasource: { type: string; uid: string } }
interface Panel { id: number; type: string; title: string; description: string; datasource: { type: string; uid: string }; gridPos: { x: number; y: number; w: number; h: number }; targets: Target[] }
interface Dashboard { uid: string; title: string; schemaVersion: number; panels: Panel[]; templating: { list: { name: string; type: string; query: string }[] }; time: { from: string; to: string } }

/** What one expression reads, from Prometheus' syntax tree (Grafana's $__rate_interval replaced as Grafana does). */
function parse(expr: string) {
  const text = expr.replaceAll('$__rate_interval', '5m');
  const tree = parser.parse(text);
  const out = { errors: 0, functions: [] as string[], selectors: [] as string[], grouping: [] as string[][], quantile: undefined as number | undefined };
  const c = tree.cursor();
  do {
    const node = text.slice(c.from, c.to);
    if (c.type.isError) out.errors++;
    else if (c.name === 'FunctionIdentifier') out.functions.push(node);
    else if (c.name === 'VectorSelector') out.selectors.push(node);
    else if (c.name === 'GroupingLabels') out.grouping.push(node.slice(1, -1).split(',').map((s) => s.trim()).filter(Boolean));
    else if (c.name === 'NumberDurationLiteral' && out.quantile === undefined && out.functions[0] === 'histogram_quantile') out.quantile = Number(node);
  } while (c.next());
  return out;
}

function generate(model: TaxonomyModel) {
  const files = grafana.generate(model, {}) as { path: string; contents: string }[];
  return { files, dashboards: files.filter((f) => f.path.endsWith('.json')).map((f) => ({ path: f.path, d: JSON.parse(f.contents) as Dashboard })) };
}

/** Every check of a generated set of dashboards against the model's declarations. */
function checkAll(model: TaxonomyModel): Dashboard[] {
  const { dashboards } = generate(model);
  const declared = new Map(model.prometheus.map((m) => [m.name, m]));
  const drawn = new Map<string, number>();
  for (const { path, d } of dashboards) {
    // The dashboard model: what Grafana reads on import or provisioning.
    expect(d.schemaVersion, path).toBe(SCHEMA_VERSION);
    expect(d.uid, path).toMatch(/^[a-zA-Z0-9_-]{1,40}$/);
    expect(typeof d.title, path).toBe('string');
    expect(d.time).toEqual({ from: expect.any(String), to: expect.any(String) });
    const ds = d.templating.list.find((v) => v.type === 'datasource');
    expect(ds, `${path}: a datasource variable`).toMatchObject({ name: 'datasource', query: 'prometheus' });
    expect(d.panels.length, path).toBeGreaterThan(0);
    expect(new Set(d.panels.map((p) => p.id)).size, `${path}: panel ids unique`).toBe(d.panels.length);
    const cells = new Set<string>();
    for (const p of d.panels) {
      const g = p.gridPos;
      expect([g.x, g.y, g.w, g.h].every(Number.isInteger) && g.x >= 0 && g.w > 0 && g.h > 0 && g.x + g.w <= 24, `${path} ${p.title}: gridPos ${JSON.stringify(g)}`).toBe(true);
      for (let x = g.x; x < g.x + g.w; x++) for (let y = g.y; y < g.y + g.h; y++) { expect(cells.has(`${x},${y}`), `${p.title} overlaps`).toBe(false); cells.add(`${x},${y}`); }
      expect(p.datasource).toEqual({ type: 'prometheus', uid: '${datasource}' });
      expect(p.targets.length).toBeGreaterThan(0);
      expect(new Set(p.targets.map((t) => t.refId)).size).toBe(p.targets.length);
      const names = new Set<string>();
      for (const t of p.targets) {
        expect(t.datasource.uid).toBe('${datasource}');
        const q = parse(t.expr);
        expect(q.errors, `${t.expr} parses`).toBe(0);
        expect(q.selectors).toHaveLength(1);
        const sel = q.selectors[0]!;
        const m = declared.get(sel) ?? declared.get(sel.replace(/_bucket$/, ''));
        expect(m, `${sel} is declared`).toBeDefined();
        names.add(m!.name);
        const labels = m!.labels.map((l) => l.name);
        if (m!.type === 'counter') {
          expect(sel).toBe(m!.name);
          expect(q.functions).toEqual(['rate']);
          expect(q.grouping).toEqual(labels.length ? [labels] : []);
        } else {
          expect(sel).toBe(`${m!.name}_bucket`);
          expect(q.functions).toEqual(['histogram_quantile', 'rate']);
          expect(q.grouping).toEqual([['le', ...labels]]);
        }
        for (const l of labels) expect(t.legendFormat).toContain(`{{${l}}}`);
      }
      expect(names.size, `${p.title}: one metric per panel`).toBe(1);
      const m = declared.get([...names][0]!)!;
      if (m.type === 'histogram') expect(p.targets.map((t) => parse(t.expr).quantile)).toEqual([...QUANTILES]);
      drawn.set(m.name, (drawn.get(m.name) ?? 0) + 1);
    }
  }
  // Every declared metric that a metrics-only event updates is drawn once per category of those events.
  for (const [, events] of metricsOnlyByCategory(model)) for (const m of model.prometheus) if (m.events.some((e) => events.has(e.event))) expect(drawn.get(m.name), m.name).toBeGreaterThan(0);
  return dashboards.map((x) => x.d);
}

describe('grafana on the repository taxonomy', () => {
  const model = loadTaxonomy(join(repo, 'taxonomy'), { cwd: repo }).model!;

  it('one dashboard per category of metrics-only events, every PromQL checked against the declarations', () => {
    const ds = checkAll(model);
    const categories = [...metricsOnlyByCategory(model)].filter(([, evs]) => model.prometheus.some((m: PrometheusMetric) => m.events.some((e) => evs.has(e.event)))).map(([c]) => c);
    expect(ds.map((d) => d.title).sort()).toEqual(categories.map((c) => `${model.name}: ${c}`).sort());
    // Seed 003's eight agent task metrics: five counters and three histograms.
    const panels = ds.flatMap((d) => d.panels);
    expect(panels.filter((p) => p.targets[0]!.expr.startsWith('sum by')).length).toBe(5);
    expect(panels.filter((p) => p.targets[0]!.expr.startsWith('histogram_quantile')).length).toBe(3);
  });

  it('is deterministic and equal to the committed grafana/ folder', () => {
    const a = generate(model).files, b = generate(model).files;
    expect(b).toEqual(a);
    for (const f of a) expect(readFileSync(join(repo, 'grafana', f.path), 'utf8'), `grafana/${f.path}`).toBe(f.contents);
  });
});

const HOSTILE = `<img src=x onerror=alert(1)> "quoted" \\ back\nline\u2028sep | pipe`;

describe('grafana on a small taxonomy', () => {
  const tax = (extra = '') => loadTaxonomy(writeTaxonomy({
    'taxonomy.yaml': 'name: graf\nversion: 1.0.0\n',
    'categories.yaml': `categories:\n  ops: { description: ${JSON.stringify(HOSTILE)} }\n  product: { description: P. }\n`,
    'destinations.yaml': 'destinations:\n  prom: { kind: metrics, description: P. }\n  wh: { kind: warehouse, description: W. }\n',
    'domains/ops.yaml': `domain: ops
destinations: [prom]
prometheus:
  jobs_total: { type: counter, help: ${JSON.stringify(HOSTILE)}, labels: [kind] }
  plain_total: { type: counter, help: No labels., labels: [] }
  job_seconds: { type: histogram, help: Job time., unit: seconds, labels: [kind], buckets: [1, 5] }
events:
  job_done:
    description: Done.
    category: ops
    properties:
      kind: { type: string, enum: [a, b] }
      seconds: { type: number }
    prometheus: [{ metric: jobs_total }, { metric: plain_total }, { metric: job_seconds, observe: seconds }]
${extra}`,
    'domains/app.yaml': 'domain: app\ndestinations: [wh]\nevents:\n  clicked: { description: C., category: product, properties: {} }\n',
  })).model!;

  it('checks out, with a counter without labels and a histogram; product events get no dashboard', () => {
    const model = tax();
    expect(model).toBeDefined();
    const ds = checkAll(model);
    expect(ds.map((d) => d.title)).toEqual(['graf: ops']);
    expect(ds[0]!.panels.map((p) => p.targets[0]!.expr)).toEqual([
      'sum by (kind) (rate(jobs_total[$__rate_interval]))',
      'sum (rate(plain_total[$__rate_interval]))',
      'histogram_quantile(0.5, sum by (le, kind) (rate(job_seconds_bucket[$__rate_interval])))',
    ]);
  });

  it('hostile help and category text stay JSON string values (U+2028 escaped)', () => {
    const { files, dashboards } = generate(tax());
    const d = dashboards[0]!.d;
    expect(d.panels[0]!.description.startsWith(HOSTILE)).toBe(true);
    expect((d as unknown as { description: string }).description).toBe(HOSTILE);
    const json = files.find((f) => f.path === 'ops.json')!.contents;
    expect(json).not.toContain('\u2028');
    expect(JSON.parse(json).description).toBe(HOSTILE);
  });

  it('a category of metrics-only events with no declared metric gets no dashboard, and the README says so', () => {
    const model = tax(`  idle:\n    description: Idle.\n    category: product\n    properties: {}\n`);
    const { files, dashboards } = generate(model);
    expect(dashboards.map((x) => x.path)).toEqual(['ops.json']);
    expect(files.find((f) => f.path === 'README.md')!.contents).toContain('no declared Prometheus metric (no dashboard): product');
  });
});
