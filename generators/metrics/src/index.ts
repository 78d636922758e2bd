import { readFileSync } from 'node:fs';
import { stableJson, type GeneratedFile, type Generator, type TaxonomyModel, generatedPackageName } from '@taxonomy/core';
import { compile, formatFinding, metricColumns, QUANTILES, SEMANTICS, type MetricPlan, type PlanMeasure, type PlanSource } from '@taxonomy/gen-sql';
import Handlebars from 'handlebars';

export interface MetricsOptions {
  /** npm name of the generated package. Default: the taxonomy's `packages.metrics`, else `@<name>/metrics`. */
  packageName?: string;
}

const hb = Handlebars.create();
const template = (name: string) => readFileSync(new URL(`./templates/${name}`, import.meta.url), 'utf8');
const render = (name: string, model: object) => hb.compile(template(`${name}.hbs`), { noEscape: true, strict: true })(model);

/** Text inside a JSDoc block: one line, and never the end of the comment. */
export function jsdocText(s: string | undefined): string {
  return (s ?? '').replace(/[\u0000-\u001f\u007f\u2028\u2029]+/g, ' ').replace(/\s+/g, ' ').trim().replace(/\*\//g, '*\\/');
}

function source(s: PlanSource): object {
  return {
    event: s.event,
    anyOf: s.anyOf.map((and) => and.map((f) => ({ path: f.column.segments, op: f.op, ...(f.value !== undefined ? { value: f.value } : {}) }))),
    ...(s.value ? { value: s.value.segments } : {}),
    ...(s.over ? { over: s.over.segments } : {}),
    ...(s.itemValue ? { itemValue: s.itemValue.map((c) => c.segments) } : {}),
    ...(s.key ? { key: s.key.segments } : {}),
    // A field of the current item (over:) is { item: path }; an event property is its path.
    // The segment column is { segment: true } (the metric's segment gives its labels).
    // group_by $event is { eventName }: a constant per source.
    groups: s.groups.map((g) => (g.eventName !== undefined ? { eventName: g.eventName } : g.segment ? { segment: true } : g.item ? { item: g.segments } : g.segments)),
  };
}

const measure = (m: PlanMeasure) => ({ aggregate: m.aggregate, ...(m.within ? { within: true } : {}), sources: m.sources.map(source) });

/** The deciding event, the join key on each side (one path: the same property) and the two labels. */
function segmentSpec(p: MetricPlan): object {
  const g = p.groups.findIndex((x, i) => p.measure!.sources[0]!.groups[i]!.segment);
  const labels = p.measure!.sources[0]!.groups[g]!.segment!;
  return { event: p.segment!.event, key: p.segment!.key.segments, present: labels.present, absent: labels.absent };
}

/** The definition the runtime interprets: the plan, minus what only SQL needs. */
export function metricSpec(p: MetricPlan): object {
  return {
    name: p.name, type: p.type,
    ...(p.windowMs ? { windowMs: p.windowMs } : {}), ...(p.grain ? { grain: p.grain } : {}),
    groups: p.groups.map((g) => g.column),
    ...(p.groups.some((g) => g.bins) ? { bins: p.groups.map((g) => g.bins ?? null) } : {}),
    ...(p.segment ? { segment: segmentSpec(p) } : {}),
    ...(p.measure ? { measure: measure(p.measure) } : {}),
    ...(p.numerator ? { numerator: measure(p.numerator), denominator: measure(p.denominator!) } : {}),
    ...(p.duration ? { duration: { from: source(p.duration.from), to: source(p.duration.to), statistic: p.duration.statistic, ...(QUANTILES[p.duration.statistic] ? { q: QUANTILES[p.duration.statistic] } : {}) } } : {}),
    ...(p.funnel ? { funnel: { steps: p.funnel.steps.map(source) } } : {}),
  };
}

const TS_TYPE: Record<string, string> = { string: 'string', integer: 'number', number: 'number', boolean: 'boolean' };

function rowFields(p: MetricPlan): string[] {
  return [
    ...(p.grain ? ['bucket: string'] : []),
    ...p.groups.map((g) => `${g.column}: ${TS_TYPE[g.kind] ?? 'unknown'} | null`),
    ...(p.type === 'funnel' ? ['step: number', 'event: string'] : []),
    `value: ${p.type === 'funnel' || (p.measure && (p.measure.aggregate === 'count' || p.measure.aggregate === 'distinct_count' || p.measure.aggregate === 'sum')) ? 'number' : 'number | null'}`,
  ];
}

const RUNNER: Record<string, string> = { ratio: 'ratio', duration: 'duration', funnel: 'funnel' };

function doc(p: MetricPlan): string[] {
  const facts = [p.type, p.window ? (p.type === 'funnel' ? `conversion window ${p.window}` : `window ${p.window}`) : 'all data', ...(p.grain ? [`grain ${p.grain}`] : []), ...(p.groups.length ? [`by ${p.groups.map((g) => g.path).join(', ')}`] : [])];
  return [
    jsdocText(p.description),
    '',
    `${facts.join(' · ')}. Rows: { ${metricColumns(p).join(', ')} }.`,
    ...(p.source ? [`Source: ${jsdocText(p.source)}`] : []),
    `Same result as the SQL view metric_${p.name}.`,
  ];
}

function packageName(model: TaxonomyModel, o: MetricsOptions): string {
  return generatedPackageName(model, 'metrics', o.packageName);
}

export const metricsGenerator: Generator<MetricsOptions> = {
  name: 'metrics',
  description: 'Every metric as a pure, window-aware TypeScript aggregation function over event arrays (same semantics as the SQL views).',
  version: '1',
  defaultOut: 'packages/metrics',
  optionsSchema: {
    type: 'object', additionalProperties: false,
    properties: { packageName: { type: 'string', description: 'npm name of the generated package (default: packages.metrics of taxonomy.yaml, else @<name>/metrics).' } },
  },
  generate(model, options) {
    const compiled = compile(model);
    const metrics = compiled.plans.map((p) => ({
      name: p.name, fn: p.fn, constName: p.name.toUpperCase(), type: p.type,
      spec: JSON.stringify(metricSpec(p)), runner: RUNNER[p.type] ?? 'measure', doc: doc(p),
      rowType: `${p.fn.slice('compute'.length)}Row`, fields: rowFields(p),
      window: p.window ?? 'all data', grain: p.grain ?? '—', row: `{ ${metricColumns(p).join(', ')} }`,
    }));
    const common = { taxonomy: model.name, version: model.version };
    const name = packageName(model, options);
    const findings = compiled.findings.filter((f) => f.metric);
    const files: GeneratedFile[] = [
      { path: 'index.js', contents: render('index.js', { ...common, metrics }) },
      { path: 'index.d.ts', contents: render('index.d.ts', { ...common, metrics }) },
      { path: 'runtime.js', contents: template('runtime.js') },
      { path: 'runtime.d.ts', contents: template('runtime.d.ts') },
      {
        path: 'README.md',
        contents: render('README.md', {
          ...common, packageName: name, sqlPackage: generatedPackageName(model, 'sql'), semantics: SEMANTICS, metrics,
          findingsText: findings.length ? `\n## Not generated\n\n${findings.map((f) => `- ${formatFinding(f).replace(/\n/g, ' ')}`).join('\n')}\n` : '',
        }),
      },
      {
        path: 'package.json',
        contents: stableJson({
          name, version: model.version, type: 'module', sideEffects: false,
          description: `The ${model.name} metrics as pure TypeScript functions over events. Generated by \`taxonomy generate\`; do not edit.`,
          main: './index.js', types: './index.d.ts',
          exports: { '.': { types: './index.d.ts', import: './index.js' }, './runtime': { types: './runtime.d.ts', import: './runtime.js' } },
        }),
      },
    ];
    return files.sort((a, b) => (a.path < b.path ? -1 : 1));
  },
};

export default metricsGenerator;
