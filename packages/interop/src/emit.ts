import { Document, Pair, Scalar, YAMLMap, YAMLSeq, type Node } from 'yaml';
import type { DraftDomain, DraftEvent, DraftMap, DraftObjectRules, DraftProperty, DraftRevision, DraftVersion } from './draft.js';

/** Where the domain schema is, seen from taxonomy/domains/ in this repository's layout. */
export const DEFAULT_SCHEMA_PATH = '../../packages/core/schema/domain.schema.json';

export interface EmitOptions {
  /** The `$schema=` target of the editor line (relative to the written file). */
  readonly schemaPath?: string;
}

const todo = (lines: readonly string[]) => lines.map((l) => ` TODO(import): ${l.replace(/\n/g, ' ')}`).join('\n');

/** Key order of a property: what it is first, then its constraints, words and annotations. */
const SCALAR_KEYS = [
  'ref', 'type', 'format', 'required', 'enum', 'const', 'minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'multipleOf',
  'minLength', 'maxLength', 'pattern', 'minItems', 'maxItems', 'uniqueItems', 'nullable', 'description', 'examples', 'unit', 'cardinality', 'privacy', 'waiver',
  'stability', 'deprecated', 'requires',
] as const;

/** An enum value as an object, `deprecated:` standing for its stability. */
function memberYaml(x: NonNullable<DraftProperty['enumMembers']>[number]): Record<string, unknown> {
  const { value, description, stability, deprecated } = x;
  return { value, ...(description !== undefined ? { description } : {}), ...(stability !== undefined && !(stability === 'deprecated' && deprecated) ? { stability } : {}), ...(deprecated ? { deprecated } : {}) };
}

class Emitter {
  constructor(private readonly doc: Document) {}

  key(name: string, todos?: readonly string[]): Scalar {
    const k = new Scalar(name);
    if (todos?.length) k.commentBefore = todo(todos);
    return k;
  }

  value(v: unknown, flow = true): Node {
    return this.doc.createNode(v, { flow }) as Node;
  }

  property(p: DraftProperty): YAMLMap {
    const m = new YAMLMap();
    for (const k of SCALAR_KEYS) {
      // Enum values with words or a lifecycle are written as objects; `deprecated:` implies the stability.
      let v: unknown = k === 'enum' && p.enumMembers ? p.enumMembers.map((x) => (Object.keys(x).length > 1 ? memberYaml(x) : x.value)) : p[k];
      // Several types: `type: [string, integer]`, null in the list when nullable.
      if (k === 'type' && p.types) v = p.nullable ? [...p.types, 'null'] : p.types;
      if (k === 'nullable' && p.types) continue;
      if (v === undefined || (k === 'required' && v === false) || (k === 'stability' && v === 'deprecated' && p.deprecated)) continue;
      m.add(new Pair(new Scalar(k), this.value(v, !(k === 'enum' && p.enumMembers))));
    }
    if (p.requiredWhen) m.add(new Pair(new Scalar('required_when'), this.value({ property: p.requiredWhen.property, in: p.requiredWhen.in })));
    if (p.contentGated !== undefined) m.add(new Pair(new Scalar('content_gated'), new Scalar(p.contentGated)));
    for (const kw of ['oneOf', 'anyOf'] as const) {
      const variants = p[kw];
      if (!variants) continue;
      const seq = new YAMLSeq();
      for (const v of variants) seq.items.push(this.property(v));
      m.add(new Pair(new Scalar(kw), seq));
    }
    if (p.discriminator) m.add(new Pair(new Scalar('discriminator'), new Scalar(p.discriminator)));
    if (p.prefixItems) {
      const seq = new YAMLSeq();
      for (const el of p.prefixItems) seq.items.push(this.property(el));
      m.add(new Pair(new Scalar('prefixItems'), seq));
    }
    if (p.items) m.add(new Pair(this.key('items', p.items.todos), this.property(p.items)));
    if (p.properties) m.add(new Pair(new Scalar('properties'), this.map(p.properties)));
    this.objectRules(m, p);
    for (const [k, v] of Object.entries(p.extensions ?? {})) m.add(new Pair(new Scalar(k), this.value(v)));
    // Small leaf properties read best on one line, like the hand-written domains.
    const nested = p.items || p.prefixItems || p.properties || p.values || p.patternProperties || p.oneOf || p.anyOf;
    const long = (p.description?.length ?? 0) > 90 || m.items.length > 6 || Object.keys(p.extensions ?? {}).length > 0 || !!p.enumMembers;
    m.flow = !nested && !long;
    return m;
  }

  /** values, patternProperties, minProperties, maxProperties (of an object, an event or a version). */
  objectRules(m: YAMLMap, r: DraftObjectRules): void {
    if (r.values) m.add(new Pair(this.key('values', r.values.todos), this.property(r.values)));
    if (r.patternProperties?.size) m.add(new Pair(new Scalar('patternProperties'), this.map(r.patternProperties)));
    if (r.minProperties !== undefined) m.add(new Pair(new Scalar('minProperties'), this.value(r.minProperties)));
    if (r.maxProperties !== undefined) m.add(new Pair(new Scalar('maxProperties'), this.value(r.maxProperties)));
  }

  map(props: DraftMap): YAMLMap {
    const m = new YAMLMap();
    for (const [name, p] of props) m.add(new Pair(this.key(name, p.todos), this.property(p)));
    return m;
  }

  event(e: DraftEvent): YAMLMap {
    const m = new YAMLMap();
    const add = (k: string, v: unknown) => { if (v !== undefined) m.add(new Pair(new Scalar(k), this.value(v))); };
    add('description', e.description);
    add('trigger', e.trigger);
    add('category', e.category);
    add('status', e.status);
    if (e.version !== undefined && e.version !== 1) add('version', e.version);
    if (e.revision) add('revision', e.revision);
    if (e.addition) add('addition', e.addition);
    if (e.changelog?.length) m.add(new Pair(new Scalar('changelog'), this.value(e.changelog.map((c) => ({ version: c.version, change: c.change })), false)));
    if (e.properties.size) m.add(new Pair(new Scalar('properties'), this.map(e.properties)));
    this.objectRules(m, e);
    if (e.personSet?.size || e.personSetOnce?.size) {
      const pp = new YAMLMap();
      if (e.personSet?.size) pp.add(new Pair(new Scalar('set'), this.map(e.personSet)));
      if (e.personSetOnce?.size) pp.add(new Pair(new Scalar('set_once'), this.map(e.personSetOnce)));
      m.add(new Pair(new Scalar('person_properties'), pp));
    }
    for (const [k, v] of Object.entries(e.extensions)) add(k, v);
    this.revisions(m, e.revisions);
    if (e.versions?.length) {
      const vs = new YAMLMap();
      for (const v of e.versions) vs.add(new Pair(this.key(String(v.version), v.todos), this.version(v)));
      m.add(new Pair(new Scalar('versions'), vs));
    }
    return m;
  }

  /** An older live version: its SchemaVer parts, words, properties and earlier revisions. */
  version(v: DraftVersion): YAMLMap {
    const m = new YAMLMap();
    if (v.description !== undefined) m.add(new Pair(new Scalar('description'), this.value(v.description)));
    if (v.revision) m.add(new Pair(new Scalar('revision'), this.value(v.revision)));
    if (v.addition) m.add(new Pair(new Scalar('addition'), this.value(v.addition)));
    if (v.properties.size) m.add(new Pair(new Scalar('properties'), this.map(v.properties)));
    this.objectRules(m, v);
    this.revisions(m, v.revisions);
    return m;
  }

  /** `revisions:` keyed R-A (earlier REVISION-ADDITIONs of a model), oldest first, each its payload as it was. */
  revisions(m: YAMLMap, revisions: readonly DraftRevision[] | undefined): void {
    if (!revisions?.length) return;
    const rs = new YAMLMap();
    for (const r of revisions) {
      const rm = new YAMLMap();
      if (r.description !== undefined) rm.add(new Pair(new Scalar('description'), this.value(r.description)));
      if (r.properties.size) rm.add(new Pair(new Scalar('properties'), this.map(r.properties)));
      this.objectRules(rm, r);
      rs.add(new Pair(this.key(`${r.revision}-${r.addition}`, r.todos), rm));
    }
    m.add(new Pair(new Scalar('revisions'), rs));
  }
}

/** Writes the draft as a domain file: schema line first, TODO comments where they belong. */
export function emitDomainYaml(d: DraftDomain, opts: EmitOptions = {}): string {
  const doc = new Document();
  const em = new Emitter(doc);
  doc.commentBefore = [` yaml-language-server: $schema=${opts.schemaPath ?? DEFAULT_SCHEMA_PATH}`, ...d.header.map((h) => ` ${h}`)].join('\n');
  const root = new YAMLMap();
  const add = (k: string, v: unknown) => { if (v !== undefined) root.add(new Pair(new Scalar(k), em.value(v))); };
  add('domain', d.domain);
  add('description', d.description);
  add('source', d.source);
  add('naming', d.naming);
  add('property_naming', d.propertyNaming);
  add('reserved_prefix', d.reservedPrefix);
  for (const [k, v] of Object.entries(d.extensions)) add(k, v);
  if (d.globalProperties.size) root.add(new Pair(new Scalar('global_properties'), em.map(d.globalProperties)));
  if (d.properties.size) root.add(new Pair(new Scalar('properties'), em.map(d.properties)));
  const events = new YAMLMap();
  for (const e of d.events) events.add(new Pair(em.key(e.name, e.todos), em.event(e)));
  root.add(new Pair(new Scalar('events'), events));
  doc.contents = root;
  if (d.todos.length) doc.comment = todo(d.todos);
  return doc.toString({ lineWidth: 0, flowCollectionPadding: false });
}
