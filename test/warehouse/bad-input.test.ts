// Bad metric input: the loader refuses what it can see (and `taxonomy generate` then never
// reaches the SQL generator); what only SQL can judge, or a hand-built model that skipped the
// loader, becomes a finding with a location, and the metric is not emitted, never wrong SQL.
import { describe, expect, it } from 'vitest';
import { formatDiagnostic, loadTaxonomy, type TaxonomyModel } from '@taxonomy/core';
import { compile, formatFinding, sqlGenerator } from '@taxonomy/gen-sql';
import { metricsGenerator } from '@taxonomy/gen-metrics';
import { main } from '@taxonomy/cli';
import { BASE, writeTaxonomy } from './fixture.js';

const metric = (yaml: string) => ({ ...BASE, 'metrics.yaml': `metrics:\n${yaml}` });
const errors = (files: Record<string, string>) => loadTaxonomy(writeTaxonomy(files)).diagnostics.filter((d) => d.severity === 'error').map(formatDiagnostic);
const base = loadTaxonomy(writeTaxonomy(BASE)).model as TaxonomyModel;
/** A mutable copy of the fixture model (the loader's model is frozen). */
const copy = (): TaxonomyModel & { metrics: any[]; events: any[] } => JSON.parse(JSON.stringify(base));

async function generateCli(dir: string): Promise<{ code: number; err: string }> {
  let err = '';
  const code = await main(['generate', dir, '--only', 'sql,metrics', '--check'], { out: () => {}, err: (t) => { err += t; }, color: false, cwd: process.cwd() });
  return { code, err };
}

describe('the loader refuses, so no generator runs', () => {
  it.each([
    ['an unknown event', '  m: { description: d, type: count, events: [{ event: app.nope }] }', /metrics\.yaml:2:\d+ error unknown event 'app\.nope'/],
    ['an unknown property', '  m: { description: d, type: sum, property: nn, events: [{ event: app.session_started }] }', /metrics\.yaml:2:\d+ error event 'app\.session_started' has no property 'nn'.*did you mean 'n'/],
    ['a duration whose join key is missing on one side', '  m: { description: d, type: duration, from: { event: app.session_started }, to: { event: app.step_a }, join_on: sid }', /has no property 'sid' \(the join key is missing on the 'to' side\)/],
    ['a property name with a quote', null, /app\.yaml:7:7 error invalid name 'si'd' .*must be a name of letters, digits and _ \[schema\/invalid-name\]/],
  ])('%s', async (_what, yaml, message) => {
    const files = yaml ? metric(yaml) : { ...BASE, 'domains/app.yaml': BASE['domains/app.yaml'].replace('sid: { type: string, required: true }', '"si\'d": { type: string }') };
    expect(errors(files).join('\n')).toMatch(message);
    const dir = writeTaxonomy(files);
    const r = await generateCli(dir);
    expect(r.code).toBe(1);
    expect(r.err).toContain('the taxonomy has errors; nothing generated');
  });
});

describe('what the loader lets through but SQL cannot express is a finding, not SQL', () => {
  it('a measure over one property with two types', () => {
    const files = { ...BASE, 'domains/app.yaml': BASE['domains/app.yaml'].replace('properties: { uid: { type: string } }\n  app.step_b', 'properties: { uid: { type: string }, n: { type: string } }\n  app.step_b') };
    const model = loadTaxonomy(writeTaxonomy({ ...files, 'metrics.yaml': 'metrics:\n  m_mixed: { description: d, type: distinct_count, property: n, events: [{ event: app.session_started }, { event: app.step_a }] }\n' })).model!;
    const c = compile(model);
    expect(c.plans).toEqual([]);
    expect(c.findings.map(formatFinding).join('\n')).toMatch(/metrics\.yaml:2:3 error metric 'm_mixed' is not generated: 'n' has different types across events \(app\.session_started: integer, app\.step_a: string\) \[sql\/mixed-types\]\n {2}→ give the property one type/);
  });

  it('grouping by an object', () => {
    const model = loadTaxonomy(writeTaxonomy(metric('  m_obj: { description: d, type: count, events: [{ event: app.session_started }], group_by: [meta] }\n'))).model!;
    expect(compile(model).findings.map((f) => f.code)).toEqual(['sql/group-type']);
  });

  // Two events of one domain with the same SQL name fold together (case and separators): the
  // loader refuses them first (identity/event, issue 19), so SQL never sees them.
  it('two events with the same SQL name', () => {
    const files = { ...BASE, 'domains/app.yaml': BASE['domains/app.yaml'] + '  app__unused:\n    description: Clash.\n    category: c\n' };
    const r = loadTaxonomy(writeTaxonomy(files));
    expect(r.diagnostics.filter((d) => d.code === 'identity/event').map((d) => d.message).join('\n')).toMatch(/'app__unused' differs from 'app\.unused' .* only in case or separators/);
  });
});

describe('a hand-built model that skipped the loader', () => {
  it.each([
    ['an unknown event', (m: any) => { m.metrics[0].measure.events[0].event = 'app.nope'; m.metrics[0].events = ['app.nope']; }, /reads event 'app\.nope', which has no view \[sql\/unknown-event\]/],
    ['an unknown property', (m: any) => { m.metrics.find((x: any) => x.name === 'm_count_pro_1d').measure.events[0].where[0].property = 'nope'; }, /event 'app\.session_started' has no property 'nope' \(used in where\) \[sql\/unknown-property\]/],
    ['a duration whose join key is missing on one side', (m: any) => { m.metrics.find((x: any) => x.name === 'm_dur_min').joinOn = 'plan'; m.events.find((e: any) => e.name === 'app.session_ended').properties = m.events.find((e: any) => e.name === 'app.session_ended').properties.filter((p: any) => p.name !== 'plan'); }, /'m_dur_min' is not generated: event 'app\.session_ended' has no property 'plan' \(the join key is missing on this side\)/],
    ['a ratio within its denominator whose join key is missing on one side', (m: any) => { m.metrics.find((x: any) => x.name === 'm_within_1d').joinOn = 'plan'; m.events.find((e: any) => e.name === 'app.session_ended').properties = m.events.find((e: any) => e.name === 'app.session_ended').properties.filter((p: any) => p.name !== 'plan'); }, /'m_within_1d' is not generated: event 'app\.session_ended' has no property 'plan' \(the join key is missing on this side\)/],
    ['a within: denominator on the denominator', (m: any) => { const r = m.metrics.find((x: any) => x.name === 'm_within_1d'); r.denominator = { ...r.denominator, within: 'denominator' }; }, /'m_within_1d' is not generated: the denominator cannot be within itself \[sql\/within\]/],
    ['group_by $event on a funnel', (m: any) => { m.metrics.find((x: any) => x.name === 'm_funnel').groupBy = ['$event']; }, /'m_funnel' is not generated: group_by \$event is not defined for a funnel/],
    ['a metric name that is not an identifier', (m: any) => { m.metrics[0].name = 'x"; DELETE FROM zzz; --'; }, /metric name "x\\"; DELETE FROM zzz; --" is not a safe SQL name/],
  ])('%s: a finding with its location, and the metric is left out of every output', async (_w, mutate, message) => {
    const m = copy();
    const before = m.metrics.map((x: any) => x.name);
    mutate(m);
    const c = compile(m);
    expect(c.findings.map(formatFinding).join('\n')).toMatch(message);
    expect(c.findings[0]!.location?.file).toMatch(/metrics\.yaml$/);
    const sqlFiles = await sqlGenerator.generate(m, {});
    const index = sqlFiles.find((f) => f.path === 'index.js')!.contents;
    expect(index).toContain('"code": "sql/');
    const views = sqlFiles.find((f) => f.path === 'postgres/views.sql')!.contents;
    const ts = (await metricsGenerator.generate(m, {})).find((f) => f.path === 'index.js')!.contents;
    expect(c.plans.length).toBe(before.length - 1);
    expect(views).not.toContain('DELETE FROM zzz');
    expect(ts).not.toContain('DELETE FROM zzz');
    for (const out of [views, ts]) expect(out).not.toMatch(/app\.nope|"nope"|'nope'|plan_missing/);
  });

  it('property and event names with quotes get no column and no view, and never reach SQL', async () => {
    const m = copy();
    const started = m.events.find((e: any) => e.name === 'app.session_started');
    started.properties.push({ ...started.properties[0], name: `we"ird'name` });
    m.events.push({ ...started, name: "app.x'; DELETE FROM zzz; --", properties: [] });
    const c = compile(m);
    expect(c.findings.map((f) => f.code).sort()).toEqual(['sql/column', 'sql/unsafe-name']);
    for (const f of await sqlGenerator.generate(m, {})) {
      if (f.path.endsWith('.sql')) { expect(f.contents).not.toContain('we"ird'); expect(f.contents).not.toContain('DELETE FROM zzz'); }
    }
  });
});
