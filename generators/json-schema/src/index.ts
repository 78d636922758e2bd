import { liveVersions, revisionsOf, schemaVer, stableJson, type GeneratedFile, type Generator, type ObjectRules, type TaxonomyEvent, type TaxonomyModel, generatedPackageName } from '@taxonomy/core';
import { objectSchema, type JsonSchema } from './shape.js';

export { shapeToSchema, objectSchema, acceptsNull, type JsonSchema } from './shape.js';

export interface JsonSchemaOptions {
  /** npm name of the generated package. Default: the taxonomy's `packages.schemas`, else `@<name>/schemas`. */
  packageName?: string;
}

const DRAFT = 'https://json-schema.org/draft/2020-12/schema';

/** `$id` of an event version: carries the taxonomy, the event name and the version. */
export function eventSchemaId(model: TaxonomyModel, event: Pick<TaxonomyEvent, 'name' | 'version'>): string {
  return `urn:${model.name}:event:${encodeURIComponent(event.name)}:v${event.version}`;
}

/**
 * File name of an event version's schema inside the package. `domain` is given only to an
 * event that has a twin differing in case in another domain (see schemaPaths).
 */
export function eventSchemaPath(event: Pick<TaxonomyEvent, 'name' | 'version'>, domain?: string): string {
  return `schemas/${fileStem(event.name)}${domain ? `.${domain}` : ''}.v${event.version}.json`;
}

/** An event name in a file name: a space (names as teams write them, 'Order Completed') is written '-', which no event name holds. */
const fileStem = (name: string) => name.replace(/ /g, '-');

/**
 * Schema paths of every event, distinct on a case-insensitive disk too: when names of
 * different domains differ only in case (`signup`, `SIGNUP`), an all-lower-case name keeps
 * its path and the others carry their domain (`schemas/SIGNUP.growth.v1.json`).
 */
export function schemaPaths(events: readonly TaxonomyEvent[]): Map<string, string> {
  const count = new Map<string, number>();
  const key = (name: string) => fileStem(name).toLowerCase();
  for (const e of events) count.set(key(e.name), (count.get(key(e.name)) ?? 0) + 1);
  return new Map(events.map((e) => {
    const twin = (count.get(key(e.name)) ?? 0) > 1 && fileStem(e.name) !== key(e.name);
    return [e.name, eventSchemaPath(e, twin ? e.domain : undefined)];
  }));
}

/**
 * The schema of one event's envelope. The payload sits under `properties` and is
 * closed (`additionalProperties: false`): adding an optional property later keeps
 * every older payload valid, while a typo is caught. An event (or version) may open it
 * with `values:` and `patternProperties:` and bound its key count (payloadRules).
 */
export function eventSchema(model: TaxonomyModel, e: TaxonomyEvent): JsonSchema {
  // An older live version (an event seen through eventAtVersion) is named on the wire: a payload
  // without `version` means the newest, so exactly one version's schema matches any payload.
  // An earlier revision of the newest model is sent like the newest: its version may be left out.
  const revision = earlierRevision(model, e);
  const frozen = e.versions.length === 1 && e.versions[0]!.frozen && !revision?.newestModel;
  // SchemaVer is stated where it says more than `version` (several live majors, or REVISION/ADDITION set).
  const v = e.versions[e.versions.length - 1];
  const ver = v && (e.versions.length > 1 || frozen || revision || v.revision > 0 || v.addition > 0) ? { 'x-schemaver': schemaVer(v) } : {};
  const person: JsonSchema = {};
  if (e.personProperties.set.length) person.$set = objectSchema(e.personProperties.set);
  if (e.personProperties.setOnce.length) person.$set_once = objectSchema(e.personProperties.setOnce);
  return {
    $schema: DRAFT,
    $id: revision ? `${eventSchemaId(model, e)}-${v!.revision}-${v!.addition}` : eventSchemaId(model, e),
    title: e.name,
    ...(e.description ? { description: e.description } : {}),
    type: 'object',
    required: frozen ? ['event', 'version', 'properties'] : ['event', 'properties'],
    properties: {
      event: { const: e.name, description: 'The event name.' },
      version: revision
        ? { const: e.version, description: `The event schema version: ${schemaVer(v!)} is an earlier revision of version ${e.version}, sent by apps already shipped${frozen ? '; required' : '; omitted means the current one'}.` }
        : frozen
        ? { const: e.version, description: 'The event schema version: an older live version, sent by apps already shipped; required.' }
        : { const: e.version, description: 'The event schema version; omitted means the current one.' },
      id: { type: 'string', minLength: 1, maxLength: 128, description: 'A unique id for idempotent delivery.' },
      timestamp: { type: 'string', format: 'date-time', description: 'When it happened (ISO 8601).' },
      properties: objectSchema(e.properties, payloadRules(e)),
      ...(Object.keys(person).length ? { person: { type: 'object', properties: person, additionalProperties: false } } : {}),
      context: { type: 'object', description: 'Static metadata attached by the tracker (free-form).' },
      dimensions: { type: 'object', description: 'Per-event dimensions resolved by the tracker (free-form).' },
    },
    additionalProperties: false,
    'x-domain': e.domain,
    ...(e.category ? { 'x-category': e.category } : {}),
    'x-status': e.status,
    ...ver,
    'x-destinations': [...e.destinations],
    ...(e.owner ? { 'x-owner': e.owner } : {}),
    ...(e.critical ? { 'x-critical': true } : {}),
    ...(e.deprecated?.replacement ? { 'x-replacement': e.deprecated.replacement } : {}),
    // An import's mapping of a non-object Iglu payload: a re-import of these schemas keeps it.
    ...(typeof e.extensions['x-iglu-payload'] === 'string' ? { 'x-iglu-payload': e.extensions['x-iglu-payload'] } : {}),
  };
}

/**
 * When `e` is an earlier revision of one of its event's models (revisionsOf): whether that
 * model is the event's newest. Undefined for an event or an older major.
 */
function earlierRevision(model: TaxonomyModel, e: TaxonomyEvent): { readonly newestModel: boolean } | undefined {
  const only = e.versions.length === 1 ? e.versions[0]! : undefined;
  if (!only?.frozen) return undefined;
  const owner = model.events.find((x) => x.name === e.name);
  const major = owner?.versions.find((x) => x.version === only.version);
  return major?.revisions?.includes(only) ? { newestModel: major === owner!.versions[owner!.versions.length - 1] } : undefined;
}

/**
 * Path of an earlier revision's schema: its version's path with `-R-A` (schemas/x.v2-0-0.json).
 * A version's path ends `.v<digits>.json`, so no revision's path is another version's.
 */
export function revisionSchemaPath(versionPath: string, r: { readonly revision: number; readonly addition: number }): string {
  return versionPath.replace(/\.json$/, `-${r.revision}-${r.addition}.json`);
}

/**
 * What the payload of an event (or of one of its versions) accepts beyond its declared keys.
 * An older version seen through eventAtVersion carries the newest's rules in its spread
 * fields; its own are on its one EventVersion, so those are read for a frozen version.
 */
export function payloadRules(e: TaxonomyEvent): ObjectRules {
  const only = e.versions.length === 1 ? e.versions[0] : undefined;
  return only?.frozen ? only : e;
}

function packageName(model: TaxonomyModel, o: JsonSchemaOptions): string {
  return generatedPackageName(model, 'schemas', o.packageName);
}

export const jsonSchemaGenerator: Generator<JsonSchemaOptions> = {
  name: 'json-schema',
  description: 'JSON Schemas (draft 2020-12): one per event version, a bundle discriminated on the event name, and an index.',
  version: '1',
  defaultOut: 'packages/schemas',
  optionsSchema: {
    type: 'object', additionalProperties: false,
    properties: { packageName: { type: 'string', description: 'npm name of the generated package.' } },
  },
  generate(model, options) {
    const files: GeneratedFile[] = [];
    const index: JsonSchema[] = [];
    const defs: JsonSchema = {};
    const paths = schemaPaths(model.events);
    // One branch per event (the discriminator needs its name once); an event with older live
    // versions is a oneOf of them, told apart by `version`. A version with earlier revisions
    // (`revisions:`) is an anyOf of its schema and theirs: a payload may match several.
    const branches: JsonSchema[] = [];
    for (const e of model.events) {
      const majors: JsonSchema[] = [];
      const newest = paths.get(e.name)!;
      const entry = (at: TaxonomyEvent, schema: JsonSchema, path: string, extra: JsonSchema) => {
        files.push({ path, contents: stableJson(schema) });
        index.push({ event: e.name, version: at.version, ...extra, $id: schema.$id, path, domain: e.domain, category: e.category, status: e.status, ...(at === e ? {} : { current: false }) });
      };
      // Newest first, so the first index entry of a name is its current version (schemaFor without a version).
      for (const at of [...liveVersions(e)].reverse()) {
        const schema = eventSchema(model, at);
        const path = at === e ? newest : newest.replace(/\.v\d+\.json$/, `.v${at.version}.json`);
        entry(at, schema, path, {});
        defs[`${e.name}.v${at.version}`] = { ...schema, $schema: undefined };
        const refs: JsonSchema[] = [{ $ref: schema.$id }];
        // Each earlier revision of this model, newest first, beside its version's file.
        for (const r of [...revisionsOf(e, at.versions[at.versions.length - 1]!)].reverse()) {
          const rs = eventSchema(model, r);
          const sv = rs['x-schemaver'] as string;
          entry(r, rs, revisionSchemaPath(path, r.versions[0]!), { schemaver: sv });
          defs[`${e.name}.v${sv}`] = { ...rs, $schema: undefined };
          refs.push({ $ref: rs.$id });
        }
        majors.push(refs.length === 1 ? refs[0]! : { anyOf: refs });
      }
      // The discriminator needs `event` on each branch: a lone $ref carries it, a combination does not.
      const tag = { properties: { event: { const: e.name } } };
      branches.push(majors.length > 1 ? { ...tag, oneOf: majors.reverse() } : majors[0]!.anyOf ? { ...tag, ...majors[0] } : majors[0]!);
    }
    const bundle = {
      $schema: DRAFT,
      $id: `urn:${model.name}:events`,
      title: `${model.name} events`,
      description: `Every event of ${model.name} ${model.version}, discriminated on the event name.`,
      type: 'object',
      required: ['event'],
      properties: { event: { enum: model.events.map((e) => e.name) } },
      discriminator: { propertyName: 'event' },
      oneOf: branches,
      $defs: defs,
    };
    files.push({ path: 'bundle.json', contents: stableJson(bundle) });
    files.push({ path: 'index.json', contents: stableJson({ taxonomy: model.name, version: model.version, events: index }) });
    const name = packageName(model, options);
    files.push({
      path: 'package.json',
      contents: stableJson({
        name, version: model.version, type: 'module',
        description: `JSON Schemas of the ${model.name} analytics events. Generated by \`taxonomy generate\`; do not edit.`,
        main: './index.js', types: './index.d.ts',
        exports: { '.': { types: './index.d.ts', import: './index.js' }, './schemas/*': './schemas/*', './bundle.json': './bundle.json', './index.json': './index.json' },
      }),
    });
    files.push({
      path: 'index.js',
      contents: `// Generated by \`taxonomy generate\` (json-schema). Do not edit.\nimport { createRequire } from 'node:module';\nconst require = createRequire(import.meta.url);\n/** Every event version and earlier revision (schemaver M-R-A): name, version, $id, schema path, domain, category, status. */\nexport const index = require('./index.json');\n/** All events in one schema, a oneOf discriminated on \`event\`. */\nexport const bundle = require('./bundle.json');\n/** The schema of one event version (current version when omitted). */\nexport function schemaFor(name, version) {\n  const entry = index.events.find((e) => e.event === name && (version === undefined || e.version === version));\n  return entry ? require('./' + entry.path) : undefined;\n}\n`,
    });
    files.push({
      path: 'index.d.ts',
      contents: `// Generated by \`taxonomy generate\` (json-schema). Do not edit.\nexport interface SchemaIndexEntry { event: string; version: number; schemaver?: string; $id: string; path: string; domain: string; category?: string; status: string; current?: false }\nexport declare const index: { taxonomy: string; version: string; events: SchemaIndexEntry[] };\nexport declare const bundle: Record<string, unknown>;\nexport declare function schemaFor(name: string, version?: number): Record<string, unknown> | undefined;\n`,
    });
    return files.sort((a, b) => (a.path < b.path ? -1 : 1));
  },
};

export default jsonSchemaGenerator;
