import { posix } from 'node:path';
import { EVENT_REF, NAMESPACE } from '@taxonomy/core';
import { EVENT_NAME, countProperties, foldsToNothing, newDomain, newEvent, safeEventName, safeIdentifier, type DraftChange, type DraftDomain, type DraftEvent, type DraftProperty, type DraftRevision, type DraftVersion } from './draft.js';
import { finishImport, type ImportOptions, type ImportResult } from './finish.js';
import { DATA_PROPERTY, PAYLOAD_EXTENSION, SCHEMAVER } from './iglu-export.js';
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

function classify(src: SchemaSource, report: ImportReport): Omit<Candidate, 'event'> | string {
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
    // The generator's x-schemaver says the version's REVISION-ADDITION (and which earlier revision a file is).
    const sv = SCHEMAVER.exec(str(s['x-schemaver']) ?? '');
    const ver: Candidate['ver'] = sv && Number(sv[1]) === v ? [v, Number(sv[2]), Number(sv[3])] : [v, 0, 0];
    return { src, kind: 'envelope', name: ev.const, ver, payload: props.properties, payloadPointer: '/properties/properties' };
  }
  const union = Array.isArray(s.oneOf) || Array.isArray(s.anyOf);
  // The JSON Schema generator's bundle: alternatives of every event's envelope, discriminated on `event`.
  if (union && props && isObject(props.event)) return 'a bundle of alternatives (event envelopes discriminated on "event" at the top), not one event';
  // A root array or union is one event whose payload travels as its `data` property (see importEvent).
  const array = s.type === 'array' || (Array.isArray(s.type) && s.type.includes('array')) || s.items !== undefined || s.prefixItems !== undefined;
  if (!props && s.type !== 'object' && !array && !union) return 'not an object schema with properties';
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

type Kept = Candidate & { event: DraftEvent };
type PayloadTarget = DraftEvent | DraftVersion | DraftRevision;

/**
 * The root shape of one schema. A root that is not one object (an Iglu context's array, a union, a
 * scalar, `{}`, a nullable object) is a `data` payload (`nested`); the converter is then asked
 * for the root as a value, not as a payload.
 */
function rootShape(c: Candidate, conv: SchemaConverter, name: string, nested: boolean): { prop: DraftProperty; object: boolean } {
  const converted = nested ? conv.convert(c.payload, c.src, c.payloadPointer, name) : conv.convertPayload(c.payload, c.src, c.payloadPointer, name);
  if ('omitted' in converted) throw new Refused(whereOf(c.src, c.payloadPointer), `the payload of '${name}' ${converted.omitted}`, 'fix the schema');
  const p = converted.prop;
  const object = p.type === 'object' && !p.nullable;
  const root = isObject(c.payload) ? c.payload : {};
  if (!object && c.kind === 'envelope') throw new Refused(whereOf(c.src, c.payloadPointer), `the payload of '${name}' is not one object`, 'an event envelope\'s properties must be an object schema');
  // Object keywords without "type": almost always a forgotten "type": "object" (as data, every call would wrap its payload).
  if (!object && root.type === undefined && root.oneOf === undefined && root.anyOf === undefined && p.types?.includes('object') && (root.properties !== undefined || root.required !== undefined)) {
    throw new Refused(whereOf(c.src, c.payloadPointer), `the payload of '${name}' is any of ${p.types.join(', ')}${p.nullable ? ' or null' : ''} (the schema has no "type": "object")`, 'add "type": "object" if the payload is always an object');
  }
  return { prop: p, object };
}

/** The payload into an event, version or revision: the object's properties and rules, or one required `data` property holding a root that is not an object. */
function fillPayload(e: PayloadTarget, p: DraftProperty, wrap: boolean): void {
  if (wrap) {
    // The root's words are the event's (description); the shape is the property's.
    const { description: _d, todos, extensions, ...shape } = p;
    // x-taxonomy-event names the file's event (export iglu writes it), not the shape.
    const { 'x-taxonomy-event': _e, ...own } = extensions ?? {};
    e.properties = new Map([[DATA_PROPERTY, { ...shape, required: true, ...(Object.keys(own).length ? { extensions: own } : {}), ...(todos?.length ? { todos } : {}) }]]);
    return;
  }
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
  // The JSON Schema generator's envelope of an event whose Iglu payload is not one object.
  if (root[PAYLOAD_EXTENSION] === DATA_PROPERTY) e.extensions[PAYLOAD_EXTENSION] = DATA_PROPERTY;
  const person = (root.properties as Record<string, unknown>).person;
  const pp = isObject(person) && isObject(person.properties) ? person.properties : {};
  for (const [k, field] of [['$set', 'personSet'], ['$set_once', 'personSetOnce']] as const) {
    const o = pp[k];
    if (!isObject(o)) continue;
    const cv = conv.convert(o, c.src, `/properties/person/properties/${k.replace(/~/g, '~0')}`, k);
    if ('prop' in cv && cv.prop.properties) e[field] = cv.prop.properties;
  }
}

const descriptionOf = (c: Candidate): string | undefined => {
  const root = c.src.root as Record<string, unknown>;
  return str(root.description) ?? (c.kind === 'plain' ? undefined : str(root.title));
};

/**
 * The models of an event that stay live: the newest and the older ones just below it with no gap
 * (the taxonomy refuses one), each with every REVISION-ADDITION (newest first); a model below a
 * gap is reported and noted in the changelog.
 */
function liveModels(name: string, cs: readonly Kept[], report: ImportReport): { models: Kept[][]; notes: DraftChange[] } {
  const byModel = new Map<number, Kept[]>();
  for (const x of cs) (byModel.get(x.ver[0]) ?? byModel.set(x.ver[0], []).get(x.ver[0])!).push(x);
  const newest = cs[0]!.ver[0];
  const models: Kept[][] = [];
  let m = newest;
  for (; byModel.has(m); m--) models.push(byModel.get(m)!);
  const notes: DraftChange[] = [];
  for (const [model, xs] of byModel) {
    if (model >= m) continue;
    for (const x of xs) {
      notes.push({ version: model, change: `SchemaVer ${x.ver.join('-')} in ${x.src.file} not imported: version ${m} is missing, and the taxonomy keeps only versions without a gap` });
      report.unmapped.push({ where: `${x.src.file}:1:1`, message: `'${name}' ${x.ver.join('-')} is not imported: version ${m} is missing between it and the newest (${newest})`, hint: `add version ${m} of the schema, or drop the older ones` });
    }
  }
  return { models, notes: notes.sort((a, b) => a.version - b.version) };
}

/** The earlier REVISION-ADDITIONs of a model (its candidates after the first, newest first), oldest first. */
function revisionsOf(xs: readonly Kept[], roots: Map<Kept, DraftProperty>, wrap: boolean): DraftRevision[] {
  return xs.slice(1).reverse().map((x) => {
    const r: DraftRevision = { revision: x.ver[1], addition: x.ver[2], properties: new Map(), todos: [] };
    const desc = descriptionOf(x);
    if (desc) r.description = desc;
    fillPayload(r, roots.get(x)!, wrap);
    return r;
  });
}

/**
 * Every schema of the live models as a shape. One root that is not an object makes every payload
 * of the event a `data` property (x-iglu-payload: data), so all versions share one wire form.
 */
function rootsOf(name: string, models: readonly Kept[][], conv: SchemaConverter, report: ImportReport): { roots: Map<Kept, DraftProperty>; wrap: boolean } {
  const mark = { guessed: report.guessed.length, findings: report.findings.length };
  const all = models.flat();
  const roots = new Map<Kept, DraftProperty>();
  let wrap = false;
  for (const x of all) {
    const r = rootShape(x, conv, name, false);
    roots.set(x, r.prop);
    if (!r.object) wrap = true;
  }
  if (!wrap) return { roots, wrap };
  // Read again as values (an object root as a nested object, not as a payload); what the first pass said is said once.
  report.guessed.length = mark.guessed;
  report.findings.length = mark.findings;
  for (const x of all) roots.set(x, rootShape(x, conv, name, true).prop);
  return { roots, wrap };
}

/** One event from its schemas: the newest model is the event, older models without a gap its `versions:`, lower REVISION-ADDITIONs each model's `revisions:`. */
function importEvent(name: string, cs: Kept[], conv: SchemaConverter, vendor: string | undefined, report: ImportReport): { event: DraftEvent; kept: Kept[] } {
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
  const { models, notes } = liveModels(name, cs.filter((x) => !dups.has(x)), report);
  const { roots, wrap } = rootsOf(name, models, conv, report);
  const older: DraftVersion[] = models.slice(1).reverse().map((xs) => {
    const x = xs[0]!;
    const v: DraftVersion = { version: x.ver[0], ...(x.ver[1] ? { revision: x.ver[1] } : {}), ...(x.ver[2] ? { addition: x.ver[2] } : {}), properties: new Map(), todos: [] };
    const desc = descriptionOf(x);
    if (desc) v.description = desc;
    fillPayload(v, roots.get(x)!, wrap);
    const revisions = revisionsOf(xs, roots, wrap);
    if (revisions.length) v.revisions = revisions;
    return v;
  });
  if (older.length) {
    e.versions = older;
    report.guessed.push({ where: `${c.src.file}:1:1`, message: `'${name}' has schema models ${[...older.map((v) => v.version), c.ver[0]].join(', ')}: version ${c.ver[0]} is the event, the older ones stay live under versions:` });
  }
  if (notes.length) e.changelog = notes;
  e.version = c.ver[0];
  if (c.ver[1]) e.revision = c.ver[1];
  if (c.ver[2]) e.addition = c.ver[2];
  if (c.vendor && c.vendor !== vendor) e.extensions['x-iglu-vendor'] = c.vendor;
  const desc = descriptionOf(c);
  if (desc) e.description = desc;
  fillPayload(e, roots.get(c)!, wrap);
  const revisions = revisionsOf(models[0]!, roots, wrap);
  if (revisions.length) e.revisions = revisions;
  const kept = models.flat();
  const earlier = kept.length - models.length;
  if (earlier) report.guessed.push({ where: `${c.src.file}:1:1`, message: `'${name}' keeps ${earlier} earlier REVISION-ADDITION${earlier === 1 ? '' : 's'} of its models under revisions: (${kept.filter((x) => !models.some((xs) => xs[0] === x)).map((x) => x.ver.join('-')).join(', ')})` });
  if (wrap) {
    e.extensions[PAYLOAD_EXTENSION] = DATA_PROPERTY;
    report.guessed.push({ where: whereOf(c.src, c.payloadPointer), message: `the payload of '${name}' is not one object: it travels as the required property '${DATA_PROPERTY}' (${PAYLOAD_EXTENSION}: ${DATA_PROPERTY}; export iglu writes it back as the schema root)` });
  }
  if (c.kind === 'envelope') importEnvelopeExtras(e, c, c.src.root as Record<string, unknown>, conv);
  report.created.push({ where: whereOf(c.src, ''), message: `event '${name}' v${e.version} (${countProperties(e.properties)} properties${earlier ? `, ${kept.length} schemas` : ''})` });
  return { event: e, kept };
}

/**
 * Imports a folder of JSON Schemas: Snowplow Iglu self-describing schemas (an Iglu
 * registry's schemas/{vendor}/{name}/jsonschema/{version} files), event envelopes
 * like the JSON Schema generator writes, and plain object schemas. $refs inside a
 * file and across files (paths, $id URIs, iglu: URIs) are resolved; files only
 * referenced by others are read as shared definitions, not events. Every SchemaVer of
 * a model is kept (`versions:`, `revisions:`); a root that is not one object (an Iglu
 * context's array, a oneOf) is the event's one required `data` property.
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
      const { event, kept } = importEvent(name, cs, conv, vendor, report);
      domain.events.push(event);
      const wrapped = event.extensions[PAYLOAD_EXTENSION] === DATA_PROPERTY;
      for (const x of kept) origins.push({ file: x.src.file, event: name, version: x.ver[0], schemaVer: x.ver.join('-'), ...(wrapped ? { payload: DATA_PROPERTY } : {}) });
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

/**
 * Which source file became which event version (every schema imported: each model's newest and
 * earlier REVISION-ADDITIONs). `payload: 'data'`: the schema's root travels as that property.
 */
export interface SchemaOrigin { file: string; event: string; version: number; schemaVer: string; payload?: string }
