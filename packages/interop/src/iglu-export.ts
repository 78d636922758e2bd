import { exactJson, liveVersions, localEventName, schemaVer as schemaVerOf, type ObjectRules, type Property, type TaxonomyEvent, type TaxonomyModel } from '@taxonomy/core';
import { objectOf, schemaOfShape, toDraft04 } from './export-schema.js';
import type { ReportItem } from './report.js';
import type { ExportResult } from './segment-export.js';

export interface IgluExportOptions {
  /** Reverse-DNS vendor; overrides taxonomy.yaml's vendor: (and any x-iglu-vendor an import kept), not an event's namespace. */
  readonly vendor?: string;
  /** Export only these domains. Default: every domain. */
  readonly domains?: readonly string[];
}

export const SELF_DESC = 'http://iglucentral.com/schemas/com.snowplowanalytics.self-desc/schema/jsonschema/1-0-0#';
/** Iglu's SchemaKey parts (iglu-core): vendor, name, SchemaVer. */
export const IGLU_VENDOR = /^[a-zA-Z0-9-_.]+$/;
export const IGLU_NAME = /^[a-zA-Z0-9-_]+$/;
export const SCHEMAVER = /^([1-9][0-9]*)-(0|[1-9][0-9]*)-(0|[1-9][0-9]*)$/;
/** The property that holds a payload whose root is not one object (Snowplow's name for a self-describing payload). */
export const DATA_PROPERTY = 'data';
/** The event extension that marks such an event: `export iglu` writes that property's shape back as the schema root. */
export const PAYLOAD_EXTENSION = 'x-iglu-payload';

const loc = (e: TaxonomyEvent) => (e.location ? `${e.location.file}:${e.location.line}:${e.location.column}` : e.name);
const str = (v: unknown) => (typeof v === 'string' && v ? v : undefined);

/**
 * The Iglu name of an event. Iglu names allow letters, digits, - and _ only: dots
 * become '-' and a leading '$' becomes '_' (neither occurs in event names, so no two
 * events collide); the event name itself travels in x-taxonomy-event.
 */
export function igluName(e: Pick<TaxonomyEvent, 'name' | 'namespace' | 'extensions'>): string {
  // A namespaced event's namespace is its Iglu vendor: the name is the part after it. A space
  // (names as teams write them) becomes '_'; a clash this makes is reported by the export.
  return str(e.extensions['x-iglu-name']) ?? localEventName(e).replace(/^\$/, '_').replace(/\./g, '-').replace(/ /g, '_');
}

/**
 * SchemaVer of the event's version: MODEL-REVISION-ADDITION from `version:`, `revision:` and
 * `addition:` (3-0-0 by default); an `x-schemaver` of the same model written by an older import
 * is still honoured when the event sets neither.
 */
export function schemaVer(e: Pick<TaxonomyEvent, 'version' | 'extensions'> & { readonly versions?: TaxonomyEvent['versions'] }): string {
  const v = e.versions?.find((x) => x.version === e.version);
  if (v && (v.revision || v.addition)) return schemaVerOf(v);
  const kept = str(e.extensions['x-schemaver']);
  const m = kept ? SCHEMAVER.exec(kept) : null;
  return m && Number(m[1]) === e.version ? kept! : `${e.version}-0-0`;
}

const locOf = (l: { file: string; line: number; column: number } | undefined) => (l ? `${l.file}:${l.line}:${l.column}` : undefined);

/** $schema, description and self first, as Iglu schemas are written; then the payload's keywords. */
function order(schema: Record<string, unknown>): Record<string, unknown> {
  const { $schema, description, self, ...rest } = schema;
  return { $schema, ...(description !== undefined ? { description } : {}), self, ...rest };
}

/**
 * The schema root of one payload: its object, or, for an event marked `x-iglu-payload: data`
 * (a payload whose root was not an object: an Iglu context's array, a union), the shape of its
 * one `data` property.
 */
function rootOf(e: TaxonomyEvent, properties: readonly Property[], rules: ObjectRules | undefined, version: string): { schema: Record<string, unknown> } | { error: string; hint: string } {
  const mark = e.extensions[PAYLOAD_EXTENSION];
  if (mark === undefined) return { schema: objectOf(properties, rules) };
  const data = properties.find((p) => p.name === mark);
  const others = properties.filter((p) => p !== data).map((p) => p.name);
  const open = rules && (rules.values || rules.patternProperties?.length || rules.minProperties !== undefined || rules.maxProperties !== undefined);
  if (typeof mark !== 'string' || !data || !data.required || others.length || open) {
    const what = typeof mark !== 'string' ? `${PAYLOAD_EXTENSION} is not a property name` : !data ? `it has no property '${mark}'` : !data.required ? `'${mark}' is not required` : others.length ? `it has other properties too (${others.join(', ')}${others.some((n) => e.properties.some((p) => p.name === n && p.origin === 'global')) ? ': globals, exclude them with exclude_global_properties' : ''})` : 'its payload accepts other keys';
    return { error: `'${e.name}' ${version} is marked ${PAYLOAD_EXTENSION}: ${String(mark)} (its schema root is that property's shape), but ${what}`, hint: `keep one required property '${String(mark)}' in every version of the event, or remove ${PAYLOAD_EXTENSION} to export the payload as an object` };
  }
  return { schema: schemaOfShape(data) as Record<string, unknown> };
}

interface Payload { version: string; description: string | undefined; properties: readonly Property[]; rules: ObjectRules | undefined; where: string }

/** Every payload an event's schemas describe: each live model's earlier REVISION-ADDITIONs, then the model itself, oldest first. */
function payloadsOf(e: TaxonomyEvent): Payload[] {
  return liveVersions(e).flatMap((at) => {
    const own = at === e ? e.versions.find((v) => v.version === e.version && !v.frozen) : at.versions[0];
    return [
      ...(own?.revisions ?? []).map((r) => ({ version: schemaVerOf(r), description: r.description, properties: r.properties, rules: r as ObjectRules, where: locOf(r.location) ?? loc(e) })),
      { version: schemaVer(at), description: at === e ? e.description : own?.description, properties: at.properties, rules: at === e ? e : own, where: loc(at) },
    ];
  });
}

/**
 * The taxonomy as an Iglu registry: one self-describing JSON Schema per event at
 * schemas/{vendor}/{name}/jsonschema/{SchemaVer}, the event payload at the top
 * level (what a Snowplow self-describing event's data is). Draft-04, as Iglu wants.
 */
export function exportIglu(model: TaxonomyModel, opts: IgluExportOptions = {}): ExportResult {
  const notes: ReportItem[] = [];
  const errors: ReportItem[] = [];
  const files: { path: string; contents: string }[] = [];
  const taken = new Map<string, string>();
  const domainVendor = new Map(model.domains.map((d) => [d.name, str(d.extensions['x-iglu-vendor'])]));
  for (const e of model.events) {
    if (opts.domains && !opts.domains.includes(e.domain)) continue;
    // An event's namespace is part of its identity: no override moves it to another vendor.
    const vendor = e.namespace ?? opts.vendor ?? str(e.extensions['x-iglu-vendor']) ?? domainVendor.get(e.domain) ?? model.vendor;
    if (!vendor || !IGLU_VENDOR.test(vendor)) {
      errors.push({ where: loc(e), message: vendor ? `vendor '${vendor}' is not a valid Iglu vendor` : `no vendor for '${e.name}'`, hint: 'set vendor: (reverse DNS, e.g. com.acme) in taxonomy.yaml, or pass --vendor' });
      continue;
    }
    const name = igluName(e);
    if (!IGLU_NAME.test(name)) {
      errors.push({ where: loc(e), message: `'${e.name}' has no valid Iglu name ('${name}')`, hint: 'set x-iglu-name: on the event (letters, digits, - and _)' });
      continue;
    }
    // Every live version: older majors (`versions:`) keep their own paths and payloads, and so
    // does every earlier REVISION-ADDITION of each model (`revisions:`). An event is written whole
    // or not at all: one payload it cannot export leaves out every one.
    const mine: { path: string; contents: string }[] = [];
    const problem = ((): ReportItem | undefined => {
      for (const x of payloadsOf(e)) {
        const path = `schemas/${vendor}/${name}/jsonschema/${x.version}`;
        const clash = taken.get(path);
        if (clash) return { where: loc(e), message: `'${e.name}' and '${clash}' both become ${path}`, hint: `set x-iglu-name: on one of them` };
        const root = rootOf(e, x.properties, x.rules, x.version);
        if ('error' in root) return { where: x.where, message: root.error, hint: root.hint };
        const schema: Record<string, unknown> = {
          $schema: SELF_DESC,
          ...root.schema,
          // A version says only its own words (an older one's would otherwise be the event's).
          ...(x.description ? { description: x.description } : {}),
          self: { vendor, name, format: 'jsonschema', version: x.version },
        };
        if (name !== e.name) schema['x-taxonomy-event'] = e.name;
        mine.push({ path, contents: exactJson(toDraft04(order(schema)), 2) + '\n' });
      }
      return undefined;
    })();
    if (problem) {
      errors.push(problem);
      continue;
    }
    for (const f of mine) taken.set(f.path, e.name);
    files.push(...mine);
    const person = e.personProperties.set.length + e.personProperties.setOnce.length;
    if (person) notes.push({ where: loc(e), message: `'${e.name}': ${person} person properties not exported (an Iglu event schema describes the event payload only)` });
  }
  if (files.length) notes.push({ where: 'schemas/', message: `${files.length} schemas; event metadata (trigger, category, owner, destinations, status) has no place in an Iglu schema` });
  return { files: files.sort((a, b) => (a.path < b.path ? -1 : 1)), notes, errors };
}
