import { StructureKind, type InterfaceDeclarationStructure, type JSDocStructure, type MethodSignatureStructure, type OptionalKind, type PropertySignatureStructure, type StatementStructures, type TypeAliasDeclarationStructure } from 'ts-morph';
import type { Property } from '@taxonomy/core';
import { docText, literalUnion, objectType, print, propertyName, typeText } from './ast.js';
import type { EventView, TrackerView } from './view.js';

const doc = (...parts: (string | undefined)[]): OptionalKind<JSDocStructure>[] => {
  const text = parts.filter((p): p is string => !!p && p.trim() !== '').map(docText).join('\n\n');
  return text ? [{ description: text }] : [];
};

function propertyDoc(p: Property, ev?: EventView): string {
  const facts: string[] = [];
  if (p.unit) facts.push(`Unit: ${p.unit}.`);
  if (p.privacy) facts.push(`Privacy: ${p.privacy}${ev?.content.some((c) => c.length === 1 && c[0] === p.name) ? ' (dropped unless the tracker sets includeContent)' : ''}.`);
  if (ev?.clockKeys.includes(p.name)) facts.push('Filled with the event time when omitted.');
  else if (p.const !== undefined) facts.push('Constant: filled by the tracker when omitted.');
  else if (ev?.globalKeys.includes(p.name)) facts.push('Global: may be supplied once through the tracker\'s `globals`.');
  return [p.description ?? '', facts.join(' ')].filter(Boolean).join('\n\n');
}

function propertySignatures(props: readonly Property[], ev?: EventView): OptionalKind<PropertySignatureStructure>[] {
  return props.map((p) => ({
    name: print(propertyName(p.name)),
    type: typeText(p),
    hasQuestionToken: !p.required,
    isReadonly: true,
    docs: doc(propertyDoc(p, ev)),
  }));
}

/** JSDoc of a tracker method: description, trigger, routing, and @deprecated with the replacement. */
export function methodDocs(ev: EventView): OptionalKind<JSDocStructure>[] {
  const e = ev.event;
  const facts = [`Event \`${e.name}\` v${e.version} → ${e.destinations.join(', ') || '(no destination)'}.`];
  if (e.critical) facts.push('Critical: never sampled out.');
  if (e.status === 'planned') facts.push('Status: planned.');
  if (ev.note) facts.push(`Named \`${ev.note.chosen}\` because ${ev.note.reason}.`);
  const text = [e.description, e.trigger && e.trigger !== e.description ? `Trigger: ${e.trigger}` : undefined, facts.join(' ')]
    .filter((p): p is string => !!p).map(docText).join('\n\n');
  const tags: { tagName: string; text?: string }[] = [];
  if (e.status === 'deprecated' || e.deprecated) {
    const d = e.deprecated;
    const parts = [
      d?.since ? `Since ${d.since}.` : '',
      d?.reason ?? '',
      d?.replacement ? `Use ${ev.replacementPath ? `\`${ev.replacementPath}\` (` : '`'}${d.replacement}${ev.replacementPath ? ')' : '`'} instead.` : 'No replacement.',
      d?.removal ? `Removal: ${d.removal}.` : '',
    ].filter(Boolean).join(' ');
    tags.push({ tagName: 'deprecated', text: docText(parts) });
  }
  return [{ description: text, tags }];
}

/** The parameter type of a method: what the tracker supplies becomes optional. */
export function inputType(ev: EventView): string {
  return `Input<${ev.propsType}, ${literalUnion(ev.autoKeys)}, ${literalUnion(ev.globalKeys)}, G>`;
}

export function methodSignature(ev: EventView): OptionalKind<MethodSignatureStructure> {
  const parameters = [{ name: 'properties', type: inputType(ev), hasQuestionToken: ev.optionalArg }];
  if (ev.personType) parameters.push({ name: 'person', type: ev.personType, hasQuestionToken: true });
  return { name: ev.method, parameters, returnType: 'void', docs: methodDocs(ev) };
}

const HELPERS: TypeAliasDeclarationStructure[] = [
  {
    kind: StructureKind.TypeAlias, isExported: true, name: 'Supplied', typeParameters: ['G'],
    type: '{ [K in keyof G]-?: undefined extends G[K] ? never : K }[keyof G]',
    docs: doc('Keys the tracker\'s `globals` always supplies (their values cannot be undefined).'),
  },
  {
    kind: StructureKind.TypeAlias, isExported: true, name: 'Input',
    typeParameters: ['P', { name: 'Auto', constraint: 'PropertyKey' }, { name: 'Global', constraint: 'PropertyKey' }, 'G'],
    type: 'Omit<P, Auto | (Global & Supplied<G>)> & Partial<Pick<P, Extract<keyof P, Auto | (Global & Supplied<G>)>>>',
    docs: doc('The properties a call passes: those the runtime fills (event time, constants) and the globals supplied at creation become optional.'),
  },
];

/** types.ts: every type of the package, and nothing that exists at run time. */
export function typesStatements(view: TrackerView): StatementStructures[] {
  const out: StatementStructures[] = [];
  const events = view.domains.flatMap((d) => d.events);
  out.push({
    kind: StructureKind.TypeAlias, isExported: true, name: 'EventName',
    type: literalUnion(events.map((e) => e.event.name).sort()),
    docs: doc(`Every event of ${view.model.name} ${view.model.version}.`),
  });
  for (const ev of events) {
    out.push({
      kind: StructureKind.Interface, isExported: true, name: ev.propsType,
      properties: propertySignatures(ev.event.properties, ev),
      docs: doc(`Properties of \`${ev.event.name}\` v${ev.event.version}.`),
    } satisfies InterfaceDeclarationStructure);
    if (ev.personType) {
      const pp = ev.event.personProperties;
      const properties: OptionalKind<PropertySignatureStructure>[] = [];
      if (pp.set.length) properties.push({ name: '$set', type: print(objectType(pp.set)), hasQuestionToken: true, isReadonly: true, docs: doc('Person properties to overwrite.') });
      if (pp.setOnce.length) properties.push({ name: '$set_once', type: print(objectType(pp.setOnce)), hasQuestionToken: true, isReadonly: true, docs: doc('Person properties to set only if not set yet.') });
      out.push({ kind: StructureKind.Interface, isExported: true, name: ev.personType, properties, docs: doc(`Person properties \`${ev.event.name}\` may set ($set / $set_once).`) });
    }
  }
  out.push({
    kind: StructureKind.Interface, isExported: true, name: 'EventProperties',
    properties: events.map((ev) => ({ name: print(propertyName(ev.event.name)), type: ev.propsType, isReadonly: true })),
    docs: doc('Event name → its properties.'),
  });
  out.push({
    kind: StructureKind.Interface, isExported: true, name: 'Globals',
    properties: [...view.globals.entries()].map(([name, props]) => {
      const types = [...new Set(props.map((p) => typeText(p)))];
      return {
        name: print(propertyName(name)),
        type: types.length === 1 ? types[0]! : types.map((t) => `(${t})`).join(' & '),
        hasQuestionToken: true, isReadonly: true,
        docs: doc(props[0]!.description ?? '', `Global property of ${[...new Set(events.filter((e) => e.globalKeys.includes(name)).map((e) => e.event.domain))].join(', ')}.`),
      };
    }),
    docs: doc('Global properties: supply them once through the tracker\'s `globals` (an object, or a function called per event).'),
  });
  out.push(...HELPERS);
  for (const d of view.domains) {
    out.push({
      kind: StructureKind.Interface, isExported: true, name: d.interfaceName, typeParameters: [{ name: 'G', default: '{}' }],
      methods: d.events.map(methodSignature),
      docs: doc(d.domain.description ?? '', `Events of the \`${d.domain.name}\` domain${d.domain.owner ? ` (owner: ${d.domain.owner})` : ''}.`),
    });
  }
  return out;
}
