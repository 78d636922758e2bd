import type { TaxonomyEvent, TaxonomyModel } from '@taxonomy/core';
import type { EventColumn } from './columns.js';
import { compatViews } from './compat-view.js';
import { eventSqlName, MAX_NAME, uniqueSqlNames } from './names.js';
import { planMetrics, type Finding, type MetricPlan } from './plan.js';

export interface CompiledEvent {
  readonly event: TaxonomyEvent;
  /** The SQL name part (view ev_<sqlName>, dbt model stg_<sqlName>). */
  readonly sqlName: string;
  readonly columns: readonly EventColumn[];
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
  for (const e of model.events) {
    const columns = planner.eventColumns(e.name);
    if (!columns) continue;
    const sqlName = sqlNames.get(e.name)!;
    if (sqlName.length + prefixes.event.length > MAX_NAME) {
      out.push({
        code: 'sql/view-name', severity: 'error', event: e.name, location: e.location,
        message: `the SQL name of '${e.name}' is longer than ${MAX_NAME - prefixes.event.length} characters; it gets no view`,
        hint: 'SQL names are lower case with . as __ and $ as _; shorten the event name',
      });
      continue;
    }
    events.push({ event: e, sqlName, columns });
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
