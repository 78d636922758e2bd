import { posix } from 'node:path';
import { EVENT_REF, NAMESPACE } from '@taxonomy/core';
import { EVENT_NAME, countProperties, foldsToNothing, newDomain, newEvent, safeEventName, safeIdentifier, type DraftChange, type DraftDomain, type DraftEvent, type DraftVersion } from './draft.js';
import { finishImport, type ImportOptions, type ImportResult } from './finish.js';
import { SCHEMAVER } from './iglu-export.js';
import { fmt, readJson, type JsonDocument } from './json.js';
import { newReport, type ImportReport } from './report.js';
import { Refused, SchemaConverter } from './schema.js';
import { whereOf, type FileResolver, type SchemaSource } from './schema-refs.js';

/** A file of the folder being imported: its path relative to the folder, and its text. */
export interface SchemaFileText {
  readonly path: string;
  readonly text: string;
}

interface Candidate {
  src: SchemaSource;
  kind: 'iglu' | 'envelope' | 'plain';
  name: string;
  /** [model, revision, addition]; plain schemas are [version, 0, 0]. */
  ver: [number, number, number];
  payload: unknown;
  payloadPointer: string;
  vendor?: string;
  /** The name came from x-taxonomy-event: an identity as exported, kept as it is. */
  own?: boolean;
  event: DraftEvent;
}

const isObject = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);
const str = (v: unknown) => (typeof v === 'string' && v ? v : undefined);

/** Every $ref string below a value (to find files that only hold shared definitions). */
function refsIn(v: unknown, out: string[]): void {
  if (Array.isArray(v)) v.forEach((x) => refsIn(x, out));
  else if (isObject(v)) for (const [k, x] of Object.entries(v)) k === '$ref' && typeof x === 'string' ? out.push(x) : refsIn(x, out);
}

function resolverFor(sources: Map<string, SchemaSource>): FileResolver {
  const byId = new Map<string, SchemaSource>();
  for (const s of sources.values()) {
    const r = s.root as Record<string, unknown>;
    const id = str(r.$id) ?? str(r.id);
    if (id && !id.startsWith('#')) byId.set(id.replace(/#$/, ''), s);
    const self = isObject(r.self) ? r.self : undefined;
    if (self) byId.set(`iglu:${String(self.vendor)}/${String(self.name)}/${String(self.format)}/${String(self.version)}`, s);
  }
  return (target, from) => byId.get(target) ?? sources.get(posix.normalize(posix.join(posix.dirname(from.file), target))) ?? sources.get(posix.normalize(target));
}

function versionOf(text: string | undefined): number | undefined {
  const m = text ? /(?:^|[^a-z0-9])v(\d+)(?:\.json)?$|\/(\d+)-\d+-\d+$/i.exec(text) : null;
  const n = m ? Number(m[1] ?? m[2]) : NaN;
  return Number.isInteger(n) && n >= 1 ? n : undefined;
}

function classify(src: SchemaSource, report: ImportReport): Omit<Candidate, 'event'> | string | { refused: string } {
  const s = src.root as Record<string, unknown>;
  const self = isObject(s.self) ? s.self : undefined;
  if (self) {
    const vendor = str(self.vendor), name = str(self.name), format = str(self.format), version = str(self.version);
    if (!vendor || !name || !version) return 'a self-describing schema needs self.vendor, self.name, self.format and self.version';
    if (format !== 'jsonschema') return `self.format is '${format}', not jsonschema`;
    const m = SCHEMAVER.exec(version);
    if (!m) return `self.version '${version}' is not a SchemaVer (MODEL-REVISION-ADDITION, e.g. 1-0-0)`;
    const own = str(s['x-taxonomy-event']);
    // x-taxonomy-event (written by export iglu) is the event's identity, namespace and spaces included.
    return { src, kind: 'iglu', name: own && EVENT_REF.test(own) ? own : name, vendor, own: !!own && EVENT_REF.test(own), ver: [Number(m[1]), Number(m[2]), Number(m[3])], payload: s, payloadPointer: '' };
  }
  const props = isObject(s.properties) ? s.properties : undefined;
  const ev = props && isObject(props.event) ? props.event : undefined;
  if (ev && typeof ev.const === 'string' && props && isObject(props.properties)) {
    const v = isObject(props.version) && typeof props.version.const === 'number' ? props.version.const : versionOf(src.file) ?? 1;
    return { src, kind: 'envelope', name: ev.const, ver: [v, 0, 0], payload: props.properties, payloadPointer: '/properties/properties' };
  }
  if (Array.isArray(s.oneOf) || Array.isArray(s.anyOf)) return 'a bundle of alternatives (oneOf/anyOf at the top), not one event';
  if (s.type === 'array' || (Array.isArray(s.type) && s.type.includes('array')) || s.items !== undefined) return { refused: 'a top-level array payload: an event\'s payload is one object, and the taxonomy has no top-level arrays' };
  if (!props && s.type !== 'object') return 'not an object schema with properties';
  const title = str(s.title);
  const base = posix.basename(src.file).replace(/\.json$/i, '');
  const fromTitle = title && EVENT_NAME.test(title);
  const name = fromTitle ? title! : base.replace(/[.-]v\d+$/i, '');
  const v = versionOf(base) ?? versionOf(str(s.$id)) ?? 1;
  report.guessed.push({ where: `${src.file}:1:1`, message: `plain JSON Schema read as event '${name}' v${v} (name from the ${fromTitle ? 'title' : 'file name'})` });
  return { src, kind: 'plain', name, ver: [v, 0, 0], payload: s, payloadPointer: '' };
}

const cmpVer = (a: Candidate['ver'], b: Candidate['ver']) => a[0] - b[0] || a[1] - b[1] || a[2] - b[2];

type Candidates = Map<string, (Candidate & { event: DraftEvent })[]>;

/** Each file read as JSON (duplicate keys and syntax errors reported, the latter not imported), by normalised path. */
function readSources(files: readonly SchemaFileText[], report: ImportReport, fileTodos: string[]): Map<string, SchemaSource> {
  const sources = new Map<string, SchemaSource>();
  for (const f of [...files].sort((a, b) => (a.path < b.path ? -1 : 1))) {
    const doc: JsonDocument = readJson(f.text);
    for (const d of doc.duplicates) {
      report.unmapped.push({ where: `${f.path}:${fmt(d.position)} #${d.pointer}`, message: d.message, hint: d.hint });
      fileTodos.push(`${f.path}:${fmt(d.position)}: ${d.message}`);
    }
    if (doc.syntaxError) {
      const e = doc.syntaxError;
      report.unmapped.push({ where: `${f.path}:${fmt(e.position)}`, message: `${e.message}; the file is not imported`, hint: e.hint });
      fileTodos.push(`${f.path}:${fmt(e.position)}: not imported (${e.message})`);
      continue;
    }
    if (!isObject(doc.value)) {
      report.skipped.push({ where: `${f.path}:1:1`, message: 'not a JSON object: not a schema' });
      continue;
    }
    sources.set(posix.normalize(f.path), { file: posix.normalize(f.path), doc, base: '', root: doc.value });
  }
  return sources;
}

/** The files another file's $ref points into. */
function referencedSources(sources: Map<string, SchemaSource>, resolve: FileResolver): Set<SchemaSource> {
  const referenced = new Set<SchemaSource>();
  for (const s of sources.values()) {
    const refs: string[] = [];
    refsIn(s.root, refs);
    for (const r of refs) {
      const target = r.split('#')[0]!;
      const hit = target ? resolve(target, s) : undefined;
      if (hit && hit !== s) referenced.add(hit);
    }
  }
  return referenced;
}

/** Event names (as imported) that Iglu schemas of more than one vendor define, with those vendors. */
function sharedIgluNames(sources: Map<string, SchemaSource>, referenced: Set<SchemaSource>): Map<string, Set<string>> {
  const vendors = new Map<string, Set<string>>();
  for (const src of sources.values()) {
    if (referenced.has(src)) continue;
    const r = src.root as Record<string, unknown>;
    const self = isObject(r.self) ? r.self : undefined;
    const vendor = self ? str(self.vendor) : undefined, name = self ? str(self.name) : undefined;
    if (!vendor || !name || str(r['x-taxonomy-event'])) continue;
    const key = EVENT_NAME.test(name) ? name : safeEventName(name);
    (vendors.get(key) ?? vendors.set(key, new Set()).get(key)!).add(vendor);
  }
  return new Map([...vendors].filter(([, v]) => v.size > 1));
}

/** The event schemas among the sources, by (valid) event name; libraries and non-events reported. */
function candidatesOf(sources: Map<string, SchemaSource>, referenced: Set<SchemaSource>, report: ImportReport): Candidates {
  const byName: Candidates = new Map();
  // A name several Iglu vendors define (io.snowplow.ecomm's add_to_cart, another vendor's) is one
  // event per vendor: each is imported in its vendor's namespace (io.snowplow.ecomm/add_to_cart),
  // never merged with, or dropped as a duplicate of, another vendor's.
  const shared = sharedIgluNames(sources, referenced);
  const noted = new Set<string>();
  for (const src of sources.values()) {
    const root = src.root as Record<string, unknown>;
    const isLibrary = referenced.has(src) && !isObject(root.self) && !(isObject(root.properties) && isObject(root.properties.event));
    if (isLibrary) {
      report.guessed.push({ where: `${src.file}:1:1`, message: 'referenced by other schemas: read as shared definitions, not as an event' });
      continue;
    }
    const c = classify(src, report);
    if (typeof c === 'object' && 'refused' in c) {
      report.unmapped.push({ where: `${src.file}:1:1`, message: `${c.refused}; the schema is not imported`, hint: 'wrap the array in an object property (e.g. { "items": [...] }), or import it by hand' });
      continue;
    }
    if (typeof c === 'string') {
      report.skipped.push({ where: `${src.file}:1:1`, message: `${c}; not imported as an event` });
      continue;
    }
    if (!c.own && !EVENT_NAME.test(c.name) && foldsToNothing(c.name)) {
      report.unmapped.push({ where: `${src.file}:1:1`, message: `event name ${JSON.stringify(c.name)} has no letter or digit: it is empty after folding; the schema is not imported`, hint: 'give the schema a name (self.name, title or file name) with letters or digits' });
      continue;
    }
    const safe = c.own || EVENT_NAME.test(c.name) ? c.name : safeEventName(c.name);
    const eventName = c.kind === 'iglu' && !c.own && c.vendor && shared.has(safe) && NAMESPACE.test(c.vendor) ? `${c.vendor}/${safe}` : safe;
    if (eventName !== safe && !noted.has(safe)) {
      noted.add(safe);
      const vendors = [...shared.get(safe)!].sort();
      report.guessed.push({ where: `${src.file}:1:1`, message: `'${safe}' is defined by ${vendors.length} Iglu vendors (${vendors.join(', ')}): each is imported in its vendor's namespace (${vendors.map((v) => `${v}/${safe}`).join(', ')})` });
    }
    const event = newEvent(eventName);
    if (eventName !== c.name) {
      event.extensions[c.kind === 'iglu' ? 'x-iglu-name' : 'x-source-name'] = c.name;
      report.guessed.push({ where: `${src.file}:1:1`, message: `'${c.name}' is not a valid taxonomy event name; imported as '${eventName}'` });
    }
    (byName.get(eventName) ?? byName.set(eventName, []).get(eventName)!).push({ ...c, event });
  }
  return byName;
}

/** The domain: its id (option, else the most frequent Iglu vendor, else the folder), header and vendor. */
function domainFor(byName: Candidates, folder: string, opts: ImportOptions, report: ImportReport, fileTodos: string[]): { domain: DraftDomain; vendor: string | undefined } {
  const vendors = new Map<string, number>();
  for (const cs of byName.values()) for (const c of cs) if (c.vendor) vendors.set(c.vendor, (vendors.get(c.vendor) ?? 0) + 1);
  const vendor = [...vendors].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0]?.[0];
  const domainName = safeIdentifier(opts.domain ?? (vendor ? vendor.split('.').pop()! : posix.basename(folder.replace(/\/+$/, '')) || 'imported'));
  const domain = newDomain(domainName);
  report.domain = domainName;
  if (!opts.domain) report.guessed.push({ where: folder, message: `domain id '${domainName}' taken from ${vendor ? `the vendor ${vendor}` : 'the folder name'}`, hint: 'pass --domain <id> to choose it' });
  if (vendor) {
    domain.extensions['x-iglu-vendor'] = vendor;
    report.guessed.push({ where: folder, message: `Iglu vendor ${vendor} kept as x-iglu-vendor`, hint: `set vendor: ${vendor} in taxonomy.yaml so exports use it` });
  }
  domain.source = `${folder} (JSON Schema${vendor ? ', Iglu' : ''})`;
  domain.header.push(`Imported from ${folder} by \`taxonomy import jsonschema\`. Review the TODO(import) comments.`);
  domain.todos.push(...fileTodos);
  return { domain, vendor };
}

/** The payload into the event: its properties and object rules (a payload that is not one object is refused). */
function importPayload(e: DraftEvent | DraftVersion, c: Candidate, conv: SchemaConverter, name: string): void {
  const converted = conv.convertPayload(c.payload, c.src, c.payloadPointer, name);
  if ('omitted' in converted) throw new Refused(whereOf(c.src, c.payloadPointer), `the payload of '${name}' ${converted.omitted}`, 'fix the schema');
  const p = converted.prop;
  if (p.type !== 'object') {
    const what = p.type === 'array' ? 'an array (a top-level array payload)' : p.types ? `any of ${p.types.join(', ')}${c.src.root && (c.src.root as Record<string, unknown>).type === undefined ? ' (the schema has no "type": "object")' : ''}` : p.oneOf || p.anyOf ? 'a union (oneOf/anyOf at the top)' : p.type === 'json' ? 'any JSON value (no type)' : `a ${p.type}`;
    throw new Refused(whereOf(c.src, c.payloadPointer), `the payload of '${name}' is ${what}: an event's payload is one object`, p.type === 'array' ? 'wrap the array in an object property' : 'add "type": "object" if the payload is always an object, or split the alternatives into events of their own');
  }
  if (p.nullable) throw new Refused(whereOf(c.src, c.payloadPointer), `the payload of '${name}' may be null: an event's payload is an object`, 'drop null from its type');
  e.todos.push(...(p.todos ?? []));
  e.properties = p.properties ?? new Map();
  if (p.values) e.values = p.values;
  if (p.patternProperties?.size) e.patternProperties = p.patternProperties;
  if (p.minProperties !== undefined) e.minProperties = p.minProperties;
  if (p.maxProperties !== undefined) e.maxProperties = p.maxProperties;
}

/** The JSON Schema generator's annotations: the category survives (it must exist in the taxonomy), and person's $set/$set_once. */
function importEnvelopeExtras(e: DraftEvent, c: Candidate, root: Record<string, unknown>, conv: SchemaConverter): void {
  if (typeof root['x-category'] === 'string' && /^[a-z][a-z0-9_]*$/.test(root['x-category'])) e.category = root['x-category'];
  const person = (root.properties as Record<string, unknown>).person;
  const pp = isObject(person) && isObject(person.properties) ? person.properties : {};
  for (const [k, field] of [['$set', 'personSet'], ['$set_once', 'personSetOnce']] as const) {
    const o = pp[k];
    if (!isObject(o)) continue;
    const cv = conv.convert(o, c.src, `/properties/person/properties/${k.replace(/~/g, '~0')}`, k);
    if ('prop' in cv && cv.prop.properties) e[field] = cv.prop.properties;
  }
}

/**
 * The older models of an event that stay live (`versions:`): the highest REVISION-ADDITION of
 * each model, for the models just below the newest with no gap (the taxonomy refuses one); a
 * model below a gap, and lower REVISION-ADDITIONs of a model, are noted in the changelog.
 */
function olderVersions(name: string, cs: readonly (Candidate & { event: DraftEvent })[], conv: SchemaConverter, report: ImportReport): { versions: DraftVersion[]; notes: DraftChange[] } {
  const newest = cs[0]!.ver[0];
  const best = new Map<number, Candidate & { event: DraftEvent }>();
  const notes: DraftChange[] = [];
  for (const x of cs) {
    const b = best.get(x.ver[0]);
    if (!b) best.set(x.ver[0], x);
    else if (cmpVer(b.ver, x.ver) !== 0) notes.push({ version: x.ver[0], change: `SchemaVer ${x.ver.join('-')} in ${x.src.file} not imported: the taxonomy keeps the highest ${x.ver[0]}-R-A of each model (${b.ver.join('-')})` });
  }
  const versions: DraftVersion[] = [];
  let m = newest - 1;
  for (; best.has(m); m--) {
    const x = best.get(m)!;
    importPayload(x.event, x, conv, name);
    const root = x.src.root as Record<string, unknown>;
    const desc = str(root.description) ?? (x.kind === 'plain' ? undefined : str(root.title));
    const { values, patternProperties, minProperties, maxProperties } = x.event;
    versions.unshift({ version: m, ...(x.ver[1] ? { revision: x.ver[1] } : {}), ...(x.ver[2] ? { addition: x.ver[2] } : {}), ...(desc ? { description: desc } : {}), properties: x.event.properties, values, patternProperties, minProperties, maxProperties, todos: x.event.todos });
  }
  for (const [model, x] of best) {
    if (model < m) {
      notes.push({ version: model, change: `version ${model} in ${x.src.file} not imported: version ${m} is missing, and the taxonomy keeps only versions without a gap` });
      report.unmapped.push({ where: `${x.src.file}:1:1`, message: `'${name}' version ${model} is not imported: version ${m} is missing between it and the newest (${newest})`, hint: `add version ${m} of the schema, or drop the older ones` });
    }
  }
  return { versions, notes: notes.sort((a, b) => a.version - b.version) };
}

/** One event from its versions: the newest is the event, the older models without a gap its `versions:`, same-version duplicates reported. */
function importEvent(name: string, cs: (Candidate & { event: DraftEvent })[], conv: SchemaConverter, vendor: string | undefined, report: ImportReport): DraftEvent {
  cs.sort((a, b) => cmpVer(b.ver, a.ver));
  const c = cs[0]!;
  const e = c.event;
  const dups = new Set<Candidate>();
  for (let i = 1; i < cs.length; i++) {
    if (cmpVer(cs[i]!.ver, cs[i - 1]!.ver) !== 0) continue;
    const dup = cs[i]!, first = cs[i - 1]!;
    dups.add(dup);
    report.unmapped.push({ where: `${dup.src.file}:1:1`, message: `'${name}' ${dup.ver.join('-')} is defined twice (also in ${first.src.file}); this one is not imported`, hint: 'remove the duplicate file' });
    e.todos.push(`version ${dup.ver.join('-')} is also defined in ${dup.src.file}; not imported`);
  }
  const older = olderVersions(name, cs.filter((x) => !dups.has(x)), conv, report);
  if (older.versions.length) {
    e.versions = older.versions;
    report.guessed.push({ where: `${c.src.file}:1:1`, message: `'${name}' has schema models ${[...older.versions.map((v) => v.version), c.ver[0]].join(', ')}: version ${c.ver[0]} is the event, the older ones stay live under versions:` });
  }
  if (older.notes.length) e.changelog = older.notes;
  e.version = c.ver[0];
  if (c.ver[1]) e.revision = c.ver[1];
  if (c.ver[2]) e.addition = c.ver[2];
  if (c.vendor && c.vendor !== vendor) e.extensions['x-iglu-vendor'] = c.vendor;
  const root = c.src.root as Record<string, unknown>;
  const desc = str(root.description) ?? (c.kind === 'plain' ? undefined : str(root.title));
  if (desc) e.description = desc;
  importPayload(e, c, conv, name);
  if (c.kind === 'envelope') importEnvelopeExtras(e, c, root, conv);
  report.created.push({ where: whereOf(c.src, ''), message: `event '${name}' v${e.version} (${countProperties(e.properties)} properties)` });
  return e;
}

/**
 * Imports a folder of JSON Schemas: Snowplow Iglu self-describing schemas (an Iglu
 * registry's schemas/{vendor}/{name}/jsonschema/{version} files), event envelopes
 * like the JSON Schema generator writes, and plain object schemas. $refs inside a
 * file and across files (paths, $id URIs, iglu: URIs) are resolved; files only
 * referenced by others are read as shared definitions, not events.
 */
export function importJsonSchemas(files: readonly SchemaFileText[], opts: ImportOptions & { folderName?: string } = {}): ImportResult & { origins: SchemaOrigin[] } {
  const folder = opts.sourceName ?? opts.folderName ?? 'schemas';
  const report = newReport('jsonschema', folder, '');
  const fileTodos: string[] = [];
  const sources = readSources(files, report, fileTodos);
  const resolve = resolverFor(sources);
  const byName = candidatesOf(sources, referencedSources(sources, resolve), report);
  const { domain, vendor } = domainFor(byName, folder, opts, report, fileTodos);
  const conv = new SchemaConverter({ report, files: resolve, lossless: true });
  const origins: SchemaOrigin[] = [];
  for (const [name, cs] of [...byName].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
    // A schema the taxonomy cannot hold exactly is left out whole (every version of its event), never narrowed.
    const mark = report.guessed.length;
    try {
      const e = importEvent(name, cs, conv, vendor, report);
      domain.events.push(e);
      const live = new Set([e.version, ...(e.versions ?? []).map((v) => v.version)]);
      const kept = new Map<number, Candidate>();
      for (const x of cs) if (live.has(x.ver[0]) && !kept.has(x.ver[0])) kept.set(x.ver[0], x);
      for (const [v, x] of kept) origins.push({ file: x.src.file, event: name, version: v, schemaVer: x.ver.join('-') });
    } catch (err) {
      if (!(err instanceof Refused)) throw err;
      report.guessed.length = mark;
      report.unmapped.push({ where: err.where, message: `'${name}' is not imported (none of its ${cs.length} schema${cs.length === 1 ? '' : 's'}): ${err.finding}`, hint: err.hint });
      domain.todos.push(`event '${name}' not imported: ${err.where} ${err.finding}`);
    }
  }
  if (!domain.events.length) report.unmapped.push({ where: folder, message: `no event schemas found among ${files.length} files`, hint: 'pass the folder that holds the .json schemas (or an Iglu registry with schemas/{vendor}/{name}/jsonschema/{version})' });
  return { ...finishImport(domain, report, { ...opts, sourceName: folder }), origins: origins.sort((a, b) => (a.file < b.file ? -1 : 1)) };
}

/** Which source file became which event version (the schemas that were imported as live versions). */
export interface SchemaOrigin { file: string; event: string; version: number; schemaVer: string }
