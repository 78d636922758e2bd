import { exactJson, liveVersions, localEventName, type TaxonomyEvent, type TaxonomyModel } from '@taxonomy/core';
import { objectOf, toDraft04 } from './export-schema.js';
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
  if (v && (v.revision || v.addition)) return `${v.version}-${v.revision}-${v.addition}`;
  const kept = str(e.extensions['x-schemaver']);
  const m = kept ? SCHEMAVER.exec(kept) : null;
  return m && Number(m[1]) === e.version ? kept! : `${e.version}-0-0`;
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
    // Every live version: older majors (`versions:`) keep their own paths and payloads.
    for (const at of liveVersions(e)) {
      const version = schemaVer(at);
      const path = `schemas/${vendor}/${name}/jsonschema/${version}`;
      const clash = taken.get(path);
      if (clash) {
        errors.push({ where: loc(e), message: `'${e.name}' and '${clash}' both become ${path}`, hint: `set x-iglu-name: on one of them` });
        continue;
      }
      taken.set(path, e.name);
      const schema: Record<string, unknown> = {
        $schema: SELF_DESC,
        // An older version says only its own words (the event's would come back as its description).
        ...((at === e ? e.description : at.versions[0]!.description) ? { description: at === e ? e.description : at.versions[0]!.description } : {}),
        self: { vendor, name, format: 'jsonschema', version },
        // An older version's own object rules (values, patternProperties, counts) are its EventVersion's.
        ...objectOf(at.properties, at === e ? e : at.versions[0]),
      };
      if (name !== e.name) schema['x-taxonomy-event'] = e.name;
      files.push({ path, contents: exactJson(toDraft04(schema), 2) + '\n' });
    }
    const person = e.personProperties.set.length + e.personProperties.setOnce.length;
    if (person) notes.push({ where: loc(e), message: `'${e.name}': ${person} person properties not exported (an Iglu event schema describes the event payload only)` });
  }
  if (files.length) notes.push({ where: 'schemas/', message: `${files.length} schemas; event metadata (trigger, category, owner, destinations, status) has no place in an Iglu schema` });
  return { files: files.sort((a, b) => (a.path < b.path ? -1 : 1)), notes, errors };
}
