import { EVENT_NAME as WIRE_EVENT_NAME, foldName } from '@taxonomy/core';
import { countProperties, newDomain, newEvent, safeEventName, safeIdentifier, type DraftDomain, type DraftEvent, type DraftMap } from './draft.js';
import { finishImport, type ImportOptions, type ImportResult } from './finish.js';
import { fmt, readJson, type JsonDocument } from './json.js';
import { newReport, type ImportReport } from './report.js';
import { SchemaConverter } from './schema.js';
import { whereOf, type SchemaSource } from './schema-refs.js';

/** Segment rule types and where their fields live in the rule's jsonSchema. */
export const SEGMENT_TYPES = ['TRACK', 'IDENTIFY', 'GROUP', 'PAGE', 'SCREEN', 'COMMON'] as const;
export type SegmentType = (typeof SEGMENT_TYPES)[number];

/** Rule-level keywords the importer reads (anything else is reported). */
const RULE_SCHEMA_KEYS = new Set(['$schema', 'type', 'properties', 'required', 'description', 'title', 'labels', 'definitions', '$defs', '$id', 'additionalProperties']);

interface RawRule { index: number; pointer: string; key?: string; type: string; version: number; jsonSchema: unknown }

const isObject = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);

/** Finds the rules in any of the shapes a plan comes in (Public API, its list response, the older Config API). */
function findRules(v: unknown, report: ImportReport, file: string): RawRule[] {
  const candidates: [unknown, string][] = isObject(v)
    ? [[v.rules, '/rules'], [isObject(v.data) ? v.data.rules : undefined, '/data/rules'], [isObject(v.trackingPlan) ? v.trackingPlan.rules : undefined, '/trackingPlan/rules']]
    : [[v, '']];
  for (const [rules, at] of candidates) {
    if (Array.isArray(rules)) {
      return rules.map((r, index) => {
        const o = isObject(r) ? r : {};
        return { index, pointer: `${at}/${index}`, key: typeof o.key === 'string' ? o.key : undefined, type: typeof o.type === 'string' ? o.type.toUpperCase() : 'TRACK', version: typeof o.version === 'number' ? o.version : 1, jsonSchema: o.jsonSchema };
      });
    }
    // The Config API (and typewriter/RudderTyper) shape: rules.events[] with name/version/rules.
    if (isObject(rules) && Array.isArray(rules.events)) {
      report.guessed.push({ where: file, message: 'the plan is in the Config API shape (rules.events[]); read as TRACK rules' });
      const out: RawRule[] = rules.events.map((r: unknown, index: number) => {
        const o = isObject(r) ? r : {};
        const js = isObject(o.rules) ? { ...o.rules, ...(typeof o.description === 'string' && !o.rules.description ? { description: o.description } : {}) } : o.rules;
        return { index, pointer: `${at}/events/${index}`, key: typeof o.name === 'string' ? o.name : undefined, type: 'TRACK', version: typeof o.version === 'number' ? o.version : 1, jsonSchema: js };
      });
      for (const [k, type] of [['identify', 'IDENTIFY'], ['group', 'GROUP'], ['global', 'COMMON']] as const) {
        if (isObject(rules[k])) out.push({ index: out.length, pointer: `${at}/${k}`, type, version: 1, jsonSchema: rules[k] });
      }
      return out;
    }
  }
  report.unmapped.push({ where: `${file}:1:1`, message: 'no tracking-plan rules found (expected "rules": [...], "data": { "rules": [...] } or "rules": { "events": [...] })', hint: 'export the plan with the Segment Public API (GET /tracking-plans/{id}/rules) and pass that file' });
  return [];
}

function planName(v: unknown): string | undefined {
  if (!isObject(v)) return undefined;
  for (const o of [v, v.trackingPlan, isObject(v.data) ? v.data.trackingPlan : undefined]) {
    if (isObject(o)) for (const k of ['display_name', 'name']) if (typeof o[k] === 'string' && o[k]) return o[k] as string;
  }
  return undefined;
}

/** Converts the payload object at `field` (properties or traits) of a rule's jsonSchema. */
function payload(conv: SchemaConverter, src: SchemaSource, js: Record<string, unknown>, field: string, todos: { todos?: string[] }, owner: string): DraftMap {
  const props = isObject(js.properties) ? js.properties[field] : undefined;
  if (props === undefined || (isObject(props) && Object.keys(props).length === 0)) return new Map();
  const at = `${src.base}/properties/${field}`;
  const c = conv.convert(props, src, at, field);
  if ('omitted' in c) { (todos.todos ??= []).push(`${field} of the rule not imported: ${c.omitted}`); return new Map(); }
  (todos.todos ??= []).push(...(c.prop.todos ?? []));
  if (c.prop.type !== 'object') {
    (todos.todos ??= []).push(`${field} of the rule is ${c.prop.type}, not an object`);
    return new Map();
  }
  if (c.prop.values) (todos.todos ??= []).push(`${field} of '${owner}' also accepts free keys (additionalProperties) of type ${c.prop.values.type}; the taxonomy payload is closed`);
  return c.prop.properties ?? new Map();
}

/** What every rule of one plan is imported against. */
interface PlanImport {
  readonly file: string;
  readonly doc: JsonDocument;
  readonly domain: DraftDomain;
  readonly report: ImportReport;
  readonly conv: SchemaConverter;
  readonly byName: Map<string, DraftEvent>;
  /**
   * Folded name (case and separators dropped) → the wire name that holds it. Valid wire names
   * hold theirs from the start, first rule first, so a name made for an invalid one gives way, and
   * of two valid names that fold to one ('Order Completed', 'order_completed': one domain cannot
   * hold both, identity/event) the first keeps its spelling.
   */
  readonly foldOwner: Map<string, string>;
}

/** The domain (its id from the option, the plan name or the file name) and the plan's read problems. */
function planDomain(doc: JsonDocument, file: string, opts: ImportOptions): { domain: DraftDomain; report: ImportReport } {
  const name = opts.domain ?? planName(doc.value) ?? file.replace(/^.*[\\/]/, '').replace(/\.json$/i, '');
  const domain = newDomain(safeIdentifier(name));
  const report = newReport('segment', file, domain.domain);
  if (!opts.domain) report.guessed.push({ where: file, message: `domain id '${domain.domain}' taken from ${planName(doc.value) ? 'the plan name' : 'the file name'}`, hint: 'pass --domain <id> to choose it' });
  domain.source = `${file} (Segment tracking plan)`;
  domain.header.push(`Imported from ${file} by \`taxonomy import segment\`. Review the TODO(import) comments.`);
  if (doc.syntaxError) {
    const e = doc.syntaxError;
    report.unmapped.push({ where: `${file}:${fmt(e.position)}`, message: `${e.message}; reading stopped here, the rules before it are imported`, hint: e.hint });
    domain.todos.push(`${file}:${fmt(e.position)}: ${e.message}; rules after this point are missing`);
  }
  for (const d of doc.duplicates) {
    report.unmapped.push({ where: `${file}:${fmt(d.position)} #${d.pointer}`, message: d.message, hint: d.hint });
    domain.todos.push(`${file}:${fmt(d.position)}: ${d.message}`);
  }
  return { domain, report };
}

/**
 * The event a rule names: its wire name as written ('Order Completed' included), or, when the
 * format cannot hold it or another name of the plan folds to the same identifier, a snake_case
 * name with the wire name kept as x-segment-key (the export sends it).
 */
function namedEvent(rule: RawRule, wire: string, where: string, pi: PlanImport): DraftEvent {
  const valid = WIRE_EVENT_NAME.test(wire);
  const eventName0 = valid ? wire : safeEventName(wire);
  const taken = (n: string) => { const o = pi.foldOwner.get(foldName(n)); return o !== undefined && o !== wire; };
  let eventName = eventName0;
  if (taken(eventName)) {
    const snake = safeEventName(eventName0.replace(/ /g, '_'));
    eventName = snake;
    for (let n = 2; taken(eventName); n++) eventName = `${snake}_${n}`;
  }
  if (!pi.foldOwner.has(foldName(eventName))) pi.foldOwner.set(foldName(eventName), wire);
  const event = newEvent(eventName);
  if (eventName !== wire) {
    const owner = valid ? pi.foldOwner.get(foldName(wire)) : undefined;
    const why = owner !== undefined
      ? `event name '${wire}' differs from '${owner}' only in case or separators, and one domain cannot hold both (every identifier derived from them would collide)`
      : `event name '${wire}' is not a valid taxonomy event name (words of letters, digits and _, separated by single spaces or dots)`;
    pi.report.findings.push({ where, message: `${why}; imported as '${eventName}' with x-segment-key: '${wire}'`, hint: 'the exported plan sends the original name; rename the event at the source to drop the mapping' });
    event.extensions['x-segment-key'] = wire;
  }
  if (rule.type !== 'TRACK') {
    event.extensions['x-segment-type'] = rule.type;
    if (!rule.key) pi.report.guessed.push({ where, message: `${rule.type} rule without a key imported as event '${eventName}' (x-segment-type: ${rule.type})` });
  }
  event.version = Math.max(1, Math.trunc(rule.version));
  return event;
}

/** The rule's payload into the event; context/traits fields and other rule keywords have no place and are reported. */
function rulePayload(rule: RawRule, event: DraftEvent, wire: string, src: SchemaSource, js: Record<string, unknown>, where: string, pi: PlanImport): void {
  const { conv, report } = pi;
  const eventName = event.name;
  if (typeof js.description === 'string' && js.description) event.description = js.description;
  if (isObject(js.labels) && Object.keys(js.labels).length) event.extensions['x-segment-labels'] = js.labels;
  const todos = { todos: [] as string[] };
  if (rule.type === 'IDENTIFY') event.personSet = payload(conv, src, js, 'traits', todos, eventName);
  else event.properties = payload(conv, src, js, rule.type === 'GROUP' ? 'traits' : 'properties', todos, eventName);
  if (rule.type === 'IDENTIFY' || rule.type === 'GROUP') report.guessed.push({ where, message: `${rule.type} traits imported as ${rule.type === 'IDENTIFY' ? 'person properties ($set)' : 'properties'} of event '${eventName}'` });
  for (const field of rule.type === 'TRACK' || rule.type === 'PAGE' || rule.type === 'SCREEN' ? ['context', 'traits'] : ['context', 'properties']) {
    const extra = payload(conv, src, js, field, todos, eventName);
    if (extra.size) {
      report.unmapped.push({ where: whereOf(src, `${src.base}/properties/${field}`), message: `${field} fields of '${wire}' (${[...extra.keys()].join(', ')}) have no place in a taxonomy event`, hint: `model them as event properties, or leave them to the ${field} the tracker attaches` });
      todos.todos.push(`the source also constrains ${field}.${[...extra.keys()].join(`, ${field}.`)}; not imported`);
    }
  }
  for (const k of Object.keys(js)) {
    if (RULE_SCHEMA_KEYS.has(k) || k.startsWith('x-')) continue;
    report.unmapped.push({ where: whereOf(src, `${src.base}/${k}`), message: `rule keyword '${k}' of '${wire}' is not imported`, hint: 'put constraints on the properties themselves' });
    todos.todos.push(`the rule's jsonSchema also has '${k}'; not imported`);
  }
  event.todos.push(...todos.todos);
}

/** Adds the event, or merges it with an earlier one of its name: the same version is a duplicate, another goes to the changelog. */
function addEvent(event: DraftEvent, rule: RawRule, wire: string, where: string, pi: PlanImport): void {
  const { byName, report, file } = pi;
  const eventName = event.name;
  const prev = byName.get(eventName);
  if (prev) {
    const pv = prev.version ?? 1;
    if (pv === event.version) {
      report.unmapped.push({ where, message: `'${wire}' v${event.version} is defined twice; the first definition is kept`, hint: 'remove the duplicate rule' });
      prev.todos.push(`the source defines this event twice (version ${pv}); the second definition (rule ${rule.index}) is not imported`);
      return;
    }
    const [keep, older] = pv > event.version! ? [prev, event] : [event, prev];
    keep.changelog = [...(keep.changelog ?? []), ...(older.changelog ?? []), { version: older.version ?? 1, change: `version ${older.version ?? 1} in ${file} (not imported: the taxonomy keeps the current version)` }].sort((a, b) => a.version - b.version);
    report.guessed.push({ where, message: `'${wire}' has versions ${Math.min(pv, event.version!)} and ${Math.max(pv, event.version!)}: version ${keep.version} imported, the other noted in changelog` });
    byName.set(eventName, keep);
    return;
  }
  if (!WIRE_EVENT_NAME.test(eventName)) {
    report.unmapped.push({ where, message: `no valid event name can be made from '${wire}'`, hint: 'rename the event' });
    return;
  }
  byName.set(eventName, event);
  report.created.push({ where, message: `event '${eventName}' v${event.version} (${countProperties(event.properties) + countProperties(event.personSet)} properties)` });
}

/** One rule: skipped when cut off or of an unknown type; COMMON into the domain's globals; else an event. */
function importRule(rule: RawRule, pi: PlanImport): void {
  const { doc, report, domain } = pi;
  const src: SchemaSource = { file: pi.file, doc, base: `${rule.pointer}/jsonSchema`, root: rule.jsonSchema };
  const where = whereOf({ ...src, base: '' }, rule.pointer);
  if (doc.incomplete.has(rule.pointer) || doc.incomplete.has(src.base)) {
    report.unmapped.push({ where, message: `rule ${rule.index}${rule.key ? ` '${rule.key}'` : ''} is cut off by the syntax error; not imported`, hint: 'fix or re-export the file' });
    return;
  }
  if (!(SEGMENT_TYPES as readonly string[]).includes(rule.type)) {
    report.unmapped.push({ where, message: `rule ${rule.index} has type '${rule.type}'; expected one of ${SEGMENT_TYPES.join(', ')}`, hint: 'fix the type' });
    return;
  }
  const js = isObject(rule.jsonSchema) ? rule.jsonSchema : {};
  if (!isObject(rule.jsonSchema)) report.guessed.push({ where, message: `rule ${rule.index} has no jsonSchema object: imported without properties` });
  if (rule.type === 'COMMON') {
    const globals = payload(pi.conv, src, js, 'properties', domain, 'COMMON');
    for (const [k, p] of globals) domain.globalProperties.set(k, p);
    report.created.push({ where, message: `${globals.size} global properties of the domain (COMMON rule)` });
    return;
  }
  const wire = rule.key ?? (rule.type === 'IDENTIFY' ? 'identify' : rule.type === 'GROUP' ? 'group' : rule.type === 'PAGE' ? 'page' : rule.type === 'SCREEN' ? 'screen' : undefined);
  if (!wire) {
    report.unmapped.push({ where, message: `TRACK rule ${rule.index} has no key (event name)`, hint: 'give the rule a key' });
    return;
  }
  if (!/[A-Za-z0-9]/.test(wire)) {
    // Quoted with every line break escaped: the name goes into a YAML comment and a terminal line.
    const shown = JSON.stringify(wire).replace(/[\u0085\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
    report.unmapped.push({ where, message: `no valid event name can be made from ${shown}: it has no letter or digit, so it is empty once case, separators and punctuation are folded`, hint: 'give the rule a key with at least one letter' });
    domain.todos.push(`${where}: rule ${rule.index} (${shown}) not imported: its name has no letter or digit`);
    return;
  }
  const event = namedEvent(rule, wire, where, pi);
  rulePayload(rule, event, wire, src, js, where, pi);
  addEvent(event, rule, wire, where, pi);
}

/**
 * Imports a Segment (or RudderStack) tracking plan: one event per TRACK/PAGE/SCREEN rule,
 * IDENTIFY traits as person properties, GROUP traits as a `group` event, COMMON
 * properties as the domain's global properties.
 */
export function importSegmentPlan(text: string, opts: ImportOptions = {}): ImportResult {
  const file = opts.sourceName ?? 'plan.json';
  const doc: JsonDocument = readJson(text);
  const { domain, report } = planDomain(doc, file, opts);
  const conv = new SchemaConverter({ report });
  const rules = findRules(doc.value, report, file);
  const foldOwner = new Map<string, string>();
  for (const r of rules) if (r.key && WIRE_EVENT_NAME.test(r.key) && !foldOwner.has(foldName(r.key))) foldOwner.set(foldName(r.key), r.key);
  const pi: PlanImport = { file, doc, domain, report, conv, byName: new Map(), foldOwner };
  for (const rule of rules) importRule(rule, pi);
  domain.events = [...pi.byName.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  if (domain.events.some((e) => e.properties.size)) {
    report.guessed.push({ where: file, message: 'payloads are closed in the taxonomy (a property not listed is rejected); Segment accepts unplanned properties unless the plan blocks them' });
  }
  return finishImport(domain, report, { ...opts, sourceName: file });
}
