import type { Property } from '@taxonomy/core';
import { jsDoc, paragraphs, tag, docText } from './jsdoc.js';
import { propertyName } from './literal.js';
import { indexSignatures, JSON_VALUE_DECLARATION, literalUnion, objectTypeText, typeText } from './type-text.js';
import { shapeFacts } from './shape-facts.js';
import type { EventView, TrackerView } from './view.js';

/**
 * types.ts: every type of the package, and nothing that exists at run time. Printed
 * directly as text (it is a declaration file as it stands): one interface per event,
 * the largest part of the package.
 */

const MEMBER = '    ';
/** Continuation lines of a member's type (ts-morph's hanging indent). */
const HANGING = '        ';

function propertyDoc(p: Property, ev: EventView): string {
  const facts: string[] = [];
  if (p.unit) facts.push(`Unit: ${p.unit}.`);
  if (p.privacy) facts.push(`Privacy: ${p.privacy}${ev.content.some((c) => c.length === 1 && c[0] === p.name) ? ' (dropped unless the tracker sets includeContent)' : ''}.`);
  if (ev.clockKeys.includes(p.name)) facts.push('Filled with the event time when omitted.');
  else if (p.const !== undefined) facts.push('Constant: filled by the tracker when omitted.');
  else if (ev.globalKeys.includes(p.name)) facts.push('Global: may be supplied once through the tracker\'s `globals`.');
  if (p.stability === 'experimental') facts.push('Experimental: may change or go without notice.');
  return [p.description ?? '', facts.join(' '), shapeFacts(p), enumMembersDoc(p)].filter(Boolean).join('\n\n');
}

/** What each enum value means and how stable it is, one line a value (only when one says more than its value). */
function enumMembersDoc(p: Property): string {
  if (!p.enumMembers) return '';
  return ['Values:', ...p.enumMembers.map((m) => {
    const status = m.deprecated
      ? ` (deprecated${m.deprecated.renamedTo !== undefined ? `: use ${JSON.stringify(m.deprecated.renamedTo)}` : ''})`
      : m.stability === 'experimental' ? ' (experimental)' : '';
    return `- ${JSON.stringify(m.value)}${status}${m.description ? `: ${m.description}` : ''}`;
  })].join('\n');
}

/** The `@deprecated` tag of a property, naming its replacement (empty when it is not deprecated). */
export function propertyDeprecatedTag(p: Property): string[] {
  const d = p.deprecated;
  if (!d) return [];
  const parts = [
    d.renamedTo !== undefined ? `Use \`${d.renamedTo}\` instead.` : '',
    d.since ? `Since ${d.since}.` : '',
    d.reason ?? '',
    d.removal ? `Removal: ${d.removal}.` : '',
    d.renamedTo === undefined && !d.reason ? 'No replacement.' : '',
  ].filter(Boolean).join(' ');
  return [tag('deprecated', docText(parts))];
}

/** `readonly name?: type;` with its JSDoc, one interface member. */
const member = (doc: string, name: string, optional: boolean, type: string, tags: readonly string[] = []) =>
  `${jsDoc(doc, MEMBER, tags)}${MEMBER}readonly ${name}${optional ? '?' : ''}: ${type};\n`;

/** An exported interface; `head` is its name with type parameters. */
const iface = (doc: string, head: string, members: string) => `${jsDoc(doc, '')}export interface ${head} {\n${members}}\n`;

/** JSDoc text and tags of a tracker method: description, trigger, routing, and @deprecated with the replacement. */
function methodDoc(ev: EventView): { text: string; tags: string[] } {
  const e = ev.event;
  const facts = [`Event \`${e.name}\` v${e.version} → ${e.destinations.join(', ') || '(no destination)'}.`];
  if (e.critical) facts.push('Critical: never sampled out.');
  if (e.status === 'planned') facts.push('Status: planned.');
  if (ev.note) facts.push(`Named \`${ev.note.chosen}\` because ${ev.note.reason}.`);
  const text = [e.description, e.trigger && e.trigger !== e.description ? `Trigger: ${e.trigger}` : undefined, facts.join(' ')]
    .filter((p): p is string => !!p).map(docText).join('\n\n');
  const tags: string[] = [];
  if (e.status === 'deprecated' || e.deprecated) {
    const d = e.deprecated;
    const parts = [
      d?.since ? `Since ${d.since}.` : '',
      d?.reason ?? '',
      d?.replacement ? `Use ${ev.replacementPath ? `\`${ev.replacementPath}\` (` : '`'}${d.replacement}${ev.replacementPath ? ')' : '`'} instead.` : 'No replacement.',
      d?.removal ? `Removal: ${d.removal}.` : '',
    ].filter(Boolean).join(' ');
    tags.push(tag('deprecated', docText(parts)));
  }
  return { text, tags };
}

/** The parameter type of a method: what the tracker supplies becomes optional. */
export function inputType(ev: EventView): string {
  const e = ev.event;
  const extra = indexSignatures(e.properties, e, HANGING);
  // Input's Omit cannot see declared keys behind an index signature: pick them first, add the open keys after.
  if (extra) return `Input<Pick<${ev.propsType}, ${literalUnion(e.properties.map((p) => p.name))}>, ${literalUnion(ev.autoKeys)}, ${literalUnion(ev.globalKeys)}, G> & {\n${extra}${MEMBER}}`;
  return `Input<${ev.propsType}, ${literalUnion(ev.autoKeys)}, ${literalUnion(ev.globalKeys)}, G>`;
}

function methodSignature(ev: EventView): string {
  const { text, tags } = methodDoc(ev);
  const person = ev.personType ? `, person?: ${ev.personType}` : '';
  return `${jsDoc(text, MEMBER, tags)}${MEMBER}${ev.method}(properties${ev.optionalArg ? '?' : ''}: ${inputType(ev)}${person}): void;\n`;
}

const HELPERS = `${jsDoc(paragraphs('Keys the tracker\'s `globals` always supplies (their values cannot be undefined).'), '')}`
  + 'export type Supplied<G> = { [K in keyof G]-?: undefined extends G[K] ? never : K }[keyof G];\n'
  + `${jsDoc(paragraphs('The properties a call passes: those the runtime fills (event time, constants) and the globals supplied at creation become optional.'), '')}`
  + 'export type Input<P, Auto extends PropertyKey, Global extends PropertyKey, G> = Omit<P, Auto | (Global & Supplied<G>)> & Partial<Pick<P, Extract<keyof P, Auto | (Global & Supplied<G>)>>>;\n';

/**
 * Member texts by everything they are made of. Events repeat the same properties (globals,
 * shared refs, common fields), so most members are found here: one text shared by
 * thousands of events, which is much of the speed (far fewer strings to build and keep).
 * A trie of maps, one level per part: no separator to escape, and most parts are strings
 * the model holds, whose hashes V8 computes once.
 */
class MemberCache {
  private readonly root = new Map<string, unknown>();

  get(parts: readonly string[], build: () => string): string {
    let level = this.root;
    for (let i = 0; i < parts.length - 1; i++) {
      let next = level.get(parts[i]!) as Map<string, unknown> | undefined;
      if (!next) level.set(parts[i]!, (next = new Map()));
      level = next;
    }
    const last = parts[parts.length - 1]!;
    let text = level.get(last) as string | undefined;
    if (text === undefined) level.set(last, (text = build()));
    return text;
  }
}

function propertyMember(p: Property, ev: EventView, cache: MemberCache): string {
  const type = typeText(p, HANGING);
  const facts = (p.required ? 'r' : 'o') + (p.const !== undefined ? 'c' : '-') + (ev.content.some((c) => c.length === 1 && c[0] === p.name) ? 'C' : '-')
    + (ev.clockKeys.includes(p.name) ? 'T' : '-') + (ev.globalKeys.includes(p.name) ? 'G' : '-');
  const lifecycle = p.stability || p.enumMembers ? JSON.stringify([p.stability, p.deprecated, p.enumMembers]) : '';
  return cache.get([p.name, p.description ?? '', p.unit ?? '', p.privacy ?? '', type, facts, lifecycle, shapeFacts(p)],
    () => member(paragraphs(propertyDoc(p, ev)), propertyName(p.name), !p.required, type, propertyDeprecatedTag(p)));
}

function eventInterfaces(ev: EventView, cache: MemberCache): string {
  let members = '';
  for (const p of ev.event.properties) members += propertyMember(p, ev, cache);
  members += indexSignatures(ev.event.properties, ev.event, MEMBER);
  let out = iface(paragraphs(`Properties of \`${ev.event.name}\` v${ev.event.version}.`, shapeFacts(ev.event)), ev.propsType, members);
  if (ev.personType) {
    const pp = ev.event.personProperties;
    let person = '';
    if (pp.set.length) person += member(paragraphs('Person properties to overwrite.'), '$set', true, objectTypeText(pp.set, undefined, HANGING));
    if (pp.setOnce.length) person += member(paragraphs('Person properties to set only if not set yet.'), '$set_once', true, objectTypeText(pp.setOnce, undefined, HANGING));
    out += `\n${iface(paragraphs(`Person properties \`${ev.event.name}\` may set ($set / $set_once).`), ev.personType, person)}`;
  }
  return out;
}

/** The text of types.ts (after the header). */
export function typesText(view: TrackerView): string {
  const events = view.domains.flatMap((d) => d.events);
  const parts: string[] = [];
  parts.push(`${jsDoc(paragraphs(`Every event of ${view.model.name} ${view.model.version}.`), '')}export type EventName = ${literalUnion(events.map((e) => e.event.name).sort())};\n`);
  const cache = new MemberCache();
  for (const ev of events) parts.push(eventInterfaces(ev, cache));
  parts.push(iface(paragraphs('Event name → its properties.'), 'EventProperties',
    events.map((ev) => `${MEMBER}readonly ${propertyName(ev.event.name)}: ${ev.propsType};\n`).join('')));
  const domainsOf = new Map<string, Set<string>>();
  for (const e of events) for (const k of e.globalKeys) (domainsOf.get(k) ?? domainsOf.set(k, new Set()).get(k)!).add(e.event.domain);
  let globals = '';
  for (const [name, props] of view.globals) {
    const types = [...new Set(props.map((p) => typeText(p, HANGING)))];
    globals += member(paragraphs(props[0]!.description ?? '', `Global property of ${[...(domainsOf.get(name) ?? [])].join(', ')}.`), propertyName(name), true,
      types.length === 1 ? types[0]! : types.map((t) => `(${t})`).join(' & '));
  }
  parts.push(iface(paragraphs('Global properties: supply them once through the tracker\'s `globals` (an object, or a function called per event).'), 'Globals', globals));
  parts.push(HELPERS);
  for (const d of view.domains) {
    parts.push(iface(paragraphs(d.domain.description ?? '', `Events of the \`${d.domain.name}\` domain${d.domain.owner ? ` (owner: ${d.domain.owner})` : ''}.`),
      `${d.interfaceName}<G = {}>`, d.events.map(methodSignature).join('')));
  }
  if (/\bJsonValue\b/.test(parts.join(''))) parts.push(`${jsDoc(paragraphs('Any JSON value (a `type: json` property).'), '')}${JSON_VALUE_DECLARATION}`);
  // ts-morph's layout: a blank line around each interface, none between type aliases.
  return parts.join('\n');
}
