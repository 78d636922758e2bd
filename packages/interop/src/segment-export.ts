import { exactJson, type TaxonomyEvent, type TaxonomyModel } from '@taxonomy/core';
import type { JsonSchema } from '@taxonomy/gen-json-schema';
import { objectOf, toOlderDraft } from './export-schema.js';
import type { ReportItem } from './report.js';

export interface ExportResult {
  /** Files relative to the output (one plan.json, or an Iglu registry tree). */
  readonly files: readonly { readonly path: string; readonly contents: string }[];
  /** What the target format cannot hold, per event. */
  readonly notes: readonly ReportItem[];
  /** Events that could not be exported at all. */
  readonly errors: readonly ReportItem[];
}

export interface SegmentExportOptions {
  /** Export only these domains. Default: every domain. */
  readonly domains?: readonly string[];
}

const DRAFT_07 = 'http://json-schema.org/draft-07/schema#';
const TYPES = new Set(['TRACK', 'IDENTIFY', 'GROUP', 'PAGE', 'SCREEN']);

const loc = (e: TaxonomyEvent) => (e.location ? `${e.location.file}:${e.location.line}:${e.location.column}` : e.name);

function ruleOf(e: TaxonomyEvent, notes: ReportItem[]): Record<string, unknown> {
  const xType = e.extensions['x-segment-type'];
  const type = typeof xType === 'string' && TYPES.has(xType) ? xType : 'TRACK';
  const xKey = e.extensions['x-segment-key'];
  const key = typeof xKey === 'string' && xKey ? xKey : e.name;
  const person = [...e.personProperties.set, ...e.personProperties.setOnce];
  const empty: JsonSchema = {};
  const fields: Record<string, JsonSchema> = { context: empty, traits: empty, properties: empty };
  if (type === 'IDENTIFY') {
    fields.traits = objectOf(person);
    if (e.personProperties.setOnce.length) notes.push({ where: loc(e), message: `'${e.name}': $set_once traits exported as plain traits (Segment has no set-once)` });
    if (e.properties.length) notes.push({ where: loc(e), message: `'${e.name}': ${e.properties.length} properties of an IDENTIFY event not exported (identify calls carry traits only)` });
  } else if (type === 'GROUP') {
    fields.traits = objectOf(e.properties);
  } else {
    fields.properties = objectOf(e.properties, e);
    if (person.length) notes.push({ where: loc(e), message: `'${e.name}': ${person.length} person properties not exported (Segment sets them with identify, not on a track rule)` });
  }
  const field = type === 'IDENTIFY' || type === 'GROUP' ? 'traits' : 'properties';
  // The plan's schemas are draft-07 (what Segment Protocols reads): tuples and dependentRequired in that dialect.
  for (const k of ['traits', 'properties'] as const) fields[k] = toOlderDraft(fields[k], 7) as JsonSchema;
  const labels = e.extensions['x-segment-labels'];
  const jsonSchema: JsonSchema = {
    $schema: DRAFT_07,
    type: 'object',
    ...(e.description ? { description: e.description } : {}),
    ...(labels && typeof labels === 'object' ? { labels } : {}),
    properties: fields,
    required: [field],
  };
  // Segment's identify and group rules have no event name.
  return { ...(type !== 'IDENTIFY' && type !== 'GROUP' ? { key } : {}), type, version: e.version, jsonSchema };
}

/**
 * The taxonomy as a Segment Protocols tracking plan: the body of the Public API's
 * `PUT /tracking-plans/{id}/rules` (`{ "rules": [...] }`), which RudderStack also
 * imports. Each event is one rule whose jsonSchema (draft-07) constrains
 * `properties` (traits for IDENTIFY/GROUP). Round-trips through importSegmentPlan.
 */
export function exportSegmentPlan(model: TaxonomyModel, opts: SegmentExportOptions = {}): ExportResult {
  const notes: ReportItem[] = [];
  const events = model.events.filter((e) => !opts.domains || opts.domains.includes(e.domain));
  const rules = events.map((e) => ruleOf(e, notes));
  if (events.length) notes.push({ where: 'plan.json', message: `${events.length} rules; event metadata (trigger, category, owner, destinations, status) and metrics have no place in a Segment plan` });
  // Declaration order, not sorted keys: a plan reads like the taxonomy (events are sorted by name already).
  return { files: [{ path: 'plan.json', contents: exactJson({ rules }, 2) + '\n' }], notes, errors: [] };
}
