// The tracker's session summary (summary: on a metric) evaluates `within: denominator` and
// group_by `$event` as the metric functions and SQL do: generated from a small taxonomy, the
// summary specs are evaluated by @taxonomy/runtime and compared with values worked out by hand
// and with the generated metric function of the same metric.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadTaxonomy, type TaxonomyModel } from '@taxonomy/core';
import { typescriptGenerator } from '@taxonomy/gen-typescript';
import { evaluateSummary, type Envelope, type SummarySpec } from '@taxonomy/runtime';
import { generatePackages } from './engines.js';
import { writeTaxonomy } from './fixture.js';

const FILES = {
  'taxonomy.yaml': 'name: sw\nversion: 1.0.0\n',
  'categories.yaml': 'categories:\n  c: { description: C. }\n',
  'domains/app.yaml': `domain: app
events:
  app.template_inserted:
    description: A template was inserted into a draft.
    category: c
    properties: { draftId: { type: string }, templateId: { type: string } }
  app.draft_accepted:
    description: A draft was accepted.
    category: c
    properties: { draftId: { type: string } }
`,
  'metrics.yaml': `metrics:
  template_rate:
    description: Accepted drafts that had a template inserted.
    type: ratio
    join_on: draftId
    numerator: { aggregate: distinct_count, property: draftId, events: [{ event: app.template_inserted }], within: denominator }
    denominator: { aggregate: distinct_count, property: draftId, events: [{ event: app.draft_accepted }] }
    summary: templateRate
  events_by_name:
    description: Events by name.
    type: count
    events: [{ event: app.template_inserted }, { event: app.draft_accepted }]
    group_by: [$event]
    summary: eventsByName
`,
};

const T = Date.UTC(2026, 0, 10);
let n = 0;
const ev = (event: string, properties: Record<string, unknown>): Envelope => ({ event, id: `e${++n}`, timestamp: new Date(T - 1000 + n).toISOString(), properties });
// Templates inserted twice into d1 and once into d9 (never accepted); d1 and d2 accepted.
const EVENTS = [
  ev('app.template_inserted', { draftId: 'd1', templateId: 't1' }),
  ev('app.template_inserted', { draftId: 'd1', templateId: 't2' }),
  ev('app.template_inserted', { draftId: 'd9', templateId: 't1' }),
  ev('app.template_inserted', { templateId: 't3' }), // no draft: no key, never within
  ev('app.draft_accepted', { draftId: 'd1' }),
  ev('app.draft_accepted', { draftId: 'd2' }),
];

describe('session summary: within: denominator and group_by $event', () => {
  it('gives the hand-worked values, equal to the generated metric functions', async () => {
    const loaded = loadTaxonomy(writeTaxonomy(FILES));
    expect(loaded.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const model = loaded.model as TaxonomyModel;
    const files = await typescriptGenerator.generate(model, {});
    const summary = files.find((f) => f.path === 'summary.js');
    expect(summary, 'the typescript generator writes summary.js').toBeDefined();
    const dir = mkdtempSync(join(tmpdir(), 'summary-within-'));
    writeFileSync(join(dir, 'summary.mjs'), summary!.contents);
    const { SUMMARY_METRICS } = (await import(pathToFileURL(join(dir, 'summary.mjs')).href)) as { SUMMARY_METRICS: readonly SummarySpec[] };
    const got = evaluateSummary(SUMMARY_METRICS, EVENTS);
    // Accepted drafts {d1, d2}; of them, with a template: {d1} (d9 was never accepted) -> 1/2.
    // Without within it would be {d1, d9} / {d1, d2} = 1.
    // By event name: 4 inserts, 2 acceptances.
    expect(got).toEqual({ templateRate: 0.5, eventsByName: { 'app.draft_accepted': 2, 'app.template_inserted': 4 } });

    const { metrics } = await generatePackages(model);
    expect(metrics.METRICS.template_rate!(EVENTS, { asOf: T })).toEqual([{ value: 0.5 }]);
    expect(metrics.METRICS.events_by_name!(EVENTS, { asOf: T })).toEqual([{ event: 'app.draft_accepted', value: 2 }, { event: 'app.template_inserted', value: 4 }]);
  });
});
