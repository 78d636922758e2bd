import type { Measure, Metric, TaxonomyModel } from '@taxonomy/core';
import type { Flavour } from './domain-file.js';
import { jsDoc, paragraphs } from './jsdoc.js';
import { objectKey, valueText } from './literal.js';

/**
 * The per-session summary (seed 001: `session.getProductAnalyticsSummary()`): the metrics whose
 * YAML sets `summary: <field>`, as data the runtime evaluates over the tracker's own recent
 * events (@taxonomy/runtime summary.ts), and the type of the summary object. A new summary field
 * is a line of YAML, no code.
 */

/** The metrics that fill a summary field, by field name. */
export function summaryMetrics(model: TaxonomyModel): Metric[] {
  return model.metrics.filter((m) => m.summary !== undefined).sort((a, b) => (a.summary! < b.summary! ? -1 : a.summary! > b.summary! ? 1 : 0));
}

function measureSpec(m: Measure): Record<string, unknown> {
  return {
    aggregate: m.aggregate,
    ...(m.property !== undefined ? { property: m.property } : {}),
    ...(m.within ? { within: m.within } : {}),
    events: m.events.map((s) => ({ event: s.event, ...(s.where.length ? { where: s.where.map((f) => ({ property: f.property, op: f.op, ...(f.value !== undefined ? { value: f.value } : {}) })) } : {}) })),
  };
}

function specOf(m: Metric): Record<string, unknown> {
  return {
    field: m.summary, metric: m.name,
    ...(m.measure ? { measure: measureSpec(m.measure) } : {}),
    ...(m.numerator ? { numerator: measureSpec(m.numerator) } : {}),
    ...(m.denominator ? { denominator: measureSpec(m.denominator) } : {}),
    ...(m.groupBy.length ? { groupBy: m.groupBy[0] } : {}),
    ...(m.numerator?.within && m.joinOn !== undefined ? { joinOn: m.joinOn } : {}),
  };
}

/** The TypeScript type of a field: a number (null where it can be undefined: averages, ratios), or a map by the group's value. */
function fieldType(m: Metric): string {
  const nullable = m.type === 'average' || m.type === 'ratio';
  const value = nullable ? 'number | null' : 'number';
  return m.groupBy.length ? `Readonly<Record<string, ${value}>>` : value;
}

function fieldDoc(m: Metric): string {
  const what = m.groupBy.length ? ` By ${m.groupBy[0]}.` : '';
  return jsDoc(paragraphs(`${m.description}${what} (metric ${m.name}, ${m.type}${m.type === 'average' || m.type === 'ratio' ? '; null when undefined' : ''}).`), '    ');
}

export function summaryText(model: TaxonomyModel, flavour: Flavour): string {
  const metrics = summaryMetrics(model);
  const data = `Object.freeze([\n${metrics.map((m) => `    ${valueText(specOf(m))},\n`).join('')}])`;
  const iface = jsDoc(paragraphs('The per-session summary: each metric with a `summary:` field, over the tracker\'s recent events of one session (tracker.summary({ sessionId })).'), '')
    + `export interface Summary {\n${metrics.map((m) => `${fieldDoc(m)}    readonly ${objectKey(m.summary!)}: ${fieldType(m)};\n`).join('')}}\n`;
  const specDoc = jsDoc(paragraphs('The summary metrics as the runtime evaluates them.'), '');
  switch (flavour) {
    case 'dts': return 'import type { SummarySpec } from "@taxonomy/runtime";\n' + iface + specDoc + 'export declare const SUMMARY_METRICS: readonly SummarySpec[];\n';
    case 'js': return `export const SUMMARY_METRICS = ${data};\n`;
    default: return 'import type { SummarySpec } from "@taxonomy/runtime";\n' + iface + specDoc + `export const SUMMARY_METRICS: readonly SummarySpec[] = ${data};\n`;
  }
}
