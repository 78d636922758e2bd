import type { EventVersion, TaxonomyEvent } from './model.js';

/**
 * The event as it was at one of its live versions: the same event (name, domain, routing,
 * person properties) with that version's number, properties and description. The newest is
 * the event itself, so a generator that handles one event handles each version this way.
 */
export function eventAtVersion(e: TaxonomyEvent, v: EventVersion): TaxonomyEvent {
  if (!v.frozen && v.version === e.version) return e;
  // The payload rules are the version's own: an older major may be open where the newest is closed.
  const { values: _v, patternProperties: _p, minProperties: _min, maxProperties: _max, ...rest } = e;
  return Object.freeze({
    ...rest,
    ...(v.values !== undefined ? { values: v.values } : {}),
    ...(v.patternProperties !== undefined ? { patternProperties: v.patternProperties } : {}),
    ...(v.minProperties !== undefined ? { minProperties: v.minProperties } : {}),
    ...(v.maxProperties !== undefined ? { maxProperties: v.maxProperties } : {}),
    version: v.version,
    description: v.description ?? e.description,
    properties: v.properties,
    versions: Object.freeze([v]),
    location: v.location,
  });
}

/** Every live version of an event as an event of its own, oldest first, the newest (the event itself) last. */
export function liveVersions(e: TaxonomyEvent): readonly TaxonomyEvent[] {
  return e.versions.length <= 1 ? [e] : e.versions.map((v) => eventAtVersion(e, v));
}

/** Whether an event keeps older majors live. */
export const hasOlderVersions = (e: TaxonomyEvent): boolean => e.versions.length > 1;

/** SchemaVer of a version: MODEL-REVISION-ADDITION. */
export const schemaVer = (v: Pick<EventVersion, 'version' | 'revision' | 'addition'>): string => `${v.version}-${v.revision}-${v.addition}`;

/**
 * The earlier REVISION-ADDITIONs of one live version (`revisions:`), each as an event of its
 * own (eventAtVersion: its own properties and payload rules, `versions` its one revision),
 * oldest first. A payload of the model is accepted when it matches the version or one of these.
 */
export function revisionsOf(e: TaxonomyEvent, v: EventVersion): readonly TaxonomyEvent[] {
  // `?? []`: models built by hand (tests, older callers) may leave revisions out.
  return (v.revisions ?? []).map((r) => eventAtVersion(e, r));
}

/** Whether any live version of an event keeps earlier revisions. */
export const hasRevisions = (e: TaxonomyEvent): boolean => e.versions.some((v) => (v.revisions?.length ?? 0) > 0);

/**
 * Every REVISION-ADDITION of one model, oldest first, the version itself last: consecutive
 * entries are what each revision or addition changed.
 */
export const revisionChain = (v: EventVersion): readonly EventVersion[] => [...(v.revisions ?? []), v];
