import type { TaxonomyEvent, TaxonomyModel } from '@taxonomy/core';
import type { EventColumn } from './columns.js';
import { compatViews } from './compat-view.js';
import { eventSqlName, MAX_NAME, uniqueSqlNames } from './names.js';
import { planMetrics, type Finding, type MetricPlan } from './plan.js';
import { guardNewest, modelColumns, versionViews, type VersionView } from './version-views.js';

export interface CompiledEvent {
  readonly event: TaxonomyEvent;
  /** The SQL name part (view ev_<sqlName>, dbt model stg_<sqlName>). */
  readonly sqlName: string;
  readonly columns: readonly EventColumn[];
  /** With older live versions: a view per version and one over all of them (version-views.ts). */
  readonly versions?: readonly VersionView[];
}

/** What every warehouse output is built from: events with their columns, metric plans, findings. */
export interface Compiled {
  readonly events: readonly CompiledEvent[];
  readonly plans: readonly MetricPlan[];
  readonly findings: readonly Finding[];
}

/**
 * Plans the model once. Events whose SQL names fold together (NEW_REPLY and new_reply in two
 * domains) are kept apart by uniqueSqlNames, which throws (the generator fails, naming both)
 * when it cannot; events whose names are too long get no view and a finding, and metrics that
 * read such an event are dropped with one.
 */
export function compile(model: TaxonomyModel, prefixes: { readonly event: string; readonly metric: string } = { event: 'ev_', metric: 'metric_' }): Compiled {
  const { plans, findings, planner } = planMetrics(model);
  const out = [...findings];
  const events: CompiledEvent[] = [];
  const sqlNames = uniqueSqlNames(model.events);
  const allSqlNames = new Set(sqlNames.values());
  for (const e of model.events) {
    const own = planner.eventColumns(e.name);
    if (!own) continue;
    // The newest model over the rows of each of its revisions (version-views.ts).
    const self = e.versions?.[e.versions.length - 1];
    const columns = self ? modelColumns(e, self, own) : own;
    const sqlName = sqlNames.get(e.name)!;
    if (sqlName.length + prefixes.event.length > MAX_NAME) {
      out.push({
        code: 'sql/view-name', severity: 'error', event: e.name, location: e.location,
        message: `the SQL name of '${e.name}' is longer than ${MAX_NAME - prefixes.event.length} characters; it gets no view`,
        hint: 'SQL names are lower case with . as __ and $ as _; shorten the event name',
      });
      continue;
    }
    let versions = versionViews(e, sqlName, columns);
    const taken = versions.map((v) => v.sqlName).find((n) => allSqlNames.has(n) || n.length + prefixes.event.length > MAX_NAME);
    if (taken) {
      out.push({
        code: 'sql/view-name', severity: 'error', event: e.name, location: e.location,
        message: allSqlNames.has(taken) ? `the view of a version of '${e.name}' would be named like the view of another event ('${taken}'); its versions get no views of their own` : `the SQL name '${taken}' of a version of '${e.name}' is longer than ${MAX_NAME - prefixes.event.length} characters; its versions get no views of their own`,
        hint: 'rename one of the events (SQL names are lower case with . as __), or shorten the name',
      });
      versions = [];
    }
    events.push({ event: e, sqlName, columns: guardNewest(e, columns, versions), ...(versions.length ? { versions } : {}) });
  }
  const viewed = new Set(events.map((e) => e.event.name));
  const kept: MetricPlan[] = [];
  for (const p of plans) {
    const missing = p.events.filter((e) => !viewed.has(e));
    if (missing.length) {
      out.push({ code: 'sql/unknown-event', severity: 'error', metric: p.name, location: p.location, message: `metric '${p.name}' is not generated: it reads ${missing.map((m) => `'${m}'`).join(', ')}, which has no view`, hint: 'fix the finding on that event first' });
    } else if (p.name.length + prefixes.metric.length > MAX_NAME) {
      out.push({ code: 'sql/view-name', severity: 'error', metric: p.name, location: p.location, message: `metric '${p.name}' is not generated: its view name would be longer than ${MAX_NAME} characters`, hint: 'shorten the metric id' });
    } else kept.push(p);
  }
  for (const p of compatViews(model).problems) {
    const d = model.domains.find((x) => x.name === p.domain);
    out.push({ code: 'sql/compat-view', severity: 'error', message: p.message, hint: p.hint, ...(d ? { location: d.location } : {}) });
  }
  return { events, plans: kept, findings: out };
}
